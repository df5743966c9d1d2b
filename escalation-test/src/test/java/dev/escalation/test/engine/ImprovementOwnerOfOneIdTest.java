package dev.escalation.test.engine;

import static dev.escalation.test.engine.Cast.EVE;
import static dev.escalation.test.engine.Cast.SAM;
import static dev.escalation.test.engine.SlaFixtures.berlin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.escalation.Action;
import dev.escalation.Actor;
import dev.escalation.DataSubject;
import dev.escalation.InvalidCommandException;
import dev.escalation.NotAuthorizedException;
import dev.escalation.PersonalDataExport;
import dev.escalation.command.Acknowledge;
import dev.escalation.command.AddParticipant;
import dev.escalation.command.AgreePlan;
import dev.escalation.command.Close;
import dev.escalation.command.EscalateCase;
import dev.escalation.command.RecordLessonsLearned;
import dev.escalation.command.UpdateImprovementAction;
import dev.escalation.command.Withdraw;
import dev.escalation.model.Cause;
import dev.escalation.model.Channel;
import dev.escalation.model.ContactId;
import dev.escalation.model.Criticality;
import dev.escalation.model.CustomerId;
import dev.escalation.model.CustomerRole;
import dev.escalation.model.EscalationId;
import dev.escalation.model.ImprovementAction;
import dev.escalation.model.NotificationKind;
import dev.escalation.model.Party;
import dev.escalation.model.StaffId;
import dev.escalation.spi.PartyRef;
import dev.escalation.spi.Touchpoint;
import dev.escalation.test.Scenario;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A staff member and a customer's contact who share an id ({@code dan}) are two owners of improvement actions. An
 * action recorded with the id only is the staff member's (the documented rule, whose result is stored as the owner's
 * kind); one recorded with a kind is that kind's. Each owner is reminded, may update, is exported and is erased for
 * their own actions only.
 */
class ImprovementOwnerOfOneIdTest {
    static final String DAN_OF_ACME = "Dan of ACME";

    /** ACME's Incident Manager dan, a contact who shares his id with the vendor's staff member dan. */
    static void contactDan(Scenario w) {
        w.customerDirectory()
                .add(new Touchpoint(
                        ContactId.of("dan"),
                        CustomerId.of("acme"),
                        DAN_OF_ACME,
                        "dan@customer.example",
                        Optional.empty(),
                        Set.of(CustomerRole.INCIDENT_MANAGER),
                        true));
    }

    /** C-1, raised by ina, closed with one action: {@code action}. */
    static EscalationId closedWith(Scenario w, RecordLessonsLearned.Action action) {
        EscalationId id = Cast.active(w);
        FollowThroughTest.resolvedAndScheduled(w, id);
        w.clock().set(berlin("2027-01-14T10:00"));
        w.engine().recordLessonsLearned(EVE, new RecordLessonsLearned(id, "the logs were missing", List.of(action)));
        w.engine().close(EVE, new Close(id, null));
        return id;
    }

    /** The contact dan escalates C-2 in his own words and withdraws it: his name and words are in the store. */
    static EscalationId raisedAndWithdrawnByContactDan(Scenario w) {
        EscalationId id = w.engine()
                .escalate(
                        Actor.contact("dan"),
                        new EscalateCase(
                                Cast.C2,
                                "Queries are slow since Monday",
                                Cause.PERFORMANCE_DEGRADATION,
                                Criticality.HIGH,
                                null))
                .escalation();
        w.engine().withdraw(Actor.contact("dan"), new Withdraw(id, "solved it ourselves"));
        return id;
    }

    static List<EscalationId> exported(Scenario w, DataSubject who) {
        return w.engine().operations().exportPerson(SAM, who).escalations().stream()
                .map(PersonalDataExport.Involvement::escalation)
                .toList();
    }

    /** C-1 closed with the staff member's action, C-2 (dan a participant) closed with the contact's. */
    private static EscalationId[] oneActionEach(Scenario w) {
        EscalationId staffs = closedWith(
                w,
                RecordLessonsLearned.Action.staff(
                        "ask " + DAN_OF_ACME + " for the nightly logs", "dan", FollowThroughTest.DUE_DAN));
        EscalationId contacts = w.engine()
                .escalate(
                        Cast.INA,
                        new EscalateCase(
                                Cast.C2, "Queries are slow", Cause.PERFORMANCE_DEGRADATION, Criticality.HIGH, null))
                .escalation();
        w.engine().acknowledge(SAM, new Acknowledge(contacts, StaffId.of("eve"), "Called Ina"));
        w.engine()
                .agreePlan(
                        EVE,
                        new AgreePlan(
                                contacts,
                                Duration.ofDays(1),
                                Channel.VIDEO_CALL,
                                w.clock().instant().plus(Duration.ofHours(2))));
        w.engine().addParticipant(EVE, AddParticipant.contact(contacts, "dan"));
        FollowThroughTest.resolvedAndScheduled(w, contacts);
        w.clock().set(berlin("2027-01-14T11:00"));
        w.engine()
                .recordLessonsLearned(
                        EVE,
                        new RecordLessonsLearned(
                                contacts,
                                "the indexes were missing",
                                List.of(RecordLessonsLearned.Action.contact(
                                        "send the slow queries", "dan", FollowThroughTest.DUE_TOM))));
        w.engine().close(EVE, new Close(contacts, null));
        return new EscalationId[] {staffs, contacts};
    }

    private static ImprovementAction action(Scenario w, EscalationId id) {
        return Cast.stored(w, id).lessonsLearned().orElseThrow().actions().get(0);
    }

    @Test
    void eachOfTwoOwnersOfOneIdIsRemindedAndUpdatesOnlyTheirOwnAction() {
        Scenario w = Cast.world();
        contactDan(w);
        EscalationId[] two = oneActionEach(w);
        assertThat(action(w, two[0]).ownerKind()).contains(Party.Kind.STAFF);
        assertThat(action(w, two[1]).ownerKind()).contains(Party.Kind.CONTACT);
        assertThat(w.engine().find(Actor.contact("dan"), two[1]).orElseThrow().availableActions())
                .containsExactly(Action.UPDATE_IMPROVEMENT_ACTION);

        w.clock().set(FollowThroughTest.DUE_TOM);
        w.engine().processDueWork();
        w.engine().deliverPending();
        assertThat(w.notifier().delivered().stream()
                        .filter(n -> n.kind() == NotificationKind.IMPROVEMENT_ACTION_DUE)
                        .map(n -> n.escalation() + ">" + PartyRef.of(n.recipient())))
                .containsExactlyInAnyOrder(two[0] + ">STAFF:dan", two[1] + ">CONTACT:dan");

        assertThatThrownBy(() -> w.engine()
                        .operations()
                        .updateImprovementAction(
                                Actor.contact("dan"),
                                new UpdateImprovementAction(two[0], 0, ImprovementAction.Status.DONE, null)))
                .isInstanceOf(NotAuthorizedException.class);
        assertThatThrownBy(() -> w.engine()
                        .operations()
                        .updateImprovementAction(
                                Cast.DAN, new UpdateImprovementAction(two[1], 0, ImprovementAction.Status.DONE, null)))
                .isInstanceOf(NotAuthorizedException.class);
        w.engine()
                .operations()
                .updateImprovementAction(
                        Actor.contact("dan"),
                        new UpdateImprovementAction(two[1], 0, ImprovementAction.Status.DONE, "sent"));
        w.engine()
                .operations()
                .updateImprovementAction(
                        Cast.DAN, new UpdateImprovementAction(two[0], 0, ImprovementAction.Status.DROPPED, null));
        assertThat(action(w, two[1]))
                .isEqualTo(new ImprovementAction(
                        "send the slow queries",
                        "dan",
                        Optional.of(FollowThroughTest.DUE_TOM),
                        ImprovementAction.Status.DONE,
                        Optional.of(Party.Kind.CONTACT)));
        assertThat(action(w, two[0]).ownerKind()).contains(Party.Kind.STAFF);
    }

    @Test
    void theExportAndErasureOfOneOwnerLeaveTheOtherOwnersActionAlone() {
        Scenario w = Cast.world();
        contactDan(w);
        EscalationId[] two = oneActionEach(w);

        assertThat(exported(w, DataSubject.contact("dan"))).containsExactly(two[1]);
        assertThat(exported(w, DataSubject.staff("dan"))).containsExactly(two[0]);
        assertThat(w.engine()
                        .operations()
                        .exportPerson(SAM, DataSubject.contact("dan"))
                        .escalations()
                        .get(0)
                        .roles())
                .contains(PersonalDataExport.Role.PARTICIPANT, PersonalDataExport.Role.ACTION_OWNER);

        String staffs = Cast.stored(w, two[0]).toString();
        w.engine().operations().erasePerson(SAM, DataSubject.contact("dan"));
        assertThat(Cast.stored(w, two[0]).toString()).isEqualTo(staffs);
        assertThat(Cast.stored(w, two[1]).participants())
                .filteredOn(p -> p.kind() == Party.Kind.CONTACT && p.id().equals("dan"))
                .extracting(dev.escalation.model.Party::displayName)
                .containsExactly(dev.escalation.ErasureReport.MARKER);

        String contacts = Cast.stored(w, two[1]).toString();
        w.engine().operations().erasePerson(SAM, DataSubject.staff("dan"));
        assertThat(Cast.stored(w, two[1]).toString()).isEqualTo(contacts);
    }

    @Test
    void anOwnerGivenWithAKindMustBeThatKindsAndNothingChangesOtherwise() {
        Scenario w = Cast.world();
        EscalationId id = Cast.active(w);
        FollowThroughTest.resolvedAndScheduled(w, id);
        long version = Cast.stored(w, id).version();
        record Case(RecordLessonsLearned.Action action, String code) {}
        for (Case c : List.of(
                new Case(RecordLessonsLearned.Action.staff("a", "nobody", null), "actions.owner.StaffMember"),
                new Case(RecordLessonsLearned.Action.staff("a", "d".repeat(129), null), "actions.owner.SafeId"),
                new Case(RecordLessonsLearned.Action.staff("a", "tom", null), "actions.owner.StaffMember"),
                new Case(RecordLessonsLearned.Action.contact("a", "dan", null), "actions.owner.CustomerContact"),
                new Case(RecordLessonsLearned.Action.contact("a", "gil", null), "actions.owner.CustomerContact"),
                new Case(RecordLessonsLearned.Action.contact("a", "Bob Builder\n", null), "actions.owner.Text"),
                new Case(
                        new RecordLessonsLearned.Action("a", Party.Kind.EXTERNAL, "x@example.com", null),
                        "actions.ownerKind.ContactOrStaff"))) {
            assertThatThrownBy(() -> w.engine()
                            .recordLessonsLearned(EVE, new RecordLessonsLearned(id, "f", List.of(c.action()))))
                    .as(c.code())
                    .isInstanceOfSatisfying(
                            InvalidCommandException.class,
                            e -> assertThat(e.violations())
                                    .extracting(InvalidCommandException.Violation::code)
                                    .containsExactly(c.code()));
        }
        assertThat(Cast.stored(w, id).version()).isEqualTo(version);
    }

    @Test
    void anOwnerGivenByIdOnlyIsStoredWithTheKindTheOldRuleFinds() {
        Scenario w = Cast.world();
        EscalationId id = FollowThroughTest.closedWithActions(w);
        assertThat(Cast.stored(w, id).lessonsLearned().orElseThrow().actions())
                .extracting(a -> a.owner() + ":" + a.ownerKind().map(Enum::name).orElse("-"))
                .containsExactly("dan:STAFF", "tom:CONTACT", "Bob Builder:-", "dan:STAFF");
    }

    @Test
    void anOwnerGivenByIdOnlyIsTheStaffMemberAndNotExportedOrErasedAsTheContact() {
        Scenario w = Cast.world();
        contactDan(w);
        EscalationId staffs = closedWith(
                w,
                new RecordLessonsLearned.Action(
                        "ask " + DAN_OF_ACME + " for the nightly logs", "dan", FollowThroughTest.DUE_DAN));
        EscalationId contacts = raisedAndWithdrawnByContactDan(w);

        assertThat(exported(w, DataSubject.contact("dan")))
                .as("the contact's export: his own escalation, not the staff member's action")
                .containsExactly(contacts);
        assertThat(exported(w, DataSubject.staff("dan"))).containsExactly(staffs);

        String before = Cast.stored(w, staffs).toString();
        w.engine().operations().erasePerson(SAM, DataSubject.contact("dan"));
        assertThat(Cast.stored(w, staffs).toString())
                .as("erasing the contact left the staff member's action (and its escalation) alone")
                .isEqualTo(before);
        assertThat(Cast.stored(w, contacts).message()).isEqualTo(dev.escalation.ErasureReport.MARKER);
    }
}
