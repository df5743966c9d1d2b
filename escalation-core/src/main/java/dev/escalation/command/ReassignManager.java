package dev.escalation.command;

import dev.escalation.model.EscalationId;
import dev.escalation.model.StaffId;
import jakarta.validation.constraints.NotNull;

/**
 * Support Management replaces the Escalation Manager.
 *
 * @param escalation the escalation
 * @param manager    the new Escalation Manager
 * @param reason     why (1 to 2,000 characters)
 */
public record ReassignManager(
        @NotNull @SafeId EscalationId escalation,
        @NotNull @SafeId StaffId manager,
        @SafeText(max = 2000) String reason) {}
