package dev.escalation.spi;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Due items of an {@link EscalationStore}, indexed by due instant (never a scan of all escalations).
 *
 * <p>Rules: {@link #due} and {@link #claim} return items with {@code dueAt <= now}, ordered by ({@code dueAt},
 * {@code key}); a claimed item is not claimed again while its lease holds and is claimable again after the lease
 * expires or is {@link #release released}; a completed item is never returned again. A {@code limit} below 1 or a
 * {@code lease} that is not positive is refused with {@link IllegalArgumentException} before anything is read or
 * claimed.
 *
 * <p>Thread-safe; safe across application instances for shared backends.
 */
public interface DueWork {

    /**
     * Lists items due at {@code now} that are not completed (claimed or not), oldest first. <b>Vendor-scoped.</b>
     *
     * @param now   the engine's time
     * @param limit at most this many, 1 or more
     * @return the items
     * @throws IllegalArgumentException if {@code limit} is below 1
     */
    List<DueItem> due(Instant now, int limit);

    /**
     * Leases up to {@code limit} due, unclaimed items.
     *
     * @param claimant who claims
     * @param now      the engine's time
     * @param lease    how long the claim holds
     * @param limit    at most this many, 1 or more
     * @return the claimed items, oldest first
     * @throws IllegalArgumentException if {@code lease} is zero or negative or {@code limit} is below 1 (nothing is
     *     claimed)
     */
    List<ClaimedDue> claim(String claimant, Instant now, Duration lease, int limit);

    /**
     * Completes a claimed item and queues its follow-up side effects in the same transaction. Messages whose
     * idempotency key is already in the outbox are not queued again.
     *
     * @param claimed   the claim
     * @param followUps the side effects the item causes
     * @return {@code false} if the claim no longer held or the item was already completed (nothing queued)
     */
    boolean complete(ClaimedDue claimed, List<OutboxMessage> followUps);

    /**
     * Gives a claimed item back at once, for example on shutdown.
     *
     * @param claimed the claim
     */
    void release(ClaimedDue claimed);
}
