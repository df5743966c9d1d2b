package dev.escalation.model;

/**
 * The lifecycle state of an escalation. The README's action table says which actions each state allows.
 *
 * <pre>
 * REQUESTED → ACKNOWLEDGED → ACTIVE → RESOLVED → LESSONS_LEARNED → CLOSED
 *     └──────────┴──────────┴→ WITHDRAWN        RESOLVED → ACTIVE (reopen)
 * </pre>
 */
public enum EscalationState {
    /** Raised by the customer; Support Management has not yet appointed an Escalation Manager. */
    REQUESTED,
    /** An Escalation Manager is appointed and the customer has been contacted. */
    ACKNOWLEDGED,
    /** The communication plan is agreed; progress is being logged. */
    ACTIVE,
    /** The Escalation Manager recorded the resolution; may be reopened if the fix does not hold. */
    RESOLVED,
    /** A lessons-learned session is scheduled, held or declined. */
    LESSONS_LEARNED,
    /** Finished. Final. */
    CLOSED,
    /** Withdrawn by the customer before resolution. Final. */
    WITHDRAWN;

    /**
     * Whether the escalation still occupies its case: a case has at most one escalation for which this is true.
     *
     * @return {@code true} unless {@link #CLOSED} or {@link #WITHDRAWN}
     */
    public boolean isOpen() {
        return this != CLOSED && this != WITHDRAWN;
    }
}
