package dev.escalation.examples.redmine;

import dev.escalation.spi.Ticketing;
import dev.escalation.test.TicketView;
import dev.escalation.test.TicketingContract;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * The test kit's ticketing contract (rules T1–T9 of escalation-test/RULES.md) against the real Redmine started by
 * {@code .ci/run}. Skipped with a message outside CI when no Redmine is configured. The inspection hook reads the
 * issue straight from Redmine's REST API ({@link RedmineTestServer#ticket}), not through the adapter.
 */
class RedmineTicketingContractTest extends TicketingContract {

    @Override
    protected Ticketing createTicketing() {
        return RedmineTestServer.require().adapter().build();
    }

    @Override
    protected Optional<TicketView> inspect(Ticketing ticketing, String reference) {
        if (!reference.matches("[1-9][0-9]{0,8}")) {
            return Optional.empty(); // not an issue number: Redmine has no such issue
        }
        return RedmineTestServer.require()
                .ticket(reference)
                .map(t -> new TicketView(reference, t.status(), t.participants(), t.updates()));
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
