package dev.escalation;

import static java.util.Objects.requireNonNull;

import dev.escalation.model.CustomerId;
import dev.escalation.model.EscalationId;
import dev.escalation.model.EscalationState;
import java.time.Instant;

/**
 * One committed write of an escalation, as the change feed ({@link EscalationOperations#changesSince}) reports it.
 *
 * @param escalation the escalation
 * @param customer   its customer
 * @param version    the version the write produced (1 for a new escalation)
 * @param state      the state after the write
 * @param at         when it was written
 */
public record EscalationChange(
        EscalationId escalation, CustomerId customer, long version, EscalationState state, Instant at) {
    /**
     * Validates the components.
     *
     * @param escalation the escalation
     * @param customer its customer
     * @param version the version the write produced (1 for a new escalation)
     * @param state the state after the write
     * @param at when it was written
     * @throws NullPointerException if a component is null
     */
    public EscalationChange {
        requireNonNull(escalation, "escalation");
        requireNonNull(customer, "customer");
        requireNonNull(state, "state");
        requireNonNull(at, "at");
    }
}
