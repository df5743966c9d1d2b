package dev.escalation.spi;

import dev.escalation.model.EscalationId;
import java.util.Optional;

/**
 * Where signed checkpoints of audit chains are kept ({@link Anchor}): ideally somewhere the writers of the store
 * cannot change (another database, a write-once bucket); the in-memory and JDBC adapters (table {@code esc_anchor})
 * are the simple choice. Thread-safe; each call is its own transaction.
 */
public interface AuditAnchors {

    /**
     * Stores an anchor. Anchors of an escalation are kept in the order recorded; an anchor never replaces another.
     *
     * @param anchor the anchor
     */
    void record(Anchor anchor);

    /**
     * The anchor recorded last for an escalation (the longest, since chains only grow).
     *
     * @param escalation the escalation
     * @return the latest anchor, or empty if none was recorded
     */
    Optional<Anchor> latest(EscalationId escalation);
}
