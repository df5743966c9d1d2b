package dev.escalation;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Optional;

/**
 * What {@link EscalationOperations#applyRetention} purges: closed and withdrawn escalations last changed more than
 * {@code closedMonths} months ago (with their entries, outbox messages, due items and ticket reference), and delivered
 * outbox messages delivered longer ago than {@code deliveredFor} (the store's de-duplication window if empty; a shorter
 * time is refused, so no idempotency key is forgotten while it still de-duplicates). Purging works in batches of
 * {@code batchSize}, each its own transaction.
 *
 * @param closedMonths how many months a final escalation is kept after its last change (1 to 1,200)
 * @param deliveredFor how long a delivered message is kept (at most 100 years); empty for the store's de-duplication
 *                     window
 * @param batchSize    escalations or messages per transaction (1 to 10,000)
 */
public record RetentionPolicy(int closedMonths, Optional<Duration> deliveredFor, int batchSize) {

    /** The default batch size. */
    public static final int DEFAULT_BATCH = 500;

    /**
     * Checks for nulls; ranges are checked by the engine (as {@link InvalidCommandException}).
     *
     * @param closedMonths how many months a final escalation is kept after its last change
     * @param deliveredFor how long a delivered message is kept; empty for the store's de-duplication window
     * @param batchSize escalations or messages per transaction
     * @throws NullPointerException if {@code deliveredFor} is null
     */
    public RetentionPolicy {
        requireNonNull(deliveredFor, "deliveredFor");
    }

    /**
     * Keeps final escalations {@code months} months, delivered messages for the de-duplication window, in batches of
     * {@value #DEFAULT_BATCH}.
     *
     * @param months months after the last change
     * @return the policy
     */
    public static RetentionPolicy closedAfterMonths(int months) {
        return new RetentionPolicy(months, Optional.empty(), DEFAULT_BATCH);
    }

    /**
     * The same policy with another keeping time for delivered messages.
     *
     * @param keep how long a delivered message is kept (at least the store's de-duplication window)
     * @return the policy
     */
    public RetentionPolicy deliveredKeptFor(Duration keep) {
        return new RetentionPolicy(closedMonths, Optional.of(keep), batchSize);
    }

    /**
     * The same policy with another batch size.
     *
     * @param size escalations or messages per transaction
     * @return the policy
     */
    public RetentionPolicy inBatchesOf(int size) {
        return new RetentionPolicy(closedMonths, deliveredFor, size);
    }
}
