package dev.escalation.model;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;

/**
 * The list view of an escalation: no message, no log. Returned by the paged list queries of {@link dev.escalation.spi.EscalationStore}.
 *
 * @param id          the escalation
 * @param version     its version
 * @param customer    the tenant
 * @param caseId      the case
 * @param state       the state
 * @param cause       the cause
 * @param criticality the criticality
 * @param raisedBy    who escalated
 * @param raisedAt    when
 * @param updatedAt   last change
 * @param manager     the Escalation Manager, if appointed
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
        Optional<StaffId> manager) {

    /**
     * Validates the components.
     *
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
    }
}
