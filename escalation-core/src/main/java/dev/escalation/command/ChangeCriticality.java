package dev.escalation.command;

import dev.escalation.model.Criticality;
import dev.escalation.model.EscalationId;
import jakarta.validation.constraints.NotNull;

/**
 * Raises or lowers the criticality. Lowering (de-escalating) needs a justification.
 *
 * @param escalation    the escalation
 * @param criticality   the new criticality
 * @param justification why (required when lowering; at most 2,000 characters)
 */
public record ChangeCriticality(
        @NotNull @SafeId EscalationId escalation,
        @NotNull Criticality criticality,
        @SafeText(max = 2000, required = false) String justification) {}
