package dev.escalation.examples.redmine;

import dev.escalation.spi.Ticketing;
import dev.escalation.test.TicketingContract;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * The test kit's ticketing contract (rules T1–T9 of escalation-test/RULES.md) against the real Redmine started by
 * {@code .ci/run}. Skipped with a message outside CI when no Redmine is configured.
 */
class RedmineTicketingContractTest extends TicketingContract {

    @Override
    protected Ticketing createTicketing() {
        return RedmineTestServer.require().adapter().build();
    }

    @Override
    protected Optional<Ticketing> createUnavailableTicketing() {
        // a closed port on loopback: every call fails with a retryable exception
        return Optional.of(RedmineTicketing.builder()
                .baseUrl(URI.create("http://127.0.0.1:1"))
                .apiKey("none")
                .project("escalations")
                .timeout(Duration.ofSeconds(2))
                .build());
    }
}
