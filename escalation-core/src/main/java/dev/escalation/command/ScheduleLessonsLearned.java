package dev.escalation.command;

import dev.escalation.model.EscalationId;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The Escalation Manager invites the customer to a lessons-learned session. The Incident Manager who escalated,
 * the Escalation Manager and all participants are invited.
 *
 * @param escalation the escalation
 * @param at         when the session starts (in the future)
 * @param duration   how long it lasts (15 minutes to 8 hours)
 * @param expectedVersion the version the escalation must have for the command to apply, or {@code null} for
 *                        no precondition (see {@link ExpectsVersion})
 */
public record ScheduleLessonsLearned(
        @NotNull @SafeId EscalationId escalation,
        @NotNull Instant at,
        @NotNull Duration duration,
        @Positive @Nullable Long expectedVersion)
        implements ExpectsVersion {
    /**
     * The command without an expected version: no precondition on the escalation's version.
     *
     * @param escalation see {@link #escalation()}
     * @param at see {@link #at()}
     * @param duration see {@link #duration()}
     */
    public ScheduleLessonsLearned(EscalationId escalation, Instant at, Duration duration) {
        this(escalation, at, duration, null);
    }

    /**
     * This command with a precondition: it applies only while the escalation is at {@code version} (see
     * {@link ExpectsVersion}).
     *
     * @param version the version the caller last saw, such as {@code EscalationView.version()}
     * @return a copy of this command expecting that version
     */
    public ScheduleLessonsLearned expectingVersion(long version) {
        return new ScheduleLessonsLearned(escalation, at, duration, version);
    }
}
