package dev.escalation.command;

import dev.escalation.model.EscalationId;
import jakarta.validation.constraints.NotNull;

/**
 * The Escalation Manager resumes the paused SLA clock.
 *
 * @param escalation the escalation
 * @param note       an optional remark (at most 2,000 characters)
 */
public record ResumeClock(
        @NotNull @SafeId EscalationId escalation,
        @SafeText(max = 2000, required = false) String note) {}
