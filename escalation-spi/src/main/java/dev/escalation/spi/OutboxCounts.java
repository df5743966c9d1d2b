package dev.escalation.spi;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;

/**
 * How much of an outbox is waiting.
 *
 * @param pending       messages neither delivered nor dead-lettered
 * @param dead          dead-lettered messages
 * @param nextAttemptAt the earliest {@code nextAttemptAt} of the pending messages
 */
public record OutboxCounts(long pending, long dead, Optional<Instant> nextAttemptAt) {
    /**
     * Validates the components.
     *
     * @param pending messages neither delivered nor dead-lettered
     * @param dead dead-lettered messages
     * @param nextAttemptAt the earliest {@code nextAttemptAt} of the pending messages
     * @throws NullPointerException if {@code nextAttemptAt} is null
     * @throws IllegalArgumentException if a count is negative
     */
    public OutboxCounts {
        if (pending < 0 || dead < 0) {
            throw new IllegalArgumentException("counts must not be negative");
        }
        requireNonNull(nextAttemptAt, "nextAttemptAt");
    }
}
