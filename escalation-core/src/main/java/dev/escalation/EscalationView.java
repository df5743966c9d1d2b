package dev.escalation;

import static java.util.Objects.requireNonNull;

import dev.escalation.model.CaseId;
import dev.escalation.model.Cause;
import dev.escalation.model.CommunicationPlan;
import dev.escalation.model.ContactId;
import dev.escalation.model.Criticality;
import dev.escalation.model.CustomerId;
import dev.escalation.model.EscalationId;
import dev.escalation.model.EscalationState;
import dev.escalation.model.HotlineAdvice;
import dev.escalation.model.Intake;
import dev.escalation.model.LessonsLearned;
import dev.escalation.model.Party;
import dev.escalation.model.PlanProposal;
import dev.escalation.model.Resolution;
import dev.escalation.model.StaffId;
import dev.escalation.spi.internal.Copies;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One escalation as an actor may see it, without its log: read the timeline page by page with
 * {@link EscalationEngine#timeline}.
 *
 * @param id               the escalation
 * @param version          its version: pass it back with a command ({@code expectingVersion(view.version())}) so
 *                         the command applies only to the escalation as the actor saw it
 * @param customer         the customer account
 * @param caseId           the case
 * @param state            the state
 * @param cause            the cause
 * @param criticality      the criticality
 * @param message          the customer's message
 * @param raisedBy         who escalated
 * @param intake           how it came in and who recorded it
 * @param raisedAt         when
 * @param updatedAt        when it last changed
 * @param manager          the Escalation Manager, once appointed
 * @param plan             the communication plan, once agreed
 * @param proposal         a plan proposal waiting for the other side's answer, if any
 * @param nextMeetingAt    the next meeting of the plan, while active
 * @param participants     the participants (the Incident Manager who raised it first)
 * @param resolution       the resolution, once resolved
 * @param lessonsLearned   the lessons-learned session, once scheduled or declined
 * @param clockPaused      whether the SLA clock is paused
 * @param ticketReference  the ticketing system's reference of its ticket, once opened
 * @param hotline          the hotline advice given when it was raised, if any
 * @param availableActions the actions this actor may take now (state, role and identity, and the escalation's
 *                         details allow them; see the README's action table). A view the engine returns decides them
 *                         when first read; if the vendor calendar's holiday source fails then (a pending plan
 *                         proposal's answer window needs it), reading them throws {@link
 *                         EscalationUnavailableException} and a later read decides them again
 */
public record EscalationView(
        EscalationId id,
        long version,
        CustomerId customer,
        CaseId caseId,
        EscalationState state,
        Cause cause,
        Criticality criticality,
        String message,
        ContactId raisedBy,
        Intake intake,
        Instant raisedAt,
        Instant updatedAt,
        Optional<StaffId> manager,
        Optional<CommunicationPlan> plan,
        Optional<PlanProposal> proposal,
        Optional<Instant> nextMeetingAt,
        List<Party> participants,
        Optional<Resolution> resolution,
        Optional<LessonsLearned> lessonsLearned,
        boolean clockPaused,
        Optional<String> ticketReference,
        Optional<HotlineAdvice> hotline,
        Set<Action> availableActions) {

    /**
     * Validates and copies the components.
     *
     * @param id the escalation
     * @param version its version, a command's expected version ({@code expectingVersion})
     * @param customer the customer account
     * @param caseId the case
     * @param state the state
     * @param cause the cause
     * @param criticality the criticality
     * @param message the customer's message
     * @param raisedBy who escalated
     * @param intake how it came in and who recorded it
     * @param raisedAt when
     * @param updatedAt when it last changed
     * @param manager the Escalation Manager, once appointed
     * @param plan the communication plan, once agreed
     * @param proposal a plan proposal waiting for the other side's answer, if any
     * @param nextMeetingAt the next meeting of the plan, while active
     * @param participants the participants (the Incident Manager who raised it first)
     * @param resolution the resolution, once resolved
     * @param lessonsLearned the lessons-learned session, once scheduled or declined
     * @param clockPaused whether the SLA clock is paused
     * @param ticketReference the ticketing system's reference of its ticket, once opened
     * @param hotline the hotline advice given when it was raised, if any
     * @param availableActions the actions this actor may take in the current state
     * @throws NullPointerException if a component is null
     */
    public EscalationView {
        requireNonNull(id, "id");
        requireNonNull(customer, "customer");
        requireNonNull(caseId, "caseId");
        requireNonNull(state, "state");
        requireNonNull(cause, "cause");
        requireNonNull(criticality, "criticality");
        requireNonNull(message, "message");
        requireNonNull(raisedBy, "raisedBy");
        requireNonNull(intake, "intake");
        requireNonNull(raisedAt, "raisedAt");
        requireNonNull(updatedAt, "updatedAt");
        requireNonNull(manager, "manager");
        requireNonNull(plan, "plan");
        requireNonNull(proposal, "proposal");
        requireNonNull(nextMeetingAt, "nextMeetingAt");
        participants = Copies.list(participants, "participants");
        requireNonNull(resolution, "resolution");
        requireNonNull(lessonsLearned, "lessonsLearned");
        requireNonNull(ticketReference, "ticketReference");
        requireNonNull(hotline, "hotline");
        // the engine's own (computed when first read) is immutable already
        availableActions = availableActions instanceof LazyActions
                ? availableActions
                : Copies.set(availableActions, "availableActions");
    }

    /**
     * The improvement actions of the lessons learned that are still open (shown after closing too).
     *
     * @return the open actions, in the order recorded
     */
    public java.util.List<dev.escalation.model.ImprovementAction> openImprovementActions() {
        return lessonsLearned
                .map(l -> l.actions().stream()
                        .filter(a -> a.status() == dev.escalation.model.ImprovementAction.Status.OPEN)
                        .toList())
                .orElse(java.util.List.of());
    }

    /**
     * The actions an actor may take, decided when first read (a host that ignores the view a command returns does
     * not pay for the action table's checks): immutable, and the same set whenever it is read.
     */
    static final class LazyActions extends java.util.AbstractSet<Action> {
        private final java.util.function.Supplier<Set<Action>> decide;
        private volatile @org.jspecify.annotations.Nullable Set<Action> actions;

        LazyActions(java.util.function.Supplier<Set<Action>> decide) {
            this.decide = decide;
        }

        private Set<Action> actions() {
            Set<Action> a = actions;
            if (a == null) {
                a = java.util.Collections.unmodifiableSet(decide.get()); // the same whoever decides it
                actions = a;
            }
            return a;
        }

        @Override
        public java.util.Iterator<Action> iterator() {
            return actions().iterator();
        }

        @Override
        public int size() {
            return actions().size();
        }

        @Override
        public boolean contains(Object o) {
            return actions().contains(java.util.Objects.requireNonNull(o)); // null refused, like Set.copyOf's
        }
    }
}
