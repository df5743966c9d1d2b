package dev.escalation.command;

import dev.escalation.model.EscalationId;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import org.jspecify.annotations.Nullable;

/**
 * The other side confirms the pending plan proposal: the customer's Incident Manager a proposal of the Escalation
 * Manager, the appointed Escalation Manager one of the customer.
 *
 * <p>Rules: a proposal must be pending (else {@code ILLEGAL_TRANSITION}); the side that proposed may not confirm its
 * own proposal ({@code NOT_AUTHORIZED}: it waits, or proposes again). The confirmed plan names both people
 * ({@code customerSide}, {@code vendorSide}) with the agreement {@code CONFIRMED}: ACKNOWLEDGED → ACTIVE
 * ({@code PLAN_AGREED}), or an amendment while ACTIVE ({@code PLAN_AMENDED}). The participants are notified
 * ({@code PLAN_AGREED}) and the next meeting becomes due work; a first meeting already past is due at once.
 *
 * @param escalation the escalation
 * @param expectedVersion the version the escalation must have for the command to apply, or {@code null} for
 *                        no precondition (see {@link ExpectsVersion})
 */
public record ConfirmPlan(
        @NotNull @SafeId EscalationId escalation,
        @Positive @Nullable Long expectedVersion) implements ExpectsVersion {
    /**
     * The command without an expected version: no precondition on the escalation's version.
     *
     * @param escalation see {@link #escalation()}
     */
    public ConfirmPlan(EscalationId escalation) {
        this(escalation, null);
    }

    /**
     * This command with a precondition: it applies only while the escalation is at {@code version} (see
     * {@link ExpectsVersion}).
     *
     * @param version the version the caller last saw, such as {@code EscalationView.version()}
     * @return a copy of this command expecting that version
     */
    public ConfirmPlan expectingVersion(long version) {
        return new ConfirmPlan(escalation, version);
    }
}
