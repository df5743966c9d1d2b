package dev.escalation.examples.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import dev.escalation.model.CaseId;
import dev.escalation.model.DeliveryChannel;
import dev.escalation.model.EntryParam;
import dev.escalation.model.EscalationId;
import dev.escalation.model.NotificationKind;
import dev.escalation.model.Party;
import dev.escalation.spi.Notification;
import jakarta.mail.Address;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What a person wrote or is called reaches the mail's headers as text, never as headers: a subject or a name with CR
 * LF and a {@code Bcc:} line adds no recipient and no header, with or without templates, and reads back as written
 * (the line break inside an encoded word); and a subject of emoji at
 * every offset (the header is split into encoded words of limited length) arrives whole, no character halved.
 * Notifications here are built as a host's notifier could get them, with texts the engine itself would have cleaned.
 */
class SmtpHeaderTextTest {

    @RegisterExtension
    static final GreenMailExtension GREEN_MAIL =
            new GreenMailExtension(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());

    private static final String INJECTED = "\r\nBcc: mallory@attacker.example\r\nX-Injected: yes\r\n\r\nbody";

    private static SmtpNotifier.Builder notifier() {
        return SmtpNotifier.builder()
                .host("127.0.0.1")
                .port(GREEN_MAIL.getSmtp().getPort())
                .from("escalations@vendor.example", "Support Management")
                .messageIdDomain("vendor.example")
                .timeout(Duration.ofSeconds(5))
                .clock(Clock.fixed(Instant.parse("2027-01-18T08:30:00Z"), ZoneOffset.UTC));
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
                "Hello" + INJECTED,
                Map.of("state", new EntryParam.Code("REQUESTED"), "criticality", new EntryParam.Code("HIGH")),
                Optional.of("what Ina wrote" + INJECTED),
                Optional.empty());
    }

    @Test
    void lineBreaksInASubjectOrANameAddNoRecipientAndNoHeader() throws Exception {
        Party ina = new Party(Party.Kind.CONTACT, "ina", "Ina" + INJECTED, "ina@customer.example");
        notifier().build().send(notification("k-plain", "Escalation" + INJECTED, ina));
        notifier().templates(MailTemplates.shipped()).build().send(notification("k-templates", "E" + INJECTED, ina));

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
            // a line break travels inside an encoded word, never as a line break of the header ...
            assertThat(MimeUtility.unfold(m.getHeader("Subject")[0])).doesNotContain("\r", "\n");
            if (m.getMessageID().equals(SmtpNotifier.messageIdFor("k-plain", "vendor.example"))) {
                // ... and the reader sees the subject the engine rendered, line break included
                assertThat(m.getSubject()).isEqualTo("Escalation" + INJECTED);
            }
            assertThat(((InternetAddress) m.getAllRecipients()[0]).getPersonal())
                    .isEqualTo("Ina" + INJECTED);
        }
    }

    @Test
    void aSubjectOfEmojiAtEveryOffsetArrivesWhole() throws Exception {
        List<String> sent = new ArrayList<>();
        SmtpNotifier smtp = notifier().build();
        Party ina = new Party(Party.Kind.CONTACT, "ina", "Ina \uD83D\uDE00 Incident", "ina@customer.example");
        for (int pad = 0; pad < 40; pad++) {
            String subject = "x".repeat(pad) + "\uD83D\uDE00\u00E4e\u0301\uD83C\uDDE9\uD83C\uDDEA".repeat(12);
            sent.add(subject);
            smtp.send(notification("k-emoji-" + pad, subject, ina));
        }
        assertThat(GREEN_MAIL.waitForIncomingEmail(10_000, sent.size())).isTrue();
        List<String> subjects = new ArrayList<>();
        for (MimeMessage m : GREEN_MAIL.getReceivedMessages()) {
            subjects.add(m.getSubject());
            assertThat(((InternetAddress) m.getRecipients(MimeMessage.RecipientType.TO)[0]).getPersonal())
                    .isEqualTo("Ina \uD83D\uDE00 Incident");
        }
        Collections.sort(subjects);
        Collections.sort(sent);
        assertThat(subjects).isEqualTo(sent);
    }
}
