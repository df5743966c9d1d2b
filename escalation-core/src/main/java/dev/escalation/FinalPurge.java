package dev.escalation;

import dev.escalation.model.EscalationId;
import dev.escalation.spi.DataRetention;
import dev.escalation.spi.PortalMessages;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The purge of final escalations of one retention run, batch by batch, with the portal messages about them. With a
 * portal-message port, each batch is purged by {@link DataRetention#purgeFinalBefore(Instant, int,
 * java.util.function.Consumer)}, which names the escalations inside its transaction before deleting them: their
 * messages are removed there ({@link PortalMessages#eraseEscalations}), so a port that fails leaves the escalations
 * (the store rolls back) for the next run, never messages about an escalation that is gone.
 *
 * <p>An adapter without the capability (the SPI's default: {@link UnsupportedOperationException}) does not stop the
 * purge: the store's personal data goes at its time all the same, the messages stay, a warning says so (once per run
 * and adapter) and {@link #portalKept()} counts those escalations. Without a portal-message port nothing changes: one
 * {@link DataRetention#purgeFinalBefore(Instant, int)} per batch. Not thread-safe: one per run.
 */
final class FinalPurge {
    private final DataRetention retention;
    private final @Nullable PortalMessages portal;
    private boolean storeNames;
    private boolean portalErases;
    private long portalMessages;
    private long portalKept;
    /** The escalations the store named in the current batch. */
    private int named;

    FinalPurge(DataRetention retention, Optional<PortalMessages> portal) {
        this.retention = retention;
        this.portal = portal.orElse(null);
        this.storeNames = this.portal != null;
        this.portalErases = this.portal != null;
    }

    /** Portal messages removed so far. */
    long portalMessages() {
        return portalMessages;
    }

    /** Escalations purged so far whose portal messages were kept (an adapter without the capability). */
    long portalKept() {
        return portalKept;
    }

    /**
     * One batch: the store's count of escalations purged (checked by {@link RetentionBatches}).
     *
     * @param cutoff final escalations last changed before it go
     * @param size the batch size
     * @return the store's count
     */
    int batch(Instant cutoff, int size) {
        if (storeNames) {
            Ports.Inside inside = new Ports.Inside();
            named = 0;
            try {
                int n = Ports.call(
                        () -> retention.purgeFinalBefore(cutoff, size, ids -> inside.run(() -> eraseMessages(ids))),
                        inside::threw);
                if (!portalErases) {
                    portalKept += Math.max(0, n);
                } else if (n > named) { // a store fault: it purged escalations it did not name
                    Ports.LOG.warn(
                            "store fault: purgeFinalBefore purged {} escalations but named {}; their portal messages"
                                    + " are kept",
                            n,
                            named);
                    portalKept += n - named;
                }
                return n;
            } catch (UnsupportedOperationException e) {
                storeNames = false;
                Ports.LOG.warn("retention: the store does not name the escalations it purges; the portal messages"
                        + " about them are kept (erasing a recipient removes theirs)");
            }
        }
        int n = Ports.call(() -> retention.purgeFinalBefore(cutoff, size));
        if (portal != null) {
            portalKept += Math.max(0, n);
        }
        return n;
    }

    /** Inside the store's transaction: removes the messages about the escalations about to be deleted. */
    private int eraseMessages(List<EscalationId> ids) {
        named = ids.size();
        PortalMessages port = portal;
        if (!portalErases || port == null) {
            return 0;
        }
        try {
            int removed = Ports.call(() -> port.eraseEscalations(Set.copyOf(ids)));
            if (removed < 0) {
                Ports.LOG.warn("port fault: eraseEscalations answered {}; the retention run ends", removed);
                throw new EscalationUnavailableException(
                        "the portal-message port answered an impossible count; try again later", null);
            }
            portalMessages += removed;
            return removed;
        } catch (UnsupportedOperationException e) {
            portalErases = false;
            Ports.LOG.warn("retention: the portal-message port does not remove messages by escalation; the portal"
                    + " messages about purged escalations are kept (erasing a recipient removes theirs)");
            return 0;
        }
    }
}
