package dev.escalation;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;

/**
 * How much of the outbox is waiting.
 *
 * @param pending       side effects neither delivered nor dead-lettered (some may wait for a retry or behind an earlier
 *                      one of their chain)
 * @param dead          dead-lettered side effects (see {@link EscalationOperations#deadLetters})
 * @param nextAttemptAt the earliest instant a pending side effect may be attempted
 */
public record OutboxStatus(long pending, long dead, Optional<Instant> nextAttemptAt) {
    /**
     * Validates the components.
     *
     * @param pending side effects neither delivered nor dead-lettered (some may wait for a retry or behind an earlier
     *     one of their chain)
     * @param dead dead-lettered side effects (see {@link EscalationOperations#deadLetters})
     * @param nextAttemptAt the earliest instant a pending side effect may be attempted
     * @throws NullPointerException if {@code nextAttemptAt} is null
     */
    public OutboxStatus {
        requireNonNull(nextAttemptAt, "nextAttemptAt");
    }
}
