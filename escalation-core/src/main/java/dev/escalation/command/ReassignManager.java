package dev.escalation.command;

import dev.escalation.model.EscalationId;
import dev.escalation.model.StaffId;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * Support Management replaces the Escalation Manager.
 *
 * @param escalation the escalation
 * @param manager    the new Escalation Manager
 * @param reason     why (1 to 2,000 characters)
 */
public record ReassignManager(
        @NotNull EscalationId escalation,
        @NotNull StaffId manager,
        @NotBlank @Size(max = 2000) String reason) {}
