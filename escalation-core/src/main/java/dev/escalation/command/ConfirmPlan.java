package dev.escalation.command;

import dev.escalation.model.EscalationId;
import jakarta.validation.constraints.NotNull;

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
 */
public record ConfirmPlan(@NotNull @SafeId EscalationId escalation) {}
