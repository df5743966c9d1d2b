package dev.escalation.command;

import dev.escalation.model.EscalationId;
import jakarta.validation.constraints.NotNull;

/**
 * Closes the escalation after the lessons-learned session was held or declined.
 *
 * @param escalation the escalation
 * @param note       an optional closing remark (at most 2,000 characters)
 */
public record Close(
        @NotNull @SafeId EscalationId escalation,
        @SafeText(max = 2000, required = false) String note) {}
