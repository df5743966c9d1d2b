package dev.escalation;

import static dev.escalation.Draft.params;
import static dev.escalation.Draft.text;

import dev.escalation.ActionRow.Steps;
import dev.escalation.command.ConfirmPlan;
import dev.escalation.command.ProposePlan;
import dev.escalation.command.RecordPlanAlone;
import dev.escalation.model.ActorRef;
import dev.escalation.model.CommunicationPlan;
import dev.escalation.model.ContactId;
import dev.escalation.model.EntryParam;
import dev.escalation.model.NotificationKind;
import dev.escalation.model.Party;
import dev.escalation.model.PlanProposal;
import dev.escalation.model.ProgressKind;
import dev.escalation.model.StaffId;
import dev.escalation.model.Visibility;
import dev.escalation.sla.SlaPolicy;
import dev.escalation.spi.StoredEscalation;
import dev.escalation.text.Texts;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The steps of the plan agreement rows ({@link Lifecycle}): one side proposes (or counter-proposes), the other
 * confirms; the manager may record their own proposal alone once the customer's answer window has passed. The rules
 * are documented on the commands ({@link ProposePlan}, {@link ConfirmPlan}, {@link RecordPlanAlone}).
 */
final class PlanRows {
    /** The rows that store a plan and resolve the zone of its series ({@link ManagerRows#inSeriesZone}). */
    static final java.util.Set<Action> SERIES_ZONE = java.util.EnumSet.of(
            Action.AGREE_PLAN, Action.AMEND_PLAN, Action.PROPOSE_PLAN, Action.CONFIRM_PLAN, Action.RECORD_PLAN_ALONE);

    private PlanRows() {}

    /** PROPOSE_PLAN: stores the proposal (replacing a pending one) and tells the other side. */
    static final Steps<ProposePlan> PROPOSE_PLAN = Steps.of(
                    ProposePlan.class, ProposePlan::escalation, PlanRows::propose)
            .validate((cmd, clock, v) -> v.check(
                    cmd,
                    ManagerRows.planViolations(
                            cmd.frequency(), cmd.firstMeetingAt(), "firstMeetingAt", clock.instant())));

    private static void propose(ProposePlan cmd, Principal p, StoredEscalation r, Draft d, Lookups l) {
        ActorRef by = p.actor().ref();
        boolean customer = p.isContact();
        boolean counter =
                r.proposal().filter(x -> x.proposedBy().kind() != by.kind()).isPresent();
        CommunicationPlan plan = new CommunicationPlan(
                cmd.frequency(),
                cmd.channel(),
                cmd.firstMeetingAt(),
                d.now,
                customer ? p.contact().map(t -> t.id()) : Optional.empty(),
                customer ? Optional.empty() : p.staff().map(m -> m.id()),
                CommunicationPlan.Agreement.CONFIRMED);
        plan = ManagerRows.inSeriesZone(plan, r, p, l);
        d.proposal = Optional.of(new PlanProposal(by, plan, d.now));
        Map<String, EntryParam> params = params(
                "frequency",
                new EntryParam.Span(cmd.frequency()),
                "channel",
                EntryParam.Code.of(cmd.channel()),
                "firstMeetingAt",
                new EntryParam.At(cmd.firstMeetingAt()),
                "side",
                EntryParam.Code.of(by.kind()),
                "counter",
                new EntryParam.Count(counter ? 1 : 0));
        Optional<String> note = text(cmd.note());
        d.log(ProgressKind.PLAN_PROPOSED, by, Visibility.CUSTOMER, note, params);
        Party other = customer
                ? People.manager(r, l)
                        .orElseThrow(() -> new IllegalStateException("escalation " + r.id() + " has no manager"))
                : People.raiser(r, l);
        d.notifyAll(NotificationKind.PLAN_PROPOSED, java.util.List.of(other), params, note);
        // the ticket is the vendor's own record, written in English in the vendor's zone when queued
        d.ticketUpdate(
                "Communication plan, by the " + (customer ? "customer" : "Escalation Manager") + ": "
                        + Texts.shipped()
                                .entry(ProgressKind.PLAN_PROPOSED, note, params, Locale.ENGLISH, l.vendorZone()),
                Visibility.CUSTOMER);
    }

    /** CONFIRM_PLAN: the other side confirms; the plan names both people (guard PLAN_PROPOSED, who the counterpart). */
    static final Steps<ConfirmPlan> CONFIRM_PLAN =
            Steps.of(ConfirmPlan.class, ConfirmPlan::escalation, (cmd, p, r, d, l) -> {
                PlanProposal proposal = r.proposal().orElseThrow();
                ActorRef by = proposal.proposedBy();
                Optional<ContactId> customerSide = by.kind() == ActorRef.Kind.CONTACT
                        ? Optional.of(ContactId.of(by.id()))
                        : p.contact().map(t -> t.id());
                Optional<StaffId> vendorSide = by.kind() == ActorRef.Kind.STAFF
                        ? Optional.of(StaffId.of(by.id()))
                        : p.staff().map(m -> m.id());
                agreed(d, p, l, r, proposal, customerSide, vendorSide, CommunicationPlan.Agreement.CONFIRMED);
            });

    /** RECORD_PLAN_ALONE: the manager records their unanswered proposal (guards PROPOSED_BY_VENDOR, ANSWER_OVERDUE). */
    static final Steps<RecordPlanAlone> RECORD_PLAN_ALONE = Steps.of(
            RecordPlanAlone.class,
            RecordPlanAlone::escalation,
            (cmd, p, r, d, l) -> agreed(
                    d,
                    p,
                    l,
                    r,
                    r.proposal().orElseThrow(),
                    Optional.empty(),
                    p.staff().map(m -> m.id()),
                    CommunicationPlan.Agreement.MANAGER_ALONE));

    private static void agreed(
            Draft d,
            Principal p,
            Lookups l,
            StoredEscalation r,
            PlanProposal proposal,
            Optional<ContactId> customerSide,
            Optional<StaffId> vendorSide,
            CommunicationPlan.Agreement agreement) {
        CommunicationPlan proposed = proposal.plan();
        CommunicationPlan plan = new CommunicationPlan(
                proposed.frequency(),
                proposed.channel(),
                proposed.firstMeetingAt(),
                d.now,
                customerSide,
                vendorSide,
                agreement);
        ProgressKind kind = r.plan().isPresent() ? ProgressKind.PLAN_AMENDED : ProgressKind.PLAN_AGREED;
        ManagerRows.planned(d, p, l, kind, plan, Optional.empty());
    }

    /**
     * When the answer window of the escalation's pending proposal ends: its proposal time plus the policy's
     * {@link SlaPolicy#planAnswerWithin()} (the default without a registered policy) in the vendor's coverage calendar.
     */
    static Optional<Instant> answerDue(SlaClock sla, StoredEscalation r) {
        return r.proposal().map(x -> {
            Duration within = r.policy()
                    .flatMap(sla::policy)
                    .map(SlaPolicy::planAnswerWithin)
                    .orElse(SlaPolicy.DEFAULT_PLAN_ANSWER_WITHIN);
            return sla.vendor().plus(x.proposedAt(), within);
        });
    }
}
