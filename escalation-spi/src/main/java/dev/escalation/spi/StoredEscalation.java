package dev.escalation.spi;

import static java.util.Objects.requireNonNull;

import dev.escalation.model.CaseId;
import dev.escalation.model.Cause;
import dev.escalation.model.CommunicationPlan;
import dev.escalation.model.ContactId;
import dev.escalation.model.Criticality;
import dev.escalation.model.CustomerId;
import dev.escalation.model.EscalationId;
import dev.escalation.model.EscalationState;
import dev.escalation.model.EscalationSummary;
import dev.escalation.model.HotlineAdvice;
import dev.escalation.model.Intake;
import dev.escalation.model.LessonsLearned;
import dev.escalation.model.Party;
import dev.escalation.model.PlanProposal;
import dev.escalation.model.PolicyRef;
import dev.escalation.model.Resolution;
import dev.escalation.model.StaffId;
import dev.escalation.spi.internal.Copies;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The stored state of one escalation, without its progress log, exactly as an {@link EscalationStore} persists and
 * returns it. The log is stored as {@link StoredEntry} rows and read only by timeline queries; what commands need of
 * the history is kept in {@link #facts()}.
 *
 * <p>Every component but {@link #ticketReference()} survives a store round trip unchanged. {@link #version()} starts
 * at 1 and grows by one with every write. {@link #ticketReference()} is not part of the versioned state: the store
 * fills it on every read from what {@link Outbox#finish} recorded when the ticket was opened, and ignores it on
 * writes.
 *
 * @param id              the escalation
 * @param version         the optimistic-concurrency version (1 after the first write)
 * @param customer        the tenant; every customer-scoped look-up filters by it
 * @param caseId          the escalated case
 * @param state           the lifecycle state
 * @param raisedBy        the Incident Manager for whom it was raised
 * @param intake          how it came in and who recorded it
 * @param message         the customer's message (personal data)
 * @param cause           why
 * @param criticality     how critical now
 * @param submissionKey   the idempotency key of the request that raised it, if one was sent
 * @param raisedAt        when it was escalated (engine clock)
 * @param updatedAt       when it last changed (engine clock)
 * @param manager         the appointed Escalation Manager, once acknowledged
 * @param plan            the agreed communication plan, once agreed
 * @param proposal        a communication plan proposed and not yet confirmed
 * @param participants    stakeholders kept informed, in the order added, without duplicates by id (personal data)
 * @param resolution      how it was resolved, once resolved (kept when reopened until resolved again)
 * @param lessonsLearned  the lessons-learned session, once scheduled or declined
 * @param policy          the SLA policy version it runs under, if the host configured one
 * @param hotline         the hotline advice given when it was raised
 * @param facts           facts derived from its history
 * @param ticketReference the ticketing system's reference of its ticket, once opened (not versioned; see above)
 */
public record StoredEscalation(
        EscalationId id,
        long version,
        CustomerId customer,
        CaseId caseId,
        EscalationState state,
        ContactId raisedBy,
        Intake intake,
        String message,
        Cause cause,
        Criticality criticality,
        Optional<String> submissionKey,
        Instant raisedAt,
        Instant updatedAt,
        Optional<StaffId> manager,
        Optional<CommunicationPlan> plan,
        Optional<PlanProposal> proposal,
        List<Party> participants,
        Optional<Resolution> resolution,
        Optional<LessonsLearned> lessonsLearned,
        Optional<PolicyRef> policy,
        Optional<HotlineAdvice> hotline,
        EscalationFacts facts,
        Optional<String> ticketReference) {

    /**
     * Validates and copies the components.
     *
     * @param id the escalation
     * @param version the optimistic-concurrency version (1 after the first write)
     * @param customer the tenant; every customer-scoped look-up filters by it
     * @param caseId the escalated case
     * @param state the lifecycle state
     * @param raisedBy the Incident Manager for whom it was raised
     * @param intake how it came in and who recorded it
     * @param message the customer's message (personal data)
     * @param cause why
     * @param criticality how critical now
     * @param submissionKey the idempotency key of the request that raised it, if one was sent
     * @param raisedAt when it was escalated (engine clock)
     * @param updatedAt when it last changed (engine clock)
     * @param manager the appointed Escalation Manager, once acknowledged
     * @param plan the agreed communication plan, once agreed
     * @param proposal a communication plan proposed and not yet confirmed
     * @param participants stakeholders kept informed, in the order added, without duplicates by id (personal data)
     * @param resolution how it was resolved, once resolved (kept when reopened until resolved again)
     * @param lessonsLearned the lessons-learned session, once scheduled or declined
     * @param policy the SLA policy version it runs under, if the host configured one
     * @param hotline the hotline advice given when it was raised
     * @param facts facts derived from its history
     * @param ticketReference the ticketing system's reference of its ticket, once opened (not versioned; see above)
     * @throws NullPointerException if a component or element is null
     * @throws IllegalArgumentException if {@code version} is not positive
     */
    public StoredEscalation {
        requireNonNull(id, "id");
        if (version < 1) {
            throw new IllegalArgumentException("version must be positive: " + version);
        }
        requireNonNull(customer, "customer");
        requireNonNull(caseId, "caseId");
        requireNonNull(state, "state");
        requireNonNull(raisedBy, "raisedBy");
        requireNonNull(intake, "intake");
        requireNonNull(message, "message");
        requireNonNull(cause, "cause");
        requireNonNull(criticality, "criticality");
        requireNonNull(submissionKey, "submissionKey");
        requireNonNull(raisedAt, "raisedAt");
        requireNonNull(updatedAt, "updatedAt");
        requireNonNull(manager, "manager");
        requireNonNull(plan, "plan");
        requireNonNull(proposal, "proposal");
        participants = Copies.list(participants, "participants");
        requireNonNull(resolution, "resolution");
        requireNonNull(lessonsLearned, "lessonsLearned");
        requireNonNull(policy, "policy");
        requireNonNull(hotline, "hotline");
        requireNonNull(facts, "facts");
        requireNonNull(ticketReference, "ticketReference");
    }

    /**
     * The list view of this escalation.
     *
     * @return the summary
     */
    public EscalationSummary summary() {
        return new EscalationSummary(
                id,
                version,
                customer,
                caseId,
                state,
                cause,
                criticality,
                raisedBy,
                raisedAt,
                updatedAt,
                manager,
                facts.nextDeadline(),
                facts.nextMeetingAt(),
                facts.pausedSince(),
                ticketReference,
                hotline);
    }

    /**
     * The same escalation as a store read it, with the ticket reference it holds.
     *
     * @param reference the reference, or empty
     * @return a copy with {@code reference}
     */
    public StoredEscalation withTicketReference(Optional<String> reference) {
        return new StoredEscalation(
                id,
                version,
                customer,
                caseId,
                state,
                raisedBy,
                intake,
                message,
                cause,
                criticality,
                submissionKey,
                raisedAt,
                updatedAt,
                manager,
                plan,
                proposal,
                participants,
                resolution,
                lessonsLearned,
                policy,
                hotline,
                facts,
                reference);
    }
}
