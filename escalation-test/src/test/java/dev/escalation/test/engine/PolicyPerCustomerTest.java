package dev.escalation.test.engine;

import static dev.escalation.test.engine.Cast.EVE;
import static dev.escalation.test.engine.Cast.GIL;
import static dev.escalation.test.engine.Cast.INA;
import static dev.escalation.test.engine.Cast.SAM;
import static dev.escalation.test.engine.SlaFixtures.berlin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.escalation.UnknownPolicyException;
import dev.escalation.command.Acknowledge;
import dev.escalation.command.EscalateCase;
import dev.escalation.command.EscalateOnBehalf;
import dev.escalation.model.Cause;
import dev.escalation.model.ContactId;
import dev.escalation.model.Criticality;
import dev.escalation.model.CustomerId;
import dev.escalation.model.EntryParam;
import dev.escalation.model.EscalationId;
import dev.escalation.model.Intake;
import dev.escalation.model.NotificationKind;
import dev.escalation.model.PolicyRef;
import dev.escalation.model.StaffId;
import dev.escalation.model.StaffRole;
import dev.escalation.sla.EscalationChain;
import dev.escalation.sla.EscalationChain.Target;
import dev.escalation.sla.SlaPolicy;
import dev.escalation.spi.CustomerAccount;
import dev.escalation.spi.Notification;
import dev.escalation.test.Scenario;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** #15 point 4: the SLA policy is selected per customer, recorded with its version, and names its escalation chain. */
class PolicyPerCustomerTest {
    static final SlaPolicy STANDARD = SlaPolicy.builder("standard", 1)
            .firstContact(Criticality.CRITICAL, Duration.ofHours(4))
            .build();
    static final SlaPolicy GOLD_1 = SlaPolicy.builder("gold", 1)
            .firstContact(Criticality.CRITICAL, Duration.ofHours(2))
            .build();
    /** Gold, version 2: warning to dan, breach to Head of Support and max, the first repeat to sam, later ones to hal. */
    static final SlaPolicy GOLD_2 = SlaPolicy.builder("gold", 2)
            .firstContact(Criticality.CRITICAL, Duration.ofHours(1))
            .warnAt(75)
            .repeatAfterBreach(Duration.ofHours(2), 2)
            .chain(EscalationChain.of(
                    List.of(Target.staff(StaffId.of("dan"))),
                    List.of(Target.role(StaffRole.HEAD_OF_SUPPORT), Target.staff(StaffId.of("max"))),
                    List.of(List.of(Target.staff(StaffId.of("sam"))), List.of(Target.role(StaffRole.HEAD_OF_SUPPORT)))))
            .build();

    static void tier(Scenario w, String customer, String tier) {
        w.customerDirectory()
                .add(new CustomerAccount(
                        CustomerId.of(customer),
                        customer.toUpperCase(java.util.Locale.ROOT),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.of(tier)));
    }

    static EscalateCase critical(String caseId) {
        return new EscalateCase(
                dev.escalation.model.CaseId.of(caseId), "Down", Cause.DATABASE_OUTAGE, Criticality.CRITICAL, null);
    }

    private int seen;

    private void clear(Scenario w) {
        seen = w.notifier().delivered().size();
    }

    private List<Notification> fresh(Scenario w) {
        List<Notification> all = w.notifier().delivered();
        return all.subList(seen, all.size());
    }

    private List<String> to(Scenario w, NotificationKind kind) {
        return fresh(w).stream()
                .filter(n -> n.kind() == kind)
                .map(n -> n.recipient().id())
                .toList();
    }

    @Test
    void theAccountsTierSelectsTheHighestVersionOfThatPolicyAndOthersGetTheCurrentOne() {
        Scenario w = Cast.world(b -> b.slaPolicy(STANDARD).slaPolicies(GOLD_1, GOLD_2));
        tier(w, "acme", "gold");
        EscalationId acme = w.engine().escalate(INA, critical("C-1")).escalation();
        EscalationId globex = w.engine().escalate(GIL, critical("G-1")).escalation();
        assertThat(Cast.stored(w, acme).policy()).contains(new PolicyRef("gold", 2));
        assertThat(Cast.stored(w, globex).policy()).contains(new PolicyRef("standard", 1));
        assertThat(w.engine().deadlines(SAM, acme)).singleElement().satisfies(d -> {
            assertThat(d.policy()).contains(new PolicyRef("gold", 2));
            assertThat(d.dueAt()).isEqualTo(berlin("2027-01-12T11:00"));
        });
    }

    @Test
    void aHotlineCallRecordedByStaffGetsTheCustomersPolicyLikeThePortalButton() {
        Scenario w = Cast.world(b -> b.slaPolicy(STANDARD).slaPolicies(GOLD_1, GOLD_2));
        tier(w, "acme", "gold");
        EscalationId acme = w.engine()
                .escalateOnBehalf(
                        SAM,
                        new EscalateOnBehalf(
                                dev.escalation.model.CaseId.of("C-1"),
                                ContactId.of("ina"),
                                Intake.Channel.HOTLINE_CALL,
                                "Ina called: down",
                                Cause.DATABASE_OUTAGE,
                                Criticality.CRITICAL,
                                null))
                .escalation();
        EscalationId globex = w.engine()
                .escalateOnBehalf(
                        SAM,
                        new EscalateOnBehalf(
                                dev.escalation.model.CaseId.of("G-1"),
                                ContactId.of("gil"),
                                Intake.Channel.HOTLINE_CALL,
                                "Gil called: down",
                                Cause.DATABASE_OUTAGE,
                                Criticality.CRITICAL,
                                null))
                .escalation();
        assertThat(Cast.stored(w, acme).policy()).contains(new PolicyRef("gold", 2));
        assertThat(Cast.stored(w, globex).policy()).contains(new PolicyRef("standard", 1));
        assertThat(w.engine().deadlines(SAM, acme)).singleElement().satisfies(d -> {
            assertThat(d.policy()).contains(new PolicyRef("gold", 2));
            assertThat(d.dueAt()).isEqualTo(berlin("2027-01-12T11:00"));
        });
    }

    @Test
    void aRunningEscalationKeepsItsVersionWhenANewerOneIsRegistered() {
        Scenario w1 = Cast.world(b -> b.slaPolicy(STANDARD).slaPolicies(GOLD_1));
        tier(w1, "acme", "gold");
        EscalationId first = w1.engine().escalate(INA, critical("C-1")).escalation();
        Scenario w2 = Cast.world(
                b -> b.slaPolicy(STANDARD).slaPolicies(GOLD_1, GOLD_2).escalationIds(() -> EscalationId.of("E-2b")),
                w1.store());
        tier(w2, "acme", "gold");
        EscalationId second = w2.engine().escalate(INA, critical("C-2")).escalation();
        assertThat(Cast.stored(w1, first).policy()).contains(new PolicyRef("gold", 1));
        assertThat(Cast.stored(w1, second).policy()).contains(new PolicyRef("gold", 2));
        assertThat(w2.engine().deadlines(SAM, first))
                .singleElement()
                .satisfies(d -> assertThat(d.dueAt()).isEqualTo(berlin("2027-01-12T12:00")));
    }

    @Test
    void aHostSelectorOverridesTheTierAndEmptyFallsBackToTheTier() {
        Scenario w = Cast.world(b -> b.slaPolicy(STANDARD)
                .slaPolicies(GOLD_1, GOLD_2)
                .policySelector(a ->
                        a.id().value().equals("globex") ? Optional.of(new PolicyRef("gold", 1)) : Optional.empty()));
        EscalationId acme = w.engine().escalate(INA, critical("C-1")).escalation();
        EscalationId globex = w.engine().escalate(GIL, critical("G-1")).escalation();
        assertThat(Cast.stored(w, globex).policy()).contains(new PolicyRef("gold", 1));
        assertThat(Cast.stored(w, acme).policy()).contains(new PolicyRef("standard", 1));
    }

    @Test
    void aSelectorNamingAnUnregisteredVersionIsRefusedAndNothingIsStored() {
        Scenario w =
                Cast.world(b -> b.slaPolicy(STANDARD).policySelector(a -> Optional.of(new PolicyRef("platinum", 1))));
        assertThatThrownBy(() -> w.engine().escalate(INA, critical("C-1")))
                .isInstanceOf(UnknownPolicyException.class)
                .hasMessageContaining("platinum@1");
        assertThat(w.engine().openEscalationOfCase(SAM, Cast.C1)).isEmpty();
    }

    @Test
    void warningBreachAndEachRepeatGoToThePolicysChain() {
        Scenario w = Cast.world(b -> b.slaPolicy(STANDARD).slaPolicies(GOLD_2));
        tier(w, "acme", "gold");
        w.engine().escalate(INA, critical("C-1"));
        w.engine().deliverPending();
        clear(w);

        w.clock().set(berlin("2027-01-12T10:45"));
        w.engine().processDueWork();
        w.engine().deliverPending();
        assertThat(to(w, NotificationKind.REMINDER)).containsExactly("dan");

        w.clock().set(berlin("2027-01-12T11:00"));
        w.engine().processDueWork();
        w.engine().deliverPending();
        assertThat(to(w, NotificationKind.DEADLINE_BREACHED)).containsExactlyInAnyOrder("hal", "max");

        clear(w);
        w.clock().set(berlin("2027-01-12T13:00"));
        w.engine().processDueWork();
        w.engine().deliverPending();
        assertThat(fresh(w)).singleElement().satisfies(n -> {
            assertThat(n.recipient().id()).isEqualTo("sam");
            assertThat(n.params()).containsEntry("step", new EntryParam.Code("breach-repeat-1"));
        });

        clear(w);
        w.clock().set(berlin("2027-01-12T15:00"));
        w.engine().processDueWork();
        w.engine().deliverPending();
        assertThat(to(w, NotificationKind.DEADLINE_BREACHED)).containsExactly("hal");
    }

    @Test
    void aManagerTargetBeforeAnyoneIsAppointedAndALevelOfNobodyGoToSupportManagement() {
        SlaPolicy p = SlaPolicy.builder("gold", 1)
                .firstContact(Criticality.CRITICAL, Duration.ofHours(1))
                .chain(EscalationChain.of(
                        List.of(Target.manager()), List.of(Target.staff(StaffId.of("nobody"))), List.of()))
                .build();
        Scenario w = Cast.world(b -> b.slaPolicy(p));
        w.engine().escalate(INA, critical("C-1"));
        w.engine().deliverPending();
        clear(w);
        w.clock().set(berlin("2027-01-12T11:00"));
        w.engine().processDueWork();
        w.engine().deliverPending();
        assertThat(fresh(w))
                .extracting(Notification::kind, n -> n.recipient().id())
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(NotificationKind.REMINDER, "sam"),
                        org.assertj.core.groups.Tuple.tuple(NotificationKind.DEADLINE_BREACHED, "sam"));
    }

    @Test
    void aWhatIfDescribesTheChainsPeople() {
        Scenario w = Cast.world(b -> b.slaPolicy(GOLD_2));
        var projection = w.engine()
                .operations()
                .whatIf(SAM, dev.escalation.sla.WhatIf.at(berlin("2027-01-12T10:00"), Criticality.CRITICAL));
        assertThat(projection.steps())
                .extracting(s -> s.step() + ":" + s.audience())
                .contains("warning:staff dan", "breach:head of support, staff max", "breach-repeat-1:staff sam");
    }

    @Test
    void anAcknowledgedEscalationWarnsTheAppointedManagerOfTheChain() {
        SlaPolicy p = SlaPolicy.builder("gold", 1)
                .firstContact(Criticality.CRITICAL, Duration.ofHours(1))
                .resolution(Criticality.CRITICAL, Duration.ofHours(4))
                .chain(EscalationChain.of(List.of(Target.manager()), List.of(Target.manager()), List.of()))
                .build();
        Scenario w = Cast.world(b -> b.slaPolicy(p));
        EscalationId id = w.engine().escalate(INA, critical("C-1")).escalation();
        w.engine().acknowledge(SAM, new Acknowledge(id, StaffId.of("eve"), "called"));
        w.engine().deliverPending();
        clear(w);
        w.clock().set(berlin("2027-01-12T14:00"));
        w.engine().processDueWork();
        w.engine().deliverPending();
        assertThat(to(w, NotificationKind.DEADLINE_BREACHED)).containsExactly("eve");
        assertThat(EVE.id()).isEqualTo("eve");
    }
}
