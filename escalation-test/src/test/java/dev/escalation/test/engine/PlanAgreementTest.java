package dev.escalation.test.engine;

import static dev.escalation.test.engine.Cast.EVE;
import static dev.escalation.test.engine.Cast.GIL;
import static dev.escalation.test.engine.Cast.INA;
import static dev.escalation.test.engine.Cast.IVY;
import static dev.escalation.test.engine.Cast.MAX;
import static dev.escalation.test.engine.Cast.SAM;
import static dev.escalation.test.engine.Cast.TOM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.escalation.Action;
import dev.escalation.Actor;
import dev.escalation.EscalationNotFoundException;
import dev.escalation.EscalationView;
import dev.escalation.IllegalTransitionException;
import dev.escalation.InvalidCommandException;
import dev.escalation.NotAuthorizedException;
import dev.escalation.command.AgreePlan;
import dev.escalation.command.ConfirmPlan;
import dev.escalation.command.ProposePlan;
import dev.escalation.command.RecordPlanAlone;
import dev.escalation.model.ActorRef;
import dev.escalation.model.Channel;
import dev.escalation.model.CommunicationPlan;
import dev.escalation.model.ContactId;
import dev.escalation.model.Criticality;
import dev.escalation.model.EntryParam;
import dev.escalation.model.EscalationId;
import dev.escalation.model.EscalationState;
import dev.escalation.model.ProgressKind;
import dev.escalation.model.StaffId;
import dev.escalation.sla.SlaPolicy;
import dev.escalation.spi.StoredEntry;
import dev.escalation.test.Scenario;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * #15 point 2: one side proposes a communication plan, the other confirms or counter-proposes; the agreed plan names
 * both people; amendments go the same way; the manager may record an unanswered proposal alone once the policy's
 * answer window (business hours) has passed. The world starts Tuesday 12 January 2027, 10:00 Berlin (coverage
 * Monday–Friday 09:00–17:00).
 */
class PlanAgreementTest {

    /** Answer window of two business hours. */
    private static final SlaPolicy POLICY = SlaPolicy.builder("plans", 1)
            .firstContact(Criticality.HIGH, Duration.ofHours(4))
            .planAnswerWithin(Duration.ofHours(2))
            .build();

    private final Scenario world = Cast.world(b -> b.slaPolicy(POLICY));

    private ProposePlan proposal(EscalationId id, Duration frequency, Channel channel, String note) {
        return new ProposePlan(id, frequency, channel, world.clock().instant().plus(Duration.ofHours(3)), note);
    }

    @Test
    void theManagerProposesAndTheIncidentManagerConfirms() {
        EscalationId id = Cast.acknowledged(world);
        world.engine().deliverPending();
        mark = world.notifier().delivered().size();

        EscalationView proposed =
                world.engine().proposePlan(EVE, proposal(id, Duration.ofDays(1), Channel.VIDEO_CALL, "daily at 9?"));

        assertThat(proposed.state()).isEqualTo(EscalationState.ACKNOWLEDGED);
        assertThat(proposed.plan()).isEmpty();
        assertThat(proposed.proposal()).hasValueSatisfying(p -> {
            assertThat(p.proposedBy()).isEqualTo(ActorRef.staff(StaffId.of("eve")));
            assertThat(p.plan().frequency()).isEqualTo(Duration.ofDays(1));
        });
        assertThat(proposed.availableActions()).doesNotContain(Action.CONFIRM_PLAN, Action.RECORD_PLAN_ALONE);
        StoredEntry entry = Cast.lastEntry(world, id);
        assertThat(entry.kind()).isEqualTo(ProgressKind.PLAN_PROPOSED);
        assertThat(entry.text()).contains("daily at 9?");
        assertThat(entry.params())
                .containsEntry("side", new EntryParam.Code("STAFF"))
                .containsEntry("counter", new EntryParam.Count(0))
                .containsEntry("channel", new EntryParam.Code("VIDEO_CALL"));
        world.engine().deliverPending();
        assertThat(fresh()).extracting(n -> n.kind() + ">" + n.recipient().id()).containsExactly("PLAN_PROPOSED>ina");
        assertThat(world.engine().find(INA, id).orElseThrow().availableActions())
                .contains(Action.CONFIRM_PLAN, Action.PROPOSE_PLAN);
        mark = world.notifier().delivered().size();

        world.clock().advance(Duration.ofMinutes(20));
        EscalationView agreed = world.engine().confirmPlan(INA, new ConfirmPlan(id));

        assertThat(agreed.state()).isEqualTo(EscalationState.ACTIVE);
        assertThat(agreed.proposal()).isEmpty();
        CommunicationPlan plan = agreed.plan().orElseThrow();
        assertThat(plan.agreement()).isEqualTo(CommunicationPlan.Agreement.CONFIRMED);
        assertThat(plan.customerSide()).contains(ContactId.of("ina"));
        assertThat(plan.vendorSide()).contains(StaffId.of("eve"));
        assertThat(plan.agreedAt()).isEqualTo(world.clock().instant());
        assertThat(agreed.nextMeetingAt()).contains(plan.firstMeetingAt());
        assertThat(Cast.lastEntry(world, id)).satisfies(e -> {
            assertThat(e.kind()).isEqualTo(ProgressKind.PLAN_AGREED);
            assertThat(e.actor()).isEqualTo(ActorRef.contact(ContactId.of("ina")));
            assertThat(e.params())
                    .containsEntry("agreement", new EntryParam.Code("CONFIRMED"))
                    .containsEntry("customerSide", new EntryParam.Ref("ina"))
                    .containsEntry("vendorSide", new EntryParam.Ref("eve"));
        });
        world.engine().deliverPending();
        assertThat(withoutSeries())
                .extracting(n -> n.kind() + ">" + n.recipient().id())
                .containsExactly("PLAN_AGREED>eve");
        assertThat(withoutSeries().get(0).body()).contains("confirmed by both sides");
        assertThat(fresh())
                .filteredOn(n -> n.kind() == dev.escalation.model.NotificationKind.MEETING_SERIES_INVITATION)
                .as("the agreed plan's meeting series goes to both sides")
                .extracting(n -> n.recipient().id())
                .containsExactlyInAnyOrder("ina", "eve");
    }

    @Test
    void theOtherSideCounterProposesAndTheFirstConfirms() {
        EscalationId id = Cast.acknowledged(world);
        world.engine().proposePlan(EVE, proposal(id, Duration.ofDays(1), Channel.VIDEO_CALL, null));
        world.engine().deliverPending();
        mark = world.notifier().delivered().size();

        EscalationView countered =
                world.engine().proposePlan(IVY, proposal(id, Duration.ofHours(4), Channel.PHONE, "every 4 h by phone"));

        assertThat(countered.proposal().orElseThrow().proposedBy()).isEqualTo(ActorRef.contact(ContactId.of("ivy")));
        assertThat(Cast.lastEntry(world, id).params()).containsEntry("counter", new EntryParam.Count(1));
        world.engine().deliverPending();
        assertThat(fresh()).extracting(n -> n.kind() + ">" + n.recipient().id()).containsExactly("PLAN_PROPOSED>eve");
        // the customer's side may not confirm its own counter-proposal, whichever Incident Manager tries
        for (Actor sameSide : new Actor[] {IVY, INA}) {
            assertThatThrownBy(() -> world.engine().confirmPlan(sameSide, new ConfirmPlan(id)))
                    .isInstanceOfSatisfying(
                            NotAuthorizedException.class,
                            e -> assertThat(e.code()).isEqualTo("NOT_AUTHORIZED"));
        }

        CommunicationPlan plan =
                world.engine().confirmPlan(EVE, new ConfirmPlan(id)).plan().orElseThrow();

        assertThat(plan.channel()).isEqualTo(Channel.PHONE);
        assertThat(plan.frequency()).isEqualTo(Duration.ofHours(4));
        assertThat(plan.customerSide()).contains(ContactId.of("ivy"));
        assertThat(plan.vendorSide()).contains(StaffId.of("eve"));
        assertThat(plan.agreement()).isEqualTo(CommunicationPlan.Agreement.CONFIRMED);
    }

    @Test
    void amendmentsGoTheSameWay() {
        EscalationId id = Cast.acknowledged(world);
        world.engine().proposePlan(EVE, proposal(id, Duration.ofDays(1), Channel.VIDEO_CALL, null));
        world.engine().confirmPlan(INA, new ConfirmPlan(id));
        long meetingsBefore = Cast.log(world, id).size();

        world.engine().proposePlan(INA, proposal(id, Duration.ofHours(2), Channel.CHAT, "things got worse"));
        EscalationView amended = world.engine().confirmPlan(EVE, new ConfirmPlan(id));

        assertThat(amended.state()).isEqualTo(EscalationState.ACTIVE);
        assertThat(amended.plan().orElseThrow().frequency()).isEqualTo(Duration.ofHours(2));
        assertThat(amended.plan().orElseThrow().customerSide()).contains(ContactId.of("ina"));
        assertThat(Cast.log(world, id)
                        .subList((int) meetingsBefore, Cast.log(world, id).size()))
                .extracting(StoredEntry::kind)
                .containsExactly(ProgressKind.PLAN_PROPOSED, ProgressKind.PLAN_AMENDED);
    }

    @Test
    void refusalsHaveStableCodesAndChangeNothing() {
        EscalationId id = Cast.escalated(world);
        assertThatThrownBy(() -> world.engine().proposePlan(INA, proposal(id, Duration.ofDays(1), Channel.PHONE, null)))
                .as("no manager yet")
                .isInstanceOf(IllegalTransitionException.class);
        world.engine().acknowledge(SAM, new dev.escalation.command.Acknowledge(id, StaffId.of("eve"), "called"));
        long version = Cast.stored(world, id).version();
        long pending = Cast.pending(world);

        assertThatThrownBy(() -> world.engine().confirmPlan(INA, new ConfirmPlan(id)))
                .as("no pending proposal")
                .isInstanceOfSatisfying(IllegalTransitionException.class, e -> {
                    assertThat(e.code()).isEqualTo("ILLEGAL_TRANSITION");
                    assertThat(e.getMessage()).contains("no pending plan proposal");
                });
        assertThatThrownBy(() -> world.engine().recordPlanAlone(EVE, new RecordPlanAlone(id)))
                .isInstanceOf(IllegalTransitionException.class);
        assertThatThrownBy(() -> world.engine().proposePlan(TOM, proposal(id, Duration.ofDays(1), Channel.PHONE, null)))
                .isInstanceOf(NotAuthorizedException.class);
        assertThatThrownBy(() -> world.engine().proposePlan(MAX, proposal(id, Duration.ofDays(1), Channel.PHONE, null)))
                .isInstanceOf(NotAuthorizedException.class);
        assertThatThrownBy(() -> world.engine().proposePlan(GIL, proposal(id, Duration.ofDays(1), Channel.PHONE, null)))
                .isInstanceOf(EscalationNotFoundException.class);
        assertThatThrownBy(
                        () -> world.engine().proposePlan(EVE, proposal(id, Duration.ofDays(30), Channel.PHONE, null)))
                .isInstanceOfSatisfying(
                        InvalidCommandException.class,
                        e -> assertThat(e.violations())
                                .extracting(InvalidCommandException.Violation::code)
                                .containsExactly("frequency.Range"));
        assertThat(Cast.stored(world, id).version()).isEqualTo(version);

        world.engine().proposePlan(EVE, proposal(id, Duration.ofDays(1), Channel.PHONE, null));
        assertThatThrownBy(() -> world.engine().confirmPlan(EVE, new ConfirmPlan(id)))
                .as("the proposing side confirming its own proposal")
                .isInstanceOfSatisfying(
                        NotAuthorizedException.class,
                        e -> assertThat(e.getMessage()).contains("its side made the pending proposal"));
        assertThatThrownBy(() -> world.engine().confirmPlan(MAX, new ConfirmPlan(id)))
                .isInstanceOf(NotAuthorizedException.class);
        assertThat(Cast.stored(world, id).version()).isEqualTo(version + 1);
        assertThat(Cast.pending(world))
                .as("the proposal's notification and ticket update")
                .isEqualTo(pending + 2);
    }

    @Test
    void theManagerRecordsTheProposalAloneAfterTheAnswerWindowOfBusinessHours() {
        EscalationId id = Cast.acknowledged(world);
        world.at("2027-01-12T16:00:00+01:00[Europe/Berlin]"); // Tuesday, one business hour left today
        world.engine().proposePlan(EVE, proposal(id, Duration.ofDays(1), Channel.EMAIL, null));
        world.engine().deliverPending();
        mark = world.notifier().delivered().size();

        // two business hours later is Wednesday 10:00, not Tuesday 18:00
        world.at("2027-01-13T09:59:00+01:00[Europe/Berlin]");
        assertThat(world.engine().find(EVE, id).orElseThrow().availableActions())
                .doesNotContain(Action.RECORD_PLAN_ALONE);
        assertThatThrownBy(() -> world.engine().recordPlanAlone(EVE, new RecordPlanAlone(id)))
                .isInstanceOfSatisfying(
                        IllegalTransitionException.class,
                        e -> assertThat(e.getMessage()).contains("planAnswerWithin"));

        world.at("2027-01-13T10:00:00+01:00[Europe/Berlin]");
        assertThat(world.engine().find(EVE, id).orElseThrow().availableActions())
                .contains(Action.RECORD_PLAN_ALONE);
        assertThat(world.engine().find(SAM, id).orElseThrow().availableActions())
                .doesNotContain(Action.RECORD_PLAN_ALONE);
        EscalationView recorded = world.engine().recordPlanAlone(EVE, new RecordPlanAlone(id));

        assertThat(recorded.state()).isEqualTo(EscalationState.ACTIVE);
        CommunicationPlan plan = recorded.plan().orElseThrow();
        assertThat(plan.agreement()).isEqualTo(CommunicationPlan.Agreement.MANAGER_ALONE);
        assertThat(plan.customerSide()).isEmpty();
        assertThat(plan.vendorSide()).contains(StaffId.of("eve"));
        assertThat(Cast.lastEntry(world, id).params())
                .containsEntry("agreement", new EntryParam.Code("MANAGER_ALONE"))
                .doesNotContainKey("customerSide");
        world.engine().deliverPending();
        assertThat(withoutSeries())
                .extracting(n -> n.kind() + ">" + n.recipient().id())
                .containsExactly("PLAN_AGREED>ina");
        assertThat(withoutSeries().get(0).body()).contains("recorded by the Escalation Manager alone");
        assertThat(fresh())
                .filteredOn(n -> n.kind() == dev.escalation.model.NotificationKind.MEETING_SERIES_INVITATION)
                .as("the agreed plan's meeting series goes to both sides")
                .extracting(n -> n.recipient().id())
                .containsExactlyInAnyOrder("ina", "eve");
    }

    @Test
    void aCustomerProposalIsNeverRecordedAloneAndTheDefaultWindowIsEightBusinessHours() {
        Scenario noPolicy = Cast.world();
        EscalationId id = Cast.acknowledged(noPolicy);
        noPolicy.engine()
                .proposePlan(INA, new ProposePlan(id, Duration.ofDays(1), Channel.PHONE, later(noPolicy), null));
        noPolicy.after(Duration.ofDays(7));
        assertThatThrownBy(() -> noPolicy.engine().recordPlanAlone(EVE, new RecordPlanAlone(id)))
                .isInstanceOfSatisfying(
                        IllegalTransitionException.class,
                        e -> assertThat(e.getMessage()).contains("no pending plan proposal of the vendor side"));

        noPolicy.engine()
                .proposePlan(EVE, new ProposePlan(id, Duration.ofDays(1), Channel.PHONE, later(noPolicy), null));
        Instant proposedAt = noPolicy.clock().instant(); // Tuesday 19 January 10:00: due Wednesday 10:00
        noPolicy.clock().set(proposedAt.plus(Duration.ofHours(23)).plusSeconds(3599));
        assertThat(noPolicy.engine().find(EVE, id).orElseThrow().availableActions())
                .doesNotContain(Action.RECORD_PLAN_ALONE);
        noPolicy.clock().set(proposedAt.plus(Duration.ofHours(24)));
        assertThat(noPolicy.engine().find(EVE, id).orElseThrow().availableActions())
                .contains(Action.RECORD_PLAN_ALONE);
    }

    /**
     * The plan's series repeats in the zone of its customer side, resolved when proposed, confirmed or recorded alone:
     * the contact the plan names (the proposer or the confirmer), else the escalation's Incident Manager.
     */
    @Test
    void thePlanIsStoredWithTheZoneOfItsCustomerSide() {
        java.time.ZoneId newYork = java.time.ZoneId.of("America/New_York");
        java.time.ZoneId sydney = java.time.ZoneId.of("Australia/Sydney");
        Cast.zone(world, "ina", newYork);
        Cast.zone(world, "ivy", sydney);
        EscalationId id = Cast.acknowledged(world); // raised by Ina

        world.engine().proposePlan(IVY, proposal(id, Duration.ofDays(1), Channel.PHONE, null));
        assertThat(Cast.stored(world, id).proposal().orElseThrow().plan().zone())
                .contains(sydney);
        CommunicationPlan confirmed =
                world.engine().confirmPlan(EVE, new ConfirmPlan(id)).plan().orElseThrow();
        assertThat(confirmed.customerSide()).contains(ContactId.of("ivy"));
        assertThat(confirmed.zone())
                .as("the confirmed plan's customer side is Ivy")
                .contains(sydney);

        world.engine().proposePlan(EVE, proposal(id, Duration.ofDays(2), Channel.PHONE, null));
        assertThat(Cast.stored(world, id).proposal().orElseThrow().plan().zone())
                .as("a manager's proposal names no contact yet: the escalation's Incident Manager")
                .contains(newYork);
        CommunicationPlan amended =
                world.engine().confirmPlan(INA, new ConfirmPlan(id)).plan().orElseThrow();
        assertThat(amended.customerSide()).contains(ContactId.of("ina"));
        assertThat(amended.zone()).contains(newYork);
    }

    @Test
    void agreePlanStillRecordsAndSettlesAPendingProposal() {
        EscalationId id = Cast.acknowledged(world);
        world.engine().proposePlan(INA, proposal(id, Duration.ofDays(1), Channel.PHONE, null));

        EscalationView agreed =
                world.engine().agreePlan(EVE, new AgreePlan(id, Duration.ofHours(6), Channel.CHAT, later(world)));

        assertThat(agreed.proposal()).isEmpty();
        assertThat(agreed.plan().orElseThrow())
                .isEqualTo(new CommunicationPlan(
                                Duration.ofHours(6),
                                Channel.CHAT,
                                later(world),
                                world.clock().instant())
                        .withZone(Cast.BERLIN)); // Ina has no zone of her own, ACME no default: the vendor's
        assertThat(agreed.plan().orElseThrow().agreement()).isEqualTo(CommunicationPlan.Agreement.RECORDED);
        assertThat(Cast.lastEntry(world, id).params()).doesNotContainKeys("customerSide", "vendorSide");
        assertThat(Optional.of(agreed.state())).contains(EscalationState.ACTIVE);
    }

    private int mark;

    /** The fresh notifications but the plan's meeting series invitation (sent whenever the active plan changes). */
    private java.util.List<dev.escalation.spi.Notification> withoutSeries() {
        return fresh().stream()
                .filter(n -> n.kind() != dev.escalation.model.NotificationKind.MEETING_SERIES_INVITATION)
                .toList();
    }

    /** The notifications delivered since {@link #mark} was set. */
    private java.util.List<dev.escalation.spi.Notification> fresh() {
        java.util.List<dev.escalation.spi.Notification> all = world.notifier().delivered();
        return all.subList(mark, all.size());
    }

    private static Instant later(Scenario s) {
        return s.clock().instant().plus(Duration.ofHours(3));
    }
}
