package dev.escalation.examples.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import dev.escalation.model.CaseId;
import dev.escalation.model.DeliveryChannel;
import dev.escalation.model.EscalationId;
import dev.escalation.model.NotificationKind;
import dev.escalation.model.Party;
import dev.escalation.spi.Notification;
import jakarta.mail.Address;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A text shaped like an RFC 2047 encoded word ({@code =?UTF-8?B?...?=}) in a subject, a recipient's or the sender's
 * name arrives as those very characters, not as what a mail client would decode it to: the adapter encodes such a
 * header as a whole. The same for line breaks, leading and trailing blanks, non-ASCII and very long texts: the
 * decoded header equals the text the engine rendered. Over a real SMTP round trip (GreenMail);
 * {@code HeaderTextProperties} checks the same over generated texts without a server.
 */
class SmtpEncodedWordTest {

    @RegisterExtension
    static final GreenMailExtension GREEN_MAIL =
            new GreenMailExtension(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());

    static Stream<String> hostile() {
        return HostileTexts.examples().stream();
    }

    private static Notification notification(String key, String subject, Party to) {
        return new Notification(
                key,
                EscalationId.of("E-42"),
                new CaseId("C-4711"),
                NotificationKind.ESCALATION_CONFIRMED,
                DeliveryChannel.EMAIL,
                to,
                Locale.GERMANY,
                ZoneId.of("Europe/Berlin"),
                subject,
                "Hello",
                Map.of(),
                Optional.empty(),
                Optional.empty());
    }

    private static SmtpNotifier.Builder notifier(String fromName) {
        return SmtpNotifier.builder()
                .host("127.0.0.1")
                .port(GREEN_MAIL.getSmtp().getPort())
                .from("escalations@vendor.example", fromName)
                .messageIdDomain("vendor.example")
                .timeout(Duration.ofSeconds(5))
                .clock(Clock.fixed(Instant.parse("2027-01-18T08:30:00Z"), ZoneOffset.UTC));
    }

    @ParameterizedTest
    @MethodSource("hostile")
    void subjectAndNamesArriveAsTheEngineRenderedThem(String text) throws Exception {
        Party ina = new Party(Party.Kind.CONTACT, "ina", text, "ina@customer.example");
        notifier(text).build().send(notification("k-plain", text, ina));
        notifier(text).templates(MailTemplates.shipped()).build().send(notification("k-templates", text, ina));

        assertThat(GREEN_MAIL.waitForIncomingEmail(5_000, 2)).isTrue();
        MimeMessage[] received = GREEN_MAIL.getReceivedMessages();
        assertThat(received).hasSize(2);
        for (MimeMessage m : received) {
            List<String> to = new ArrayList<>();
            for (Address a : m.getAllRecipients()) {
                to.add(((InternetAddress) a).getAddress());
            }
            assertThat(to).containsExactly("ina@customer.example");
            assertThat(m.getHeader("Bcc")).isNull();
            assertThat(m.getHeader("X-Injected")).isNull();
            InternetAddress recipient = (InternetAddress) m.getRecipients(MimeMessage.RecipientType.TO)[0];
            InternetAddress sender = (InternetAddress) m.getFrom()[0];
            assertThat(recipient.getPersonal()).as("recipient's name").isEqualTo(text);
            assertThat(sender.getPersonal()).as("sender's name").isEqualTo(text);
            assertThat(sender.getAddress()).isEqualTo("escalations@vendor.example");
        }
        // with templates the subject is the template's: the shipped German one starts with the engine's subject
        MimeMessage plain = received[0].getMessageID().equals(SmtpNotifier.messageIdFor("k-plain", "vendor.example"))
                ? received[0]
                : received[1];
        assertThat(plain.getSubject()).as("subject").isEqualTo(text);
    }
}
