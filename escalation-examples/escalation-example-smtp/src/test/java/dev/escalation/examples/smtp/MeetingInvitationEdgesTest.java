package dev.escalation.examples.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.model.Party;
import dev.escalation.spi.MeetingInvite;
import java.io.StringReader;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Period;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.DtStart;
import net.fortuna.ical4j.model.property.RecurrenceId;
import org.junit.jupiter.api.Test;

/**
 * Edges of the iCalendar series: a first meeting at the second of two equal wall-clock times (the night the clocks go
 * back), and every zone Java knows.
 */
class MeetingInvitationEdgesTest {
    private static final Party INA = new Party(Party.Kind.CONTACT, "ina", "Ina Incident", "ina@customer.example");
    private static final Party EVE = new Party(Party.Kind.STAFF, "eve", "Eve Escalation", "eve@vendor.example");
    private static final MeetingInvitations INVITATIONS =
            new MeetingInvitations("-//test//EN", Clock.fixed(Instant.parse("2026-10-01T08:00:00Z"), ZoneOffset.UTC));

    private static MeetingInvite daily(Instant first, ZoneId zone) {
        return new MeetingInvite(
                "plan-E-1@vendor.example",
                "Escalation E-1: daily call",
                first,
                Duration.ofMinutes(30),
                EVE,
                List.of(INA, EVE),
                0,
                MeetingInvite.Method.REQUEST,
                Optional.of(new MeetingInvite.Recurrence(Duration.ofDays(1), zone, Optional.empty(), List.of())));
    }

    /**
     * The starts a calendar computes: the series' RRULE instances, each replaced by the override whose RECURRENCE-ID
     * names it (RFC 5545 section 3.8.4.4), in order.
     */
    private static List<Instant> starts(String ics, Instant from, Instant to) throws Exception {
        Calendar calendar = new CalendarBuilder().build(new StringReader(ics));
        assertThat(Invitations.errors(calendar)).isEmpty();
        List<VEvent> events = calendar.getComponents("VEVENT");
        VEvent master = events.stream()
                .filter(e -> e.getProperty(Property.RECURRENCE_ID).isEmpty())
                .findFirst()
                .orElseThrow();
        Map<Instant, Instant> overrides = new TreeMap<>();
        for (VEvent e : events) {
            Optional<RecurrenceId<Temporal>> id = e.<RecurrenceId<Temporal>>getProperty(Property.RECURRENCE_ID);
            if (id.isPresent()) {
                DtStart<Temporal> start =
                        e.<DtStart<Temporal>>getProperty(Property.DTSTART).orElseThrow();
                overrides.put(instant(id.get().getDate()), instant(start.getDate()));
            }
        }
        List<Instant> starts = new ArrayList<>();
        for (Period<Temporal> p : master.<Temporal>calculateRecurrenceSet(
                new Period<>(from.atZone(ZoneOffset.UTC), to.atZone(ZoneOffset.UTC)))) {
            Instant nominal = instant(p.getStart());
            starts.add(overrides.getOrDefault(nominal, nominal));
        }
        starts.sort(null);
        return starts;
    }

    private static Instant instant(Temporal t) {
        if (t instanceof ZonedDateTime z) {
            return z.toInstant();
        }
        if (t instanceof java.time.OffsetDateTime o) {
            return o.toInstant();
        }
        return Instant.from(t);
    }

    @Test
    void aFirstMeetingAtTheSecondOfTwoEqualTimesIsNotAnHourEarly() throws Exception {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        // Sun 25 Oct 2026 02:30+01:00 (CET): the second 02:30 of the night, 01:30Z
        ZonedDateTime first =
                LocalDateTime.of(2026, 10, 25, 2, 30).atZone(berlin).withLaterOffsetAtOverlap();
        assertThat(first.getOffset()).isEqualTo(ZoneOffset.ofHours(1));
        String ics = INVITATIONS.render(daily(first.toInstant(), berlin), "d");

        // the engine's own meetings: the same wall-clock time every day in the series' zone
        List<Instant> engine = List.of(first.toInstant(), first.plusDays(1).toInstant());
        List<Instant> calendar = starts(
                ics,
                first.toInstant().minus(Duration.ofHours(3)),
                first.plusDays(1).toInstant().plusSeconds(60));
        assertThat(calendar).containsExactlyElementsOf(engine);
    }

    @Test
    void theFirstOfTwoEqualTimesAndAnOrdinaryStartNeedNoOverride() throws Exception {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        ZonedDateTime earlier =
                LocalDateTime.of(2026, 10, 25, 2, 30).atZone(berlin).withEarlierOffsetAtOverlap();
        String ics = INVITATIONS.render(daily(earlier.toInstant(), berlin), "d");
        assertThat(ics).doesNotContain("RECURRENCE-ID");
        assertThat(starts(
                        ics,
                        earlier.toInstant().minus(Duration.ofHours(3)),
                        earlier.plusDays(1).toInstant().plusSeconds(60)))
                .containsExactly(earlier.toInstant(), earlier.plusDays(1).toInstant());
    }

    @Test
    void everyZoneJavaKnowsMakesAValidSeries() {
        Instant first = Instant.parse("2027-01-19T13:00:00Z");
        List<String> failed = new ArrayList<>();
        for (String id : new java.util.TreeSet<>(ZoneId.getAvailableZoneIds())) {
            if (id.startsWith("ical4j~")) {
                continue; // zones ical4j itself registers with java.time for calendars it parsed
            }
            try {
                INVITATIONS.render(daily(first, ZoneId.of(id)), "d");
            } catch (RuntimeException e) {
                failed.add(id + ": " + e.getMessage());
            }
        }
        assertThat(failed).isEmpty();
    }

    @Test
    void aZoneIcal4jDoesNotKnowGetsItsOwnDefinitionAndKeepsItsWallClockAcrossDaylightSaving() throws Exception {
        // SystemV/EST5EDT: java.time knows it, ical4j's database does not; its clocks go forward on the last Sunday
        // of April (25 Apr 2027) and back on the last Sunday of October (31 Oct 2027)
        ZoneId systemV = ZoneId.of("SystemV/EST5EDT");
        ZonedDateTime first = LocalDateTime.of(2027, 4, 20, 10, 0).atZone(systemV);
        MeetingInvite weekly = new MeetingInvite(
                "plan-E-1@vendor.example",
                "Escalation E-1: weekly call",
                first.toInstant(),
                Duration.ofMinutes(30),
                EVE,
                List.of(INA, EVE),
                0,
                MeetingInvite.Method.REQUEST,
                Optional.of(new MeetingInvite.Recurrence(Duration.ofDays(7), systemV, Optional.empty(), List.of())));
        String ics = INVITATIONS.render(weekly, "d");
        assertThat(ics).contains("TZID:SystemV/EST5EDT").contains("DTSTART;TZID=SystemV/EST5EDT:20270420T100000");

        // the engine's meetings: 10:00 local every week, whatever the offset
        List<Instant> engine = new ArrayList<>();
        for (int week = 0; week < 30; week++) {
            engine.add(first.plusWeeks(week).toInstant());
        }
        assertThat(starts(
                        ics, first.toInstant().minusSeconds(60), engine.get(29).plusSeconds(60)))
                .containsExactlyElementsOf(engine);
        assertThat(engine.get(0)).isEqualTo(Instant.parse("2027-04-20T15:00:00Z"));
        assertThat(engine.get(1)).isEqualTo(Instant.parse("2027-04-27T14:00:00Z"));
    }

    @Test
    void aSeriesOfHoursKeepsItsStepsOfHoursAcrossDaylightSaving() throws Exception {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        // every 5 hours from Sat 27 Mar 2027 20:00 CET, across the change to summer time at 02:00 on the 28th, and
        // every 5 hours from Sat 30 Oct 2027 20:00 CEST, across the change back at 03:00 on the 31st
        for (ZonedDateTime first : List.of(
                LocalDateTime.of(2027, 3, 27, 20, 0).atZone(berlin),
                LocalDateTime.of(2027, 10, 30, 20, 0).atZone(berlin))) {
            MeetingInvite invite = new MeetingInvite(
                    "plan-E-1@vendor.example",
                    "Escalation E-1: call",
                    first.toInstant(),
                    Duration.ofMinutes(30),
                    EVE,
                    List.of(INA, EVE),
                    0,
                    MeetingInvite.Method.REQUEST,
                    Optional.of(
                            new MeetingInvite.Recurrence(Duration.ofHours(5), berlin, Optional.empty(), List.of())));
            // the engine's meetings of a series of hours: every 5 hours of elapsed time (PlanSeries)
            List<Instant> engine = new ArrayList<>();
            for (int n = 0; n < 6; n++) {
                engine.add(first.toInstant().plus(Duration.ofHours(5L * n)));
            }
            assertThat(starts(
                            INVITATIONS.render(invite, "d"),
                            first.toInstant().minusSeconds(60),
                            engine.get(5).plusSeconds(60)))
                    .as("from %s", first)
                    .containsExactlyElementsOf(engine);
        }
    }
    /**
     * A name with line breaks or other control characters (a host's own {@code Party}; the engine's names are one
     * line): the calendar still parses, and the name is on one line. Before, ical4j wrote the line break into the
     * {@code CN} parameter and could not read its own calendar back.
     */
    @Test
    void aNameWithLineBreaksGivesACalendarThatParses() throws Exception {
        Party bob = new Party(Party.Kind.CONTACT, "bob", "Bob\r\nSmith\u2028Jr.\tX", "bob@customer.example");
        MeetingInvite invite = new MeetingInvite(
                "plan-E-2@vendor.example",
                "Escalation E-2: call",
                Instant.parse("2026-10-05T08:00:00Z"),
                Duration.ofMinutes(30),
                EVE,
                List.of(bob, EVE),
                0,
                MeetingInvite.Method.REQUEST,
                Optional.empty());
        String ics = INVITATIONS.render(invite, "d");

        Calendar calendar = new CalendarBuilder().build(new StringReader(ics));
        assertThat(Invitations.errors(calendar)).isEmpty();
        assertThat(ics.replace("\r\n ", "")).contains("CN=Bob Smith Jr. X");
    }
}
