package dev.escalation;

import dev.escalation.command.CancelLessonsLearned;
import dev.escalation.command.UpdateImprovementAction;
import dev.escalation.model.EscalationId;
import dev.escalation.model.EscalationState;
import dev.escalation.model.EscalationSummary;
import dev.escalation.model.MessageId;
import dev.escalation.model.Page;
import dev.escalation.model.PageRequest;
import dev.escalation.model.PolicyRef;
import dev.escalation.sla.Projection;
import dev.escalation.sla.WhatIf;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The vendor's desk and administration, reached by {@link EscalationEngine#operations()}: the support-desk inbox, the
 * overdue escalations and the due-work backlog, the outbox (counts, dead letters, replay), the change feed, service
 * metrics, SLA administration (what-if, policy migration, calendar changes), and personal data (erasure, export,
 * retention). <b>Every method is vendor-scoped:</b> a customer contact is refused with
 * {@link NotAuthorizedException}.
 *
 * <p>Thread-safety, cost and errors are those of the {@link EscalationEngine engine} it belongs to: safe for
 * concurrent use; every refusal is an {@link EscalationException} subclass and changes nothing.
 */
public final class EscalationOperations {
    private final WorkflowReads reads;
    final WorkflowQueries queries; // the engine's customer reads use it too
    private final WorkflowOutbox outbox;
    private final WorkflowSla sla;
    final WorkflowPrivacy privacy; // the background worker applies scheduled retention
    private final AuditOperations audit;
    private final WorkflowMetrics metrics;

    EscalationOperations(Workflow workflow, WorkflowReads reads, WorkflowSla sla) {
        this.reads = reads;
        this.queries = new WorkflowQueries(workflow);
        this.outbox = new WorkflowOutbox(workflow, reads);
        this.sla = sla;
        this.privacy = new WorkflowPrivacy(workflow, reads);
        this.audit = new AuditOperations(workflow, reads, workflow.audit);
        this.metrics = new WorkflowMetrics(workflow, reads);
    }

    /** The scheduled work of the background worker: retention, then audit anchoring (each when set and due). */
    void runScheduled() {
        try {
            privacy.runScheduled();
        } finally {
            audit.runScheduled();
        }
    }

    /**
     * The audit trail: chains as typed records, verification and signed anchors (staff only).
     *
     * @return the audit facet (the same object on every call)
     */
    public AuditOperations audit() {
        return audit;
    }

    /**
     * The support-desk inbox: escalations of all customers in the given states (REQUESTED, ACKNOWLEDGED and ACTIVE if
     * none are given), ascending by time raised. The plain list every store answers; filters, sorts and counts are
     * {@link #inbox(Actor, DeskQuery, PageRequest)} and {@link #inboxCounts}.
     *
     * @param actor  a staff member
     * @param states the states to list; empty for the open working states
     * @param page   which page
     * @return the page
     * @throws NotAuthorizedException if the actor is not active staff
     */
    public Page<EscalationSummary> inbox(Actor actor, Set<EscalationState> states, PageRequest page) {
        return reads.inbox(actor, Inputs.set(states, "states"), Inputs.page(page));
    }

    /**
     * The support-desk inbox read model: escalations of all customers matching the query (state, criticality,
     * customer, manager or "mine", breached at the engine's clock, paused, case, open only), in its order, with
     * keyset paging that stays stable while escalations change (one that does not change between two pages is
     * neither repeated nor skipped). Each summary carries the next deadline, the next meeting, the paused-since
     * instant, ticket reference, hotline advice, manager and last activity.
     *
     * @param actor a staff member ("mine" is this staff member)
     * @param query filters and sort
     * @param page  which page; cursors are those of earlier pages of the same query and sort
     * @return the page
     * @throws NotAuthorizedException if the actor is not active staff
     * @throws InvalidCommandException if the query, page or an id in the query is invalid (more than
     *     {@value DeskQuery#MAX_CUSTOMERS} customers)
     * @throws UnsupportedQueryException if the store does not declare the {@code QUERIES} capability
     */
    public Page<EscalationSummary> inbox(Actor actor, DeskQuery query, PageRequest page) {
        return queries.inbox(actor, Inputs.deskQuery(query), Inputs.page(page));
    }

    /**
     * Counts per facet value for the same query as {@link #inbox(Actor, DeskQuery, PageRequest)}, for facet badges:
     * each facet is counted as if its own filter were not set, with all other filters kept.
     *
     * @param actor  a staff member
     * @param query  filters (the sort is ignored)
     * @param facets what to count by; each asked facet is in the result, values without a match are left out
     * @return per facet, the count per value (see {@link DeskQuery.Facet} for the keys); unmodifiable, the facets in
     *     their declaration order and each facet's values in key order
     * @throws NotAuthorizedException if the actor is not active staff
     * @throws InvalidCommandException if the query, facets or an id in the query is invalid
     * @throws UnsupportedQueryException if the store does not declare the {@code QUERIES} capability
     */
    public Map<DeskQuery.Facet, Map<String, Long>> inboxCounts(
            Actor actor, DeskQuery query, Set<DeskQuery.Facet> facets) {
        return queries.counts(actor, Inputs.deskQuery(query), Inputs.set(facets, "facets"));
    }

    /**
     * The overdue escalations: open ones with a deadline breached or a meeting of the agreed plan not held in time,
     * most overdue first (then by id), keyset-paged, judged at the engine's clock from the stored escalations, so
     * the answer does not depend on whether the worker processed the due work. A paused SLA clock does not run: its
     * first-contact and resolution deadlines count only if they fell due before the pause; a meeting counts paused
     * or not ({@link EscalationSummary#overdueSince()} is the rule; each summary carries it).
     *
     * @param actor a staff member
     * @param page  which page; cursors are those of earlier pages of this query
     * @return the page
     * @throws NotAuthorizedException if the actor is not active staff
     * @throws UnsupportedQueryException if the store does not declare the {@code QUERIES} capability or does not
     *     answer this query
     */
    public Page<EscalationSummary> overdue(Actor actor, PageRequest page) {
        return queries.overdue(actor, Inputs.page(page));
    }

    /**
     * Due work whose instant has come and that the worker has not processed yet (meeting reminders, SLA warnings,
     * breaches and their repeats), oldest first: the worker's backlog, for monitoring. Empty once the worker ran;
     * which escalations are overdue is {@link #overdue(Actor, PageRequest)}.
     *
     * @param actor a staff member
     * @param limit at most this many (1 to 500)
     * @return the unprocessed items
     * @throws InvalidCommandException if the limit is out of that range ({@code limit}, {@code Range})
     * @throws NotAuthorizedException if the actor is not active staff
     */
    public List<DueWorkItem> dueWorkBacklog(Actor actor, int limit) {
        return reads.dueWorkBacklog(actor, Inputs.limit(limit, "limit"));
    }

    /**
     * How many side effects are pending and dead-lettered, and when the next may be attempted.
     *
     * @param actor Support Management or Head of Support
     * @return the counts
     * @throws NotAuthorizedException otherwise
     */
    public OutboxStatus outboxCounts(Actor actor) {
        return outbox.outboxCounts(actor);
    }

    /**
     * Side effects given up (after the maximum attempts, a permanent failure, or without a usable channel).
     *
     * @param actor Support Management or Head of Support
     * @param page  which page
     * @return the page
     * @throws NotAuthorizedException otherwise
     */
    public Page<DeadLetterView> deadLetters(Actor actor, PageRequest page) {
        return outbox.deadLetters(actor, Inputs.page(page));
    }

    /**
     * Makes a dead-lettered side effect deliverable again. It keeps its place in its chain: later side effects of the
     * chain (for ticket calls: of the escalation) still wait until it is delivered.
     *
     * @param actor Support Management or Head of Support
     * @param id    the message
     * @return {@code true} if it was dead-lettered and is pending again
     * @throws NotAuthorizedException otherwise
     * @throws CorruptDataException if the store cannot read it back (listed {@code UNREADABLE}); nothing changed
     * @throws EscalationUnavailableException if the store is down (a lost commit answer may leave it replayed)
     */
    public boolean replay(Actor actor, MessageId id) {
        return outbox.replay(actor, Inputs.id(id, "id"));
    }

    /**
     * Makes every dead-lettered side effect of one escalation deliverable again; they go out in their original order.
     * Refused as {@link #replay} is, for any of them (given again after a lost commit answer, it counts none).
     *
     * @param actor      Support Management or Head of Support
     * @param escalation the escalation
     * @return how many were replayed
     * @throws NotAuthorizedException otherwise
     */
    public int replayAll(Actor actor, EscalationId escalation) {
        return outbox.replayAll(actor, Inputs.id(escalation, "escalation"));
    }

    /**
     * Reads the change feed: every committed create or change of an escalation, by any engine instance, exactly once
     * and in an order consistent with each escalation's versions. Unlike {@link EscalationListener}s (in process,
     * lost on a crash), the feed is the crash-safe way to follow changes: persist the returned cursor after
     * processing the changes and continue from it.
     *
     * @param actor  a staff member (or the host's technical staff account)
     * @param cursor {@link ChangeFeed#START} or the cursor of the previous slice
     * @param limit  at most this many changes (1 to 500)
     * @return the changes and the cursor to continue from
     * @throws NotAuthorizedException if the actor is not active staff
     * @throws InvalidCommandException if the cursor was not issued by this store's feed
     */
    public ChangeFeed changesSince(Actor actor, String cursor, int limit) {
        return outbox.changesSince(actor, Inputs.cursor(cursor), Inputs.limit(limit, "limit"));
    }

    /**
     * Service metrics (README, "Metrics"): per period, and per customer and criticality if asked, escalations raised,
     * mean time to acknowledge (MTTA) and to resolve (MTTR) on the wall clock and in business time, reopen rate,
     * closes, withdrawals, and per SLA target met, breached and attainment. Answered by the store's aggregates from the
     * rows written at each transition, without reading escalations.
     *
     * @param actor Support Management or Head of Support
     * @param query the period, filters and grouping
     * @return the report
     * @throws NotAuthorizedException if the actor may not
     * @throws InvalidCommandException if the query is invalid (see {@link MetricsQuery})
     * @throws UnsupportedQueryException if the store does not declare the {@code METRICS} capability
     */
    public MetricsReport metrics(Actor actor, MetricsQuery query) {
        return metrics.metrics(actor, query);
    }

    /**
     * Projects every deadline, reminder and escalation step and the hotline decision for a hypothetical escalation,
     * derived as for stored ones, without reading or writing stored escalations or due work.
     *
     * @param actor  a staff member
     * @param whatIf the hypothesis
     * @return the projection (deadline states as at the hypothetical escalation instant)
     * @throws NotAuthorizedException if the actor is not active staff
     * @throws InvalidCommandException if no policy is configured or a pause starts before the escalation
     * @throws UnknownPolicyException if the requested policy version is not registered
     */
    public Projection whatIf(Actor actor, WhatIf whatIf) {
        return sla.whatIf(actor, whatIf);
    }

    /**
     * Moves a running escalation to another registered SLA policy version (a policy change otherwise applies to new
     * escalations only). Recorded in the progress log as an internal {@code POLICY_MIGRATED} entry (parameters
     * {@code from} and {@code to}); deadlines and due work are re-derived under the new version.
     *
     * @param actor Support Management or Head of Support
     * @param id    the escalation
     * @param to    the version to run under
     * @return the escalation afterwards
     * @throws UnknownPolicyException if {@code to} is not registered
     * @throws IllegalTransitionException if the escalation is final
     * @throws EscalationException if refused (not found, not authorised, same version); nothing changed
     */
    public EscalationView migratePolicy(Actor actor, EscalationId id, PolicyRef to) {
        return sla.migratePolicy(actor, Inputs.id(id, "id"), to, null);
    }

    /**
     * {@link #migratePolicy(Actor, EscalationId, PolicyRef)} on the version the caller saw (as a command's
     * {@code expectingVersion}): another is refused as {@code CONFLICT}/{@code STALE_VERSION}, nothing changed.
     *
     * @param actor Support Management or Head of Support
     * @param id the escalation
     * @param to the version to run under
     * @param expectedVersion the escalation's version as shown (at least 1, else {@code INVALID_COMMAND})
     * @return the escalation afterwards
     * @throws EscalationConflictException if the escalation's version is another one
     */
    public EscalationView migratePolicy(Actor actor, EscalationId id, PolicyRef to, long expectedVersion) {
        return sla.migratePolicy(actor, Inputs.id(id, "id"), to, expectedVersion);
    }

    /**
     * Records that calendar data changed (a holiday added, coverage hours changed) in every escalation whose deadlines
     * still run (REQUESTED, ACKNOWLEDGED, ACTIVE): an internal {@code CALENDAR_CHANGED} progress entry with the
     * reason, and its due work re-planned with the engine's current calendars (call it after deploying calendars).
     *
     * @param actor  Support Management or Head of Support
     * @param reason what changed, such as {@code "added company holiday 2027-05-07"}
     * @return the escalations recorded (one changed concurrently twice in a row is skipped and logged)
     * @throws NotAuthorizedException if the actor may not
     * @throws InvalidCommandException if the reason is blank
     */
    public List<EscalationId> recordCalendarChange(Actor actor, String reason) {
        return sla.recordCalendarChange(actor, reason);
    }

    /**
     * Sets the status of an improvement action of the lessons learned (row {@code UPDATE_IMPROVEMENT_ACTION}; also
     * after closing). Recorded as a customer-visible {@code IMPROVEMENT_ACTION_UPDATED} entry; the participants are
     * told; a done or dropped action's reminder is removed from the due work.
     *
     * @param actor   the action's owner (staff or a contact of the customer, by id) or the appointed Escalation Manager
     * @param command the action's index, its new status and a note
     * @return the escalation afterwards
     * @throws EscalationException if refused (not found, not authorised, no such action); nothing changed
     */
    public EscalationView updateImprovementAction(Actor actor, UpdateImprovementAction command) {
        return sla.run(Action.UPDATE_IMPROVEMENT_ACTION, actor, Inputs.command(command));
    }

    /**
     * The appointed Escalation Manager cancels the scheduled lessons-learned session (row
     * {@code CANCEL_LESSONS_LEARNED}): each attendee gets the invitation's cancellation ({@code METHOD:CANCEL}, same
     * uid, next sequence); the session can be scheduled again or declined by the customer.
     *
     * @param actor   the appointed Escalation Manager
     * @param command the escalation and an optional reason
     * @return the escalation afterwards
     * @throws EscalationException if refused (not found, not authorised, no session scheduled); nothing changed
     */
    public EscalationView cancelLessonsLearned(Actor actor, CancelLessonsLearned command) {
        return sla.run(Action.CANCEL_LESSONS_LEARNED, actor, Inputs.command(command));
    }

    /**
     * Erases a contact's, staff member's or external stakeholder's personal data from every escalation that concerns
     * them: the texts they wrote (entries, the message they raised with, a resolution summary, pause reasons) become
     * {@value ErasureReport#MARKER}, as do their name and address as participant, attendee and in entries about them,
     * in outbox payloads (pending, dead letters, delivered ones not purged yet) and in due items; copies of their texts
     * in those payloads go too. Ids stay, but an external stakeholder's (their address: {@link DataSubject#external}).
     * Refused while any escalation that concerns them is open. Idempotent. Not erased: mentions of them in other
     * people's words, copies sent by e-mail or to the ticketing system, the host's directory data (README).
     *
     * @param actor  Support Management or Head of Support
     * @param person a contact or staff member by id, or an external stakeholder by address ({@link DataSubject})
     * @return what changed
     * @throws PersonInOpenEscalationException if an escalation that concerns them is still open; nothing changed
     * @throws UnsupportedQueryException if the store does not declare the {@code RETENTION} capability
     * @throws EscalationUnavailableException if the store is down (a lost commit answer may leave it done: give it
     *     again) or its export names another person (a store fault: nothing is erased)
     * @throws NotAuthorizedException if the actor may not
     * @throws InvalidCommandException if the person or their kind is null or their id invalid ({@link DataSubject})
     */
    public ErasureReport erasePerson(Actor actor, DataSubject person) {
        return privacy.erasePerson(actor, person);
    }

    /**
     * Everything the store holds about one person, for a data subject's access request ({@link PersonalDataExport}).
     *
     * @param actor  Support Management or Head of Support
     * @param person a contact or staff member by id, or an external stakeholder by address ({@link DataSubject})
     * @return the export
     * @throws UnsupportedQueryException if the store does not declare {@code RETENTION} or does not export
     * @throws EscalationUnavailableException if the store is down or its export names another person (a store
     *     fault: nothing of it is returned)
     * @throws NotAuthorizedException if the actor may not
     * @throws InvalidCommandException if the person or their kind is null or their id invalid ({@link DataSubject})
     */
    public PersonalDataExport exportPerson(Actor actor, DataSubject person) {
        return privacy.exportPerson(actor, person);
    }

    /**
     * Applies a retention policy now: purges final escalations and delivered messages in batches, each its own
     * transaction, until a batch comes back short (none is left) or after 10,000 batches of a kind (the rest waits for
     * the next run; a warning says so); safe to run on several instances at once (each batch skips rows another
     * instance holds). Metric rows are not purged; the portal messages about them are, first ({@link RetentionReport}).
     *
     * @param actor  Support Management or Head of Support
     * @param policy what to purge
     * @return what was purged
     * @throws UnsupportedQueryException if the store does not declare the {@code RETENTION} capability
     * @throws EscalationUnavailableException if the store or the portal-message port is down, or the store answers a
     *     count outside the batch (a store fault); the batches before stay purged
     * @throws NotAuthorizedException if the actor may not
     * @throws InvalidCommandException if the policy is out of range (delivered messages kept shorter than the
     *     de-duplication window)
     */
    public RetentionReport applyRetention(Actor actor, RetentionPolicy policy) {
        return privacy.applyRetention(actor, policy);
    }

    /**
     * Lets the engine's background worker ({@link EscalationEngine#start}) apply a retention policy at most once per
     * interval, after its due work and delivery; replaces an earlier schedule. A run that fails (the store down) is
     * logged and tried again a minute later, or at the interval if shorter.
     *
     * @param actor    Support Management or Head of Support (checked now)
     * @param policy   what to purge
     * @param interval at most once per this (10 ms to 1 day)
     * @throws UnsupportedQueryException if the store does not declare the {@code RETENTION} capability
     * @throws NotAuthorizedException if the actor may not
     * @throws InvalidCommandException if the policy or interval is out of range
     */
    public void scheduleRetention(Actor actor, RetentionPolicy policy, java.time.Duration interval) {
        privacy.scheduleRetention(actor, policy, interval);
    }
}
