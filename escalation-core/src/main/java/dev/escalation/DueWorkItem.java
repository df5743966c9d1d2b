package dev.escalation;

import static java.util.Objects.requireNonNull;

import dev.escalation.model.CustomerId;
import dev.escalation.model.DueKind;
import dev.escalation.model.EscalationId;
import java.time.Instant;

/**
 * A piece of due work whose instant has come and that the worker has not processed yet: a meeting reminder, an SLA
 * warning, a breach or its repeat ({@link EscalationOperations#dueWorkBacklog}).
 *
 * @param escalation the escalation
 * @param customer   its customer
 * @param kind       which deadline
 * @param step       which step of it: {@code "reminder"}, {@code "reminder-customer"}, {@code "warning"},
 *                   {@code "breach"}, {@code "breach-repeat-1"}, …
 * @param dueAt      when it became due
 */
public record DueWorkItem(EscalationId escalation, CustomerId customer, DueKind kind, String step, Instant dueAt) {
    /**
     * Validates the components.
     *
     * @param escalation the escalation
     * @param customer its customer
     * @param kind which deadline
     * @param step which step of it: {@code "reminder"}, {@code "reminder-customer"}, {@code "warning"},
     *     {@code "breach"}, {@code "breach-repeat-1"}, …
     * @param dueAt when it became due
     * @throws NullPointerException if a component is null
     */
    public DueWorkItem {
        requireNonNull(escalation, "escalation");
        requireNonNull(customer, "customer");
        requireNonNull(kind, "kind");
        requireNonNull(step, "step");
        requireNonNull(dueAt, "dueAt");
    }
}
