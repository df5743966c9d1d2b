package dev.escalation;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;

/**
 * What one run of {@link EscalationEngine#deliverPending()} or {@link EscalationEngine#processDueWork()} did, and
 * what is left in the outbox afterwards.
 *
 * @param delivered     side effects delivered (or, for {@code processDueWork}, due items completed)
 * @param retried       deliveries that failed and are scheduled again
 * @param deadLettered  deliveries given up, including notifications without a usable channel and messages the store
 *                      could not read back and dead-lettered itself as {@code UNREADABLE} (see
 *                      {@link EscalationOperations#deadLetters})
 * @param pending       side effects still pending in the outbox after the run (waiting for a retry, behind an earlier
 *                      side effect of their chain, or queued meanwhile)
 * @param nextAttemptAt the earliest next-attempt instant of the pending side effects, if any is pending (as the
 *                      outbox counts it: a side effect waiting behind a failed one of its chain counts with its own
 *                      instant, although it goes out only after the failed one)
 */
public record DeliveryReport(
        int delivered, int retried, int deadLettered, long pending, Optional<Instant> nextAttemptAt) {

    /**
     * Validates the components.
     *
     * @param delivered side effects delivered (or, for {@code processDueWork}, due items completed)
     * @param retried deliveries that failed and are scheduled again
     * @param deadLettered deliveries given up, including notifications without a usable channel and messages the
     *     store could not read back and dead-lettered itself as {@code UNREADABLE} (see
     *     {@link EscalationOperations#deadLetters})
     * @param pending side effects still pending in the outbox after the run (waiting for a retry, behind an earlier
     *     side effect of their chain, or queued meanwhile)
     * @param nextAttemptAt the earliest next-attempt instant of the pending side effects, if any is pending (as the
     *     outbox counts it: a side effect waiting behind a failed one of its chain counts with its own
     *     instant, although it goes out only after the failed one)
     * @throws NullPointerException if {@code nextAttemptAt} is null
     */
    public DeliveryReport {
        requireNonNull(nextAttemptAt, "nextAttemptAt");
    }
}
