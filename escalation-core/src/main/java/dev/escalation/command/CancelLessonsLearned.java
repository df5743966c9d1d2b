package dev.escalation.command;

import dev.escalation.model.EscalationId;
import jakarta.validation.constraints.NotNull;

/**
 * The appointed Escalation Manager cancels the scheduled lessons-learned session (the customer's answer is
 * {@link DeclineLessonsLearned}). Each attendee gets the invitation's cancellation (iCalendar {@code METHOD:CANCEL},
 * the same uid, the next sequence); the session is no longer scheduled, so the manager may schedule it again (the
 * next invitation carries a higher sequence) or the customer may decline it.
 *
 * @param escalation the escalation
 * @param reason     why (optional, at most 2,000 characters)
 */
public record CancelLessonsLearned(
        @NotNull @SafeId EscalationId escalation,
        @SafeText(max = 2000, required = false) String reason) {}
