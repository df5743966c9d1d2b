package dev.escalation.command;

import dev.escalation.model.EscalationId;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import org.jspecify.annotations.Nullable;

/**
 * Reopens a resolved escalation because the fix did not hold.
 *
 * @param escalation the escalation
 * @param reason     why (1 to 4,000 characters)
 * @param expectedVersion the version the escalation must have for the command to apply, or {@code null} for
 *                        no precondition (see {@link ExpectsVersion})
 */
public record Reopen(
        @NotNull @SafeId EscalationId escalation,
        @SafeText(max = 4000) String reason,
        @Positive @Nullable Long expectedVersion)
        implements ExpectsVersion {
    /**
     * The command without an expected version: no precondition on the escalation's version.
     *
     * @param escalation see {@link #escalation()}
     * @param reason see {@link #reason()}
     */
    public Reopen(EscalationId escalation, String reason) {
        this(escalation, reason, null);
    }

    /**
     * This command with a precondition: it applies only while the escalation is at {@code version} (see
     * {@link ExpectsVersion}).
     *
     * @param version the version the caller last saw, such as {@code EscalationView.version()}
     * @return a copy of this command expecting that version
     */
    public Reopen expectingVersion(long version) {
        return new Reopen(escalation, reason, version);
    }
}
