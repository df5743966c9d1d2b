package dev.escalation.inmemory;

import dev.escalation.model.EscalationId;
import java.time.Duration;
import java.util.Optional;

/** In-memory outboxes for the outbox tests: a 7-day de-duplication window, ticket references held or absent. */
final class TestOutboxes {

    private TestOutboxes() {}

    /** Every escalation has the ticket {@code T-<escalation id>}; a first reference recorded is ignored. */
    static InMemoryOutbox withTickets() {
        return new InMemoryOutbox(Duration.ofDays(7), new References(true));
    }

    /** No escalation has a ticket yet; a first reference recorded is ignored. */
    static InMemoryOutbox withoutTickets() {
        return new InMemoryOutbox(Duration.ofDays(7), new References(false));
    }

    private record References(boolean held) implements InMemoryOutbox.TicketReferences {
        @Override
        public Optional<String> get(EscalationId escalation) {
            return held ? Optional.of("T-" + escalation.value()) : Optional.empty();
        }

        @Override
        public void recordFirst(EscalationId escalation, String reference) {}
    }
}
