package dev.escalation.command;

import dev.escalation.model.EscalationId;
import dev.escalation.model.ImprovementAction;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import org.jspecify.annotations.Nullable;

/**
 * The owner of an improvement action, or the appointed Escalation Manager, sets its status (also after closing). The
 * owner is the staff member or the customer's contact whose id the action's owner is; an owner given as a plain name
 * cannot act, so the manager updates the action. An action set to {@code DONE} or {@code DROPPED} is no longer
 * reminded; set back to {@code OPEN}, its reminder is due again.
 *
 * @param escalation the escalation
 * @param index      the action's position in the recorded lessons learned (0-based, below 50)
 * @param status     the new status
 * @param note       why or what was done (optional, at most 2,000 characters)
 * @param expectedVersion the version the escalation must have for the command to apply, or {@code null} for
 *                        no precondition (see {@link ExpectsVersion})
 */
public record UpdateImprovementAction(
        @NotNull @SafeId EscalationId escalation,
        @Min(0) @Max(49) int index,
        @NotNull ImprovementAction.Status status,
        @SafeText(max = 2000, required = false) String note,
        @Positive @Nullable Long expectedVersion)
        implements ExpectsVersion {
    /**
     * The command without an expected version: no precondition on the escalation's version.
     *
     * @param escalation see {@link #escalation()}
     * @param index see {@link #index()}
     * @param status see {@link #status()}
     * @param note see {@link #note()}
     */
    public UpdateImprovementAction(EscalationId escalation, int index, ImprovementAction.Status status, String note) {
        this(escalation, index, status, note, null);
    }

    /**
     * This command with a precondition: it applies only while the escalation is at {@code version} (see
     * {@link ExpectsVersion}).
     *
     * @param version the version the caller last saw, such as {@code EscalationView.version()}
     * @return a copy of this command expecting that version
     */
    public UpdateImprovementAction expectingVersion(long version) {
        return new UpdateImprovementAction(escalation, index, status, note, version);
    }
}
