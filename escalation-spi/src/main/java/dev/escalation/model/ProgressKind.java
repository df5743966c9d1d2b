package dev.escalation.model;

/** What a {@link dev.escalation.spi.ProgressEntry} records. New kinds may be added in minor releases; adapters store the name. */
public enum ProgressKind {
    /** The customer escalated the case. */
    ESCALATED,
    /** Support Management contacted the customer and appointed an Escalation Manager. */
    ACKNOWLEDGED,
    /** The Escalation Manager was replaced. */
    MANAGER_REASSIGNED,
    /** The communication plan was agreed. */
    PLAN_AGREED,
    /** The communication plan was changed. */
    PLAN_AMENDED,
    /** A status update. */
    STATUS_UPDATE,
    /** A meeting of the communication plan took place. */
    MEETING_HELD,
    /** A decision was taken. */
    DECISION,
    /** A communication with the customer or internally. */
    COMMUNICATION,
    /** An internal note. */
    NOTE,
    /** A participant was added. */
    PARTICIPANT_ADDED,
    /** A participant was removed. */
    PARTICIPANT_REMOVED,
    /** The criticality changed. */
    CRITICALITY_CHANGED,
    /** The SLA clock was paused (for example waiting for the customer). */
    CLOCK_PAUSED,
    /** The SLA clock was resumed. */
    CLOCK_RESUMED,
    /** Calendar data that the escalation's deadlines depend on changed. */
    CALENDAR_CHANGED,
    /** The escalation was resolved. */
    RESOLVED,
    /** The escalation was reopened because the fix did not hold. */
    REOPENED,
    /** A lessons-learned session was scheduled. */
    LESSONS_LEARNED_SCHEDULED,
    /** The lessons-learned session was held; findings recorded. */
    LESSONS_LEARNED_HELD,
    /** The customer declined a lessons-learned session. */
    LESSONS_LEARNED_DECLINED,
    /** The escalation was closed. */
    CLOSED,
    /** The customer withdrew the escalation. */
    WITHDRAWN
}
