package dev.escalation.test.engine;

import static dev.escalation.test.engine.Cast.EVE;
import static dev.escalation.test.engine.Cast.INA;
import static dev.escalation.test.engine.Cast.MAX;
import static dev.escalation.test.engine.Cast.SAM;
import static dev.escalation.test.engine.Cast.TOM;
import static dev.escalation.test.engine.SlaFixtures.berlin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.escalation.Action;
import dev.escalation.Actor;
import dev.escalation.EscalationView;
import dev.escalation.IllegalTransitionException;
import dev.escalation.InvalidCommandException;
import dev.escalation.NotAuthorizedException;
import dev.escalation.command.Close;
import dev.escalation.command.DeclineLessonsLearned;
import dev.escalation.command.RecordLessonsLearned;
import dev.escalation.command.Resolve;
import dev.escalation.command.ScheduleLessonsLearned;
import dev.escalation.command.UpdateImprovementAction;
import dev.escalation.model.ContactId;
import dev.escalation.model.CustomerId;
import dev.escalation.model.CustomerRole;
import dev.escalation.model.DueKind;
import dev.escalation.model.EntryParam;
import dev.escalation.model.EscalationId;
import dev.escalation.model.ImprovementAction;
import dev.escalation.model.NotificationKind;
import dev.escalation.model.ProgressKind;
import dev.escalation.model.StaffId;
import dev.escalation.model.StaffRole;
import dev.escalation.spi.DueItem;
import dev.escalation.spi.Notification;
import dev.escalation.spi.StaffMember;
import dev.escalation.spi.Touchpoint;
import dev.escalation.test.Scenario;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * #15 point 5: improvement actions with owner, due date and status; reminders to owners when due (also after closing);
 * the owner or the manager updates the status; the view shows the open actions after closing.
 */
class FollowThroughTest {
    static final Instant DUE_DAN = berlin("2027-02-01T09:00");
    static final Instant DUE_TOM = berlin("2027-02-02T09:00");
    static final Instant DUE_NAMED = berlin("2027-02-03T09:00");

    /** Eve resolves the active escalation and schedules its session for a day later. */
    static void resolvedAndScheduled(Scenario w, EscalationId id) {
        w.engine().resolve(EVE, new Resolve(id, "patched"));
        w.engine()
                .scheduleLessonsLearned(
                        EVE,
                        new ScheduleLessonsLearned(
                                id, w.clock().instant().plus(Duration.ofDays(1)), Duration.ofHours(1)));
    }

    /** Active, resolved, session held with three actions (dan: staff, tom: contact, "Bob Builder": a name), closed. */
    static EscalationId closedWithActions(Scenario w) {
        EscalationId id = Cast.active(w);
        resolvedAndScheduled(w, id);
        w.clock().set(berlin("2027-01-14T10:00"));
        w.engine()
                .recordLessonsLearned(
                        EVE,
                        new RecordLessonsLearned(
                                id,
                                "monitoring was missing",
                                List.of(
                                        new RecordLessonsLearned.Action("add monitoring", "dan", DUE_DAN),
                                        new RecordLessonsLearned.Action("train the night shift", "tom", DUE_TOM),
                                        new RecordLessonsLearned.Action("fix the runbook", "Bob Builder", DUE_NAMED),
                                        new RecordLessonsLearned.Action("someday", "dan"))));
        w.engine().close(EVE, new Close(id, null));
        return id;
    }

    private static List<Notification> due(Scenario w) {
        return w.notifier().delivered().stream()
                .filter(n -> n.kind() == NotificationKind.IMPROVEMENT_ACTION_DUE)
                .toList();
    }

    @Test
    void eachOwnerIsRemindedWhenTheirActionIsDueAlsoAfterClosing() {
        Scenario w = Cast.world();
        EscalationId id = closedWithActions(w);
        assertThat(w.store().dueWork().due(berlin("2028-01-01T00:00"), 50))
                .filteredOn(i -> i.kind() == DueKind.IMPROVEMENT_ACTION)
                .extracting(DueItem::dueAt)
                .containsExactlyInAnyOrder(DUE_DAN, DUE_TOM, DUE_NAMED);

        w.clock().set(DUE_NAMED);
        w.engine().processDueWork();
        w.engine().deliverPending();
        assertThat(due(w))
                .extracting(n -> n.recipient().id())
                .containsExactlyInAnyOrder("dan", "tom", "eve"); // the name nobody knows: the Escalation Manager
        assertThat(due(w))
                .filteredOn(n -> n.recipient().id().equals("dan"))
                .singleElement()
                .satisfies(n -> {
                    assertThat(n.params())
                            .containsEntry("action", new EntryParam.Text("add monitoring"))
                            .containsEntry("dueAt", new EntryParam.At(DUE_DAN));
                    assertThat(n.subject()).endsWith("improvement action due");
                });
        assertThat(w.engine().processDueWork().delivered()).isZero();
        assertThat(w.engine().find(SAM, id).orElseThrow().openImprovementActions())
                .hasSize(4);
    }

    @Test
    void theOwnerOrTheManagerSetsTheStatusAndADoneActionIsNoLongerReminded() {
        Scenario w = Cast.world();
        EscalationId id = closedWithActions(w);

        EscalationView byOwner = w.engine()
                .operations()
                .updateImprovementAction(
                        Cast.DAN, new UpdateImprovementAction(id, 0, ImprovementAction.Status.DONE, "dashboards live"));
        assertThat(byOwner.state()).isEqualTo(dev.escalation.model.EscalationState.CLOSED);
        assertThat(byOwner.openImprovementActions())
                .extracting(ImprovementAction::description)
                .containsExactly("train the night shift", "fix the runbook", "someday");
        EscalationView byContact = w.engine()
                .operations()
                .updateImprovementAction(
                        TOM, new UpdateImprovementAction(id, 1, ImprovementAction.Status.DROPPED, null));
        assertThat(byContact.openImprovementActions()).hasSize(2);
        w.engine()
                .operations()
                .updateImprovementAction(EVE, new UpdateImprovementAction(id, 2, ImprovementAction.Status.DONE, null));
        assertThat(Cast.stored(w, id).facts().openImprovementActions()).isEqualTo(1);
        assertThat(Cast.lastEntry(w, id).kind()).isEqualTo(ProgressKind.IMPROVEMENT_ACTION_UPDATED);
        assertThat(Cast.lastEntry(w, id).params())
                .containsEntry("index", new EntryParam.Count(2))
                .containsEntry("status", new EntryParam.Code("DONE"))
                .containsEntry("open", new EntryParam.Count(1));

        w.clock().set(DUE_NAMED);
        w.engine().processDueWork();
        w.engine().deliverPending();
        assertThat(due(w)).isEmpty();
    }

    @Test
    void othersAreRefusedAndTheActionIsOfferedOnlyToItsOwnersAndTheManager() {
        Scenario w = Cast.world();
        EscalationId id = closedWithActions(w);
        assertThat(w.engine().find(Cast.DAN, id).orElseThrow().availableActions())
                .containsExactly(Action.UPDATE_IMPROVEMENT_ACTION);
        assertThat(w.engine().find(EVE, id).orElseThrow().availableActions())
                .containsExactly(Action.UPDATE_IMPROVEMENT_ACTION);
        assertThat(w.engine().find(Cast.TOM, id).orElseThrow().availableActions())
                .as("a contact who owns an action, and whose id is no staff member's")
                .containsExactly(Action.UPDATE_IMPROVEMENT_ACTION);
        assertThat(w.engine().find(MAX, id).orElseThrow().availableActions()).isEmpty();
        assertThat(w.engine().find(INA, id).orElseThrow().availableActions()).isEmpty();

        assertThatThrownBy(() -> w.engine()
                        .operations()
                        .updateImprovementAction(
                                MAX, new UpdateImprovementAction(id, 0, ImprovementAction.Status.DONE, null)))
                .isInstanceOf(NotAuthorizedException.class);
        assertThatThrownBy(() -> w.engine()
                        .operations()
                        .updateImprovementAction(
                                Cast.DAN, new UpdateImprovementAction(id, 1, ImprovementAction.Status.DONE, null)))
                .isInstanceOf(NotAuthorizedException.class)
                .hasMessageContaining("only the owner");
        assertThatThrownBy(() -> w.engine()
                        .operations()
                        .updateImprovementAction(
                                EVE, new UpdateImprovementAction(id, 4, ImprovementAction.Status.DONE, null)))
                .isInstanceOf(InvalidCommandException.class);
        assertThat(Cast.stored(w, id).facts().openImprovementActions()).isEqualTo(4);
    }

    /**
     * An owner id names a staff member first: a contact of the customer whose id equals a staff member's id does not
     * own that member's action (nor is it reminded of it), while the staff member still does.
     */
    @Test
    void aContactWithAStaffMembersIdDoesNotOwnThatMembersAction() {
        Scenario w = Cast.world();
        w.customerDirectory()
                .add(new Touchpoint(
                        ContactId.of("dan"),
                        CustomerId.of("acme"),
                        "Dan of ACME",
                        "dan@customer.example",
                        Optional.empty(),
                        Set.of(CustomerRole.TECHNICAL_CONTACT),
                        true));
        EscalationId id = closedWithActions(w);
        String before = Cast.stored(w, id).facts().toString();
        assertThat(w.engine().find(Actor.contact("dan"), id).orElseThrow().availableActions())
                .as("not offered to the contact: the command would refuse it")
                .isEmpty();

        assertThatThrownBy(() -> w.engine()
                        .operations()
                        .updateImprovementAction(
                                Actor.contact("dan"),
                                new UpdateImprovementAction(id, 0, ImprovementAction.Status.DONE, null)))
                .isInstanceOf(NotAuthorizedException.class)
                // the action was stored with its owner's kind (STAFF): the contact is no owner of any action here
                .hasMessageContaining("only the appointed Escalation Manager or the owner of an improvement action");
        assertThat(Cast.stored(w, id).facts().toString()).isEqualTo(before);

        w.clock().set(DUE_DAN);
        w.engine().processDueWork();
        w.engine().deliverPending();
        assertThat(due(w))
                .extracting(n -> n.recipient().kind() + ":" + n.recipient().id())
                .containsExactly("STAFF:dan");
        assertThat(w.engine()
                        .operations()
                        .updateImprovementAction(
                                Cast.DAN, new UpdateImprovementAction(id, 0, ImprovementAction.Status.DONE, null))
                        .openImprovementActions())
                .hasSize(3);
    }

    /**
     * A staff member the directory knows but no longer active still names the owner: the Escalation Manager is
     * reminded for them, not a contact that happens to share the id; the contact may not update the action.
     */
    @Test
    void anInactiveStaffOwnerIsRemindedThroughTheManagerNotThroughAContactOfTheSameId() {
        Scenario w = Cast.world();
        w.staffDirectory()
                .add(new StaffMember(
                        StaffId.of("tom"),
                        "Tom (left)",
                        "tom@vendor.example",
                        Optional.empty(),
                        Set.of(StaffRole.SUPPORT_ENGINEER),
                        false));
        EscalationId id = closedWithActions(w);
        assertThat(w.engine().find(TOM, id).orElseThrow().availableActions()).isEmpty();

        assertThatThrownBy(() -> w.engine()
                        .operations()
                        .updateImprovementAction(
                                TOM, new UpdateImprovementAction(id, 1, ImprovementAction.Status.DONE, null)))
                .isInstanceOf(NotAuthorizedException.class);
        w.clock().set(DUE_TOM);
        w.engine().processDueWork();
        w.engine().deliverPending();
        assertThat(due(w))
                .filteredOn(n -> n.params().get("action").equals(new EntryParam.Text("train the night shift")))
                .extracting(n -> n.recipient().kind() + ":" + n.recipient().id())
                .containsExactly("STAFF:eve");
    }

    @Test
    void aContactOwnerWhoMovedToAnotherCustomerOrLeftIsRemindedThroughTheManager() {
        for (boolean moved : List.of(true, false)) {
            Scenario w = Cast.world();
            EscalationId id = closedWithActions(w);
            // tom now belongs to GLOBEX, or has left ACME: ACME's action must not reach him
            w.customerDirectory()
                    .add(new Touchpoint(
                            ContactId.of("tom"),
                            CustomerId.of(moved ? "globex" : "acme"),
                            "Tom",
                            "tom@customer.example",
                            Optional.empty(),
                            Set.of(CustomerRole.TECHNICAL_CONTACT),
                            moved));
            w.clock().set(DUE_TOM);
            w.engine().processDueWork();
            w.engine().deliverPending();
            assertThat(due(w))
                    .as(moved ? "tom moved to GLOBEX" : "tom left")
                    .filteredOn(n -> n.params().get("action").equals(new EntryParam.Text("train the night shift")))
                    .extracting(n -> n.recipient().kind() + ":" + n.recipient().id())
                    .containsExactly("STAFF:eve");
        }
    }

    @Test
    void withoutRecordedActionsThereIsNothingToUpdate() {
        Scenario w = Cast.world();
        EscalationId id = Cast.active(w);
        refusedWithoutActions(w, id, IllegalTransitionException.Reason.WRONG_STATE);

        // where the state allows updates, the guard refuses them: a scheduled session, and a declined one
        resolvedAndScheduled(w, id);
        refusedWithoutActions(w, id, IllegalTransitionException.Reason.WRONG_STATE);
        w.engine().declineLessonsLearned(INA, new DeclineLessonsLearned(id, "no time"));
        w.engine().close(EVE, new Close(id, null));
        refusedWithoutActions(w, id, IllegalTransitionException.Reason.WRONG_STATE); // actions outlive the closing
    }

    /** The owner-less update of action 0 is refused by the state or the guard, and changes nothing. */
    private static void refusedWithoutActions(Scenario w, EscalationId id, IllegalTransitionException.Reason reason) {
        long version = Cast.stored(w, id).version();
        assertThatThrownBy(() -> w.engine()
                        .operations()
                        .updateImprovementAction(
                                EVE, new UpdateImprovementAction(id, 0, ImprovementAction.Status.DONE, null)))
                .as("in %s", Cast.stored(w, id).state())
                .isInstanceOfSatisfying(
                        IllegalTransitionException.class,
                        e -> assertThat(e.subReason()).isEqualTo(reason));
        assertThat(Cast.stored(w, id).version()).isEqualTo(version);
    }

    @Test
    void theManagerCancelsTheScheduledSessionAndARescheduleCarriesAHigherSequenceOfTheSameUid() {
        Scenario w = Cast.world();
        EscalationId id = Cast.active(w);
        w.engine().resolve(EVE, new Resolve(id, "patched"));
        Instant at = w.clock().instant().plus(Duration.ofDays(2));
        w.engine().scheduleLessonsLearned(EVE, new ScheduleLessonsLearned(id, at, Duration.ofHours(1)));
        assertThatThrownBy(() -> w.engine()
                        .operations()
                        .cancelLessonsLearned(INA, new dev.escalation.command.CancelLessonsLearned(id, null)))
                .isInstanceOf(NotAuthorizedException.class);

        EscalationView view = w.engine()
                .operations()
                .cancelLessonsLearned(EVE, new dev.escalation.command.CancelLessonsLearned(id, "nobody can attend"));
        assertThat(view.lessonsLearned()).isEmpty();
        assertThat(view.availableActions())
                .contains(Action.SCHEDULE_LESSONS_LEARNED)
                .doesNotContain(Action.CLOSE, Action.CANCEL_LESSONS_LEARNED, Action.RECORD_LESSONS_LEARNED);
        w.engine().deliverPending();
        List<Notification> cancelled = w.notifier().delivered().stream()
                .filter(n -> n.kind() == NotificationKind.LESSONS_LEARNED_CANCELLED)
                .toList();
        assertThat(cancelled).extracting(n -> n.recipient().id()).containsExactlyInAnyOrder("ina", "eve");
        assertThat(cancelled).allSatisfy(n -> {
            dev.escalation.spi.MeetingInvite invite = n.invite().orElseThrow();
            assertThat(invite.method()).isEqualTo(dev.escalation.spi.MeetingInvite.Method.CANCEL);
            assertThat(invite.uid()).isEqualTo(id.value() + "/lessons-learned");
            assertThat(invite.sequence()).isEqualTo(1);
            assertThat(n.params()).containsEntry("by", new EntryParam.Code("MANAGER"));
            assertThat(n.body()).contains("the Escalation Manager cancelled it");
        });
        assertThat(Cast.lastEntry(w, id).kind()).isEqualTo(ProgressKind.LESSONS_LEARNED_CANCELLED);

        w.engine()
                .scheduleLessonsLearned(
                        EVE, new ScheduleLessonsLearned(id, at.plus(Duration.ofDays(1)), Duration.ofHours(1)));
        w.engine().deliverPending();
        assertThat(w.notifier().delivered().stream()
                        .filter(n -> n.kind() == NotificationKind.LESSONS_LEARNED_INVITATION)
                        .map(n -> n.invite().orElseThrow().sequence())
                        .distinct())
                .containsExactly(0, 2);
    }
}
