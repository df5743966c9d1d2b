package dev.escalation.model;

/** Roles of the vendor's staff. */
public enum StaffRole {
    /** Receives escalations, reaches out to the customer and appoints an Escalation Manager. */
    SUPPORT_MANAGEMENT,
    /** May be appointed to own an escalation (for example a Service Delivery Manager). */
    ESCALATION_MANAGER,
    /** The next level when a deadline is breached; may act as Support Management. */
    HEAD_OF_SUPPORT,
    /** Works on cases; may be a participant. */
    SUPPORT_ENGINEER
}
