package dev.escalation.command;

import dev.escalation.model.EscalationId;
import dev.escalation.model.StaffId;
import jakarta.validation.constraints.NotNull;

/**
 * Support Management has reached out to the customer and appoints an Escalation Manager.
 *
 * @param escalation the escalation
 * @param manager    the Escalation Manager to appoint (an active staff member with that role)
 * @param note       how the customer was contacted (customer-visible, 1 to 2,000 characters)
 */
public record Acknowledge(
        @NotNull @SafeId EscalationId escalation,
        @NotNull @SafeId StaffId manager,
        @SafeText(max = 2000) String note) {}
