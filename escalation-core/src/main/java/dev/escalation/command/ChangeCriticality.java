package dev.escalation.command;

import dev.escalation.model.Criticality;
import dev.escalation.model.EscalationId;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import org.jspecify.annotations.Nullable;

/**
 * Raises or lowers the criticality. Lowering (de-escalating) needs a justification.
 *
 * @param escalation    the escalation
 * @param criticality   the new criticality
 * @param justification why (required when lowering; at most 2,000 characters)
 * @param expectedVersion the version the escalation must have for the command to apply, or {@code null} for
 *                        no precondition (see {@link ExpectsVersion})
 */
public record ChangeCriticality(
        @NotNull @SafeId EscalationId escalation,
        @NotNull Criticality criticality,
        @SafeText(max = 2000, required = false) String justification,
        @Positive @Nullable Long expectedVersion)
        implements ExpectsVersion {
    /**
     * The command without an expected version: no precondition on the escalation's version.
     *
     * @param escalation see {@link #escalation()}
     * @param criticality see {@link #criticality()}
     * @param justification see {@link #justification()}
     */
    public ChangeCriticality(EscalationId escalation, Criticality criticality, String justification) {
        this(escalation, criticality, justification, null);
    }

    /**
     * This command with a precondition: it applies only while the escalation is at {@code version} (see
     * {@link ExpectsVersion}).
     *
     * @param version the version the caller last saw, such as {@code EscalationView.version()}
     * @return a copy of this command expecting that version
     */
    public ChangeCriticality expectingVersion(long version) {
        return new ChangeCriticality(escalation, criticality, justification, version);
    }
}
