package dev.escalation.command;

import dev.escalation.model.EscalationId;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import org.jspecify.annotations.Nullable;

/**
 * The appointed Escalation Manager records how the escalation was resolved.
 *
 * @param escalation the escalation
 * @param summary    what resolved it (1 to 4,000 characters; customer-visible)
 * @param expectedVersion the version the escalation must have for the command to apply, or {@code null} for
 *                        no precondition (see {@link ExpectsVersion})
 */
public record Resolve(
        @NotNull @SafeId EscalationId escalation,
        @SafeText(max = 4000) String summary,
        @Positive @Nullable Long expectedVersion)
        implements ExpectsVersion {
    /**
     * The command without an expected version: no precondition on the escalation's version.
     *
     * @param escalation see {@link #escalation()}
     * @param summary see {@link #summary()}
     */
    public Resolve(EscalationId escalation, String summary) {
        this(escalation, summary, null);
    }

    /**
     * This command with a precondition: it applies only while the escalation is at {@code version} (see
     * {@link ExpectsVersion}).
     *
     * @param version the version the caller last saw, such as {@code EscalationView.version()}
     * @return a copy of this command expecting that version
     */
    public Resolve expectingVersion(long version) {
        return new Resolve(escalation, summary, version);
    }
}
