package dev.escalation.examples.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import dev.escalation.model.CaseId;
import dev.escalation.model.DeliveryChannel;
import dev.escalation.model.EntryParam;
import dev.escalation.model.EscalationId;
import dev.escalation.model.NotificationKind;
import dev.escalation.model.Party;
import dev.escalation.spi.Capability;
import dev.escalation.spi.MeetingInvite;
import dev.escalation.spi.Notification;
import dev.escalation.spi.Notifier;
import dev.escalation.spi.PermanentDeliveryException;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.parameter.Cn;
import net.fortuna.ical4j.model.property.Attendee;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Sends through {@link SmtpNotifier} to a real SMTP server (GreenMail, in-process, 127.0.0.1, dynamic port) and
 * checks what arrived: plain text, Message-ID, a single meeting's invitation, failures. Series and cancellations are
 * in {@link SmtpInvitationTest}; the test kit's rules in {@link SmtpNotifierContractTest}.
 */
class SmtpNotifierTest {

    @RegisterExtension
    static final GreenMailExtension GREEN_MAIL =
            new GreenMailExtension(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());

    private static final Instant NOW = Instant.parse("2027-01-18T08:30:00Z");
    private static final Party INA = new Party(Party.Kind.CONTACT, "ina", "Ina Incident", "ina@customer.example");
    private static final Party EMMA = new Party(Party.Kind.STAFF, "emma", "Emma Escalation", "emma@vendor.example");
    private static final Party PAUL =
            new Party(Party.Kind.EXTERNAL, "paul@partner.example", "Paul Partner", "paul@partner.example");
    private static final Party DORA = new Party(Party.Kind.STAFF, "dora", "Dora Dev", "dora@vendor.example");

    private Notifier createNotifier() {
        return builderFor(GREEN_MAIL.getSmtp().getPort()).build();
    }

    private static SmtpNotifier.Builder builderFor(int port) {
        return SmtpNotifier.builder()
                .host("127.0.0.1")
                .port(port)
                .from("escalations@vendor.example", "Support Management")
                .messageIdDomain("vendor.example")
                .timeout(Duration.ofSeconds(5))
                .clock(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    static Notification notification(String key, NotificationKind kind, Party to, Optional<MeetingInvite> invite) {
        return new Notification(
                key,
                EscalationId.of("E-42"),
                new CaseId("C-4711"),
                kind,
                DeliveryChannel.EMAIL,
                to,
                Locale.GERMANY,
                ZoneId.of("Europe/Berlin"),
                "Escalation E-42: Grüße from the desk",
                "Hello,\nthe escalation was recorded.\n– Support",
                Map.of("state", new EntryParam.Code("REQUESTED")),
                Optional.empty(),
                invite);
    }

    private static MimeMessage onlyMessage() {
        assertThat(GREEN_MAIL.waitForIncomingEmail(5_000, 1))
                .as("a message arrived within 5 s")
                .isTrue();
        MimeMessage[] received = GREEN_MAIL.getReceivedMessages();
        assertThat(received).hasSize(1);
        return received[0];
    }

    @Test
    void aNotificationArrivesAsPlainTextMailToItsRecipient() throws Exception {
        createNotifier()
                .send(notification("k-confirmed-1", NotificationKind.ESCALATION_CONFIRMED, INA, Optional.empty()));

        MimeMessage message = onlyMessage();
        assertThat(message.getSubject()).isEqualTo("Escalation E-42: Grüße from the desk");
        assertThat(message.getRecipients(Message.RecipientType.TO))
                .extracting(a -> ((InternetAddress) a).getAddress(), a -> ((InternetAddress) a).getPersonal())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("ina@customer.example", "Ina Incident"));
        assertThat(((InternetAddress) message.getFrom()[0]).getAddress()).isEqualTo("escalations@vendor.example");
        assertThat(new ContentType(message.getContentType()).getBaseType()).isEqualTo("text/plain");
        assertThat(((String) message.getContent()).replace("\r\n", "\n"))
                .isEqualTo("Hello,\nthe escalation was recorded.\n– Support");
        assertThat(message.getHeader("X-Escalation-Id", null)).isEqualTo("E-42");
        assertThat(message.getHeader("X-Escalation-Kind", null)).isEqualTo("ESCALATION_CONFIRMED");
        assertThat(message.getSentDate().toInstant()).isEqualTo(NOW);
        assertThat(message.getMessageID()).isEqualTo(SmtpNotifier.messageIdFor("k-confirmed-1", "vendor.example"));
        assertThat(message.getContentLanguage()).containsExactly("de-DE");
    }

    @Test
    void itDeliversOnTheEmailChannelOnlyAndDeclaresNoDeduplication() {
        Notifier notifier = createNotifier();

        assertThat(notifier.channels()).containsExactly(DeliveryChannel.EMAIL);
        assertThat(notifier.capabilities()).doesNotContain(Capability.DEDUPLICATES_BY_KEY);
    }

    @Test
    void theMessageIdIsTheSha256OfTheIdempotencyKey() {
        // SHA-256("abc") is the FIPS 180-2 test vector
        assertThat(SmtpNotifier.messageIdFor("abc", "escalation.invalid"))
                .isEqualTo("<ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad@escalation.invalid>");
        assertThat(SmtpNotifier.messageIdFor("abd", "escalation.invalid"))
                .isNotEqualTo(SmtpNotifier.messageIdFor("abc", "escalation.invalid"));
    }

    @Test
    void aRetriedNotificationCarriesTheSameMessageIdAndAnotherKeyADifferentOne() throws Exception {
        Notifier notifier = createNotifier();
        notifier.send(notification("k-retry", NotificationKind.PROGRESS_UPDATE, INA, Optional.empty()));
        notifier.send(notification("k-retry", NotificationKind.PROGRESS_UPDATE, INA, Optional.empty()));
        notifier.send(notification("k-other", NotificationKind.PROGRESS_UPDATE, INA, Optional.empty()));

        assertThat(GREEN_MAIL.waitForIncomingEmail(5_000, 3)).isTrue();
        MimeMessage[] received = GREEN_MAIL.getReceivedMessages();
        assertThat(received).hasSize(3);
        String expected = SmtpNotifier.messageIdFor("k-retry", "vendor.example");
        assertThat(received[0].getMessageID()).isEqualTo(expected);
        assertThat(received[1].getMessageID()).isEqualTo(expected);
        assertThat(received[2].getMessageID())
                .isEqualTo(SmtpNotifier.messageIdFor("k-other", "vendor.example"))
                .isNotEqualTo(expected);
        // SMTP delivered both copies, so the notifier must not claim de-duplication
        assertThat(notifier.capabilities()).doesNotContain(Capability.DEDUPLICATES_BY_KEY);
    }

    @Test
    void theLessonsLearnedInvitationCarriesAValidICalendarRequest() throws Exception {
        Instant start = Instant.parse("2027-02-03T13:00:00Z");
        MeetingInvite invite = new MeetingInvite(
                "lessons-learned-E-42@vendor.example",
                "Lessons learned: E-42",
                start,
                Duration.ofMinutes(90),
                EMMA,
                List.of(INA, EMMA, PAUL, DORA),
                2);

        createNotifier()
                .send(notification("k-invite", NotificationKind.LESSONS_LEARNED_INVITATION, INA, Optional.of(invite)));

        MimeMessage message = onlyMessage();
        assertThat(new ContentType(message.getContentType()).getBaseType()).isEqualTo("multipart/alternative");
        Multipart parts = (Multipart) message.getContent();
        assertThat(parts.getCount()).isEqualTo(2);
        assertThat(new ContentType(parts.getBodyPart(0).getContentType()).getBaseType())
                .isEqualTo("text/plain");
        Part calendarPart = parts.getBodyPart(1);
        ContentType calendarType = new ContentType(calendarPart.getContentType());
        assertThat(calendarType.getBaseType()).isEqualTo("text/calendar");
        assertThat(calendarType.getParameter("method")).isEqualTo("REQUEST");

        Calendar calendar = new CalendarBuilder().build(new StringReader(text(calendarPart)));
        assertThat(Invitations.errors(calendar)).isEmpty();
        assertThat(calendar.getProperty(Property.METHOD).orElseThrow().getValue())
                .isEqualTo("REQUEST");
        assertThat(calendar.getComponents("VTIMEZONE"))
                .as("a single meeting is written in UTC")
                .isEmpty();
        assertThat(calendar.getProperty(Property.VERSION).orElseThrow().getValue())
                .isEqualTo("2.0");
        List<VEvent> events = calendar.getComponents("VEVENT");
        assertThat(events).hasSize(1);
        VEvent event = events.get(0);
        assertThat(event.getProperty(Property.UID).orElseThrow().getValue())
                .isEqualTo("lessons-learned-E-42@vendor.example");
        assertThat(event.getProperty(Property.SUMMARY).orElseThrow().getValue()).isEqualTo("Lessons learned: E-42");
        assertThat(event.getProperty(Property.SEQUENCE).orElseThrow().getValue())
                .isEqualTo("2");
        assertThat(event.getProperty(Property.DTSTART).orElseThrow().getValue()).isEqualTo("20270203T130000Z");
        assertThat(event.getProperty(Property.DTEND).orElseThrow().getValue()).isEqualTo("20270203T143000Z");
        assertThat(event.getProperty(Property.DTSTAMP).orElseThrow().getValue()).isEqualTo("20270118T083000Z");
        assertThat(event.getProperty(Property.STATUS).orElseThrow().getValue()).isEqualTo("CONFIRMED");
        assertThat(event.getProperty(Property.RRULE)).as("a single meeting").isEmpty();
        assertThat(event.getProperty(Property.ORGANIZER).orElseThrow().getValue())
                .isEqualToIgnoringCase("mailto:emma@vendor.example");
        List<Attendee> attendees = event.getProperties(Property.ATTENDEE);
        assertThat(attendees)
                .extracting(a -> a.getCalAddress().toString().toLowerCase())
                .containsExactly(
                        "mailto:ina@customer.example",
                        "mailto:emma@vendor.example",
                        "mailto:paul@partner.example",
                        "mailto:dora@vendor.example");
        assertThat(attendees)
                .extracting(a -> a.<Cn>getParameter("CN").orElseThrow().getValue())
                .containsExactly("Ina Incident", "Emma Escalation", "Paul Partner", "Dora Dev");
        assertThat(attendees).allSatisfy(a -> {
            assertThat(a.getParameter("ROLE").orElseThrow().getValue()).isEqualTo("REQ-PARTICIPANT");
            assertThat(a.getParameter("PARTSTAT").orElseThrow().getValue()).isEqualTo("NEEDS-ACTION");
            assertThat(a.getParameter("RSVP").orElseThrow().getValue()).isEqualTo("TRUE");
        });
        assertThat(message.getMessageID()).isEqualTo(SmtpNotifier.messageIdFor("k-invite", "vendor.example"));
    }

    @Test
    void aMalformedRecipientAddressFailsPermanentlyAndSendsNothing() {
        Party broken = new Party(Party.Kind.EXTERNAL, "x", "Broken", "not an address@@example");
        Notifier notifier = createNotifier();

        assertThatThrownBy(() -> notifier.send(
                        notification("k-broken", NotificationKind.PARTICIPANT_ADDED, broken, Optional.empty())))
                .isInstanceOf(PermanentDeliveryException.class)
                .hasMessageContaining("E-42")
                .hasMessageNotContaining("not an address");
        assertThat(GREEN_MAIL.getReceivedMessages()).isEmpty();
    }

    @Test
    void aChannelOtherThanEmailFailsPermanently() {
        Notification sms = new Notification(
                "k-sms",
                EscalationId.of("E-42"),
                new CaseId("C-4711"),
                NotificationKind.DEADLINE_BREACHED,
                DeliveryChannel.SMS,
                INA,
                Locale.ENGLISH,
                ZoneId.of("UTC"),
                "s",
                "b",
                Map.of(),
                Optional.empty(),
                Optional.empty());

        assertThatThrownBy(() -> createNotifier().send(sms))
                .isInstanceOf(PermanentDeliveryException.class)
                .hasMessageContaining("SMS");
        assertThat(GREEN_MAIL.getReceivedMessages()).isEmpty();
    }

    @Test
    void anUnreachableServerFailsWithARetryableException() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        Notifier notifier = builderFor(closedPort).build();

        assertThatThrownBy(() -> notifier.send(
                        notification("k-down", NotificationKind.ESCALATION_RECEIVED, EMMA, Optional.empty())))
                .isInstanceOf(SmtpDeliveryException.class)
                .isNotInstanceOf(PermanentDeliveryException.class)
                .hasMessageContaining("E-42")
                .hasMessageNotContaining("emma@");
    }

    @Test
    void theBuilderNamesTheMissingSetting() {
        assertThatThrownBy(() ->
                        SmtpNotifier.builder().from("a@vendor.example", "A").build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("host");
        assertThatThrownBy(() -> SmtpNotifier.builder().host("127.0.0.1").build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("from");
        assertThatThrownBy(() -> SmtpNotifier.builder().port(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("port");
        assertThatThrownBy(() -> SmtpNotifier.builder().messageIdDomain("bad domain>"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("messageIdDomain");
        for (Duration refused : List.of(
                Duration.ZERO,
                Duration.ofNanos(-1),
                Duration.ofDays(1).plusNanos(1),
                Duration.ofSeconds(Long.MAX_VALUE))) {
            assertThatThrownBy(() -> SmtpNotifier.builder().timeout(refused))
                    .as("timeout %s", refused)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("timeout");
        }
        assertThat(SmtpNotifier.builder()
                        .host("127.0.0.1")
                        .from("a@vendor.example", "A")
                        .timeout(Duration.ofDays(1))
                        .build())
                .as("a day, four of them a whole send's deadline, is accepted")
                .isNotNull();
    }

    @AfterAll
    static void logLinesCarryNoAddressesSubjectsOrBodies() {
        if (!AdapterLog.captured()) {
            return; // run outside Maven: the log is not in a file
        }
        List<String> lines = AdapterLog.lines();
        assertThat(lines).as("the notifier logged its deliveries").anyMatch(l -> l.contains("E-42"));
        assertThat(lines)
                .noneMatch(l -> l.contains("ina@customer.example")
                        || l.contains("emma@vendor.example")
                        || l.contains("paul@partner.example")
                        || l.contains("dora@vendor.example")
                        || l.contains("not an address")
                        || l.contains("Grüße")
                        || l.contains("escalation was recorded"));
    }

    static String text(Part part) throws Exception {
        Object content = part.getContent();
        if (content instanceof String s) {
            return s;
        }
        try (InputStream in = (InputStream) content) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }
}
