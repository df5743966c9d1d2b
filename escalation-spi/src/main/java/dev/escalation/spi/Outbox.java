package dev.escalation.spi;

import dev.escalation.model.MessageId;
import dev.escalation.model.Page;
import dev.escalation.model.PageRequest;
import java.time.Duration;
import java.time.Instant;

/**
 * The pending side effects of an {@link EscalationStore}, written with the state changes that caused them.
 *
 * <p>Rules (checked by the contract kit):
 * <ol>
 *   <li>{@link #claim} returns only messages whose {@code nextAttemptAt} is not after {@code now} and that are not
 *       completed, dead-lettered or leased to another claim, oldest first.</li>
 *   <li>Order per escalation and target: a message is not claimed while an older message of the same escalation
 *       and the same {@link OutboxMessage.Target} is neither completed nor dead-lettered.</li>
 *   <li>A claimed message is not returned to another claim until its lease expires. Lease expiry may be measured
 *       in the backend's time (so instances with skewed clocks agree); due-ness uses the {@code now} passed in.</li>
 *   <li>{@link #retryLater} makes the message claimable again at {@code nextAttemptAt}, not before, with one
 *       more attempt counted; {@link #deadLetter} parks it until {@link #replay}.</li>
 * </ol>
 *
 * <p>Thread-safe; safe across application instances for shared backends. Throws {@link UnavailableException}
 * when the backend cannot answer.
 */
public interface Outbox {

    /**
     * Leases up to {@code limit} deliverable messages to {@code claimant}.
     *
     * @param claimant who claims (for diagnostics), such as a host name
     * @param now      the engine's time; messages with {@code nextAttemptAt <= now} are deliverable
     * @param lease    how long the claim holds
     * @param limit    at most this many, 1 or more
     * @return the claimed messages, oldest first
     */
    java.util.List<ClaimedMessage> claim(String claimant, Instant now, Duration lease, int limit);

    /**
     * Marks a message delivered. Idempotent: completing an already completed message changes nothing.
     *
     * @param claimed the claim
     */
    void complete(ClaimedMessage claimed);

    /**
     * Records a failed delivery; the message becomes claimable again at {@code nextAttemptAt}.
     *
     * @param claimed       the claim
     * @param nextAttemptAt when to try again (engine clock)
     * @param reason        a short reason without personal data
     * @return {@code false} if the claim no longer held (another claimant owns the message; nothing changed)
     */
    boolean retryLater(ClaimedMessage claimed, Instant nextAttemptAt, String reason);

    /**
     * Parks a message that will not be retried.
     *
     * @param claimed the claim
     * @param reason  a short reason without personal data
     * @return {@code false} if the claim no longer held (nothing changed)
     */
    boolean deadLetter(ClaimedMessage claimed, String reason);

    /**
     * Lists dead-lettered messages, ascending by ({@code createdAt}, {@code id}). <b>Vendor-scoped.</b>
     *
     * @param page which page
     * @return the page
     */
    Page<OutboxMessage> deadLetters(PageRequest page);

    /**
     * Makes a dead-lettered message deliverable again with its attempts reset.
     *
     * @param id  the message
     * @param now the engine's time; the message is deliverable from then on
     * @return {@code true} if it was dead-lettered and is now pending
     */
    boolean replay(MessageId id, Instant now);

    /**
     * Counts messages not yet completed or dead-lettered (for monitoring and tests).
     *
     * @return the count
     */
    long pendingCount();
}
