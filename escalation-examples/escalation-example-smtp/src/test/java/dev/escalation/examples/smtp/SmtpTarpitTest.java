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
 * A server that answers a little at a time (a tarpit: one continuation line of its reply every fifth of a second, for a
 * minute) never lets a read time out, so the connect, read and write time-outs alone would hold the sending thread,
 * the engine's dispatcher, for that whole minute. The notifier gives up after four time-outs, retryably.
 */
class SmtpTarpitTest {
    private static final Party INA = new Party(Party.Kind.CONTACT, "ina", "Ina Incident", "ina@customer.example");

    private ScriptedSmtpServer server;

    @AfterEach
    void stop() throws IOException {
        server.close();
    }

    /** Accepts one session and answers the end of the message with a reply that keeps coming for a minute. */
    private int tarpit() throws IOException {
        server = ScriptedSmtpServer.start("250 ok", out -> {
            for (int i = 0; i < 300 && !server.closed(); i++) {
                out.write("250-still thinking\r\n");
                out.flush();
                Thread.sleep(200);
            }
            out.write("250 ok\r\n");
            out.flush();
        });
        return server.port();
    }

    @Test
    void aServerThatAnswersALittleAtATimeIsCutOffAfterFourTimeOuts() throws IOException {
        SmtpNotifier notifier = SmtpNotifier.builder()
                .host("127.0.0.1")
                .port(tarpit())
                .from("escalations@vendor.example", "Support Management")
                .timeout(Duration.ofSeconds(1))
                .build();

        long started = System.nanoTime();
        assertThatThrownBy(() -> notifier.send(SmtpNotifierTest.notification(
                        "k-tarpit", NotificationKind.ESCALATION_RECEIVED, INA, Optional.empty())))
                .isInstanceOf(SmtpDeliveryException.class)
                .isNotInstanceOf(PermanentDeliveryException.class)
                .hasMessageContaining("E-42");
        assertThat(Duration.ofNanos(System.nanoTime() - started))
                .as("cut off after four time-outs of 1 s, not after the minute the server keeps answering")
                .isLessThan(Duration.ofSeconds(15));
    }
}
