package dev.escalation.command;

import dev.escalation.model.EscalationId;
import jakarta.validation.constraints.NotNull;

/**
 * Reopens a resolved escalation because the fix did not hold.
 *
 * @param escalation the escalation
 * @param reason     why (1 to 4,000 characters)
 */
public record Reopen(
        @NotNull @SafeId EscalationId escalation,
        @SafeText(max = 4000) String reason) {}
