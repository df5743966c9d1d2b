package dev.escalation.test.engine;

import static dev.escalation.test.engine.Cast.EVE;
import static dev.escalation.test.engine.Cast.INA;
import static dev.escalation.test.engine.Cast.SAM;
import static dev.escalation.test.engine.SlaFixtures.V1;
import static dev.escalation.test.engine.SlaFixtures.berlin;
import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.command.Acknowledge;
import dev.escalation.command.AgreePlan;
import dev.escalation.model.CalendarSpec;
import dev.escalation.model.Channel;
import dev.escalation.model.CustomerId;
import dev.escalation.model.DueKind;
import dev.escalation.model.EntryParam;
import dev.escalation.model.EscalationId;
import dev.escalation.model.NotificationKind;
import dev.escalation.model.OpeningHours;
import dev.escalation.model.StaffId;
import dev.escalation.spi.CustomerAccount;
import dev.escalation.spi.DueItem;
import dev.escalation.spi.Notification;
import dev.escalation.test.Scenario;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Warning, breach and repeat steps: queued once per key, delivered at least once, surviving a restart. */
class SlaRemindersTest {
    private static final Instant FAR = berlin("2028-01-01T00:00");

    private static List<Notification> of(Scenario w, NotificationKind kind) {
        return w.notifier().delivered().stream().filter(n -> n.kind() == kind).toList();
    }

    @Test
    void stepsAreQueuedOncePerKeyAcrossRunsAndARestartAndExtraDeliveriesFollowOnlyAFailure() {
        Scenario w1 = Cast.world(b -> b.slaPolicy(V1).backoff(Duration.ofMinutes(1), Duration.ofMinutes(10)));
        w1.clock().set(berlin("2027-01-15T16:30"));
        EscalationId id = w1.engine().escalate(INA, SlaFixtures.critical()).escalation();
        w1.engine().deliverPending();
        assertThat(w1.store().dueWork().due(FAR, 50))
                .extracting(DueItem::step)
                .containsExactlyInAnyOrder(
                        "warning",
                        "breach",
                        "breach-repeat-1",
                        "breach-repeat-2",
                        "warning",
                        "breach",
                        "breach-repeat-1",
                        "breach-repeat-2");

        // the warning at 75 % of the first-contact target goes to Support Management (no manager yet)
        w1.clock().set(berlin("2027-01-18T09:15"));
        assertThat(w1.engine().processDueWork().delivered()).isEqualTo(1);
        assertThat(w1.engine().processDueWork().delivered()).isZero();
        w1.engine().deliverPending();
        assertThat(of(w1, NotificationKind.REMINDER)).singleElement().satisfies(n -> {
            assertThat(n.recipient().id()).isEqualTo("sam");
            assertThat(n.params())
                    .containsEntry("deadline", new EntryParam.Code("FIRST_CONTACT"))
                    .containsEntry("step", new EntryParam.Code("warning"))
                    .containsEntry("dueAt", new EntryParam.At(berlin("2027-01-18T09:30")));
            assertThat(n.subject()).isEqualTo("[Escalation " + id + "] case C-1: first contact due soon");
        });

        // restart: a second engine on the same store processes the breach; the first finds nothing left to do
        Scenario w2 =
                Cast.world(b -> b.slaPolicy(V1).backoff(Duration.ofMinutes(1), Duration.ofMinutes(10)), w1.store());
        w2.clock().set(berlin("2027-01-18T09:30"));
        w1.clock().set(berlin("2027-01-18T09:30"));
        assertThat(w2.engine().processDueWork().delivered()).isEqualTo(1);
        assertThat(w1.engine().processDueWork().delivered()).isZero();
        assertThat(w2.engine().processDueWork().delivered()).isZero();
        w2.engine().deliverPending();
        assertThat(of(w2, NotificationKind.DEADLINE_BREACHED))
                .singleElement()
                .satisfies(n -> assertThat(n.recipient().id()).isEqualTo("hal"));

        // the first repeat meets a notifier that is down: it is delivered again after recovery, nothing else is
        w2.clock().set(berlin("2027-01-18T11:30"));
        w2.notifier().setAvailable(false);
        assertThat(w2.engine().processDueWork().delivered()).isEqualTo(1);
        assertThat(w2.engine().deliverPending().retried()).isEqualTo(1);
        w2.notifier().setAvailable(true);
        w2.clock().advance(Duration.ofMinutes(1));
        assertThat(w2.engine().deliverPending().delivered()).isEqualTo(1);
        assertThat(w2.engine().processDueWork().delivered()).isZero();

        Map<String, Integer> calls = w2.notifier().callsPerKey();
        assertThat(calls)
                .containsOnly(
                        Map.entry(
                                DueItem.keyOf(id, DueKind.FIRST_CONTACT, "breach", berlin("2027-01-18T09:30"))
                                        + "/STAFF:hal",
                                1),
                        Map.entry(
                                DueItem.keyOf(id, DueKind.FIRST_CONTACT, "breach-repeat-1", berlin("2027-01-18T11:30"))
                                        + "/STAFF:hal",
                                2));
        assertThat(w1.notifier().callsPerKey())
                .allSatisfy((key, count) -> assertThat(count).isEqualTo(1));
    }

    @Test
    void acknowledgingInTimeCancelsThePendingFirstContactSteps() {
        Scenario w = Cast.world(b -> b.slaPolicy(V1));
        w.clock().set(berlin("2027-01-15T16:30"));
        EscalationId id = w.engine().escalate(INA, SlaFixtures.critical()).escalation();
        w.clock().set(berlin("2027-01-18T09:10"));
        w.engine().acknowledge(SAM, new Acknowledge(id, StaffId.of("eve"), "Called Ina"));

        assertThat(w.store().dueWork().due(FAR, 50)).extracting(DueItem::kind).containsOnly(DueKind.RESOLUTION);
        w.clock().set(berlin("2027-01-18T16:00"));
        assertThat(w.engine().processDueWork().delivered()).isZero();
        // the resolution warning (at 12 of 16 business hours) goes to the appointed Escalation Manager
        w.clock().set(berlin("2027-01-19T12:30"));
        assertThat(w.engine().processDueWork().delivered()).isEqualTo(1);
        w.engine().deliverPending();
        assertThat(of(w, NotificationKind.REMINDER))
                .singleElement()
                .satisfies(n -> assertThat(n.recipient().id()).isEqualTo("eve"));
    }

    @Test
    void withoutAHeadOfSupportABreachGoesToSupportManagement() {
        Scenario w = Cast.world(b -> b.slaPolicy(V1));
        w.staffDirectory()
                .add(new dev.escalation.spi.StaffMember(
                        StaffId.of("hal"),
                        "Staff hal",
                        "hal@vendor.example",
                        Optional.empty(),
                        java.util.Set.of(dev.escalation.model.StaffRole.HEAD_OF_SUPPORT),
                        false));
        w.clock().set(berlin("2027-01-15T16:30"));
        w.engine().escalate(INA, SlaFixtures.critical());
        w.engine().deliverPending();

        w.clock().set(berlin("2027-01-18T09:30"));
        assertThat(w.engine().processDueWork().delivered()).isEqualTo(2); // warning and breach
        w.engine().deliverPending();

        assertThat(of(w, NotificationKind.DEADLINE_BREACHED))
                .extracting(n -> n.recipient().id())
                .containsExactly("sam");
    }

    @Test
    void aMeetingReminderToTheCustomerWaitsForTheCustomersOpeningHoursWhileTheManagerGetsItOnTime() {
        Scenario w = Cast.world();
        List<OpeningHours> hours = new ArrayList<>();
        for (DayOfWeek d : List.of(
                DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY)) {
            hours.add(new OpeningHours(d, LocalTime.of(9, 0), LocalTime.of(17, 0)));
        }
        w.customerDirectory()
                .add(new CustomerAccount(
                        CustomerId.of("acme"),
                        "ACME",
                        Optional.of(new CalendarSpec("America/New_York", Optional.empty(), hours))));
        EscalationId id = Cast.acknowledged(w);
        // first meeting Tuesday 12:00 Berlin = 06:00 in New York, before ACME opens
        w.engine()
                .agreePlan(
                        EVE,
                        new AgreePlan(
                                id,
                                Duration.ofDays(1),
                                Channel.VIDEO_CALL,
                                w.clock().instant().plus(Duration.ofHours(2))));
        w.engine().deliverPending();

        w.clock().set(berlin("2027-01-12T12:00"));
        assertThat(w.engine().processDueWork().delivered()).isEqualTo(1);
        w.engine().deliverPending();
        assertThat(of(w, NotificationKind.REMINDER))
                .extracting(n -> n.recipient().id())
                .containsExactly("eve");

        w.clock().set(berlin("2027-01-12T14:59"));
        assertThat(w.engine().processDueWork().delivered()).isZero();
        w.clock().set(berlin("2027-01-12T15:00")); // 09:00 New York
        assertThat(w.engine().processDueWork().delivered()).isEqualTo(1);
        w.engine().deliverPending();
        assertThat(of(w, NotificationKind.REMINDER))
                .extracting(n -> n.recipient().id())
                .containsExactly("eve", "ina");
        // the customer's reminder, sent at New York's opening, names the meeting's time (Berlin: the vendor's zone,
        // as neither Ina nor ACME set one)
        assertThat(of(w, NotificationKind.REMINDER).get(1)).satisfies(n -> {
            assertThat(n.params()).containsEntry("dueAt", new EntryParam.At(Instant.parse("2027-01-12T11:00:00Z")));
            assertThat(n.zone()).isEqualTo(Cast.BERLIN);
            assertThat(n.body())
                    .isEqualTo("The next meeting of the communication plan is due at Tue 12 Jan 2027 12:00 CET.");
        });
    }
}
