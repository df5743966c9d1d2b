package dev.escalation.command;

import dev.escalation.model.EscalationId;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * The Escalation Manager resumes the paused SLA clock.
 *
 * @param escalation the escalation
 * @param note       an optional remark (at most 2,000 characters)
 */
public record ResumeClock(
        @NotNull EscalationId escalation, @Size(max = 2000) String note) {}
