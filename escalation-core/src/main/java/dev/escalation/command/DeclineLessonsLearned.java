package dev.escalation.command;

import dev.escalation.model.EscalationId;
import jakarta.validation.constraints.NotNull;

/**
 * The customer declines the lessons-learned session.
 *
 * @param escalation the escalation
 * @param reason     why (optional, at most 2,000 characters)
 */
public record DeclineLessonsLearned(
        @NotNull @SafeId EscalationId escalation,
        @SafeText(max = 2000, required = false) String reason) {}
