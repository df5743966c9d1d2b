package dev.escalation;

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
 * overdue escalations and the due-work backlog, the outbox (counts, dead letters, replay), the change feed, and SLA administration (what-if,
 * policy migration, calendar changes). <b>Every method is vendor-scoped:</b> a customer contact is refused with
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

    EscalationOperations(WorkflowReads reads, WorkflowQueries queries, WorkflowOutbox outbox, WorkflowSla sla) {
        this.reads = reads;
        this.queries = queries;
        this.outbox = outbox;
        this.sla = sla;
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
     * @return per facet, the count per value (see {@link DeskQuery.Facet} for the keys)
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
     */
    public boolean replay(Actor actor, MessageId id) {
        return outbox.replay(actor, Inputs.id(id, "id"));
    }

    /**
     * Makes every dead-lettered side effect of one escalation deliverable again; they go out in their original order.
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
     * Projects every deadline, reminder and escalation step and the hotline decision for a hypothetical escalation,
     * with the same derivation the engine uses for stored ones, without reading or writing stored escalations or due
     * work.
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
        return sla.migratePolicy(actor, Inputs.id(id, "id"), to);
    }

    /**
     * Records that calendar data changed (a holiday added, coverage hours changed) in every escalation whose deadlines
     * still run (REQUESTED, ACKNOWLEDGED, ACTIVE): an internal {@code CALENDAR_CHANGED} progress entry with the
     * reason, and its due work re-planned with the engine's current calendars. Call it after deploying new calendar
     * data.
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
}
