package dev.escalation.examples.smtp;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import dev.escalation.model.Party;
import dev.escalation.spi.Notifier;
import dev.escalation.test.NotifierContract;
import dev.escalation.test.ReceivedNotification;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The test kit's notifier contract (rules N1–N5 of escalation-test/RULES.md) against GreenMail. */
class SmtpNotifierContractTest extends NotifierContract {

    @RegisterExtension
    static final GreenMailExtension GREEN_MAIL =
            new GreenMailExtension(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());

    @Override
    protected Notifier createNotifier() {
        return builder(GREEN_MAIL.getSmtp().getPort()).build();
    }

    @Override
    protected Optional<Notifier> createUnavailableNotifier() {
        return Optional.of(builder(1).build()); // nothing listens on port 1 of loopback
    }

    private static SmtpNotifier.Builder builder(int port) {
        return SmtpNotifier.builder()
                .host("127.0.0.1")
                .port(port)
                .from("escalations@vendor.example", "Support")
                .timeout(Duration.ofSeconds(5));
    }

    @Override
    protected List<ReceivedNotification> receivedBy(Party recipient) {
        List<ReceivedNotification> received = new ArrayList<>();
        try {
            for (MimeMessage m : GREEN_MAIL.getReceivedMessages()) {
                boolean toRecipient = false;
                for (jakarta.mail.Address a : m.getRecipients(Message.RecipientType.TO)) {
                    toRecipient |= a.toString().contains(recipient.email());
                }
                if (toRecipient) {
                    received.add(new ReceivedNotification(m.getSubject(), plainText(m)));
                }
            }
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException("could not read the GreenMail inbox", e);
        }
        return received;
    }

    private static String plainText(Part part) throws MessagingException, IOException {
        if (part.isMimeType("text/plain")) {
            return GreenMailUtil.getBody(part).isEmpty() ? "" : ((String) part.getContent()).strip();
        }
        if (part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                if (multipart.getBodyPart(i).isMimeType("text/plain")) {
                    return plainText(multipart.getBodyPart(i));
                }
            }
        }
        return "";
    }
}
