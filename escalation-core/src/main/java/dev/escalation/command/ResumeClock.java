package dev.escalation.command;

import dev.escalation.model.EscalationId;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import org.jspecify.annotations.Nullable;

/**
 * The Escalation Manager resumes the paused SLA clock.
 *
 * @param escalation the escalation
 * @param note       an optional remark (at most 2,000 characters)
 * @param expectedVersion the version the escalation must have for the command to apply, or {@code null} for
 *                        no precondition (see {@link ExpectsVersion})
 */
public record ResumeClock(
        @NotNull @SafeId EscalationId escalation,
        @SafeText(max = 2000, required = false) String note,
        @Positive @Nullable Long expectedVersion)
        implements ExpectsVersion {
    /**
     * The command without an expected version: no precondition on the escalation's version.
     *
     * @param escalation see {@link #escalation()}
     * @param note see {@link #note()}
     */
    public ResumeClock(EscalationId escalation, String note) {
        this(escalation, note, null);
    }

    /**
     * This command with a precondition: it applies only while the escalation is at {@code version} (see
     * {@link ExpectsVersion}).
     *
     * @param version the version the caller last saw, such as {@code EscalationView.version()}
     * @return a copy of this command expecting that version
     */
    public ResumeClock expectingVersion(long version) {
        return new ResumeClock(escalation, note, version);
    }
}
