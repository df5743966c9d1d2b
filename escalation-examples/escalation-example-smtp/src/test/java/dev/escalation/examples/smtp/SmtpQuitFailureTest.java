package dev.escalation.examples.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.escalation.model.NotificationKind;
import dev.escalation.model.Party;
import dev.escalation.spi.PermanentDeliveryException;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A server that accepted the message (250 to its end) and then fails the session's {@code QUIT}: it never answers
 * it, or resets the connection. The message is the server's to deliver from its 250 on (RFC 5321, 4.1.1.4), so the
 * send succeeded: a failed goodbye must not make the engine send the notification again (a second copy). And a
 * message the server refused for good stays refused for good when the goodbye fails too.
 */
class SmtpQuitFailureTest {
    private static final Party INA = new Party(Party.Kind.CONTACT, "ina", "Ina Incident", "ina@customer.example");

    private ScriptedSmtpServer server;

    @AfterEach
    void stop() throws IOException {
        server.close();
    }

    private SmtpNotifier notifier() {
        return SmtpNotifier.builder()
                .host("127.0.0.1")
                .port(server.port())
                .from("escalations@vendor.example", "Support Management")
                .timeout(Duration.ofSeconds(1))
                .build();
    }

    private static void accept(java.io.Writer out) throws IOException {
        out.write("250 2.0.0 queued\r\n");
        out.flush();
    }

    @Test
    void aServerThatNeverAnswersQuitAfterAcceptingTheMessageHasItDelivered() throws IOException {
        server = ScriptedSmtpServer.start("250 ok", SmtpQuitFailureTest::accept, (socket, out) -> {
            while (!server.closed()
                    && !socket.isClosed()
                    && socket.getInputStream().read() >= 0) {
                // no answer: the session hangs at QUIT until the client gives up
            }
        });

        notifier()
                .send(SmtpNotifierTest.notification(
                        "k-quit-hangs", NotificationKind.ESCALATION_RECEIVED, INA, Optional.empty()));

        assertThat(server.messages()).isEqualTo(1);
    }

    @Test
    void aServerThatResetsTheConnectionAtQuitAfterAcceptingTheMessageHasItDelivered() throws IOException {
        server = ScriptedSmtpServer.start("250 ok", SmtpQuitFailureTest::accept, (socket, out) -> {
            socket.setSoLinger(true, 0); // close with a reset instead of an orderly end
            socket.close();
        });

        notifier()
                .send(SmtpNotifierTest.notification(
                        "k-quit-reset", NotificationKind.ESCALATION_RECEIVED, INA, Optional.empty()));

        assertThat(server.messages()).isEqualTo(1);
    }

    @Test
    void aMessageRefusedForGoodStaysRefusedForGoodWhenTheServerResetsTheConnectionAtQuit() throws IOException {
        server = ScriptedSmtpServer.start(
                "250 ok",
                out -> {
                    out.write("554 5.6.0 message refused\r\n");
                    out.flush();
                },
                (socket, out) -> {
                    socket.setSoLinger(true, 0);
                    socket.close();
                });

        assertThatThrownBy(() -> notifier()
                        .send(SmtpNotifierTest.notification(
                                "k-refused-reset", NotificationKind.ESCALATION_RECEIVED, INA, Optional.empty())))
                .as("dead-lettered at once, not retried for hours")
                .isInstanceOf(PermanentDeliveryException.class);
    }
}
