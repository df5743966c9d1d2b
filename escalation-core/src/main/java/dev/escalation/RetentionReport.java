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
 * @param portalMessages  portal messages about the purged escalations that were removed, whoever their recipient
 *                        (0 without {@code portalMessages(…)})
 * @param portalKept      purged escalations whose portal messages were kept, because the store or the
 *                        portal-message port does not implement their removal (the SPI's default; a warning is
 *                        logged); 0 when every purged escalation's messages went, and without {@code
 *                        portalMessages(…)}
 */
public record RetentionReport(
        Instant closedBefore,
        Instant deliveredBefore,
        long escalations,
        long messages,
        int batches,
        long portalMessages,
        long portalKept) {
    /**
     * Validates the components.
     *
     * @param closedBefore final escalations last changed before this instant were purged
     * @param deliveredBefore delivered messages created and delivered before this instant were purged
     * @param escalations escalations purged
     * @param messages delivered outbox messages purged
     * @param batches transactions used
     * @param portalMessages portal messages about the purged escalations that were removed
     * @param portalKept purged escalations whose portal messages were kept
     * @throws NullPointerException if an instant is null
     */
    public RetentionReport {
        requireNonNull(closedBefore, "closedBefore");
        requireNonNull(deliveredBefore, "deliveredBefore");
    }

    /**
     * A report without portal messages (none removed, none kept), as before they were counted.
     *
     * @param closedBefore final escalations last changed before this instant were purged
     * @param deliveredBefore delivered messages created and delivered before this instant were purged
     * @param escalations escalations purged
     * @param messages delivered outbox messages purged
     * @param batches transactions used
     * @throws NullPointerException if an instant is null
     */
    public RetentionReport(
            Instant closedBefore, Instant deliveredBefore, long escalations, long messages, int batches) {
        this(closedBefore, deliveredBefore, escalations, messages, batches, 0, 0);
    }
}
