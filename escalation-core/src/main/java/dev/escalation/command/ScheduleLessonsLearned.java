package dev.escalation.command;

import dev.escalation.model.EscalationId;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.time.Instant;

/**
 * The Escalation Manager invites the customer to a lessons-learned session. The Incident Manager who escalated,
 * the Escalation Manager and all participants are invited.
 *
 * @param escalation the escalation
 * @param at         when the session starts (in the future)
 * @param duration   how long it lasts (15 minutes to 8 hours)
 */
public record ScheduleLessonsLearned(
        @NotNull @SafeId EscalationId escalation,
        @NotNull Instant at,
        @NotNull Duration duration) {}
