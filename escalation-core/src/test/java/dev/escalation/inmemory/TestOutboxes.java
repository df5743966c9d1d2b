package dev.escalation.inmemory;

import dev.escalation.model.CaseId;
import dev.escalation.model.CustomerId;
import dev.escalation.model.EscalationId;
import dev.escalation.model.MessageId;
import dev.escalation.model.NotificationKind;
import dev.escalation.model.Party;
import dev.escalation.spi.NotificationRequest;
import dev.escalation.spi.OutboxMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * In-memory outboxes for the outbox tests (a 7-day de-duplication window, ticket references held or absent), and
 * their notifications.
 */
final class TestOutboxes {

    private TestOutboxes() {}

    /**
     * A pending notification of escalation {@code E-1} (customer {@code acme}, case {@code C-1}) to {@code recipient}
     * on their preferred channel, with idempotency key {@code key} and message id {@code "m-" + key}.
     */
    static OutboxMessage notification(String key, Party recipient, Instant createdAt) {
        return OutboxMessage.pending(
                MessageId.of("m-" + key),
                CustomerId.of("acme"),
                new NotificationRequest(
                        key,
                        EscalationId.of("E-1"),
                        CaseId.of("C-1"),
                        NotificationKind.ESCALATION_CONFIRMED,
                        Optional.empty(),
                        recipient,
                        Map.of(),
                        Optional.of("t"),
                        Optional.empty()),
                createdAt);
    }

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
