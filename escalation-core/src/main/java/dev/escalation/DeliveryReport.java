package dev.escalation;

/**
 * What one run of {@link EscalationEngine#deliverPending()} or {@link EscalationEngine#processDueWork()} did.
 *
 * @param delivered    side effects delivered (or due items completed)
 * @param retried      deliveries that failed and are scheduled again
 * @param deadLettered deliveries given up (see {@link EscalationEngine#deadLetters})
 */
public record DeliveryReport(int delivered, int retried, int deadLettered) {

    DeliveryReport plus(DeliveryReport o) {
        return new DeliveryReport(delivered + o.delivered, retried + o.retried, deadLettered + o.deadLettered);
    }
}
