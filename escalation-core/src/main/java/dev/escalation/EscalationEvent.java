package dev.escalation;

import static java.util.Objects.requireNonNull;

import dev.escalation.model.CustomerId;
import dev.escalation.model.EscalationId;
import dev.escalation.model.EscalationState;

/**
 * Something that happened to an escalation: one new timeline entry, published after the change was stored.
 *
 * @param escalation the escalation
 * @param customer   its customer
 * @param state      its state after the change
 * @param version    its version after the change
 * @param entry      the new entry (may be internal; do not show it to customers unchecked)
 */
public record EscalationEvent(
        EscalationId escalation, CustomerId customer, EscalationState state, long version, TimelineEntry entry) {

    /**
     * Validates the components.
     *
     * @param escalation the escalation
     * @param customer its customer
     * @param state its state after the change
     * @param version its version after the change
     * @param entry the new entry (may be internal; do not show it to customers unchecked)
     * @throws NullPointerException if a component is null
     */
    public EscalationEvent {
        requireNonNull(escalation, "escalation");
        requireNonNull(customer, "customer");
        requireNonNull(state, "state");
        requireNonNull(entry, "entry");
    }
}
