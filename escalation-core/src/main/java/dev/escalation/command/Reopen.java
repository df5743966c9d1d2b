package dev.escalation.command;

import dev.escalation.model.EscalationId;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * Reopens a resolved escalation because the fix did not hold.
 *
 * @param escalation the escalation
 * @param reason     why (1 to 4,000 characters)
 */
public record Reopen(
        @NotNull EscalationId escalation,
        @NotBlank @Size(max = 4000) String reason) {}
