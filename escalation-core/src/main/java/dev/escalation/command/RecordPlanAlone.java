package dev.escalation.command;

import dev.escalation.model.EscalationId;
import jakarta.validation.constraints.NotNull;

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
 */
public record RecordPlanAlone(@NotNull @SafeId EscalationId escalation) {}
