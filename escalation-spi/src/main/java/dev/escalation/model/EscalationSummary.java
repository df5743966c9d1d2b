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
 * @param nextDeadline    the earliest deadline not met yet, if any; breached once it is not after now (while
 *                        paused, and for the next meeting behind it: see {@link #breachedAt})
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
     * Whether a deadline is breached at {@code now}: that of an open escalation's earliest unmet deadline or of the
     * agreed plan's next meeting that is not after {@code now}. While the SLA clock is paused its first-contact and
     * resolution deadlines do not run: such a deadline is breached only if it fell due before the pause began (a pause
     * does not undo a breach); the next meeting is not moved by a pause, so a missed meeting is breached also when
     * the stored next deadline is one the pause holds. The same instant as {@link #overdueAt(Instant)}, and what
     * {@code deadlines} shows: a deadline of state BREACHED that was not met.
     *
     * @param now the instant to judge at
     * @return {@code true} if a deadline that counts (see above) is not after {@code now}
     */
    public boolean breachedAt(Instant now) {
        return overdueAt(now);
    }

    /** The next deadline unless it is an SLA deadline that a running pause holds (it fell due after the pause). */
    private Optional<DeadlineMark> countingDeadline() {
        return nextDeadline.filter(
                d -> pausedSince.isEmpty() || d.kind() == DueKind.NEXT_MEETING || !d.at().isAfter(pausedSince.get()));
    }

    /**
     * Since when the escalation is overdue, if it becomes overdue without a further write: the earlier of its next
     * deadline and its next meeting, for an open escalation. A paused SLA clock does not run, so while
     * {@link #pausedSince()} is present a first-contact or resolution deadline counts only if it fell due before the
     * pause (a pause does not undo a breach); the next meeting of the agreed plan counts paused or not (the meeting
     * was agreed with the customer and is not moved by a pause). Stored on each write by stores that answer
     * {@code EscalationQueries.overdue}; a pure function of this summary's components.
     *
     * @return the instant, or empty for a final escalation or one with neither a counting deadline nor a meeting
     */
    public Optional<Instant> overdueSince() {
        if (!state.isOpen()) {
            return Optional.empty();
        }
        Optional<Instant> deadline = countingDeadline().map(DeadlineMark::at);
        if (deadline.isEmpty()) {
            return nextMeetingAt;
        }
        if (nextMeetingAt.isEmpty()) {
            return deadline;
        }
        return Optional.of(deadline.get().isBefore(nextMeetingAt.get()) ? deadline.get() : nextMeetingAt.get());
    }

    /**
     * Whether the escalation is overdue at {@code now}: a deadline breached or a meeting of the agreed plan not held
     * in time (see {@link #overdueSince()}).
     *
     * @param now the instant to judge at
     * @return {@code true} if {@link #overdueSince()} is present and not after {@code now}
     */
    public boolean overdueAt(Instant now) {
        return overdueSince().map(at -> !at.isAfter(now)).orElse(false);
    }
}
