package dev.escalation.command;

import dev.escalation.model.EscalationId;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import org.jspecify.annotations.Nullable;

/**
 * The appointed Escalation Manager records their own pending proposal alone because the customer did not answer it.
 *
 * <p>Rules: the pending proposal must be the vendor side's, and the answer window must have passed: the policy's
 * {@code planAnswerWithin()} business time (vendor coverage calendar) from the proposal (else
 * {@code ILLEGAL_TRANSITION}). The plan is recorded with the agreement {@code MANAGER_ALONE}, naming the manager as
 * {@code vendorSide} and nobody as {@code customerSide}: ACKNOWLEDGED → ACTIVE, or an amendment while ACTIVE. The
 * participants are notified ({@code PLAN_AGREED}).
 *
 * @param escalation the escalation
 * @param expectedVersion the version the escalation must have for the command to apply, or {@code null} for
 *                        no precondition (see {@link ExpectsVersion})
 */
public record RecordPlanAlone(
        @NotNull @SafeId EscalationId escalation,
        @Positive @Nullable Long expectedVersion) implements ExpectsVersion {
    /**
     * The command without an expected version: no precondition on the escalation's version.
     *
     * @param escalation see {@link #escalation()}
     */
    public RecordPlanAlone(EscalationId escalation) {
        this(escalation, null);
    }

    /**
     * This command with a precondition: it applies only while the escalation is at {@code version} (see
     * {@link ExpectsVersion}).
     *
     * @param version the version the caller last saw, such as {@code EscalationView.version()}
     * @return a copy of this command expecting that version
     */
    public RecordPlanAlone expectingVersion(long version) {
        return new RecordPlanAlone(escalation, version);
    }
}
