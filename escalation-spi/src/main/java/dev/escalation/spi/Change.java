package dev.escalation.spi;

import static java.util.Objects.requireNonNull;

import dev.escalation.model.CustomerId;
import dev.escalation.model.EscalationId;
import dev.escalation.model.EscalationState;
import java.time.Instant;

/**
 * One committed write of an escalation, as {@link EscalationStore#changesSince} reports it.
 *
 * @param escalation the escalation
 * @param customer   its tenant
 * @param version    the version the write produced (1 for a new escalation)
 * @param state      the state after the write
 * @param at         the write's {@code updatedAt} (engine clock)
 */
public record Change(EscalationId escalation, CustomerId customer, long version, EscalationState state, Instant at) {
    /**
     * Validates the components.
     *
     * @param escalation the escalation
     * @param customer its tenant
     * @param version the version the write produced (1 for a new escalation)
     * @param state the state after the write
     * @param at the write's {@code updatedAt} (engine clock)
     * @throws NullPointerException if a component is null
     * @throws IllegalArgumentException if {@code version} is not positive
     */
    public Change {
        requireNonNull(escalation, "escalation");
        requireNonNull(customer, "customer");
        requireNonNull(state, "state");
        requireNonNull(at, "at");
        if (version < 1) {
            throw new IllegalArgumentException("version must be positive: " + version);
        }
    }
}
