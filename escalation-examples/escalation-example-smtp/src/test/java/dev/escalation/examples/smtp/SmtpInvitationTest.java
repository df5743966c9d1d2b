package dev.escalation.examples.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import dev.escalation.model.NotificationKind;
import dev.escalation.model.Party;
import dev.escalation.spi.MeetingInvite;
import dev.escalation.spi.PermanentDeliveryException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeMessage;
import java.io.StringReader;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.Temporal;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Parameter;
import net.fortuna.ical4j.model.Period;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.Attendee;
import net.fortuna.ical4j.model.property.ExDate;
import net.fortuna.ical4j.model.property.RRule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Invitations of meeting series and cancellations, sent through {@link SmtpNotifier} to GreenMail and parsed back
 * with ical4j: METHOD, UID, SEQUENCE, STATUS, RRULE, EXDATE and the occurrences a calendar computes from them.
 */
class SmtpInvitationTest {

    @RegisterExtension
    static final GreenMailExtension GREEN_MAIL =
            new GreenMailExtension(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());

    private static final Instant NOW = Instant.parse("2027-01-18T08:30:00Z");
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final Party INA = new Party(Party.Kind.CONTACT, "ina", "Ina Incident", "ina@customer.example");
    private static final Party EVE = new Party(Party.Kind.STAFF, "eve", "Eve Escalation", "eve@vendor.example");

    /** Tuesdays 14:00 Berlin from 19 Jan 2027 (CET, 13:00Z) every week until 30 Mar (CEST since 28 Mar, 12:00Z). */
    private static final Instant FIRST = at(2027, 1, 19, 14);

    private static final Instant UNTIL = at(2027, 3, 30, 14);
    private static final Instant HOLIDAY = at(2027, 2, 2, 14);

    private static Instant at(int year, int month, int day, int hour) {
        return LocalDateTime.of(year, month, day, hour, 0).atZone(BERLIN).toInstant();
    }

    private static SmtpNotifier notifier() {
        return SmtpNotifier.builder()
                .host("127.0.0.1")
                .port(GREEN_MAIL.getSmtp().getPort())
                .from("escalations@vendor.example", "Support Management")
                .messageIdDomain("vendor.example")
                .timeout(Duration.ofSeconds(5))
                .clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .build();
    }

    private static MeetingInvite series(
            MeetingInvite.Method method, int sequence, Duration interval, ZoneId zone, List<Instant> exceptions) {
        return new MeetingInvite(
                "plan-E-42@vendor.example",
                "Escalation E-42: weekly call",
                FIRST,
                Duration.ofMinutes(30),
                EVE,
                List.of(INA, EVE),
                sequence,
                method,
                Optional.of(new MeetingInvite.Recurrence(interval, zone, Optional.of(UNTIL), exceptions)));
    }

    /** Sends the invite and returns the received calendar part's content type and parsed calendar. */
    private record Received(ContentType type, Calendar calendar, VEvent event) {}

    private static Received send(String key, MeetingInvite invite) throws Exception {
        notifier().send(SmtpNotifierTest.notification(key, NotificationKind.PLAN_AGREED, INA, Optional.of(invite)));
        assertThat(GREEN_MAIL.waitForIncomingEmail(5_000, 1)).isTrue();
        MimeMessage[] received = GREEN_MAIL.getReceivedMessages();
        assertThat(received).hasSize(1);
        Multipart parts = (Multipart) received[0].getContent();
        Part calendarPart = parts.getBodyPart(1);
        Calendar calendar = new CalendarBuilder().build(new StringReader(SmtpNotifierTest.text(calendarPart)));
        assertThat(Invitations.errors(calendar)).isEmpty();
        List<VEvent> events = calendar.getComponents("VEVENT");
        assertThat(events).hasSize(1);
        return new Received(new ContentType(calendarPart.getContentType()), calendar, events.get(0));
    }

    private static String value(VEvent event, String property) {
        return event.getProperty(property).orElseThrow().getValue();
    }

    @Test
    void aSeriesIsARequestWithAWeeklyRuleInItsZoneWithoutTheLeftOutOccurrence() throws Exception {
        Received r =
                send("k-series", series(MeetingInvite.Method.REQUEST, 0, Duration.ofDays(7), BERLIN, List.of(HOLIDAY)));

        assertThat(r.type().getParameter("method")).isEqualTo("REQUEST");
        assertThat(r.calendar().getProperty(Property.METHOD).orElseThrow().getValue())
                .isEqualTo("REQUEST");
        VEvent event = r.event();
        assertThat(value(event, Property.UID)).isEqualTo("plan-E-42@vendor.example");
        assertThat(value(event, Property.SEQUENCE)).isEqualTo("0");
        assertThat(value(event, Property.STATUS)).isEqualTo("CONFIRMED");
        // wall-clock time with the zone, and the zone's definition in the calendar
        Property start = event.getProperty(Property.DTSTART).orElseThrow();
        assertThat(start.getValue()).isEqualTo("20270119T140000");
        assertThat(start.getParameter(Parameter.TZID).orElseThrow().getValue()).isEqualTo("Europe/Berlin");
        assertThat(r.calendar().getComponents("VTIMEZONE")).hasSize(1);
        RRule<?> rule = rrule(event);
        assertThat(rule.getRecur().getFrequency().name()).isEqualTo("WEEKLY");
        assertThat(rule.getRecur().getInterval()).isEqualTo(1);
        assertThat(rule.getValue()).contains("UNTIL=20270330T120000Z");
        ExDate<?> exDate = (ExDate<?>) event.getProperty(Property.EXDATE).orElseThrow();
        assertThat(exDate.getParameter(Parameter.TZID).orElseThrow().getValue()).isEqualTo("Europe/Berlin");
        assertThat(exDate.getDates()).hasSize(1);
        assertThat(Instant.from(exDate.getDates().get(0))).isEqualTo(HOLIDAY);

        // what a calendar makes of it: every Tuesday at 14:00 Berlin, before and after the change to summer time,
        // without 2 February
        Set<Instant> occurrences = occurrences(event);
        assertThat(occurrences).hasSize(10);
        assertThat(occurrences).doesNotContain(HOLIDAY);
        assertThat(occurrences).contains(FIRST, at(2027, 1, 26, 14), at(2027, 3, 23, 14), UNTIL);
        assertThat(occurrences)
                .allSatisfy(o ->
                        assertThat(o.atZone(BERLIN).toLocalTime().getHour()).isEqualTo(14));
        assertThat(UNTIL).isEqualTo(Instant.parse("2027-03-30T12:00:00Z"));
    }

    @Test
    void theCancellationOfASeriesCarriesItsUidAndSequence() throws Exception {
        Received r =
                send("k-cancel", series(MeetingInvite.Method.CANCEL, 3, Duration.ofDays(7), BERLIN, List.of(HOLIDAY)));

        assertThat(r.type().getParameter("method")).isEqualTo("CANCEL");
        assertThat(r.calendar().getProperty(Property.METHOD).orElseThrow().getValue())
                .isEqualTo("CANCEL");
        VEvent event = r.event();
        assertThat(value(event, Property.UID)).isEqualTo("plan-E-42@vendor.example");
        assertThat(value(event, Property.SEQUENCE)).isEqualTo("3");
        assertThat(value(event, Property.STATUS)).isEqualTo("CANCELLED");
        assertThat(event.getProperty(Property.RRULE))
                .as("the whole series is cancelled")
                .isPresent();
        List<Attendee> attendees = event.getProperties(Property.ATTENDEE);
        assertThat(attendees)
                .extracting(a -> a.getCalAddress().toString().toLowerCase())
                .containsExactly("mailto:ina@customer.example", "mailto:eve@vendor.example");
        assertThat(attendees).allSatisfy(a -> {
            assertThat(a.getParameter(Parameter.RSVP)).as("no reply requested").isEmpty();
            assertThat(a.getParameter(Parameter.PARTSTAT)).isEmpty();
        });
    }

    @Test
    void theCancellationOfASingleMeetingCarriesItsUidAndSequence() throws Exception {
        MeetingInvite cancel = new MeetingInvite(
                "lessons-learned-E-42@vendor.example",
                "Lessons learned: E-42",
                FIRST,
                Duration.ofHours(1),
                EVE,
                List.of(INA, EVE),
                1,
                MeetingInvite.Method.CANCEL,
                Optional.empty());

        Received r = send("k-cancel-single", cancel);

        assertThat(r.type().getParameter("method")).isEqualTo("CANCEL");
        assertThat(r.calendar().getProperty(Property.METHOD).orElseThrow().getValue())
                .isEqualTo("CANCEL");
        assertThat(value(r.event(), Property.UID)).isEqualTo("lessons-learned-E-42@vendor.example");
        assertThat(value(r.event(), Property.SEQUENCE)).isEqualTo("1");
        assertThat(value(r.event(), Property.STATUS)).isEqualTo("CANCELLED");
        assertThat(value(r.event(), Property.DTSTART)).isEqualTo("20270119T130000Z");
        assertThat(r.event().getProperty(Property.RRULE)).isEmpty();
    }

    @Test
    void dailyAndHourlyIntervalsBecomeTheirFrequencies() throws Exception {
        Received daily =
                send("k-daily", series(MeetingInvite.Method.REQUEST, 0, Duration.ofDays(2), BERLIN, List.of()));
        RRule<?> rule = rrule(daily.event());
        assertThat(rule.getRecur().getFrequency().name()).isEqualTo("DAILY");
        assertThat(rule.getRecur().getInterval()).isEqualTo(2);
        assertThat(daily.event().getProperty(Property.EXDATE))
                .as("no exceptions")
                .isEmpty();
        GREEN_MAIL.purgeEmailFromAllMailboxes();

        Received hourly =
                send("k-hourly", series(MeetingInvite.Method.REQUEST, 0, Duration.ofHours(36), BERLIN, List.of()));
        RRule<?> hours = rrule(hourly.event());
        assertThat(hours.getRecur().getFrequency().name()).isEqualTo("HOURLY");
        assertThat(hours.getRecur().getInterval()).isEqualTo(36);
    }

    @Test
    void aSeriesInUtcIsWrittenInUtc() throws Exception {
        Received r = send(
                "k-utc",
                series(MeetingInvite.Method.REQUEST, 0, Duration.ofDays(14), ZoneOffset.UTC, List.of(HOLIDAY)));

        assertThat(value(r.event(), Property.DTSTART)).isEqualTo("20270119T130000Z");
        assertThat(r.calendar().getComponents("VTIMEZONE")).isEmpty();
        RRule<?> rule = rrule(r.event());
        assertThat(rule.getRecur().getFrequency().name()).isEqualTo("WEEKLY");
        assertThat(rule.getRecur().getInterval()).isEqualTo(2);
        assertThat(value(r.event(), Property.EXDATE)).isEqualTo("20270202T130000Z");
    }

    @Test
    void anIntervalOfSecondsCannotBeSentAndFailsPermanently() {
        MeetingInvite odd = series(MeetingInvite.Method.REQUEST, 0, Duration.ofSeconds(90), BERLIN, List.of());

        assertThatThrownBy(() -> notifier()
                        .send(SmtpNotifierTest.notification(
                                "k-odd", NotificationKind.PLAN_AGREED, INA, Optional.of(odd))))
                .isInstanceOf(PermanentDeliveryException.class)
                .hasMessageContaining("E-42")
                .hasMessageContaining("iCalendar");
        assertThat(GREEN_MAIL.getReceivedMessages()).isEmpty();
    }

    private static RRule<?> rrule(VEvent event) {
        return (RRule<?>) event.getProperty(Property.RRULE).orElseThrow();
    }

    /** The occurrence starts ical4j computes for the event over the whole series. */
    private static Set<Instant> occurrences(VEvent event) {
        ZonedDateTime from = FIRST.minus(Duration.ofDays(1)).atZone(ZoneOffset.UTC);
        ZonedDateTime to = UNTIL.plus(Duration.ofDays(30)).atZone(ZoneOffset.UTC);
        Set<Period<Temporal>> periods = event.calculateRecurrenceSet(new Period<>(from, to));
        Set<Instant> starts = new TreeSet<>();
        periods.forEach(p -> starts.add(Instant.from(p.getStart())));
        return starts;
    }
}
