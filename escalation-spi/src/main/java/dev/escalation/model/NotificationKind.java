package dev.escalation.model;

/** What a notification is about. New kinds may be added in minor releases. */
public enum NotificationKind {
    /** To Support Management: a customer escalated a case. */
    ESCALATION_RECEIVED,
    /** To the customer: the escalation was recorded (with hotline advice when given). */
    ESCALATION_CONFIRMED,
    /** To the customer and the manager: an Escalation Manager was appointed or replaced. */
    MANAGER_APPOINTED,
    /** The communication plan was agreed or amended. */
    PLAN_AGREED,
    /** A customer-visible progress entry. */
    PROGRESS_UPDATE,
    /** To a participant: they were added. */
    PARTICIPANT_ADDED,
    /** The criticality changed. */
    CRITICALITY_CHANGED,
    /** The escalation was resolved. */
    RESOLVED,
    /** The escalation was reopened. */
    REOPENED,
    /** The escalation was withdrawn. */
    WITHDRAWN,
    /** An invitation to the lessons-learned session (carries a {@link dev.escalation.spi.MeetingInvite}). */
    LESSONS_LEARNED_INVITATION,
    /**
     * To each attendee of a scheduled lessons-learned session the customer declined or the manager cancelled
     * (parameter {@code by} = {@code MANAGER}): the cancellation of the
     * invitation (carries a {@link dev.escalation.spi.MeetingInvite} with method {@code CANCEL}, the invitation's
     * uid and the next sequence).
     */
    LESSONS_LEARNED_CANCELLED,
    /** The escalation was closed. */
    CLOSED,
    /**
     * To the Incident Manager and the Escalation Manager: the communication plan's meetings as one series (carries a
     * {@link dev.escalation.spi.MeetingInvite} with a recurrence, uid {@code <escalation>/plan} and the next sequence
     * on every change of the plan).
     */
    MEETING_SERIES_INVITATION,
    /** To the owner of an open improvement action whose due date has come. */
    IMPROVEMENT_ACTION_DUE,
    /** A reminder: a meeting or status update is due soon. */
    REMINDER,
    /** A deadline was missed; sent to the next level. */
    DEADLINE_BREACHED,
    /** To the other side: a communication plan was proposed (or counter-proposed) for them to confirm. */
    PLAN_PROPOSED
}
