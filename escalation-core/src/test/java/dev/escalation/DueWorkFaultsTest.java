package dev.escalation;

import static dev.escalation.World.EVE;
import static dev.escalation.World.INA;
import static dev.escalation.World.SAM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.escalation.command.Acknowledge;
import dev.escalation.command.AgreePlan;
import dev.escalation.command.EscalateCase;
import dev.escalation.command.RecordLessonsLearned;
import dev.escalation.command.Resolve;
import dev.escalation.command.ScheduleLessonsLearned;
import dev.escalation.model.Cause;
import dev.escalation.model.Channel;
import dev.escalation.model.Criticality;
import dev.escalation.model.EscalationId;
import dev.escalation.model.NotificationKind;
import dev.escalation.model.StaffId;
import dev.escalation.model.StaffRole;
import dev.escalation.spi.Notification;
import dev.escalation.spi.StaffDirectory;
import dev.escalation.spi.StaffMember;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * A due item whose follow-up cannot be prepared because a directory fails for it alone (the owner of an improvement
 * action whose record the staff directory cannot read). Before, the failure ended the whole due-work run, and the items
 * claimed behind it waited for the lease and then met the same item first again: while the fault lasted, no reminder
 * or breach of any other escalation was ever processed. Now the failing item waits for its lease to run out and the
 * rest of the run goes on; the run still reports the failure.
 */
class DueWorkFaultsTest {

    private final PlantedDirectories planted = new PlantedDirectories();
    private final World w = new World(b -> b.customers(GuardedDirectories.customers(planted.customerDirectory()))
            .staff(GuardedDirectories.staff(planted.staffDirectory())));

    {
        planted.customers.set(w.customers);
        planted.staff.set(w.staff);
    }

    @Test
    void aDueItemThatCannotBePreparedHoldsBackNoOtherItem() {
        Instant start = w.clock.instant();
        // E-1: an improvement action owned by dan, due in three days
        EscalationId first = withActionOwnedByDan(w, EVE, w.active(), start);
        // E-2: a communication plan whose first meeting is in five days
        EscalationId second = meetingOnC2(w, start.plus(Duration.ofDays(5)));
        w.engine.deliverPending();
        w.clock.set(start.plus(Duration.ofDays(5)).plusSeconds(1));
        planted.plant(PlantedDirectories.Method.MEMBER, PlantedDirectories.Fault.THROWS, "dan");

        assertThatThrownBy(w.engine::processDueWork).isInstanceOf(EscalationUnavailableException.class);

        w.engine.deliverPending();
        assertThat(w.notifier.delivered())
                .as("E-2's meeting reminder, due behind the failing item")
                .anyMatch(of(second, NotificationKind.REMINDER));
        assertThat(w.notifier.delivered()).noneMatch(of(first, NotificationKind.IMPROVEMENT_ACTION_DUE));
        planted.heal();
        w.clock.advance(Duration.ofMinutes(2)); // the failing item's lease has run out
        w.engine.processDueWork();
        w.engine.deliverPending();
        assertThat(w.notifier.delivered())
                .filteredOn(of(first, NotificationKind.IMPROVEMENT_ACTION_DUE))
                .singleElement()
                .satisfies(n -> assertThat(n.recipient().id()).isEqualTo("dan"));
    }

    /**
     * A due item the engine cannot prepare at all (here: the store hands it back garbled, its {@code dueAt} no
     * instant), as a defect would make it: before, the {@code DateTimeParseException} ended the run like a directory's
     * failure once did, and it reached the caller as it was. Now the item waits for its lease, the run goes on with the
     * others, and the run reports {@code UNAVAILABLE} at its end.
     */
    @Test
    void aDueItemTheEngineCannotPrepareHoldsBackNoOtherItem() {
        World plain = new World();
        Instant start = plain.clock.instant();
        EscalationId first = plain.active(); // a daily meeting from two hours from now
        EscalationId second = meetingOnC2(plain, start.plus(Duration.ofHours(2)));
        plain.engine.deliverPending();
        plain.clock.set(start.plus(Duration.ofHours(2)).plusSeconds(1));
        plain.recording.garbleDue.set(first);

        assertThatThrownBy(plain.engine::processDueWork)
                .isInstanceOf(EscalationUnavailableException.class)
                .hasMessageContaining("could not be prepared");

        plain.engine.deliverPending();
        assertThat(plain.notifier.delivered())
                .as("E-2's meeting reminder, due beside the garbled item")
                .anyMatch(of(second, NotificationKind.REMINDER));
        assertThat(plain.notifier.delivered()).noneMatch(of(first, NotificationKind.REMINDER));
        plain.recording.garbleDue.set(null);
        plain.clock.advance(Duration.ofMinutes(2)); // the garbled item's lease has run out
        plain.engine.processDueWork();
        plain.engine.deliverPending();
        assertThat(plain.notifier.delivered()).anyMatch(of(first, NotificationKind.REMINDER));
    }

    /**
     * A batch none of whose items could be prepared ends the run: the port is down, not one item, so the run does not
     * claim batch after batch only to fail each item in turn. Batches of one: the two lessons-learned reminders are
     * prepared, then the first improvement action's owner cannot be read and the run ends, leaving the second action's
     * reminder unclaimed (its owner was never asked for). Both are processed once the directory answers again.
     */
    @Test
    void aBatchNoneOfWhoseItemsCouldBePreparedEndsTheRun() {
        AtomicInteger danRead = new AtomicInteger();
        PlantedDirectories counted = new PlantedDirectories();
        World one = new World(b -> b.delivery(Duration.ofMinutes(1), 1, 3)
                .customers(GuardedDirectories.customers(counted.customerDirectory()))
                .staff(GuardedDirectories.staff(countingMember(counted.staffDirectory(), "dan", danRead))));
        counted.customers.set(one.customers);
        counted.staff.set(one.staff);
        Instant start = one.clock.instant();
        EscalationId first = withActionOwnedByDan(one, EVE, one.active(), start);
        EscalationId second =
                withActionOwnedByDan(one, World.MAX, meetingOnC2(one, start.plus(Duration.ofHours(2))), start);
        one.engine.deliverPending();
        one.clock.set(start.plus(Duration.ofDays(3)).plusSeconds(1));
        counted.plant(PlantedDirectories.Method.MEMBER, PlantedDirectories.Fault.THROWS, "dan");
        danRead.set(0);

        assertThatThrownBy(one.engine::processDueWork).isInstanceOf(EscalationUnavailableException.class);
        assertThat(danRead)
                .as("reads of the failing owner: the run ended with the first batch that prepared nothing")
                .hasValue(1);

        counted.heal();
        one.clock.advance(Duration.ofMinutes(2)); // the failing item's lease has run out
        assertThat(one.engine.processDueWork().delivered()).isEqualTo(2);
        one.engine.deliverPending();
        for (EscalationId id : List.of(first, second)) {
            assertThat(one.notifier.delivered())
                    .filteredOn(of(id, NotificationKind.IMPROVEMENT_ACTION_DUE))
                    .singleElement()
                    .satisfies(n -> assertThat(n.recipient().id()).isEqualTo("dan"));
        }
    }

    /**
     * A due item whose claim no longer holds when the engine completes it (its lease ran out and another instance took
     * it) is not counted as completed, and its follow-ups are not queued by this run: the SPI's {@code complete}
     * returned false. The item is processed, once, by a later run.
     */
    @Test
    void aDueItemWhoseClaimWasLostIsNotCountedAndQueuesNothing() {
        World plain = new World();
        Instant start = plain.clock.instant();
        EscalationId id = plain.active(); // a daily meeting from two hours from now
        plain.engine.deliverPending();
        plain.clock.set(start.plus(Duration.ofHours(2)).plusSeconds(1));
        plain.recording.loseDueClaims.set(true);

        assertThat(plain.engine.processDueWork().delivered()).isZero();
        plain.engine.deliverPending();
        assertThat(plain.notifier.delivered()).noneMatch(of(id, NotificationKind.REMINDER));

        plain.recording.loseDueClaims.set(false);
        assertThat(plain.engine.processDueWork().delivered())
                .as("the item is still leased: nothing to process before its lease runs out")
                .isZero();
        plain.clock.advance(Duration.ofMinutes(2));
        assertThat(plain.engine.processDueWork().delivered()).isEqualTo(1);
        plain.engine.deliverPending();
        assertThat(plain.notifier.delivered())
                .filteredOn(of(id, NotificationKind.REMINDER))
                .isNotEmpty();
        assertThat(plain.engine.processDueWork().delivered()).isZero();
    }

    /**
     * Its manager resolves {@code id}, holds its lessons learned tomorrow and records an action owned by dan, due in 3
     * days.
     */
    private static EscalationId withActionOwnedByDan(World w, Actor manager, EscalationId id, Instant start) {
        w.engine.resolve(manager, new Resolve(id, "patched"));
        w.engine.scheduleLessonsLearned(
                manager, new ScheduleLessonsLearned(id, start.plus(Duration.ofDays(1)), Duration.ofHours(1)));
        w.engine.recordLessonsLearned(
                manager,
                new RecordLessonsLearned(
                        id,
                        "load tests",
                        List.of(new RecordLessonsLearned.Action(
                                "test with real volumes", "dan", start.plus(Duration.ofDays(3))))));
        return id;
    }

    /** {@code staff}, counting its reads of member {@code id}. */
    private static StaffDirectory countingMember(StaffDirectory staff, String id, AtomicInteger reads) {
        return new StaffDirectory() {
            @Override
            public Optional<StaffMember> member(StaffId m) {
                if (m.value().equals(id)) {
                    reads.incrementAndGet();
                }
                return staff.member(m);
            }

            @Override
            public List<StaffMember> withRole(StaffRole role) {
                return staff.withRole(role);
            }
        };
    }

    /** Ina escalates C-2, Max manages it, and its first (weekly) meeting is at {@code meeting}. */
    private static EscalationId meetingOnC2(World w, Instant meeting) {
        EscalationId id = w.engine
                .escalate(
                        INA,
                        new EscalateCase(World.C2, "Queries are slow", Cause.SOFTWARE_ERROR, Criticality.HIGH, null))
                .escalation();
        w.engine.acknowledge(SAM, new Acknowledge(id, StaffId.of("max"), "Called Ina"));
        w.engine.agreePlan(World.MAX, new AgreePlan(id, Duration.ofDays(7), Channel.VIDEO_CALL, meeting));
        return id;
    }

    private static Predicate<Notification> of(EscalationId id, NotificationKind kind) {
        return n -> n.escalation().equals(id) && n.kind() == kind;
    }
}
