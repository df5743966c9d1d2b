package dev.escalation;

import static dev.escalation.World.INA;
import static dev.escalation.World.SAM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.escalation.command.Acknowledge;
import dev.escalation.model.ContactId;
import dev.escalation.model.EscalationId;
import dev.escalation.model.EscalationState;
import dev.escalation.model.StaffId;
import dev.escalation.model.StaffRole;
import dev.escalation.spi.Notification;
import dev.escalation.spi.StaffDirectory;
import dev.escalation.spi.StaffMember;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Planted directory faults: a customer or staff directory that throws something other than its
 * {@code UnavailableException}, answers {@code null}, or answers with the record of another contact, customer, case or
 * staff member than asked for. Each is the retryable {@code UNAVAILABLE} error and changes nothing (no escalation, no
 * outbox message, no event); at delivery it is a retry, never a notification to the wrong person.
 */
class DirectoryFaultsTest {

    private final PlantedDirectories planted = new PlantedDirectories();
    private final World w = new World(b -> b.customers(GuardedDirectories.customers(planted.customerDirectory()))
            .staff(GuardedDirectories.staff(planted.staffDirectory())));

    {
        planted.customers.set(w.customers);
        planted.staff.set(w.staff);
    }

    private static void unavailable(ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(EscalationUnavailableException.class, e -> {
            assertThat(e.code()).isEqualTo("UNAVAILABLE");
            assertThat(e.isRetryable()).isTrue();
            assertThat(e.getMessage()).doesNotContain("@x.example");
        });
    }

    @ParameterizedTest
    @EnumSource(PlantedDirectories.Fault.class)
    void aFaultyCustomerDirectoryAtEscalationIsUnavailableAndRecordsNothing(PlantedDirectories.Fault fault) {
        for (PlantedDirectories.Method m : List.of(
                PlantedDirectories.Method.TOUCHPOINT,
                PlantedDirectories.Method.ACCOUNT,
                PlantedDirectories.Method.SUPPORT_CASE)) {
            planted.plant(m, fault, null);

            unavailable(() -> w.engine.escalate(INA, World.escalateC1()));

            w.assertRecordedNothing(m + " " + fault);
        }
        planted.heal(); // the retry the error invites succeeds
        EscalationId id = w.escalated();
        assertThat(w.stored(id).raisedBy()).isEqualTo(ContactId.of("ina"));
        assertThat(w.stored(id).caseId()).isEqualTo(World.C1);
    }

    @ParameterizedTest
    @EnumSource(PlantedDirectories.Fault.class)
    void aFaultyStaffDirectoryIsUnavailableAndChangesNothing(PlantedDirectories.Fault fault) {
        EscalationId id = w.escalated();
        w.events.clear();
        // the appointed manager's record is read from the staff directory
        planted.plant(PlantedDirectories.Method.MEMBER, fault, "eve");

        unavailable(() -> w.engine.acknowledge(SAM, new Acknowledge(id, StaffId.of("eve"), "Called Ina")));

        assertThat(w.stored(id).state()).isEqualTo(EscalationState.REQUESTED);
        assertThat(w.stored(id).version()).isEqualTo(1);
        assertThat(w.events).isEmpty();
        planted.heal();
        w.engine.acknowledge(SAM, new Acknowledge(id, StaffId.of("eve"), "Called Ina"));
        assertThat(w.stored(id).manager()).contains(StaffId.of("eve"));
    }

    @Test
    void aStaffDirectoryThatFailsOrAnswersNullForTheRoleIsUnavailable() {
        for (PlantedDirectories.Fault fault : List.of(PlantedDirectories.Fault.THROWS, PlantedDirectories.Fault.NULL)) {
            planted.plant(PlantedDirectories.Method.WITH_ROLE, fault, null);
            unavailable(() -> w.engine.escalate(INA, World.escalateC1()));
        }
        w.assertRecordedNothing("a staff directory failing for the role");
    }

    @Test
    void membersListedForARoleTheyLackOrInactiveAreToldNothing() {
        planted.plant(PlantedDirectories.Method.WITH_ROLE, PlantedDirectories.Fault.OTHER_ID, null);
        EscalationId id = w.escalated();
        w.engine.deliverPending();

        assertThat(w.notifier.delivered())
                .filteredOn(n -> n.escalation().equals(id))
                .extracting(n -> n.recipient().id())
                .contains("sam", "ina")
                .doesNotContain("dan", "gone");
    }

    /**
     * A staff directory that answers a role with nobody who holds it (an engineer and an inactive member with the
     * role) leaves everyone it listed out: the escalation is recorded, its raiser told, and no one told as Support
     * Management.
     */
    @Test
    void aRoleAnsweredWithOnlyMembersWhoLackItOrAreInactiveTellsNoneOfThem() {
        AtomicReference<StaffDirectory> real = new AtomicReference<>();
        World x = new World(b -> b.staff(new StaffDirectory() {
            @Override
            public Optional<StaffMember> member(StaffId id) {
                return real.get().member(id);
            }

            @Override
            public List<StaffMember> withRole(StaffRole role) {
                StaffMember sam = real.get().member(StaffId.of("sam")).orElseThrow();
                return List.of(
                        real.get().member(StaffId.of("dan")).orElseThrow(),
                        new StaffMember(
                                StaffId.of("gone"),
                                "Gone",
                                "gone@vendor.example",
                                Optional.empty(),
                                sam.roles(),
                                false));
            }
        }));
        real.set(x.staff);

        EscalationId id = x.escalated();
        x.engine.deliverPending();

        assertThat(x.stored(id).state()).isEqualTo(EscalationState.REQUESTED);
        assertThat(x.notifier.delivered())
                .filteredOn(n -> n.escalation().equals(id))
                .extracting(n -> n.recipient().id())
                .contains("ina")
                .doesNotContain("dan", "gone", "sam");
    }

    @Test
    void atDeliveryAContactAnsweredForAnotherIsRetriedNeverSentToTheWrongPerson() {
        EscalationId id = w.escalated();
        planted.plant(PlantedDirectories.Method.TOUCHPOINT, PlantedDirectories.Fault.OTHER_ID, "ina");

        DeliveryReport first = w.engine.deliverPending();

        assertThat(first.retried()).isPositive();
        assertThat(w.notifier.delivered()).extracting(n -> n.recipient().id()).doesNotContain("ivy");
        planted.heal();
        w.clock.advance(Duration.ofHours(1));
        w.engine.deliverPending();
        List<Notification> toIna = w.notifier.delivered().stream()
                .filter(n -> n.escalation().equals(id) && n.recipient().id().equals("ina"))
                .toList();
        assertThat(toIna).isNotEmpty();
        assertThat(toIna).allSatisfy(n -> assertThat(n.recipient().email()).isEqualTo("ina@customer.example"));
        assertThat(w.notifier.delivered()).extracting(n -> n.recipient().id()).doesNotContain("ivy");
    }
}
