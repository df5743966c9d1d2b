package dev.escalation.command;

import dev.escalation.model.EscalationId;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import org.jspecify.annotations.Nullable;

/**
 * The appointed Escalation Manager cancels the scheduled lessons-learned session (the customer's answer is
 * {@link DeclineLessonsLearned}). Each attendee gets the invitation's cancellation (iCalendar {@code METHOD:CANCEL},
 * the same uid, the next sequence); the session is no longer scheduled, so the manager may schedule it again (the
 * next invitation carries a higher sequence) or the customer may decline it.
 *
 * @param escalation the escalation
 * @param reason     why (optional, at most 2,000 characters)
 * @param expectedVersion the version the escalation must have for the command to apply, or {@code null} for
 *                        no precondition (see {@link ExpectsVersion})
 */
public record CancelLessonsLearned(
        @NotNull @SafeId EscalationId escalation,
        @SafeText(max = 2000, required = false) String reason,
        @Positive @Nullable Long expectedVersion)
        implements ExpectsVersion {
    /**
     * The command without an expected version: no precondition on the escalation's version.
     *
     * @param escalation see {@link #escalation()}
     * @param reason see {@link #reason()}
     */
    public CancelLessonsLearned(EscalationId escalation, String reason) {
        this(escalation, reason, null);
    }

    /**
     * This command with a precondition: it applies only while the escalation is at {@code version} (see
     * {@link ExpectsVersion}).
     *
     * @param version the version the caller last saw, such as {@code EscalationView.version()}
     * @return a copy of this command expecting that version
     */
    public CancelLessonsLearned expectingVersion(long version) {
        return new CancelLessonsLearned(escalation, reason, version);
    }
}
