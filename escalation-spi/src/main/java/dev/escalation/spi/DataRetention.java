package dev.escalation.spi;

import dev.escalation.model.EscalationId;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * Erasure of a person's data and purging of old data: an optional capability of an {@link EscalationStore}
 * ({@link Capability#RETENTION}). Each call is its own transaction (or several, for batches) and is safe to run from
 * several instances at once. Thread-safe.
 */
public interface DataRetention {

    /**
     * Removes a person's personal data everywhere the store holds it: escalation messages they wrote, participant
     * entries, entry texts they wrote and personal entry parameters about them (replaced by {@code marker}), attendees,
     * outbox payloads and dead letters addressed to them or carrying their data, and due items. Ids stay (they are
     * pseudonyms the host owns). Idempotent.
     *
     * @param person the person
     * @param marker the text that replaces what was erased, such as {@code "[erased]"}
     * @return what changed
     */
    ErasureCounts erasePerson(PartyRef person, String marker);

    /**
     * Deletes up to {@code limit} final (closed or withdrawn) escalations last changed before {@code cutoff}, with
     * their entries, due items and outbox messages, in one transaction.
     *
     * <p>Their changes in {@link EscalationStore#changesSince} may go with them or stay: the store decides, and says
     * so. The JDBC store deletes them (a follower behind the purge does not see them); the in-memory store keeps them
     * (a follower reads changes of an escalation that is gone). A follower treats a change whose escalation is not
     * found as deleted, as the engine's audit anchoring does.
     *
     * @param cutoff the instant (engine clock)
     * @param limit  at most this many escalations, 1 or more
     * @return how many escalations were deleted (less than {@code limit}: nothing older is left)
     */
    int purgeFinalBefore(Instant cutoff, int limit);

    /**
     * {@link #purgeFinalBefore(Instant, int)}, naming the escalations before they go: in the one transaction, the store
     * picks up to {@code limit} final escalations last changed before {@code cutoff} (locking them against other
     * purges and changes, as {@code purgeFinalBefore} does), calls {@code beforeDelete} once with their ids (not at
     * all when there are none), and deletes exactly those escalations (with their entries, due items and outbox
     * messages) only if it returns normally. What {@code beforeDelete} throws, the store throws unchanged, having
     * deleted nothing. The engine removes the escalations' portal messages there ({@link
     * PortalMessages#eraseEscalations}): when that fails, the escalations stay for the next run to purge, so no message
     * outlives its escalation unnoticed. Added in 0.2.0 with a default for stores written before it.
     *
     * <p>The default throws {@link UnsupportedOperationException}: the store cannot name what it purges. The engine
     * then purges with {@link #purgeFinalBefore(Instant, int)}, leaves the escalations' portal messages, logs a
     * warning and counts those escalations in {@code RetentionReport.portalKept()}.
     *
     * @param cutoff       the instant (engine clock)
     * @param limit        at most this many escalations, 1 or more
     * @param beforeDelete told the ids of the escalations about to be deleted (distinct, at most {@code limit})
     * @return how many escalations were deleted: at most the number of ids {@code beforeDelete} was told (fewer only
     *     if one of them changed since it was picked: it stays)
     * @throws UnsupportedOperationException by default: the store does not name what it purges
     */
    default int purgeFinalBefore(Instant cutoff, int limit, Consumer<List<EscalationId>> beforeDelete) {
        throw new UnsupportedOperationException("this store does not name the escalations it purges");
    }

    /**
     * Deletes up to {@code limit} delivered outbox messages created before {@code cutoff} and delivered more than the
     * {@link StoreCapabilities#deduplicationWindow()} before {@code now} (so no key is forgotten inside the window), in
     * one transaction. A cut-off later than now minus the window is refused.
     *
     * @param cutoff the instant (engine clock)
     * @param now    the engine's time
     * @param limit  at most this many, 1 or more
     * @return how many were deleted
     * @throws IllegalArgumentException if {@code cutoff} is inside the de-duplication window
     */
    int purgeDeliveredBefore(Instant cutoff, Instant now, int limit);

    /**
     * Everything the store holds about one person (data-subject access), read in one transaction: the escalations they
     * are involved in, the entries they wrote or that are about them, the outbox messages and due items that name them
     * or carry one of their values. After {@link #erasePerson} it still lists where they were involved (ids stay), but
     * none of their values. Added in 0.2.0 with a default for stores written before it.
     *
     * @param person the person
     * @return what the store holds about them
     * @throws UnsupportedOperationException by default: the store does not export
     */
    default PersonalData exportPerson(PartyRef person) {
        throw new UnsupportedOperationException("this store does not export a person's data");
    }
}
