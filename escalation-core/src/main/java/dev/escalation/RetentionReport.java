package dev.escalation;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * What one {@link EscalationOperations#applyRetention} run purged.
 *
 * @param closedBefore    final escalations last changed before this instant were purged
 * @param deliveredBefore delivered messages created and delivered before this instant were purged
 * @param escalations     escalations purged (with their entries, outbox messages, due items and ticket reference)
 * @param messages        delivered outbox messages purged
 * @param batches         transactions used
 */
public record RetentionReport(
        Instant closedBefore, Instant deliveredBefore, long escalations, long messages, int batches) {
    /**
     * Validates the components.
     *
     * @param closedBefore final escalations last changed before this instant were purged
     * @param deliveredBefore delivered messages created and delivered before this instant were purged
     * @param escalations escalations purged
     * @param messages delivered outbox messages purged
     * @param batches transactions used
     * @throws NullPointerException if an instant is null
     */
    public RetentionReport {
        requireNonNull(closedBefore, "closedBefore");
        requireNonNull(deliveredBefore, "deliveredBefore");
    }
}
