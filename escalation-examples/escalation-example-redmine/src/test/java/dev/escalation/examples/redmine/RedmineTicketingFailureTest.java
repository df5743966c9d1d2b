package dev.escalation.examples.redmine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.escalation.model.CaseId;
import dev.escalation.model.Criticality;
import dev.escalation.model.CustomerId;
import dev.escalation.model.EscalationId;
import dev.escalation.model.Visibility;
import dev.escalation.spi.PermanentDeliveryException;
import dev.escalation.spi.TicketCommand;
import dev.escalation.spi.Ticketing;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Failures and configuration checks that need no Redmine: they run everywhere. */
class RedmineTicketingFailureTest {

    @Test
    void anUnreachableRedmineFailsWithARetryableException() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        Ticketing ticketing = RedmineTicketing.builder()
                .baseUrl(URI.create("http://127.0.0.1:" + closedPort))
                .apiKey("key")
                .project("escalations")
                .timeout(Duration.ofSeconds(5))
                .build();
        TicketCommand.Open open = new TicketCommand.Open(
                "k",
                EscalationId.of("E-1"),
                new CustomerId("acme"),
                new CaseId("C-1"),
                "subject",
                "personal description",
                Criticality.HIGH);

        assertThatThrownBy(() -> ticketing.open(open))
                .isInstanceOf(RedmineException.class)
                .isNotInstanceOf(PermanentDeliveryException.class)
                .hasMessageNotContaining("personal")
                .satisfies(e -> assertThat(((RedmineException) e).status()).isZero());
        TicketCommand.PostUpdate update =
                new TicketCommand.PostUpdate("k2", EscalationId.of("E-1"), "personal note", Visibility.CUSTOMER);
        assertThatThrownBy(() -> ticketing.postUpdate("17", update))
                .isInstanceOf(RedmineException.class)
                .hasMessageNotContaining("personal");
    }

    @Test
    void theBuilderNamesTheMissingSetting() {
        assertThatThrownBy(() ->
                        RedmineTicketing.builder().apiKey("k").project("p").build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("baseUrl");
        assertThatThrownBy(() -> RedmineTicketing.builder()
                        .baseUrl(URI.create("http://127.0.0.1:1"))
                        .project("p")
                        .build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("apiKey");
        assertThatThrownBy(() -> RedmineTicketing.builder()
                        .baseUrl(URI.create("http://127.0.0.1:1"))
                        .apiKey("k")
                        .build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("project");
        assertThatThrownBy(() -> RedmineTicketing.builder().baseUrl(URI.create("ftp://x/")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("baseUrl");
        assertThatThrownBy(() -> RedmineTicketing.builder().escalationIdField(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("escalationIdField");
        for (Duration refused : List.of(
                Duration.ZERO,
                Duration.ofNanos(-1),
                Duration.ofDays(1).plusNanos(1),
                Duration.ofSeconds(Long.MAX_VALUE))) {
            assertThatThrownBy(() -> RedmineTicketing.builder().timeout(refused))
                    .as("timeout %s", refused)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("timeout");
        }
        assertThat(RedmineTicketing.builder()
                        .baseUrl(URI.create("http://127.0.0.1:1"))
                        .apiKey("k")
                        .project("p")
                        .timeout(Duration.ofDays(1))
                        .build())
                .as("a day, four of them a call's deadline, is accepted")
                .isNotNull();
    }
}
