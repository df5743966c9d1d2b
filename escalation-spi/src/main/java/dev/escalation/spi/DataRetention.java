package dev.escalation.spi;

import java.time.Instant;

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
