package dev.escalation;

import static dev.escalation.World.EVE;
import static dev.escalation.World.GIL;
import static dev.escalation.World.HAL;
import static dev.escalation.World.INA;
import static dev.escalation.World.SAM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.escalation.command.Acknowledge;
import dev.escalation.command.AddParticipant;
import dev.escalation.command.AgreePlan;
import dev.escalation.command.AmendPlan;
import dev.escalation.command.ChangeCriticality;
import dev.escalation.command.Close;
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
import dev.escalation.model.ContactId;
import dev.escalation.model.Criticality;
import dev.escalation.model.EscalationId;
import dev.escalation.model.EscalationState;
import dev.escalation.model.PageRequest;
import dev.escalation.model.Party;
import dev.escalation.model.StaffId;
import dev.escalation.model.Visibility;
import dev.escalation.spi.UnitOfWork;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every changing command costs the store exactly one unit of work ({@code create} or {@code changeFor…}), reads no
 * log, and calls no directory inside it (the world's directories fail the test if they are called while a unit of
 * work decides); a refused command costs one unit of work that writes nothing.
 */
class UnitOfWorkTest {

    private final World w = new World(b -> b.slaPolicy(SlaFixtures.V1));

    /** Runs a command with log reads forbidden and returns how many units of work it cost. */
    private int writesOf(Runnable command) {
        w.recording.reset();
        w.recording.forbidLogReads.set(true);
        try {
            command.run();
        } finally {
            w.recording.forbidLogReads.set(false);
        }
        assertThat(w.recording.calls("entriesForVendor") + w.recording.calls("entriesForCustomer"))
                .isZero();
        return w.recording.writes();
    }

    @Test
    void everyCommandOfALifecycleIsOneUnitOfWorkWithoutLogReads() {
        EscalationId[] id = new EscalationId[1];
        List<Runnable> commands = new ArrayList<>();
        commands.add(() -> id[0] = w.engine.escalate(INA, World.escalateC1()).escalation());
        commands.add(() -> w.engine.acknowledge(SAM, new Acknowledge(id[0], StaffId.of("eve"), "Called Ina")));
        commands.add(() -> w.engine.reassignManager(SAM, new ReassignManager(id[0], StaffId.of("max"), "holiday")));
        commands.add(() -> w.engine.reassignManager(HAL, new ReassignManager(id[0], StaffId.of("eve"), "back")));
        commands.add(() -> w.engine.agreePlan(
                EVE,
                new AgreePlan(
                        id[0],
                        Duration.ofDays(1),
                        Channel.PHONE,
                        w.clock.instant().plusSeconds(3600))));
        commands.add(() -> w.engine.amendPlan(
                EVE,
                new AmendPlan(
                        id[0],
                        Duration.ofHours(4),
                        Channel.CHAT,
                        w.clock.instant().plusSeconds(7200),
                        "faster")));
        commands.add(() -> w.engine.logProgress(
                EVE, new LogProgress(id[0], LogProgress.Kind.MEETING_HELD, "met", Visibility.CUSTOMER)));
        commands.add(() -> w.engine.logProgress(
                INA, new LogProgress(id[0], LogProgress.Kind.COMMUNICATION, "thanks", Visibility.CUSTOMER)));
        commands.add(() -> w.engine.addParticipant(EVE, AddParticipant.staff(id[0], "dan")));
        commands.add(() -> w.engine.removeParticipant(EVE, new RemoveParticipant(id[0], "dan", "done")));
        commands.add(() -> w.engine.changeCriticality(INA, new ChangeCriticality(id[0], Criticality.CRITICAL, null)));
        commands.add(() -> w.engine.pauseClock(EVE, new PauseClock(id[0], "waiting for logs")));
        commands.add(() -> w.engine.resumeClock(EVE, new ResumeClock(id[0], "logs received")));
        commands.add(() -> w.engine.resolve(EVE, new Resolve(id[0], "patched")));
        commands.add(() -> w.engine.reopen(INA, new Reopen(id[0], "broken again")));
        commands.add(() -> w.engine.resolve(EVE, new Resolve(id[0], "patched for good")));
        commands.add(() -> w.engine.scheduleLessonsLearned(
                EVE,
                new ScheduleLessonsLearned(id[0], w.clock.instant().plus(Duration.ofDays(2)), Duration.ofHours(1))));
        commands.add(() -> w.engine.recordLessonsLearned(
                EVE,
                new RecordLessonsLearned(
                        id[0], "load tests", List.of(new RecordLessonsLearned.Action("test", "Dan")))));
        commands.add(() -> w.engine.close(EVE, new Close(id[0], "thanks")));

        for (Runnable command : commands) {
            assertThat(writesOf(command)).isEqualTo(1);
            w.clock.advance(Duration.ofMinutes(5));
        }
        assertThat(w.stored(id[0]).state()).isEqualTo(EscalationState.CLOSED);
        // policy migration and a recorded calendar change are units of work too
        EscalationId other = w.engine
                .escalate(
                        INA,
                        new dev.escalation.command.EscalateCase(
                                World.C2, "also down", dev.escalation.model.Cause.COMPLAINT, Criticality.HIGH, null))
                .escalation();
        assertThat(writesOf(() -> w.engine.operations().recordCalendarChange(SAM, "company holiday")))
                .isEqualTo(1);
        assertThat(writesOf(() -> w.engine.withdraw(INA, new Withdraw(other, "fixed itself"))))
                .isEqualTo(1);
    }

    @Test
    void aRefusedCommandIsOneUnitOfWorkThatWritesNothing() {
        EscalationId id = w.acknowledged();
        var before = w.stored(id);

        assertThat(writesOf(() -> assertThatThrownBy(() -> w.engine.resolve(EVE, new Resolve(id, "too early")))
                        .isInstanceOf(IllegalTransitionException.class)))
                .isEqualTo(1);
        assertThat(writesOf(() -> assertThatThrownBy(
                                () -> w.engine.acknowledge(SAM, new Acknowledge(id, StaffId.of("max"), "again")))
                        .isInstanceOf(IllegalTransitionException.class)))
                .isEqualTo(1);
        // refused before the store: validation, an unknown actor
        assertThat(writesOf(() -> assertThatThrownBy(() -> w.engine.resolve(EVE, new Resolve(id, " ")))
                        .isInstanceOf(InvalidCommandException.class)))
                .isZero();
        assertThat(w.stored(id)).isEqualTo(before);
    }

    @Test
    void aDoubleClickIsOneRefusedCreateAndOneRead() {
        EscalationId id = w.escalated();
        w.recording.reset();

        EscalationReceipt again = w.engine.escalate(INA, World.escalateC1());

        assertThat(again.escalation()).isEqualTo(id);
        assertThat(again.created()).isFalse();
        assertThat(w.recording.calls("create")).isEqualTo(1);
        assertThat(w.recording.calls("findForCustomer")).isEqualTo(1);
        assertThat(w.recording.calls("findOpenForCustomer") + w.recording.calls("findBySubmissionForCustomer"))
                .isZero();
    }

    @Test
    void anEngineThatHasNotSeenTheEscalationReadsTheCustomersCalendarOnceAndDecidesAgain() {
        EscalationId id = w.active(); // the plan's meetings need the customer's calendar (quiet hours)
        RecordingStore store = new RecordingStore(w.memoryStore);
        World second = new World(b -> b.slaPolicy(SlaFixtures.V1), store);
        second.clock.set(w.clock.instant());

        store.reset();
        second.engine.logProgress(EVE, new LogProgress(id, LogProgress.Kind.NOTE, "first", Visibility.INTERNAL));
        // the first decision asked for the calendar and wrote nothing; the second wrote once
        assertThat(store.calls("changeForVendor")).isEqualTo(2);
        assertThat(w.log(id)).extracting(e -> e.text().orElse("")).containsOnlyOnce("first");

        store.reset();
        second.engine.logProgress(EVE, new LogProgress(id, LogProgress.Kind.NOTE, "second", Visibility.INTERNAL));
        assertThat(store.calls("changeForVendor")).isEqualTo(1);
    }

    @Test
    void anEscalationThatDoesNotListItsRaiserGetsThemFromTheDirectoryBeforeTheUnitOfWorkRunsAgain() {
        EscalationId id = w.active();
        w.engine.removeParticipant(EVE, new RemoveParticipant(id, "ina", "asked to be left out"));
        w.engine.resolve(EVE, new Resolve(id, "patched"));
        w.recording.reset();

        EscalationView view = w.engine.scheduleLessonsLearned(
                EVE, new ScheduleLessonsLearned(id, w.clock.instant().plus(Duration.ofDays(2)), Duration.ofHours(1)));

        assertThat(w.recording.calls("changeForVendor")).isEqualTo(2);
        assertThat(view.lessonsLearned().orElseThrow().attendees())
                .extracting(Party::id)
                .containsExactly("ina", "eve");
    }

    @Test
    void theDirectoryGuardFailsWhenADirectoryIsCalledInsideAUnitOfWork() {
        EscalationId id = w.escalated();
        var guarded = GuardedDirectories.customers(w.customers);
        UnitOfWork<Object> work = current -> UnitOfWork.Decision.keep(guarded.touchpoint(ContactId.of("ina")));

        assertThatThrownBy(() -> w.recording.changeForVendor(id, work))
                .isInstanceOf(GuardViolation.class)
                .hasMessageContaining("inside a unit of work");
        assertThat(guarded.touchpoint(ContactId.of("ina"))).isPresent(); // outside it is fine
    }

    @Test
    void customerScopedReadsAndCommandsRecheckTheCustomerWhenTheStoreLeaks() {
        EscalationId id = w.active();
        w.engine.logProgress(EVE, new LogProgress(id, LogProgress.Kind.NOTE, "internal", Visibility.INTERNAL));
        w.recording.leak.set(true);

        assertThat(w.engine.find(GIL, id)).isEmpty();
        assertThatThrownBy(() -> w.engine.timeline(GIL, id, PageRequest.first(10)))
                .isInstanceOf(EscalationNotFoundException.class);
        assertThatThrownBy(() -> w.engine.deadlines(GIL, id)).isInstanceOf(EscalationNotFoundException.class);
        assertThatThrownBy(() -> w.engine.reopen(GIL, new Reopen(id, "x")))
                .isInstanceOf(EscalationNotFoundException.class);
        assertThat(w.engine
                        .escalationsOfCustomer(GIL, CustomerQuery.all(), PageRequest.first(10))
                        .items())
                .isEmpty();
        // the leaking store hands internal entries to a customer read: the engine drops them
        assertThat(w.engine.timeline(INA, id, PageRequest.first(100)).items())
                .allSatisfy(e -> assertThat(e.visibility()).isEqualTo(Visibility.CUSTOMER))
                .isNotEmpty();
    }
}
