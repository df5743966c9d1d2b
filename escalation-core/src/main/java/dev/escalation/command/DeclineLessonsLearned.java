package dev.escalation.command;

import dev.escalation.model.EscalationId;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * The customer declines the lessons-learned session.
 *
 * @param escalation the escalation
 * @param reason     why (optional, at most 2,000 characters)
 */
public record DeclineLessonsLearned(
        @NotNull EscalationId escalation, @Size(max = 2000) String reason) {}
