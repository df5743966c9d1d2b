package dev.escalation.model;

/** The status of an escalation's ticket. */
public enum TicketStatus {
    /** Being worked on. */
    OPEN,
    /** Resolved; may be reopened. */
    RESOLVED,
    /** Closed. */
    CLOSED
}
