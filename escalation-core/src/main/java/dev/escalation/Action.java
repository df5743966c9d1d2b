package dev.escalation;

/**
 * The user actions of the lifecycle. {@link IllegalTransitionException#allowedActions()} and
 * {@link EscalationView#availableActions()} speak in these terms; the README's action table lists, for each,
 * the allowed states, who may do it, the conditions on the escalation's details, what it records and what it
 * notifies. New constants may be added in later versions (a {@code switch} over actions needs a default).
 */
public enum Action {
    /** Escalate a case (Incident Manager). */
    ESCALATE,
    /** Appoint an Escalation Manager after contacting the customer (Support Management). */
    ACKNOWLEDGE,
    /** Replace the Escalation Manager (Support Management). */
    REASSIGN_MANAGER,
    /** Record the agreed communication plan (the appointed Escalation Manager). */
    AGREE_PLAN,
    /** Change the communication plan (the appointed Escalation Manager). */
    AMEND_PLAN,
    /** Log progress (the appointed Escalation Manager; the customer's Incident Manager for communications). */
    LOG_PROGRESS,
    /** Add a participant (the appointed Escalation Manager). */
    ADD_PARTICIPANT,
    /** Remove a participant (the appointed Escalation Manager). */
    REMOVE_PARTICIPANT,
    /** Change the criticality (Escalation Manager, Support Management; Incident Manager may only raise it). */
    CHANGE_CRITICALITY,
    /** Pause the SLA clock (the appointed Escalation Manager). */
    PAUSE_CLOCK,
    /** Resume the SLA clock (the appointed Escalation Manager). */
    RESUME_CLOCK,
    /** Record the resolution (the appointed Escalation Manager). */
    RESOLVE,
    /** Reopen a resolved escalation (Incident Manager or the appointed Escalation Manager). */
    REOPEN,
    /** Invite to the lessons-learned session (the appointed Escalation Manager). */
    SCHEDULE_LESSONS_LEARNED,
    /** Record the session's findings (the appointed Escalation Manager). */
    RECORD_LESSONS_LEARNED,
    /** Decline the session (Incident Manager). */
    DECLINE_LESSONS_LEARNED,
    /** Close (the appointed Escalation Manager or Support Management). */
    CLOSE,
    /** Withdraw before resolution (Incident Manager). */
    WITHDRAW,
    /** Move a running escalation to another SLA policy version (Support Management; {@link EscalationOperations#migratePolicy}). */
    MIGRATE_POLICY,
    /**
     * Record a calendar change in an escalation whose deadlines still run (Support Management;
     * {@link EscalationOperations#recordCalendarChange} records it in all of them).
     */
    RECORD_CALENDAR_CHANGE,
    /** Record an escalation on behalf of the customer's Incident Manager, such as a hotline call (Support Management). */
    ESCALATE_ON_BEHALF,
    /** Propose a communication plan or an amendment (the Incident Manager or the appointed Escalation Manager). */
    PROPOSE_PLAN,
    /** Confirm the other side's pending plan proposal (the side that did not propose it). */
    CONFIRM_PLAN,
    /** Record one's own unanswered proposal alone after the answer window (the appointed Escalation Manager). */
    RECORD_PLAN_ALONE,
    /**
     * Set an improvement action's status (its owner or the appointed Escalation Manager; also after closing;
     * {@link EscalationOperations#updateImprovementAction}).
     */
    UPDATE_IMPROVEMENT_ACTION,
    /**
     * Cancel the scheduled lessons-learned session (the appointed Escalation Manager;
     * {@link EscalationOperations#cancelLessonsLearned}).
     */
    CANCEL_LESSONS_LEARNED
}
