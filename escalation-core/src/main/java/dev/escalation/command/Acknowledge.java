package dev.escalation.command;

import dev.escalation.model.EscalationId;
import dev.escalation.model.StaffId;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import org.jspecify.annotations.Nullable;

/**
 * Support Management has reached out to the customer and appoints an Escalation Manager.
 *
 * @param escalation the escalation
 * @param manager    the Escalation Manager to appoint (an active staff member with that role)
 * @param note       how the customer was contacted (customer-visible, 1 to 2,000 characters)
 * @param expectedVersion the version the escalation must have for the command to apply, or {@code null} for
 *                        no precondition (see {@link ExpectsVersion})
 */
public record Acknowledge(
        @NotNull @SafeId EscalationId escalation,
        @NotNull @SafeId StaffId manager,
        @SafeText(max = 2000) String note,
        @Positive @Nullable Long expectedVersion)
        implements ExpectsVersion {
    /**
     * The command without an expected version: no precondition on the escalation's version.
     *
     * @param escalation see {@link #escalation()}
     * @param manager see {@link #manager()}
     * @param note see {@link #note()}
     */
    public Acknowledge(EscalationId escalation, StaffId manager, String note) {
        this(escalation, manager, note, null);
    }

    /**
     * This command with a precondition: it applies only while the escalation is at {@code version} (see
     * {@link ExpectsVersion}).
     *
     * @param version the version the caller last saw, such as {@code EscalationView.version()}
     * @return a copy of this command expecting that version
     */
    public Acknowledge expectingVersion(long version) {
        return new Acknowledge(escalation, manager, note, version);
    }
}
