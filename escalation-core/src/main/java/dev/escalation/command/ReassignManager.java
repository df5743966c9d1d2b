package dev.escalation.command;

import dev.escalation.model.EscalationId;
import dev.escalation.model.StaffId;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import org.jspecify.annotations.Nullable;

/**
 * Support Management replaces the Escalation Manager.
 *
 * @param escalation the escalation
 * @param manager    the new Escalation Manager
 * @param reason     why (1 to 2,000 characters)
 * @param expectedVersion the version the escalation must have for the command to apply, or {@code null} for
 *                        no precondition (see {@link ExpectsVersion})
 */
public record ReassignManager(
        @NotNull @SafeId EscalationId escalation,
        @NotNull @SafeId StaffId manager,
        @SafeText(max = 2000) String reason,
        @Positive @Nullable Long expectedVersion)
        implements ExpectsVersion {
    /**
     * The command without an expected version: no precondition on the escalation's version.
     *
     * @param escalation see {@link #escalation()}
     * @param manager see {@link #manager()}
     * @param reason see {@link #reason()}
     */
    public ReassignManager(EscalationId escalation, StaffId manager, String reason) {
        this(escalation, manager, reason, null);
    }

    /**
     * This command with a precondition: it applies only while the escalation is at {@code version} (see
     * {@link ExpectsVersion}).
     *
     * @param version the version the caller last saw, such as {@code EscalationView.version()}
     * @return a copy of this command expecting that version
     */
    public ReassignManager expectingVersion(long version) {
        return new ReassignManager(escalation, manager, reason, version);
    }
}
