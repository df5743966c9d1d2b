package dev.escalation.command;

import dev.escalation.model.EscalationId;
import jakarta.validation.constraints.NotNull;

/**
 * The Escalation Manager pauses the SLA clock, for example while waiting for the customer.
 *
 * @param escalation the escalation
 * @param reason     why (1 to 2,000 characters; customer-visible)
 */
public record PauseClock(
        @NotNull @SafeId EscalationId escalation,
        @SafeText(max = 2000) String reason) {}
