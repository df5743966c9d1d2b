package dev.escalation.model;

/**
 * What a progress entry records. Entries are structured: a kind, the free text a person wrote (if any) and typed
 * parameters ({@link EntryParam}); no rendered sentence is stored. The parameters of each kind are listed below by
 * name and type and are part of the public API: a renderer (the engine's, or a portal's own) may rely on them, and
 * a later release only adds parameters. New kinds may be added in minor releases; adapters store the name.
 *
 * <p>Types: <i>Text</i> {@link EntryParam.Text} (personal data), <i>At</i> {@link EntryParam.At}, <i>Span</i>
 * {@link EntryParam.Span}, <i>Code</i> {@link EntryParam.Code}, <i>Ref</i> {@link EntryParam.Ref}, <i>Count</i>
 * {@link EntryParam.Count}. "text" below means the entry's free text.
 */
public enum ProgressKind {
    /** The case was escalated. text: the customer's message; cause (Code), criticality (Code), intake (Code), recordedBy (Ref, staff id, hotline intake only). */
    ESCALATED,
    /** Support Management contacted the customer and appointed an Escalation Manager. text: note; manager (Ref). */
    ACKNOWLEDGED,
    /** The Escalation Manager was replaced. text: note; from (Ref), to (Ref). */
    MANAGER_REASSIGNED,
    /**
     * The communication plan was agreed. frequency (Span), channel (Code), firstMeetingAt (At), agreement (Code: a
     * {@code CommunicationPlan.Agreement}), customerSide (Ref: contact id) and vendorSide (Ref: staff id) when named.
     */
    PLAN_AGREED,
    /** The communication plan was changed. text: the reason for the change; parameters as {@link #PLAN_AGREED}. */
    PLAN_AMENDED,
    /** A status update. text: the update. */
    STATUS_UPDATE,
    /** A meeting of the communication plan took place. text: minutes. */
    MEETING_HELD,
    /** A decision was taken. text: the decision. */
    DECISION,
    /** A communication with the customer or internally. text: what was communicated. */
    COMMUNICATION,
    /** An internal note. text: the note. */
    NOTE,
    /** A participant was added. participant (Ref), participantKind (Code: a {@code Party.Kind}), participantName (Text). */
    PARTICIPANT_ADDED,
    /** A participant was removed. text: the reason; parameters as {@link #PARTICIPANT_ADDED}. */
    PARTICIPANT_REMOVED,
    /** The criticality changed. text: reason; from (Code), to (Code). */
    CRITICALITY_CHANGED,
    /** The SLA clock was paused (for example waiting for the customer). text: reason. */
    CLOCK_PAUSED,
    /** The SLA clock was resumed. text: note. */
    CLOCK_RESUMED,
    /** Calendar data that the escalation's deadlines depend on changed. text: reason. */
    CALENDAR_CHANGED,
    /** The escalation was resolved. text: the resolution summary. */
    RESOLVED,
    /** The escalation was reopened because the fix did not hold. text: reason. */
    REOPENED,
    /** A lessons-learned session was scheduled. at (At), duration (Span), sequence (Count: 0 for the first invitation). */
    LESSONS_LEARNED_SCHEDULED,
    /** The lessons-learned session was held. text: findings; actions (Count). */
    LESSONS_LEARNED_HELD,
    /** The customer declined a lessons-learned session. text: reason. */
    LESSONS_LEARNED_DECLINED,
    /** The escalation was closed. text: note. */
    CLOSED,
    /** The customer withdrew the escalation. text: reason. */
    WITHDRAWN,
    /**
     * An entry written by version 0.1.0, shown as stored. text: the stored sentence; kind (Code: the 0.1.0 kind),
     * and each 0.1.0 detail as {@code detail.<name>} (Text).
     */
    LEGACY_TEXT,
    /**
     * Support Management moved the escalation to another SLA policy version (internal). from (Ref: the previous
     * policy as {@code id@version}; absent if it ran under none), to (Ref: the new policy as {@code id@version}).
     */
    POLICY_MIGRATED,
    /**
     * One side proposed a communication plan for the other to confirm (or counter-propose). text: a note;
     * frequency (Span), channel (Code), firstMeetingAt (At), side (Code: {@code CONTACT} for the customer's side,
     * {@code STAFF} for the vendor's), counter (Count: 1 if it replaced the other side's pending proposal, else 0).
     */
    PLAN_PROPOSED,
    /**
     * An improvement action's status was set by its owner or the Escalation Manager. text: note; index (Count: the
     * action's position), status (Code: an {@code ImprovementAction.Status}), open (Count: open actions afterwards).
     */
    IMPROVEMENT_ACTION_UPDATED,
    /**
     * The Escalation Manager cancelled the scheduled lessons-learned session (its invitation is cancelled). text:
     * reason; at (At: the cancelled start), sequence (Count: the cancellation's iCalendar SEQUENCE).
     */
    LESSONS_LEARNED_CANCELLED
}
