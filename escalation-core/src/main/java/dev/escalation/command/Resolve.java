package dev.escalation.command;

import dev.escalation.model.EscalationId;
import jakarta.validation.constraints.NotNull;

/**
 * The appointed Escalation Manager records how the escalation was resolved.
 *
 * @param escalation the escalation
 * @param summary    what resolved it (1 to 4,000 characters; customer-visible)
 */
public record Resolve(
        @NotNull @SafeId EscalationId escalation,
        @SafeText(max = 4000) String summary) {}
