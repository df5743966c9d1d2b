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
import dev.escalation.model.LessonsLearned;
import dev.escalation.model.Party;
import dev.escalation.model.PolicyRef;
import dev.escalation.model.Resolution;
import dev.escalation.model.StaffId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The stored snapshot of one escalation, exactly as an {@link EscalationStore} persists and returns it.
 *
 * <p>Every component must survive a store round trip unchanged. {@link #version()} starts at 1 and grows by one
 * with every successful write. The progress log is append-only: entries present in version {@code n} appear
 * unchanged, in the same order, in every later version, so an adapter may store only the entries whose
 * {@link ProgressEntry#sequence()} is greater than those it already has.
 *
 * @param id             the escalation
 * @param version        the optimistic-concurrency version (1 after the first write)
 * @param customer       the tenant; every customer-scoped look-up filters by it
 * @param caseId         the escalated case
 * @param state          the lifecycle state
 * @param raisedBy       the Incident Manager who escalated
 * @param message        the customer's message (personal data)
 * @param cause          why
 * @param criticality    how critical now
 * @param submissionKey  the portal's idempotency key of the "Escalate Case" request, if it sent one
 * @param raisedAt       when it was escalated (engine clock)
 * @param updatedAt      when it last changed (engine clock)
 * @param manager        the appointed Escalation Manager, once acknowledged
 * @param plan           the agreed communication plan, once agreed
 * @param participants   stakeholders kept informed, in the order added, without duplicates by id
 * @param resolution     how it was resolved, once resolved (kept when reopened until resolved again)
 * @param lessonsLearned the lessons-learned session, once scheduled or declined
 * @param policy         the SLA policy version it runs under, if the host configured one
 * @param progress       the progress log, ordered by sequence
 */
public record EscalationRecord(
        EscalationId id,
        long version,
        CustomerId customer,
        CaseId caseId,
        EscalationState state,
        ContactId raisedBy,
        String message,
        Cause cause,
        Criticality criticality,
        Optional<String> submissionKey,
        Instant raisedAt,
        Instant updatedAt,
        Optional<StaffId> manager,
        Optional<CommunicationPlan> plan,
        List<Party> participants,
        Optional<Resolution> resolution,
        Optional<LessonsLearned> lessonsLearned,
        Optional<PolicyRef> policy,
        List<ProgressEntry> progress) {

    /**
     * Validates and copies the components.
     *
     * @throws NullPointerException if a component or element is null
     * @throws IllegalArgumentException if {@code version} is not positive
     */
    public EscalationRecord {
        requireNonNull(id, "id");
        if (version < 1) {
            throw new IllegalArgumentException("version must be positive: " + version);
        }
        requireNonNull(customer, "customer");
        requireNonNull(caseId, "caseId");
        requireNonNull(state, "state");
        requireNonNull(raisedBy, "raisedBy");
        requireNonNull(message, "message");
        requireNonNull(cause, "cause");
        requireNonNull(criticality, "criticality");
        requireNonNull(submissionKey, "submissionKey");
        requireNonNull(raisedAt, "raisedAt");
        requireNonNull(updatedAt, "updatedAt");
        requireNonNull(manager, "manager");
        requireNonNull(plan, "plan");
        participants = List.copyOf(participants);
        requireNonNull(resolution, "resolution");
        requireNonNull(lessonsLearned, "lessonsLearned");
        requireNonNull(policy, "policy");
        progress = List.copyOf(progress);
    }

    /**
     * The summary of this record, as list queries return it.
     *
     * @return the summary
     */
    public EscalationSummary summary() {
        return new EscalationSummary(
                id, version, customer, caseId, state, cause, criticality, raisedBy, raisedAt, updatedAt, manager);
    }

    /**
     * The same record with another version, for adapters that assign the version on write.
     *
     * @param newVersion the version
     * @return a copy with {@code newVersion}
     */
    public EscalationRecord withVersion(long newVersion) {
        return new EscalationRecord(
                id,
                newVersion,
                customer,
                caseId,
                state,
                raisedBy,
                message,
                cause,
                criticality,
                submissionKey,
                raisedAt,
                updatedAt,
                manager,
                plan,
                participants,
                resolution,
                lessonsLearned,
                policy,
                progress);
    }
}
