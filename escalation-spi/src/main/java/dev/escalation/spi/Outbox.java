package dev.escalation.spi;

import dev.escalation.model.EscalationId;
import dev.escalation.model.MessageId;
import dev.escalation.model.Page;
import dev.escalation.model.PageRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * The pending side effects of an {@link EscalationStore}, written with the state changes that caused them, and
 * delivered in batches: one statement claims a batch, one transaction records its outcomes.
 *
 * <p>Rules (checked by the contract kit):
 * <ol>
 *   <li>{@link #claim} returns only messages whose {@code nextAttemptAt} is not after {@code now}, not delivered, not
 *       dead-lettered and not leased to another claim.</li>
 *   <li>Order per chain ({@link OutboxMessage#chain()}): a message is claimed only if every older message of its chain
 *       is delivered or in the same claim before it; one claim may hold several messages of a chain, in order. A
 *       dead-lettered message holds its chain back until it is replayed and delivered. A failing recipient holds back
 *       only its own chain.</li>
 *   <li>A ticket call other than {@code Open} is claimed only once the escalation has a ticket reference, which the
 *       claim carries.</li>
 *   <li>A claimed message is not returned to another claim until its lease expires (in the backend's time if
 *       {@link Capability#LEASES_IN_BACKEND_TIME} is declared, else at {@code now + lease}).</li>
 *   <li>{@link #finish} records every outcome of a batch in one transaction; an outcome whose claim no longer holds is
 *       ignored. {@code Retry} makes the message claimable at {@code nextAttemptAt}, not before, with one more attempt;
 *       {@code DeadLetter} parks it with one more attempt; {@code Released} makes it claimable at once, attempts
 *       unchanged.</li>
 *   <li>A message whose idempotency key is already pending, dead, or was delivered within the
 *       {@link StoreCapabilities#deduplicationWindow()} is not queued again.</li>
 *   <li>{@link #claim} refuses a lease that is not positive and a limit below 1 with
 *       {@link IllegalArgumentException}, and claims nothing.</li>
 * </ol>
 *
 * <p>Thread-safe; safe across application instances for shared backends. Throws {@link UnavailableException} when
 * the backend cannot answer.
 */
public interface Outbox {

    /**
     * Leases up to {@code limit} deliverable messages to {@code claimant}, in one statement.
     *
     * @param claimant who claims (for diagnostics), such as a host name
     * @param now      the engine's time; messages with {@code nextAttemptAt <= now} are deliverable
     * @param lease    how long the claim holds
     * @param limit    at most this many, 1 or more
     * @return the claimed messages, oldest first in the order they were queued (which keeps every chain in order)
     * @throws IllegalArgumentException if {@code lease} is zero or negative or {@code limit} is below 1 (nothing is
     *     claimed)
     */
    List<ClaimedMessage> claim(String claimant, Instant now, Duration lease, int limit);

    /**
     * {@link #claim(String, Instant, Duration, int)}, and tells {@code deadLettered} how many messages this claim
     * dead-lettered itself instead of returning them: a store that cannot read a message back (its stored form was
     * changed outside the store) parks it with the code {@code UNREADABLE}, so one such message does not stop every
     * delivery. The dispatcher counts them in its run's report. Called at most once per claim, and not at all when the
     * claim dead-lettered none; a store that never dead-letters in its claim keeps the default, which claims and tells
     * nothing.
     *
     * @param claimant     who claims (for diagnostics), such as a host name
     * @param now          the engine's time; messages with {@code nextAttemptAt <= now} are deliverable
     * @param lease        how long the claim holds
     * @param limit        at most this many, 1 or more
     * @param deadLettered told the number (1 or more) of messages the claim dead-lettered, if it did
     * @return the claimed messages, as {@link #claim(String, Instant, Duration, int)} returns them
     * @throws IllegalArgumentException if {@code lease} is zero or negative or {@code limit} is below 1 (nothing is
     *     claimed)
     */
    default List<ClaimedMessage> claim(
            String claimant, Instant now, Duration lease, int limit, IntConsumer deadLettered) {
        return claim(claimant, now, lease, limit);
    }

    /**
     * Records the outcomes of a batch in one transaction.
     *
     * @param outcomes the outcomes, at most one per claimed message
     * @param now      the engine's time (delivery time of {@code Delivered}, replay and purge bookkeeping)
     * @return how many outcomes were recorded (the others' claims no longer held)
     */
    int finish(List<DeliveryOutcome> outcomes, Instant now);

    /**
     * Records the outcomes of a batch and counts what is left, in one transaction: the dispatcher's last batch of a
     * run ends with it, so a run reports what is still pending without a transaction of its own. The default finishes
     * and then counts (two transactions); stores override it.
     *
     * @param outcomes the outcomes, at most one per claimed message
     * @param now      the engine's time
     * @return the counts after the outcomes were recorded
     */
    default OutboxCounts finishAndCount(List<DeliveryOutcome> outcomes, Instant now) {
        finish(outcomes, now);
        return counts();
    }

    /**
     * Counts pending and dead messages. <b>Vendor-scoped.</b>
     *
     * @return the counts
     */
    OutboxCounts counts();

    /**
     * Counts pending and dead messages of one escalation.
     *
     * @param escalation the escalation
     * @return the counts
     */
    OutboxCounts countsOf(EscalationId escalation);

    /**
     * Lists dead-lettered messages, ascending by ({@code createdAt}, {@code id}). <b>Vendor-scoped.</b>
     *
     * @param page which page
     * @return the page
     */
    Page<OutboxMessage> deadLetters(PageRequest page);

    /**
     * Lists dead-lettered messages as {@link #deadLetters} does (same order, same pages), each a
     * {@link DeadLetterEntry}: a message the store reads back is a {@link DeadLetterEntry.Readable}; one whose stored
     * form it cannot read back (changed outside the store) is a {@link DeadLetterEntry.Unreadable} with what the store
     * can still read of it, so one such message does not make the whole list fail. <b>Vendor-scoped.</b> The default
     * wraps {@link #deadLetters} (a store that always reads its messages back has nothing else to list); a store that
     * can hold unreadable messages overrides it.
     *
     * @param page which page
     * @return the page
     */
    default Page<DeadLetterEntry> deadLetterEntries(PageRequest page) {
        Page<OutboxMessage> messages = deadLetters(page);
        return new Page<>(
                messages.items().stream()
                        .<DeadLetterEntry>map(DeadLetterEntry.Readable::new)
                        .toList(),
                messages.next());
    }

    /**
     * Makes one dead-lettered message deliverable again, attempts reset.
     *
     * @param id  the message
     * @param now the engine's time; the message is deliverable from then on
     * @return {@code true} if it was dead-lettered and is now pending
     * @throws StoredDataException if the store cannot read the message back (a {@link DeadLetterEntry.Unreadable};
     *     nothing changed): replayed, it would only be dead-lettered again
     */
    boolean replay(MessageId id, Instant now);

    /**
     * Makes every dead-lettered message of an escalation deliverable again, attempts reset, in one transaction; each
     * keeps its place in its chain, so they go out in their original order.
     *
     * @param escalation the escalation
     * @param now        the engine's time
     * @return how many were replayed
     * @throws StoredDataException if the store cannot read one of them back (nothing changed)
     */
    int replayAll(EscalationId escalation, Instant now);
}
