package dev.escalation.command;

import dev.escalation.model.EscalationId;
import jakarta.validation.constraints.NotNull;

/**
 * The customer withdraws the escalation before it is resolved.
 *
 * @param escalation the escalation
 * @param reason     why (1 to 2,000 characters)
 */
public record Withdraw(
        @NotNull @SafeId EscalationId escalation,
        @SafeText(max = 2000) String reason) {}
