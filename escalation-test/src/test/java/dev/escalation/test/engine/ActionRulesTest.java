package dev.escalation.test.engine;

import static dev.escalation.test.engine.Cast.DAN;
import static dev.escalation.test.engine.Cast.EVE;
import static dev.escalation.test.engine.Cast.GIL;
import static dev.escalation.test.engine.Cast.HAL;
import static dev.escalation.test.engine.Cast.INA;
import static dev.escalation.test.engine.Cast.IVY;
import static dev.escalation.test.engine.Cast.MAX;
import static dev.escalation.test.engine.Cast.SAM;
import static dev.escalation.test.engine.Cast.TOM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.escalation.Action;
import dev.escalation.EscalationException;
import dev.escalation.EscalationNotFoundException;
import dev.escalation.EscalationView;
import dev.escalation.IllegalTransitionException;
import dev.escalation.InvalidCommandException;
import dev.escalation.NotAuthorizedException;
import dev.escalation.command.Acknowledge;
import dev.escalation.command.AddParticipant;
import dev.escalation.command.AgreePlan;
import dev.escalation.command.AmendPlan;
import dev.escalation.command.ChangeCriticality;
import dev.escalation.command.Close;
import dev.escalation.command.DeclineLessonsLearned;
import dev.escalation.command.LogProgress;
import dev.escalation.command.PauseClock;
import dev.escalation.command.ReassignManager;
import dev.escalation.command.RecordLessonsLearned;
import dev.escalation.command.RemoveParticipant;
import dev.escalation.command.Reopen;
import dev.escalation.command.Resolve;
import dev.escalation.command.ResumeClock;
import dev.escalation.command.ScheduleLessonsLearned;
import dev.escalation.command.Withdraw;
import dev.escalation.model.Channel;
import dev.escalation.model.Criticality;
import dev.escalation.model.EscalationId;
import dev.escalation.model.EscalationState;
import dev.escalation.model.LessonsLearned;
import dev.escalation.model.NotificationKind;
import dev.escalation.model.PageRequest;
import dev.escalation.model.ProgressKind;
import dev.escalation.model.StaffId;
import dev.escalation.model.StaffRole;
import dev.escalation.model.Visibility;
import dev.escalation.spi.StaffMember;
import dev.escalation.spi.StoredEscalation;
import dev.escalation.test.Scenario;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** Every action: who may do it (role and identity), in which state, and that a refusal changes nothing. */
class ActionRulesTest {

    private final Scenario w = Cast.world();

    /**
     * Asserts the call is refused with {@code type} and that the escalation, its log, the outbox and events are
     * unchanged.
     */
    private void refused(EscalationId id, Class<? extends EscalationException> type, ThrowingCallable call) {
        StoredEscalation before = Cast.stored(w, id);
        int entries = Cast.log(w, id).size();
        long pending = Cast.pending(w);
        int events = w.events().size();
        assertThatThrownBy(call).isInstanceOf(type);
        assertThat(Cast.stored(w, id)).isEqualTo(before);
        assertThat(Cast.log(w, id)).hasSize(entries);
        assertThat(Cast.pending(w)).isEqualTo(pending);
        assertThat(w.events()).hasSize(events);
    }

    private Duration day() {
        return Duration.ofDays(1);
    }

    @Test
    void onlySupportManagementOrHeadOfSupportAcknowledges() {
        EscalationId id = Cast.escalated(w);
        Acknowledge cmd = new Acknowledge(id, StaffId.of("eve"), "Called Ina");
        refused(id, NotAuthorizedException.class, () -> w.engine().acknowledge(EVE, cmd));
        refused(id, NotAuthorizedException.class, () -> w.engine().acknowledge(INA, cmd));
        refused(id, EscalationNotFoundException.class, () -> w.engine().acknowledge(GIL, cmd));

        EscalationView view = w.engine().acknowledge(HAL, cmd);

        assertThat(view.state()).isEqualTo(EscalationState.ACKNOWLEDGED);
        assertThat(view.manager()).contains(StaffId.of("eve"));
        assertThat(view.participants()).extracting(p -> p.id()).containsExactly("ina", "eve");
    }

    @Test
    void theAppointeeMustBeAnActiveEscalationManager() {
        EscalationId id = Cast.escalated(w);
        assertThatThrownBy(() -> w.engine().acknowledge(SAM, new Acknowledge(id, StaffId.of("dan"), "x")))
                .isInstanceOfSatisfying(
                        InvalidCommandException.class,
                        e -> assertThat(e.violations())
                                .extracting(InvalidCommandException.Violation::code)
                                .containsExactly("manager.EscalationManager"));
        assertThat(Cast.stored(w, id).state()).isEqualTo(EscalationState.REQUESTED);
    }

    @Test
    void agreeingAPlanBeforeAppointmentNamesTheMissingStep() {
        EscalationId id = Cast.escalated(w);
        AgreePlan plan =
                new AgreePlan(id, day(), Channel.PHONE, w.clock().instant().plus(day()));
        assertThatThrownBy(() -> w.engine().agreePlan(EVE, plan))
                .isInstanceOfSatisfying(IllegalTransitionException.class, e -> {
                    assertThat(e.state()).isEqualTo(EscalationState.REQUESTED);
                    assertThat(e.allowedActions()).contains(Action.ACKNOWLEDGE, Action.WITHDRAW);
                    assertThat(e.getMessage())
                            .isEqualTo("escalation E-1 is REQUESTED; appoint an Escalation "
                                    + "Manager before you agree plan");
                });
    }

    /**
     * The refusal's text names the missing step before an acknowledged escalation can move on, says that a final
     * escalation cannot change, and otherwise names what is allowed now.
     */
    @Test
    void aRefusedTransitionNamesTheMissingStepTheFinalStateOrWhatIsAllowed() {
        EscalationId id = Cast.acknowledged(w);
        assertThatThrownBy(() -> w.engine().resolve(EVE, new Resolve(id, "fixed")))
                .isInstanceOf(IllegalTransitionException.class)
                .hasMessage("escalation E-1 is ACKNOWLEDGED; agree a communication plan before you resolve");

        w.engine()
                .agreePlan(
                        EVE,
                        new AgreePlan(
                                id, day(), Channel.PHONE, w.clock().instant().plus(day())));
        assertThatThrownBy(() -> w.engine().acknowledge(SAM, new Acknowledge(id, StaffId.of("max"), "again")))
                .isInstanceOfSatisfying(
                        IllegalTransitionException.class,
                        e -> assertThat(e.getMessage())
                                .isEqualTo("escalation E-1 is ACTIVE; cannot acknowledge now (allowed: "
                                        + e.allowedActions() + ")")
                                .contains("LOG_PROGRESS"));

        w.engine().withdraw(INA, new Withdraw(id, "solved on our side"));
        assertThatThrownBy(() -> w.engine()
                        .logProgress(EVE, new LogProgress(id, LogProgress.Kind.NOTE, "late", Visibility.INTERNAL)))
                .isInstanceOf(IllegalTransitionException.class)
                .hasMessage("escalation E-1 is WITHDRAWN; it is final; nothing can be changed");
    }

    @Test
    void onlyTheAppointedManagerAgreesAndAmendsThePlan() {
        EscalationId id = Cast.acknowledged(w);
        AgreePlan plan =
                new AgreePlan(id, day(), Channel.PHONE, w.clock().instant().plus(day()));
        refused(id, NotAuthorizedException.class, () -> w.engine().agreePlan(MAX, plan));
        refused(id, NotAuthorizedException.class, () -> w.engine().agreePlan(SAM, plan));
        refused(id, NotAuthorizedException.class, () -> w.engine().agreePlan(INA, plan));
        assertThat(w.engine().agreePlan(EVE, plan).state()).isEqualTo(EscalationState.ACTIVE);

        AmendPlan amend = new AmendPlan(
                id, Duration.ofHours(4), Channel.VIDEO_CALL, w.clock().instant().plus(day()), "more often");
        refused(id, NotAuthorizedException.class, () -> w.engine().amendPlan(MAX, amend));
        assertThat(w.engine().amendPlan(EVE, amend).plan())
                .hasValueSatisfying(p -> assertThat(p.frequency()).isEqualTo(Duration.ofHours(4)));
    }

    @Test
    void theManagerLogsAnythingAndTheIncidentManagerOnlyCustomerCommunications() {
        EscalationId id = Cast.active(w);
        refused(
                id,
                NotAuthorizedException.class,
                () -> w.engine()
                        .logProgress(
                                MAX, new LogProgress(id, LogProgress.Kind.STATUS_UPDATE, "x", Visibility.CUSTOMER)));
        refused(
                id,
                NotAuthorizedException.class,
                () -> w.engine()
                        .logProgress(INA, new LogProgress(id, LogProgress.Kind.DECISION, "x", Visibility.CUSTOMER)));
        refused(
                id,
                NotAuthorizedException.class,
                () -> w.engine()
                        .logProgress(
                                INA, new LogProgress(id, LogProgress.Kind.COMMUNICATION, "x", Visibility.INTERNAL)));
        refused(
                id,
                NotAuthorizedException.class,
                () -> w.engine()
                        .logProgress(
                                TOM, new LogProgress(id, LogProgress.Kind.COMMUNICATION, "x", Visibility.CUSTOMER)));

        w.engine()
                .logProgress(
                        INA, new LogProgress(id, LogProgress.Kind.COMMUNICATION, "we see it too", Visibility.CUSTOMER));
        w.engine().logProgress(EVE, new LogProgress(id, LogProgress.Kind.NOTE, "internal", Visibility.INTERNAL));

        assertThat(Cast.log(w, id)).extracting(e -> e.kind()).endsWith(ProgressKind.COMMUNICATION, ProgressKind.NOTE);
        assertThat(w.engine().timeline(INA, id, PageRequest.first(100)).items())
                .extracting(e -> e.text().orElse(""))
                .contains("we see it too")
                .doesNotContain("internal");
        assertThat(w.engine().timeline(EVE, id, PageRequest.first(100)).items())
                .extracting(e -> e.text().orElse(""))
                .contains("we see it too", "internal");
    }

    @Test
    void participantsAreManagedByTheManagerAndMustBelongToTheCustomerOrStaff() {
        EscalationId id = Cast.active(w);
        refused(
                id,
                NotAuthorizedException.class,
                () -> w.engine().addParticipant(INA, AddParticipant.staff(id, "dan")));
        refused(
                id,
                InvalidCommandException.class,
                () -> w.engine().addParticipant(EVE, AddParticipant.contact(id, "gil")));
        refused(
                id,
                InvalidCommandException.class,
                () -> w.engine().addParticipant(EVE, AddParticipant.external(id, "Ext", "not-an-email")));

        w.engine().addParticipant(EVE, AddParticipant.staff(id, "dan"));
        w.engine().addParticipant(EVE, AddParticipant.external(id, "Auditor", "audit@partner.example"));
        refused(
                id,
                InvalidCommandException.class,
                () -> w.engine().addParticipant(EVE, AddParticipant.staff(id, "dan")));
        refused(
                id,
                InvalidCommandException.class,
                () -> w.engine().removeParticipant(EVE, new RemoveParticipant(id, "eve", "no")));

        EscalationView view = w.engine().removeParticipant(EVE, new RemoveParticipant(id, "dan", "done"));
        assertThat(view.participants()).extracting(p -> p.id()).containsExactly("ina", "eve", "audit@partner.example");
        w.engine().deliverPending();
        assertThat(w.ticketing().ticketOf(id).orElseThrow().participants())
                .containsExactly("ina@customer.example", "eve@vendor.example", "audit@partner.example");
    }

    @Test
    void loweringCriticalityNeedsStaffAndAJustification() {
        EscalationId id = Cast.active(w);
        refused(
                id,
                NotAuthorizedException.class,
                () -> w.engine().changeCriticality(INA, new ChangeCriticality(id, Criticality.LOW, "fine now")));
        refused(
                id,
                InvalidCommandException.class,
                () -> w.engine().changeCriticality(EVE, new ChangeCriticality(id, Criticality.LOW, " ")));
        refused(
                id,
                NotAuthorizedException.class,
                () -> w.engine().changeCriticality(MAX, new ChangeCriticality(id, Criticality.LOW, "why")));

        assertThat(w.engine()
                        .changeCriticality(INA, new ChangeCriticality(id, Criticality.CRITICAL, null))
                        .criticality())
                .isEqualTo(Criticality.CRITICAL);
        assertThat(w.engine()
                        .changeCriticality(SAM, new ChangeCriticality(id, Criticality.MEDIUM, "workaround in place"))
                        .criticality())
                .isEqualTo(Criticality.MEDIUM);
    }

    @Test
    void onlyTheAppointedManagerResolves() {
        EscalationId id = Cast.active(w);
        refused(id, NotAuthorizedException.class, () -> w.engine().resolve(MAX, new Resolve(id, "x")));
        refused(id, NotAuthorizedException.class, () -> w.engine().resolve(SAM, new Resolve(id, "x")));
        refused(id, NotAuthorizedException.class, () -> w.engine().resolve(INA, new Resolve(id, "x")));

        EscalationView view = w.engine().resolve(EVE, new Resolve(id, "patched"));

        assertThat(view.state()).isEqualTo(EscalationState.RESOLVED);
        assertThat(view.resolution())
                .hasValueSatisfying(r -> assertThat(r.resolvedBy()).isEqualTo(StaffId.of("eve")));
    }

    @Test
    void aReassignedManagerTakesOverAndThePreviousOneLosesTheRights() {
        EscalationId id = Cast.active(w);
        refused(
                id,
                NotAuthorizedException.class,
                () -> w.engine().reassignManager(EVE, new ReassignManager(id, StaffId.of("max"), "holiday")));
        w.engine().reassignManager(SAM, new ReassignManager(id, StaffId.of("max"), "holiday"));

        refused(id, NotAuthorizedException.class, () -> w.engine().resolve(EVE, new Resolve(id, "x")));
        assertThat(w.engine().resolve(MAX, new Resolve(id, "done")).state()).isEqualTo(EscalationState.RESOLVED);
        assertThat(Cast.stored(w, id).participants()).extracting(p -> p.id()).containsExactly("ina", "max");
    }

    /**
     * Who is role and identity, for the manager as for the Incident Manager: the appointee whom the staff directory no
     * longer lists as an Escalation Manager (moved to engineering, say) is refused, is offered nothing, and Support
     * Management reassigns.
     */
    @Test
    void anAppointedManagerWhoLostTheEscalationManagerRoleLosesTheRights() {
        EscalationId id = Cast.active(w);
        StaffMember eve = w.staffDirectory().member(StaffId.of("eve")).orElseThrow();
        w.staffDirectory()
                .add(new StaffMember(
                        eve.id(),
                        eve.displayName(),
                        eve.email(),
                        eve.phone(),
                        Set.of(StaffRole.SUPPORT_ENGINEER),
                        true,
                        eve.preferences()));

        refused(id, NotAuthorizedException.class, () -> w.engine().resolve(EVE, new Resolve(id, "x")));
        refused(
                id,
                NotAuthorizedException.class,
                () -> w.engine()
                        .logProgress(EVE, new LogProgress(id, LogProgress.Kind.NOTE, "x", Visibility.INTERNAL)));
        assertThat(w.engine().find(EVE, id).orElseThrow().availableActions()).isEmpty();

        w.engine().reassignManager(SAM, new ReassignManager(id, StaffId.of("max"), "moved to engineering"));
        assertThat(w.engine().resolve(MAX, new Resolve(id, "done")).state()).isEqualTo(EscalationState.RESOLVED);
    }

    @Test
    void reopenByTheIncidentManagerOrTheManagerOnlyFromResolved() {
        EscalationId id = Cast.active(w);
        refused(id, IllegalTransitionException.class, () -> w.engine().reopen(INA, new Reopen(id, "x")));
        w.engine().resolve(EVE, new Resolve(id, "patched"));
        refused(id, NotAuthorizedException.class, () -> w.engine().reopen(TOM, new Reopen(id, "x")));
        refused(id, NotAuthorizedException.class, () -> w.engine().reopen(MAX, new Reopen(id, "x")));

        assertThat(w.engine().reopen(IVY, new Reopen(id, "it failed again")).state())
                .isEqualTo(EscalationState.ACTIVE);
    }

    @Test
    void lessonsLearnedAreScheduledRecordedOrDeclinedBeforeClosing() {
        EscalationId id = Cast.active(w);
        w.engine().resolve(EVE, new Resolve(id, "patched"));
        refused(id, IllegalTransitionException.class, () -> w.engine().close(EVE, new Close(id, null)));
        ScheduleLessonsLearned schedule =
                new ScheduleLessonsLearned(id, w.clock().instant().plus(Duration.ofDays(3)), Duration.ofHours(1));
        refused(id, NotAuthorizedException.class, () -> w.engine().scheduleLessonsLearned(INA, schedule));
        w.engine().scheduleLessonsLearned(EVE, schedule);
        refused(id, IllegalTransitionException.class, () -> w.engine().close(EVE, new Close(id, null)));
        RecordLessonsLearned record = new RecordLessonsLearned(
                id, "test with real volumes", List.of(new RecordLessonsLearned.Action("load test", "Dan")));
        refused(id, NotAuthorizedException.class, () -> w.engine().recordLessonsLearned(MAX, record));
        w.engine().recordLessonsLearned(EVE, record);
        refused(id, NotAuthorizedException.class, () -> w.engine().close(INA, new Close(id, null)));
        refused(id, NotAuthorizedException.class, () -> w.engine().close(MAX, new Close(id, null)));

        EscalationView closed = w.engine().close(EVE, new Close(id, "thanks"));

        assertThat(closed.state()).isEqualTo(EscalationState.CLOSED);
        assertThat(closed.lessonsLearned()).hasValueSatisfying(l -> {
            assertThat(l.status()).isEqualTo(LessonsLearned.Status.HELD);
            assertThat(l.actions())
                    .singleElement()
                    .satisfies(a -> assertThat(a.owner()).isEqualTo("Dan"));
            assertThat(l.attendees()).extracting(p -> p.id()).containsExactly("ina", "eve");
        });
        refused(id, IllegalTransitionException.class, () -> w.engine().reopen(INA, new Reopen(id, "x")));
    }

    @Test
    void reschedulingTheSessionSendsARevisedInvitationWithTheSameUid() {
        EscalationId id = Cast.active(w);
        w.engine().resolve(EVE, new Resolve(id, "patched"));
        w.engine()
                .scheduleLessonsLearned(
                        EVE,
                        new ScheduleLessonsLearned(
                                id, w.clock().instant().plus(Duration.ofDays(3)), Duration.ofHours(1)));
        w.engine()
                .scheduleLessonsLearned(
                        EVE,
                        new ScheduleLessonsLearned(
                                id, w.clock().instant().plus(Duration.ofDays(4)), Duration.ofHours(1)));
        w.engine().deliverPending();

        var invites = w.notifier().delivered().stream()
                .filter(n -> n.recipient().id().equals("ina"))
                .filter(n -> n.kind() != NotificationKind.MEETING_SERIES_INVITATION) // the plan's series
                .flatMap(n -> n.invite().stream())
                .toList();
        assertThat(invites)
                .extracting(dev.escalation.spi.MeetingInvite::sequence)
                .containsExactly(0, 1);
        assertThat(invites).extracting(dev.escalation.spi.MeetingInvite::uid).containsOnly("E-1/lessons-learned");
    }

    @Test
    void theCustomerDeclinesTheSessionAndSupportManagementCloses() {
        EscalationId id = Cast.active(w);
        w.engine().resolve(EVE, new Resolve(id, "patched"));
        refused(
                id,
                NotAuthorizedException.class,
                () -> w.engine().declineLessonsLearned(EVE, new DeclineLessonsLearned(id, null)));
        w.engine().declineLessonsLearned(INA, new DeclineLessonsLearned(id, "no time"));

        assertThat(w.engine().close(SAM, new Close(id, null)).state()).isEqualTo(EscalationState.CLOSED);
    }

    @Test
    void withdrawByAnIncidentManagerOfTheCustomerBeforeResolution() {
        EscalationId id = Cast.active(w);
        refused(id, NotAuthorizedException.class, () -> w.engine().withdraw(EVE, new Withdraw(id, "x")));
        refused(id, NotAuthorizedException.class, () -> w.engine().withdraw(TOM, new Withdraw(id, "x")));
        refused(id, EscalationNotFoundException.class, () -> w.engine().withdraw(GIL, new Withdraw(id, "x")));

        assertThat(w.engine().withdraw(IVY, new Withdraw(id, "solved")).state()).isEqualTo(EscalationState.WITHDRAWN);
        refused(
                id,
                IllegalTransitionException.class,
                () -> w.engine()
                        .logProgress(EVE, new LogProgress(id, LogProgress.Kind.NOTE, "x", Visibility.INTERNAL)));
    }

    @Test
    void pauseAndResumeAlternateAndAreLogged() {
        EscalationId id = Cast.active(w);
        refused(id, NotAuthorizedException.class, () -> w.engine().pauseClock(DAN, new PauseClock(id, "x")));
        refused(id, IllegalTransitionException.class, () -> w.engine().resumeClock(EVE, new ResumeClock(id, null)));
        assertThat(w.engine()
                        .pauseClock(EVE, new PauseClock(id, "waiting for the customer"))
                        .clockPaused())
                .isTrue();
        refused(id, IllegalTransitionException.class, () -> w.engine().pauseClock(EVE, new PauseClock(id, "x")));
        assertThat(w.engine().resumeClock(EVE, new ResumeClock(id, null)).clockPaused())
                .isFalse();
    }

    @Test
    void availableActionsFollowTheActorAndTheState() {
        EscalationId id = Cast.active(w);
        assertThat(w.engine().find(EVE, id).orElseThrow().availableActions())
                .contains(Action.RESOLVE, Action.LOG_PROGRESS)
                .doesNotContain(Action.ACKNOWLEDGE, Action.WITHDRAW);
        assertThat(w.engine().find(INA, id).orElseThrow().availableActions())
                .contains(Action.WITHDRAW, Action.LOG_PROGRESS)
                .doesNotContain(Action.RESOLVE);
        assertThat(w.engine().find(TOM, id).orElseThrow().availableActions()).isEmpty();
        assertThat(w.engine().find(GIL, id)).isEmpty();
    }

    @Test
    void theStateIsCheckedBeforeWhoAndWhoBeforeTheGuards() {
        EscalationId id = Cast.active(w);
        // the state first: anyone who can see the escalation learns it is not RESOLVED
        refused(id, IllegalTransitionException.class, () -> w.engine().reopen(TOM, new Reopen(id, "x")));
        refused(id, IllegalTransitionException.class, () -> w.engine().reopen(DAN, new Reopen(id, "x")));
        w.engine().pauseClock(EVE, new PauseClock(id, "waiting"));
        // then who: a stranger to the escalation is refused as such, whatever the clock
        refused(id, NotAuthorizedException.class, () -> w.engine().pauseClock(DAN, new PauseClock(id, "x")));
        // then the guards
        assertThatThrownBy(() -> w.engine().pauseClock(EVE, new PauseClock(id, "x")))
                .isInstanceOfSatisfying(IllegalTransitionException.class, e -> {
                    assertThat(e.state()).isEqualTo(EscalationState.ACTIVE);
                    assertThat(e.action()).isEqualTo(Action.PAUSE_CLOCK);
                    assertThat(e.getMessage()).isEqualTo("the SLA clock of escalation E-1 is already paused");
                    // what the state and the guards allow now, to anyone authorised
                    assertThat(e.allowedActions())
                            .contains(Action.RESUME_CLOCK, Action.RESOLVE)
                            .doesNotContain(Action.PAUSE_CLOCK);
                });
        // a contact of another customer never gets that far
        refused(id, EscalationNotFoundException.class, () -> w.engine().reopen(GIL, new Reopen(id, "x")));
    }

    @Test
    void availableActionsLeaveOutWhatAGuardRefuses() {
        EscalationId id = Cast.active(w);
        assertThat(w.engine().find(EVE, id).orElseThrow().availableActions())
                .contains(Action.PAUSE_CLOCK)
                .doesNotContain(Action.RESUME_CLOCK);
        w.engine().pauseClock(EVE, new PauseClock(id, "waiting"));
        assertThat(w.engine().find(EVE, id).orElseThrow().availableActions())
                .contains(Action.RESUME_CLOCK)
                .doesNotContain(Action.PAUSE_CLOCK);
        w.engine().resumeClock(EVE, new ResumeClock(id, null));
        w.engine().resolve(EVE, new Resolve(id, "patched"));
        w.engine()
                .scheduleLessonsLearned(
                        EVE, new ScheduleLessonsLearned(id, w.clock().instant().plus(day()), Duration.ofHours(1)));
        assertThat(w.engine().find(EVE, id).orElseThrow().availableActions())
                .contains(Action.RECORD_LESSONS_LEARNED, Action.SCHEDULE_LESSONS_LEARNED)
                .doesNotContain(Action.CLOSE);
        assertThat(w.engine().find(SAM, id).orElseThrow().availableActions())
                .containsExactlyInAnyOrder(Action.REASSIGN_MANAGER, Action.MIGRATE_POLICY);
        w.engine().declineLessonsLearned(INA, new DeclineLessonsLearned(id, "no time"));
        assertThat(w.engine().find(EVE, id).orElseThrow().availableActions())
                .contains(Action.CLOSE)
                .doesNotContain(Action.RECORD_LESSONS_LEARNED, Action.SCHEDULE_LESSONS_LEARNED);
        assertThat(w.engine().find(INA, id).orElseThrow().availableActions()).isEmpty();
        assertThat(w.engine().find(HAL, id).orElseThrow().availableActions())
                .containsExactlyInAnyOrder(Action.REASSIGN_MANAGER, Action.MIGRATE_POLICY, Action.CLOSE);
    }

    @Test
    void policyMigrationIsARowOfTheTable() {
        Scenario sla = Cast.world(b -> b.slaPolicy(SlaFixtures.V1).slaPolicies(SlaFixtures.V2));
        EscalationId id = Cast.active(sla);
        assertThat(sla.engine().find(SAM, id).orElseThrow().availableActions()).contains(Action.MIGRATE_POLICY);
        assertThat(sla.engine().find(EVE, id).orElseThrow().availableActions()).doesNotContain(Action.MIGRATE_POLICY);
        assertThatThrownBy(() -> sla.engine().operations().migratePolicy(EVE, id, SlaFixtures.V2.ref()))
                .isInstanceOfSatisfying(
                        NotAuthorizedException.class,
                        e -> assertThat(e.action()).contains(Action.MIGRATE_POLICY));
        assertThatThrownBy(() -> sla.engine().operations().migratePolicy(GIL, id, SlaFixtures.V2.ref()))
                .isInstanceOf(EscalationNotFoundException.class);
        assertThat(sla.engine()
                        .operations()
                        .migratePolicy(SAM, id, SlaFixtures.V2.ref())
                        .availableActions())
                .contains(Action.MIGRATE_POLICY);

        sla.engine().withdraw(INA, new Withdraw(id, "fixed itself"));
        // a final escalation: refused for its state (it used to be an INVALID_COMMAND "Open")
        assertThatThrownBy(() -> sla.engine().operations().migratePolicy(SAM, id, SlaFixtures.V1.ref()))
                .isInstanceOfSatisfying(IllegalTransitionException.class, e -> {
                    assertThat(e.state()).isEqualTo(EscalationState.WITHDRAWN);
                    assertThat(e.action()).isEqualTo(Action.MIGRATE_POLICY);
                });
    }

    @Test
    void aCalendarChangeIsRecordedWhereTheRowAllowsIt() {
        EscalationId running = Cast.active(w);
        EscalationId resolved = w.engine()
                .escalate(
                        INA,
                        new dev.escalation.command.EscalateCase(
                                Cast.C2, "slow", dev.escalation.model.Cause.COMPLAINT, Criticality.HIGH, null))
                .escalation();
        w.engine().acknowledge(SAM, new Acknowledge(resolved, StaffId.of("max"), "called"));
        w.engine()
                .agreePlan(
                        MAX,
                        new AgreePlan(
                                resolved,
                                day(),
                                Channel.PHONE,
                                w.clock().instant().plus(day())));
        w.engine().resolve(MAX, new Resolve(resolved, "tuned"));
        assertThat(w.engine().find(SAM, running).orElseThrow().availableActions())
                .contains(Action.RECORD_CALENDAR_CHANGE);
        assertThat(w.engine().find(SAM, resolved).orElseThrow().availableActions())
                .doesNotContain(Action.RECORD_CALENDAR_CHANGE);
        refused(
                running,
                NotAuthorizedException.class,
                () -> w.engine().operations().recordCalendarChange(EVE, "holiday"));

        assertThat(w.engine().operations().recordCalendarChange(HAL, "holiday")).containsExactly(running);
        assertThat(Cast.lastEntry(w, running).kind()).isEqualTo(ProgressKind.CALENDAR_CHANGED);
        assertThat(Cast.lastEntry(w, resolved).kind()).isEqualTo(ProgressKind.RESOLVED);
    }
}
