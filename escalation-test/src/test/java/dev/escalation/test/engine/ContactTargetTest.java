package dev.escalation.test.engine;

import static dev.escalation.test.engine.Cast.EVE;
import static dev.escalation.test.engine.Cast.INA;
import static dev.escalation.test.engine.Cast.SAM;
import static dev.escalation.test.engine.SlaFixtures.berlin;
import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.command.AmendPlan;
import dev.escalation.command.LogProgress;
import dev.escalation.model.Channel;
import dev.escalation.model.Criticality;
import dev.escalation.model.DueKind;
import dev.escalation.model.EntryParam;
import dev.escalation.model.EscalationId;
import dev.escalation.model.NotificationKind;
import dev.escalation.model.ProgressKind;
import dev.escalation.model.StaffId;
import dev.escalation.model.Visibility;
import dev.escalation.sla.Deadline;
import dev.escalation.sla.EscalationChain;
import dev.escalation.sla.EscalationChain.Target;
import dev.escalation.sla.SlaPolicy;
import dev.escalation.spi.MeetingInvite;
import dev.escalation.spi.Notification;
import dev.escalation.test.Scenario;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * #15 point 3: the contact target (business hours in the policy's calendar, what counts as contact), the missed
 * meeting escalating along the chain, and the plan's meetings as one iCalendar series.
 */
class ContactTargetTest {
    /** Contact every 4 business hours; a customer-visible status update counts as well as a meeting held. */
    static final SlaPolicy CONTACT = SlaPolicy.builder("contact", 1)
            .contactEvery(Duration.ofHours(4), ProgressKind.MEETING_HELD, ProgressKind.STATUS_UPDATE)
            .warnAt(50)
            .repeatAfterBreach(Duration.ofHours(1), 1)
            .escalateMissedMeeting(Duration.ofMinutes(30))
            .chain(EscalationChain.of(
                    List.of(Target.manager()),
                    List.of(Target.staff(StaffId.of("max"))),
                    List.of(List.of(Target.staff(StaffId.of("hal"))))))
            .build();

    private int seen;

    private List<Notification> fresh(Scenario w) {
        List<Notification> all = w.notifier().delivered();
        List<Notification> result = List.copyOf(all.subList(seen, all.size()));
        seen = all.size();
        return result;
    }

    private static Deadline contact(Scenario w, EscalationId id) {
        return w.engine().deadlines(SAM, id).stream()
                .filter(d -> d.kind() == DueKind.CUSTOMER_CONTACT)
                .findFirst()
                .orElseThrow();
    }

    private static void log(Scenario w, EscalationId id, LogProgress.Kind kind, Visibility visibility) {
        w.engine().logProgress(EVE, new LogProgress(id, kind, "update", visibility));
    }

    @Test
    void contactIsDueNBusinessHoursAfterTheLastContactThatCounts() {
        Scenario w = Cast.world(b -> b.slaPolicy(CONTACT));
        EscalationId id = Cast.acknowledged(w); // Tue 12 Jan 2027 10:00, coverage 09–17
        assertThat(contact(w, id).dueAt()).isEqualTo(berlin("2027-01-12T14:00"));
        assertThat(contact(w, id).startLabel()).isEqualTo("acknowledged");

        w.clock().set(berlin("2027-01-12T16:00"));
        log(w, id, LogProgress.Kind.NOTE, Visibility.INTERNAL); // internal: not contact
        assertThat(contact(w, id).dueAt()).isEqualTo(berlin("2027-01-12T14:00"));
        log(w, id, LogProgress.Kind.STATUS_UPDATE, Visibility.CUSTOMER); // counts: 1 h today, 3 h tomorrow
        assertThat(contact(w, id).dueAt()).isEqualTo(berlin("2027-01-13T12:00"));
        assertThat(contact(w, id).startLabel()).isEqualTo("last contact");
        assertThat(Cast.stored(w, id).facts().lastContactAt()).contains(berlin("2027-01-12T16:00"));
    }

    @Test
    void aMissedContactWarnsThenBreachesAlongTheChain() {
        Scenario w = Cast.world(b -> b.slaPolicy(CONTACT));
        Cast.acknowledged(w);
        w.engine().deliverPending();
        fresh(w);
        w.clock().set(berlin("2027-01-12T12:00"));
        w.engine().processDueWork();
        w.engine().deliverPending();
        assertThat(fresh(w)).singleElement().satisfies(n -> {
            assertThat(n.kind()).isEqualTo(NotificationKind.REMINDER);
            assertThat(n.recipient().id()).isEqualTo("eve");
            assertThat(n.params()).containsEntry("deadline", new EntryParam.Code("CUSTOMER_CONTACT"));
            assertThat(n.subject()).endsWith("customer contact due soon");
        });
        w.clock().set(berlin("2027-01-12T14:00"));
        w.engine().processDueWork();
        w.engine().deliverPending();
        assertThat(fresh(w)).singleElement().satisfies(n -> {
            assertThat(n.kind()).isEqualTo(NotificationKind.DEADLINE_BREACHED);
            assertThat(n.recipient().id()).isEqualTo("max");
        });
        w.clock().set(berlin("2027-01-12T15:00"));
        w.engine().processDueWork();
        w.engine().deliverPending();
        assertThat(fresh(w)).extracting(n -> n.recipient().id()).containsExactly("hal");
    }

    @Test
    void aMissedMeetingEscalatesAlongTheChainAfterItsReminder() {
        Scenario w = Cast.world(b -> b.slaPolicy(CONTACT));
        Cast.active(w); // first meeting 12:00
        w.engine().deliverPending();
        fresh(w);
        w.clock().set(berlin("2027-01-12T12:00"));
        w.engine().processDueWork();
        w.engine().deliverPending();
        assertThat(fresh(w))
                .filteredOn(n -> n.kind() == NotificationKind.REMINDER)
                .extracting(n -> n.recipient().id())
                .contains("eve", "ina");
        w.clock().set(berlin("2027-01-12T12:30"));
        w.engine().processDueWork();
        w.engine().deliverPending();
        assertThat(fresh(w)).singleElement().satisfies(n -> {
            assertThat(n.kind()).isEqualTo(NotificationKind.DEADLINE_BREACHED);
            assertThat(n.recipient().id()).isEqualTo("max");
            assertThat(n.params())
                    .containsEntry("deadline", new EntryParam.Code("NEXT_MEETING"))
                    .containsEntry("step", new EntryParam.Code("missed"));
            assertThat(n.subject()).endsWith("meeting missed");
        });
        w.clock().set(berlin("2027-01-12T13:30"));
        w.engine().processDueWork();
        w.engine().deliverPending();
        assertThat(fresh(w))
                .extracting(n ->
                        n.recipient().id() + "/" + ((EntryParam.Code) n.params().get("step")).value())
                .containsExactly("hal/missed-repeat-1");
    }

    @Test
    void aMissedMeetingNamesTheMeetingsTimeNotTheEndOfTheGrace() {
        Scenario w = Cast.world(b -> b.slaPolicy(CONTACT));
        Cast.active(w); // first meeting 12:00, missed at 12:30
        w.engine().deliverPending();
        fresh(w);
        w.clock().set(berlin("2027-01-12T13:45")); // the breach and its first repeat
        w.engine().processDueWork();
        w.engine().deliverPending();
        assertThat(fresh(w))
                .filteredOn(n -> n.kind() == NotificationKind.DEADLINE_BREACHED)
                .hasSize(2)
                .allSatisfy(n -> {
                    assertThat(n.params()).containsEntry("dueAt", new EntryParam.At(berlin("2027-01-12T12:00")));
                    assertThat(n.body())
                            .contains("due at Tue 12 Jan 2027 12:00 CET")
                            .doesNotContain("12:30");
                });
    }

    @Test
    void aMeetingHeldInTimeEscalatesNothing() {
        Scenario w = Cast.world(b -> b.slaPolicy(CONTACT));
        EscalationId id = Cast.active(w);
        w.clock().set(berlin("2027-01-12T12:10"));
        log(w, id, LogProgress.Kind.MEETING_HELD, Visibility.CUSTOMER);
        w.engine().deliverPending();
        fresh(w);
        w.clock().set(berlin("2027-01-12T13:30"));
        w.engine().processDueWork();
        w.engine().deliverPending();
        assertThat(fresh(w)).isEmpty();
    }

    @Test
    void thePlanIsOneSeriesWithHolidayExceptionsAndEachChangeSendsTheNextSequenceOfTheSameUid() {
        Scenario w = Cast.world(b -> b.slaPolicy(CONTACT))
                .coverage(SlaFixtures.coverage(SlaFixtures.holiday("2027-01-14", "Company Day")));
        EscalationId id = Cast.active(w); // daily from Tue 12 Jan 12:00
        w.engine().deliverPending();
        List<Notification> first = w.notifier().delivered().stream()
                .filter(n -> n.kind() == NotificationKind.MEETING_SERIES_INVITATION)
                .toList();
        assertThat(first).extracting(n -> n.recipient().id()).containsExactlyInAnyOrder("ina", "eve");
        MeetingInvite invite = first.get(0).invite().orElseThrow();
        assertThat(invite.uid()).isEqualTo(id.value() + "/plan");
        assertThat(invite.sequence()).isZero();
        assertThat(invite.method()).isEqualTo(MeetingInvite.Method.REQUEST);
        assertThat(invite.start()).isEqualTo(berlin("2027-01-12T12:00"));
        assertThat(invite.organizer().id()).isEqualTo("eve");
        MeetingInvite.Recurrence r = invite.recurrence().orElseThrow();
        assertThat(r.interval()).isEqualTo(Duration.ofDays(1));
        assertThat(r.zone()).isEqualTo(Cast.BERLIN);
        assertThat(r.exceptions()).containsExactly(berlin("2027-01-14T12:00"));

        Instant next = berlin("2027-01-13T15:00");
        w.engine().amendPlan(EVE, new AmendPlan(id, Duration.ofDays(7), Channel.PHONE, next, "weekly is enough"));
        w.engine().deliverPending();
        List<MeetingInvite> all = w.notifier().delivered().stream()
                .filter(n -> n.kind() == NotificationKind.MEETING_SERIES_INVITATION)
                .map(n -> n.invite().orElseThrow())
                .toList();
        assertThat(all).hasSize(4);
        MeetingInvite amended = all.get(3);
        assertThat(amended.uid()).isEqualTo(invite.uid());
        assertThat(amended.sequence()).isEqualTo(1);
        assertThat(amended.start()).isEqualTo(next);
        assertThat(amended.recurrence().orElseThrow().interval()).isEqualTo(Duration.ofDays(7));
        assertThat(Cast.stored(w, id).facts().planInvitations()).isEqualTo(2);
        assertThat(first.get(0).subject()).endsWith("invitation: escalation meetings");
        assertThat(Criticality.HIGH).isNotNull();
        assertThat(INA.id()).isEqualTo("ina");
    }

    @Test
    void theContactTargetIsMeasuredInTheCalendarThePolicyNames() {
        SlaPolicy p = SlaPolicy.builder("contract", 1)
                .contactEvery(Duration.ofHours(2))
                .measure(DueKind.CUSTOMER_CONTACT, dev.escalation.sla.SlaCalendar.CUSTOMER_CONTRACT)
                .build();
        Scenario w = Cast.world(b -> b.slaPolicy(p));
        List<dev.escalation.model.OpeningHours> hours = new java.util.ArrayList<>();
        for (java.time.DayOfWeek d : java.util.EnumSet.range(java.time.DayOfWeek.MONDAY, java.time.DayOfWeek.FRIDAY)) {
            hours.add(new dev.escalation.model.OpeningHours(
                    d, java.time.LocalTime.of(9, 0), java.time.LocalTime.of(17, 0)));
        }
        w.customerDirectory()
                .add(new dev.escalation.spi.CustomerAccount(
                        dev.escalation.model.CustomerId.of("acme"),
                        "ACME",
                        java.util.Optional.of(new dev.escalation.model.CalendarSpec(
                                "America/New_York", java.util.Optional.empty(), hours))));
        EscalationId id = Cast.acknowledged(w); // Tue 10:00 Berlin = 04:00 New York: ACME opens at 09:00 there
        Deadline d = contact(w, id);
        assertThat(d.calendar()).contains(dev.escalation.sla.SlaCalendar.CUSTOMER_CONTRACT);
        assertThat(d.dueAt())
                .isEqualTo(java.time.ZonedDateTime.of(2027, 1, 12, 11, 0, 0, 0, java.time.ZoneId.of("America/New_York"))
                        .toInstant());
        // the meeting-held default: only a meeting counts as contact under this policy
        log(w, id, LogProgress.Kind.STATUS_UPDATE, Visibility.CUSTOMER);
        assertThat(contact(w, id).dueAt()).isEqualTo(d.dueAt());
    }
}
