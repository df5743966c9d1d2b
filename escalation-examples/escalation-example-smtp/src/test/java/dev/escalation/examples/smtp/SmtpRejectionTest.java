package dev.escalation.examples.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.escalation.model.NotificationKind;
import dev.escalation.model.Party;
import dev.escalation.spi.PermanentDeliveryException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A server's refusal, for good (5xx) or for now (4xx), of the recipient or of the message. GreenMail accepts every
 * recipient, so a small server on a socket plays the refusing one. What the server answers usually names the
 * recipient, and Jakarta Mail's exception keeps the addresses: the notifier's exception passes on the reply's code,
 * never its text, not even in a cause a host might log with its stack trace.
 */
class SmtpRejectionTest {
    private static final Party INA = new Party(Party.Kind.CONTACT, "ina", "Ina Incident", "ina@customer.example");

    private ScriptedSmtpServer server;

    @AfterEach
    void stop() throws IOException {
        server.close();
    }

    /** Accepts one session; answers RCPT with {@code rcpt} and the end of the message with {@code data}. */
    private int refusingServer(String rcpt, String data) throws IOException {
        server = ScriptedSmtpServer.start(rcpt, out -> {
            out.write(data + "\r\n");
            out.flush();
        });
        return server.port();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "550 5.1.1 <ina@customer.example>: user unknown | 250 ok                                      | 550 | true",
                "452 4.2.2 <ina@customer.example>: mailbox full | 250 ok                                      | 452 | false",
                "250 ok                                         | 554 5.7.1 mail for ina@customer.example refused | 554 | true",
                "250 ok                                         | 451 4.3.0 ina@customer.example: try again later | 451 | false"
            })
    void aRefusalPassesOnItsCodeButNotTheRepliesText(String rcpt, String data, String code, boolean forGood)
            throws IOException {
        SmtpNotifier notifier = SmtpNotifier.builder()
                .host("127.0.0.1")
                .port(refusingServer(rcpt, data))
                .from("escalations@vendor.example", "Support Management")
                .timeout(Duration.ofSeconds(5))
                .build();

        Throwable thrown = catchThrowable(() -> notifier.send(SmtpNotifierTest.notification(
                "k-refused", NotificationKind.ESCALATION_RECEIVED, INA, Optional.empty())));

        if (forGood) {
            assertThat(thrown).isInstanceOf(PermanentDeliveryException.class);
        } else {
            assertThat(thrown)
                    .isInstanceOf(SmtpDeliveryException.class)
                    .isNotInstanceOf(PermanentDeliveryException.class);
        }
        StringWriter trace = new StringWriter();
        thrown.printStackTrace(new PrintWriter(trace));
        assertThat(trace.toString()).doesNotContain("customer.example");
        assertThat(thrown).hasMessageContaining("E-42").hasMessageContaining(code);
    }
}
