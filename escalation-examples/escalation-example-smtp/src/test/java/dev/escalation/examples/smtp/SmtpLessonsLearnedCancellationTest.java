package dev.escalation.examples.smtp;

import static dev.escalation.test.Scenario.contact;
import static dev.escalation.test.Scenario.customer;
import static dev.escalation.test.Scenario.openCase;
import static dev.escalation.test.Scenario.staff;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import dev.escalation.model.Channel;
import dev.escalation.test.Scenario;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeMessage;
import java.io.StringReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The engine schedules a lessons-learned session, the customer declines it, and {@link SmtpNotifier} mails each
 * attendee the cancellation: parsed back from GreenMail with ical4j, it is {@code METHOD:CANCEL} with the
 * invitation's UID and the next SEQUENCE.
 */
class SmtpLessonsLearnedCancellationTest {

    @RegisterExtension
    static final GreenMailExtension GREEN_MAIL =
            new GreenMailExtension(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());

    private static final String UID = "E-1/lessons-learned";

    /** A received calendar part: to whom, its content type's method and the parsed calendar. */
    private record Received(String to, String typeMethod, Calendar calendar, VEvent event) {
        String method() {
            return calendar.getProperty(Property.METHOD).orElseThrow().getValue();
        }

        String value(String property) {
            return event.getProperty(property).orElseThrow().getValue();
        }
    }

    private final Scenario scenario =
            Scenario.create().given(customer("acme").incidentManager("ina"), openCase("acme", "C-1"));

    private void useSmtp() {
        scenario.notifiers(SmtpNotifier.builder()
                .host("127.0.0.1")
                .port(GREEN_MAIL.getSmtp().getPort())
                .from("escalations@vendor.example", "Support Management")
                .messageIdDomain("vendor.example")
                .timeout(Duration.ofSeconds(5))
                .clock(scenario.clock())
                .build());
    }

    private void resolved() {
        useSmtp();
        scenario.when(contact("ina").escalates("C-1"))
                .when(staff("sam").appoints("eve"))
                .when(staff("eve").agreesPlan(Duration.ofDays(1), Channel.VIDEO_CALL))
                .when(staff("eve").resolves("patched"));
    }

    /** Every calendar part of the lessons-learned session received so far (GreenMail lists them by mailbox). */
    private static List<Received> sessionCalendars() throws Exception {
        List<Received> found = new ArrayList<>();
        for (MimeMessage m : GREEN_MAIL.getReceivedMessages()) {
            if (!(m.getContent() instanceof Multipart parts)) {
                continue;
            }
            for (int i = 0; i < parts.getCount(); i++) {
                Part part = parts.getBodyPart(i);
                ContentType type = new ContentType(part.getContentType());
                if (!type.getBaseType().equalsIgnoreCase("text/calendar")) {
                    continue;
                }
                Calendar calendar = new CalendarBuilder().build(new StringReader(SmtpNotifierTest.text(part)));
                assertThat(Invitations.errors(calendar)).isEmpty();
                List<VEvent> events = calendar.getComponents("VEVENT");
                assertThat(events).hasSize(1);
                VEvent event = events.get(0);
                if (!event.getProperty(Property.UID).orElseThrow().getValue().equals(UID)) {
                    continue; // the communication plan's series
                }
                Address[] to = m.getRecipients(Message.RecipientType.TO);
                assertThat(to).hasSize(1);
                found.add(new Received(to[0].toString(), type.getParameter("method"), calendar, event));
            }
        }
        return found;
    }

    @Test
    void decliningTheScheduledSessionMailsEachAttendeeACancellationWithTheSameUidAndTheNextSequence() throws Exception {
        resolved();
        scenario.when(staff("eve").schedulesLessonsLearned(Duration.ofDays(2))).then(outcome -> outcome.accepted());
        List<Received> invitations = sessionCalendars();
        assertThat(invitations)
                .isNotEmpty()
                .allSatisfy(r -> assertThat(r.method()).isEqualTo("REQUEST"));
        String sequence = invitations.get(0).value(Property.SEQUENCE);
        assertThat(invitations)
                .allSatisfy(r -> assertThat(r.value(Property.SEQUENCE)).isEqualTo(sequence));

        scenario.when(contact("ina").declinesLessonsLearned()).then(outcome -> outcome.accepted());

        List<Received> all = sessionCalendars();
        assertThat(all.stream().filter(r -> r.method().equals("REQUEST")))
                .as("no further invitation")
                .hasSameSizeAs(invitations);
        List<Received> cancellations =
                all.stream().filter(r -> !r.method().equals("REQUEST")).toList();
        assertThat(cancellations)
                .extracting(Received::to)
                .as("each attendee invited gets the cancellation")
                .containsExactlyInAnyOrderElementsOf(
                        invitations.stream().map(Received::to).toList());
        assertThat(cancellations)
                .extracting(Received::to)
                .anySatisfy(to -> assertThat(to).contains("ina@"));
        assertThat(cancellations).allSatisfy(r -> {
            assertThat(r.typeMethod()).isEqualTo("CANCEL");
            assertThat(r.method()).isEqualTo("CANCEL");
            assertThat(r.value(Property.UID)).isEqualTo(UID);
            assertThat(Integer.parseInt(r.value(Property.SEQUENCE))).isEqualTo(Integer.parseInt(sequence) + 1);
            assertThat(r.value(Property.STATUS)).isEqualTo("CANCELLED");
            assertThat(r.value(Property.DTSTART)).isEqualTo(invitations.get(0).value(Property.DTSTART));
            assertThat(r.value(Property.ORGANIZER))
                    .isEqualToIgnoringCase(invitations.get(0).value(Property.ORGANIZER));
        });
    }

    @Test
    void decliningBeforeAnySessionWasScheduledMailsNoCancellation() throws Exception {
        resolved();
        scenario.then(outcome -> outcome.accepted());
        int before = GREEN_MAIL.getReceivedMessages().length;

        scenario.when(contact("ina").declinesLessonsLearned()).then(outcome -> outcome.accepted());

        assertThat(GREEN_MAIL.getReceivedMessages().length)
                .as("the decline itself is mailed")
                .isGreaterThan(before);
        assertThat(sessionCalendars()).isEmpty();
    }

    @Test
    void theManagerCancellingTheScheduledSessionMailsEachAttendeeACancellationWithTheSameUidAndTheNextSequence()
            throws Exception {
        resolved();
        scenario.when(staff("eve").schedulesLessonsLearned(Duration.ofDays(2))).then(outcome -> outcome.accepted());
        List<Received> invitations = sessionCalendars();
        assertThat(invitations)
                .isNotEmpty()
                .allSatisfy(r -> assertThat(r.method()).isEqualTo("REQUEST"));
        int sequence = Integer.parseInt(invitations.get(0).value(Property.SEQUENCE));

        scenario.engine()
                .operations()
                .cancelLessonsLearned(
                        dev.escalation.Actor.staff("eve"),
                        new dev.escalation.command.CancelLessonsLearned(scenario.current(), "nobody can attend"));
        scenario.engine().deliverPending();

        List<Received> cancellations = sessionCalendars().stream()
                .filter(r -> r.method().equals("CANCEL"))
                .toList();
        assertThat(cancellations)
                .extracting(Received::to)
                .containsExactlyInAnyOrderElementsOf(
                        invitations.stream().map(Received::to).toList());
        assertThat(cancellations).allSatisfy(r -> {
            assertThat(r.typeMethod()).isEqualTo("CANCEL");
            assertThat(r.value(Property.UID)).isEqualTo(UID);
            assertThat(Integer.parseInt(r.value(Property.SEQUENCE))).isEqualTo(sequence + 1);
            assertThat(r.value(Property.STATUS)).isEqualTo("CANCELLED");
        });
    }
}
