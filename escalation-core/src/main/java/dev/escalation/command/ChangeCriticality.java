package dev.escalation.command;

import dev.escalation.model.Criticality;
import dev.escalation.model.EscalationId;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * Raises or lowers the criticality. Lowering (de-escalating) needs a justification.
 *
 * @param escalation    the escalation
 * @param criticality   the new criticality
 * @param justification why (required when lowering; at most 2,000 characters)
 */
public record ChangeCriticality(
        @NotNull EscalationId escalation,
        @NotNull Criticality criticality,
        @Size(max = 2000) String justification) {}
