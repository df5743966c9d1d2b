package dev.escalation.model;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;

/**
 * The list view of an escalation: no message, no log. Stores answer list queries with it; the engine shows it to
 * readers allowed to see the escalation. Everything a desk or portal list needs is here, so nobody computes it again.
 *
 * @param id              the escalation
 * @param version         its version
 * @param customer        the tenant
 * @param caseId          the case
 * @param state           the state
 * @param cause           the cause
 * @param criticality     the criticality
 * @param raisedBy        who escalated (the Incident Manager)
 * @param raisedAt        when
 * @param updatedAt       last change (last activity)
 * @param manager         the Escalation Manager, if appointed
 * @param nextDeadline    the earliest deadline not met yet, if any; breached once it is not after now
 * @param nextMeetingAt   the next meeting of the agreed plan, if a plan is agreed and the escalation is active
 * @param pausedSince     when the SLA clock was paused, while it is paused
 * @param ticketReference the ticketing system's reference, once the ticket is open
 * @param hotline         the hotline advice given when it was raised, if any
 */
public record EscalationSummary(
        EscalationId id,
        long version,
        CustomerId customer,
        CaseId caseId,
        EscalationState state,
        Cause cause,
        Criticality criticality,
        ContactId raisedBy,
        Instant raisedAt,
        Instant updatedAt,
        Optional<StaffId> manager,
        Optional<DeadlineMark> nextDeadline,
        Optional<Instant> nextMeetingAt,
        Optional<Instant> pausedSince,
        Optional<String> ticketReference,
        Optional<HotlineAdvice> hotline) {

    /**
     * Validates the components.
     *
     * @param id the escalation
     * @param version its version
     * @param customer the tenant
     * @param caseId the case
     * @param state the state
     * @param cause the cause
     * @param criticality the criticality
     * @param raisedBy who escalated (the Incident Manager)
     * @param raisedAt when
     * @param updatedAt last change (last activity)
     * @param manager the Escalation Manager, if appointed
     * @param nextDeadline the earliest deadline not met yet, if any; breached once it is not after now
     * @param nextMeetingAt the next meeting of the agreed plan, if a plan is agreed and the escalation is active
     * @param pausedSince when the SLA clock was paused, while it is paused
     * @param ticketReference the ticketing system's reference, once the ticket is open
     * @param hotline the hotline advice given when it was raised, if any
     * @throws NullPointerException if a component is null
     */
    public EscalationSummary {
        requireNonNull(id, "id");
        requireNonNull(customer, "customer");
        requireNonNull(caseId, "caseId");
        requireNonNull(state, "state");
        requireNonNull(cause, "cause");
        requireNonNull(criticality, "criticality");
        requireNonNull(raisedBy, "raisedBy");
        requireNonNull(raisedAt, "raisedAt");
        requireNonNull(updatedAt, "updatedAt");
        requireNonNull(manager, "manager");
        requireNonNull(nextDeadline, "nextDeadline");
        requireNonNull(nextMeetingAt, "nextMeetingAt");
        requireNonNull(pausedSince, "pausedSince");
        requireNonNull(ticketReference, "ticketReference");
        requireNonNull(hotline, "hotline");
    }

    /**
     * Whether a deadline is breached at {@code now}.
     *
     * @param now the instant to judge at
     * @return {@code true} if the next deadline is not after {@code now}
     */
    public boolean breachedAt(Instant now) {
        return nextDeadline.map(d -> d.breachedAt(now)).orElse(false);
    }
}
