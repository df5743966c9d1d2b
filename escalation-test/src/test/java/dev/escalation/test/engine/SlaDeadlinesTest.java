package dev.escalation.test.engine;

import static dev.escalation.test.engine.Cast.EVE;
import static dev.escalation.test.engine.Cast.GIL;
import static dev.escalation.test.engine.Cast.HAL;
import static dev.escalation.test.engine.Cast.INA;
import static dev.escalation.test.engine.Cast.SAM;
import static dev.escalation.test.engine.SlaFixtures.V1;
import static dev.escalation.test.engine.SlaFixtures.V2;
import static dev.escalation.test.engine.SlaFixtures.berlin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.escalation.EscalationNotFoundException;
import dev.escalation.NotAuthorizedException;
import dev.escalation.TimelineEntry;
import dev.escalation.UnknownPolicyException;
import dev.escalation.command.Acknowledge;
import dev.escalation.command.AgreePlan;
import dev.escalation.command.PauseClock;
import dev.escalation.command.ResumeClock;
import dev.escalation.model.Channel;
import dev.escalation.model.DeadlineMark;
import dev.escalation.model.DueKind;
import dev.escalation.model.EntryParam;
import dev.escalation.model.EscalationId;
import dev.escalation.model.PageRequest;
import dev.escalation.model.ProgressKind;
import dev.escalation.model.StaffId;
import dev.escalation.sla.Deadline;
import dev.escalation.sla.DeadlineState;
import dev.escalation.sla.SlaCalendar;
import dev.escalation.test.Scenario;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Deadlines derived from history, policy version, calendars and clock, with explanations. */
class SlaDeadlinesTest {

    private static Scenario world() {
        return Cast.world(b -> b.slaPolicy(V1));
    }

    private static Deadline deadline(Scenario w, EscalationId id, DueKind kind) {
        return w.engine().deadlines(SAM, id).stream()
                .filter(d -> d.kind() == kind)
                .findFirst()
                .orElseThrow();
    }

    @Test
    void aCriticalEscalationOnFridayAt1630HasItsFirstContactDeadlineOnMondayWithAnExplanation() {
        Scenario w = world();
        w.clock().set(berlin("2027-01-15T16:30"));
        EscalationId id = w.engine().escalate(INA, SlaFixtures.critical()).escalation();

        Deadline first = deadline(w, id, DueKind.FIRST_CONTACT);

        assertThat(first.dueAt()).isEqualTo(berlin("2027-01-18T09:30"));
        assertThat(first.warningAt()).contains(berlin("2027-01-18T09:15"));
        assertThat(first.state()).isEqualTo(DeadlineState.PENDING);
        assertThat(first.policy()).contains(V1.ref());
        assertThat(first.calendar()).contains(SlaCalendar.VENDOR_COVERAGE);
        assertThat(first.explain().end()).isEqualTo(first.dueAt());
        assertThat(first.render())
                .isEqualTo("due Mon 09:30 Europe/Berlin: escalated Fri 16:30; 30 min counted "
                        + "Friday; weekend skipped; 30 min counted Monday");
    }

    @Test
    void aPauseOfTwoHoursOnMondayShiftsTheResolutionDeadlineByTwoBusinessHours() {
        Scenario w = world();
        w.clock().set(berlin("2027-01-15T16:30"));
        EscalationId id = w.engine().escalate(INA, SlaFixtures.critical()).escalation();
        Deadline before = deadline(w, id, DueKind.RESOLUTION);
        w.clock().set(berlin("2027-01-18T09:10"));
        w.engine().acknowledge(SAM, new Acknowledge(id, StaffId.of("eve"), "Called Ina"));

        w.clock().set(berlin("2027-01-18T10:00"));
        w.engine().pauseClock(EVE, new PauseClock(id, "waiting for customer"));
        w.clock().set(berlin("2027-01-18T11:00"));
        Deadline whilePaused = deadline(w, id, DueKind.RESOLUTION);
        w.clock().set(berlin("2027-01-18T12:00"));
        w.engine().resumeClock(EVE, new ResumeClock(id, "logs received"));
        Deadline after = deadline(w, id, DueKind.RESOLUTION);

        assertThat(before.dueAt()).isEqualTo(berlin("2027-01-19T16:30")); // 30 min Fri + 8 h Mon + 7 h 30 Tue
        assertThat(whilePaused.paused()).isTrue();
        // a running pause counts up to now: one business hour so far
        assertThat(whilePaused.dueAt()).isEqualTo(berlin("2027-01-20T09:30"));
        assertThat(after.paused()).isFalse();
        assertThat(after.dueAt()).isEqualTo(berlin("2027-01-20T10:30"));
        assertThat(SlaFixtures.coverage().between(before.dueAt(), after.dueAt()))
                .isEqualTo(Duration.ofHours(2));
        assertThat(after.explain().paused()).isEqualTo(Duration.ofHours(2));
        assertThat(after.render())
                .isEqualTo(
                        "due Wed 10:30 Europe/Berlin: escalated Fri 16:30; 30 min counted "
                                + "Friday; weekend skipped; 1 h counted Monday; paused 2 h on Monday (waiting for customer); 5 h "
                                + "counted Monday; night skipped; 8 h counted Tuesday; night skipped; 1 h 30 min counted Wednesday");
    }

    @Test
    void theTimeAnEscalationStoodResolvedBeforeItWasReopenedDoesNotCount() {
        Scenario w = world();
        w.clock().set(berlin("2027-01-15T16:30"));
        EscalationId id = w.engine().escalate(INA, SlaFixtures.critical()).escalation();
        w.clock().set(berlin("2027-01-18T09:10"));
        w.engine().acknowledge(SAM, new Acknowledge(id, StaffId.of("eve"), "Called Ina"));
        w.engine()
                .agreePlan(EVE, new AgreePlan(id, Duration.ofDays(1), Channel.VIDEO_CALL, berlin("2027-01-18T12:00")));
        w.clock().set(berlin("2027-01-18T11:00"));
        w.engine().resolve(EVE, new dev.escalation.command.Resolve(id, "Fixed"));
        Deadline met = deadline(w, id, DueKind.RESOLUTION);
        w.clock().set(berlin("2027-01-18T14:00"));
        assertThat(deadline(w, id, DueKind.RESOLUTION)).isEqualTo(met);
        w.engine().reopen(INA, new dev.escalation.command.Reopen(id, "Down again"));

        Deadline reopened = deadline(w, id, DueKind.RESOLUTION);

        assertThat(met.state()).isEqualTo(DeadlineState.MET);
        assertThat(met.dueAt()).isEqualTo(berlin("2027-01-19T16:30"));
        assertThat(reopened.state()).isEqualTo(DeadlineState.PENDING);
        assertThat(reopened.dueAt()).isEqualTo(berlin("2027-01-20T11:30")); // three business hours later
        assertThat(reopened.render()).contains("paused 3 h on Monday (resolved until reopened)");
    }

    @Test
    void aHolidayIsSkippedAndNamedInTheExplanation() {
        Scenario w = Cast.world(
                b -> b.slaPolicy(V1).coverage(SlaFixtures.coverage(SlaFixtures.holiday("2027-01-18", "Company Day"))));
        w.clock().set(berlin("2027-01-15T16:30"));
        EscalationId id = w.engine().escalate(INA, SlaFixtures.critical()).escalation();

        Deadline first = deadline(w, id, DueKind.FIRST_CONTACT);

        assertThat(first.dueAt()).isEqualTo(berlin("2027-01-19T09:30"));
        assertThat(first.render())
                .isEqualTo("due Tue 09:30 Europe/Berlin: escalated Fri 16:30; 30 min counted "
                        + "Friday; weekend and public holiday Company Day skipped; 30 min counted Tuesday");
    }

    @Test
    void statesMoveFromPendingToWarnedToBreachedAndAcknowledgingInTimeMeetsFirstContact() {
        Scenario w = world();
        w.clock().set(berlin("2027-01-15T16:30"));
        EscalationId id = w.engine().escalate(INA, SlaFixtures.critical()).escalation();

        w.clock().set(berlin("2027-01-18T09:15"));
        assertThat(deadline(w, id, DueKind.FIRST_CONTACT).state()).isEqualTo(DeadlineState.WARNED);
        w.clock().set(berlin("2027-01-18T09:30"));
        assertThat(deadline(w, id, DueKind.FIRST_CONTACT).state()).isEqualTo(DeadlineState.BREACHED);

        Scenario inTime = world();
        inTime.clock().set(berlin("2027-01-15T16:30"));
        EscalationId other =
                inTime.engine().escalate(INA, SlaFixtures.critical()).escalation();
        inTime.clock().set(berlin("2027-01-18T09:20"));
        inTime.engine().acknowledge(SAM, new Acknowledge(other, StaffId.of("eve"), "Called Ina"));
        inTime.clock().set(berlin("2027-01-18T12:00"));
        Deadline met = deadline(inTime, other, DueKind.FIRST_CONTACT);
        assertThat(met.state()).isEqualTo(DeadlineState.MET);
        assertThat(met.metAt()).contains(berlin("2027-01-18T09:20"));
    }

    @Test
    void customersSeeOnlyCustomerFacingDeadlinesOfTheirOwnEscalations() {
        Scenario w = world();
        EscalationId id = Cast.acknowledged(w);
        w.engine()
                .agreePlan(
                        EVE,
                        new AgreePlan(
                                id,
                                Duration.ofDays(1),
                                Channel.VIDEO_CALL,
                                w.clock().instant().plus(Duration.ofHours(2))));

        assertThat(w.engine().deadlines(SAM, id))
                .extracting(Deadline::kind)
                .containsExactly(DueKind.FIRST_CONTACT, DueKind.RESOLUTION, DueKind.NEXT_MEETING);
        assertThat(w.engine().deadlines(INA, id))
                .extracting(Deadline::kind)
                .containsExactly(DueKind.FIRST_CONTACT, DueKind.NEXT_MEETING);
        assertThatThrownBy(() -> w.engine().deadlines(GIL, id)).isInstanceOf(EscalationNotFoundException.class);
        Deadline meeting = deadline(w, id, DueKind.NEXT_MEETING);
        assertThat(meeting.calendar()).isEmpty();
        assertThat(meeting.render())
                .isEqualTo("due Tue 12:00 Europe/Berlin: plan agreed Tue 10:00; 2 h counted " + "Tuesday");
    }

    @Test
    void aRunningEscalationKeepsItsPolicyVersionAfterThePolicyChanges() {
        Scenario w1 = world();
        w1.clock().set(berlin("2027-01-15T16:30"));
        EscalationId old = w1.engine().escalate(INA, SlaFixtures.critical()).escalation();

        Scenario w2 = Cast.world(
                b -> b.slaPolicy(V2).slaPolicies(V1).escalationIds(() -> EscalationId.of("E-new")), w1.store());
        w2.clock().set(berlin("2027-01-15T16:30"));
        EscalationId fresh = w2.engine()
                .escalate(
                        INA,
                        new dev.escalation.command.EscalateCase(
                                Cast.C2,
                                "Also down",
                                dev.escalation.model.Cause.DATABASE_OUTAGE,
                                dev.escalation.model.Criticality.CRITICAL,
                                null))
                .escalation();

        assertThat(Cast.stored(w1, old).policy()).contains(V1.ref());
        assertThat(deadline(w2, old, DueKind.FIRST_CONTACT).dueAt()).isEqualTo(berlin("2027-01-18T09:30"));
        assertThat(Cast.stored(w1, fresh).policy()).contains(V2.ref());
        // 30 min from Friday 16:30 end exactly at closing: Friday 17:00
        assertThat(deadline(w2, fresh, DueKind.FIRST_CONTACT).dueAt()).isEqualTo(berlin("2027-01-15T17:00"));
    }

    @Test
    void anEscalationUnderAnUnknownPolicyVersionFailsClearlyWhenRead() {
        Scenario w1 = world();
        EscalationId id = Cast.escalated(w1);
        Scenario w2 = Cast.world(b -> b.slaPolicy(V2), w1.store());

        assertThatThrownBy(() -> w2.engine().deadlines(SAM, id))
                .isInstanceOf(UnknownPolicyException.class)
                .hasMessageContaining("escalation " + id + " runs under SLA policy standard@1")
                .hasMessageContaining("slaPolicies")
                .satisfies(e -> assertThat(((UnknownPolicyException) e).code()).isEqualTo("UNKNOWN_POLICY"));
    }

    @Test
    void supportManagementMigratesARunningEscalationExplicitlyAndTheLogRecordsIt() {
        Scenario w = Cast.world(b -> b.slaPolicy(V2).slaPolicies(V1).policy(V1.ref()));
        w.clock().set(berlin("2027-01-15T16:30"));
        EscalationId id = w.engine().escalate(INA, SlaFixtures.critical()).escalation();
        assertThat(deadline(w, id, DueKind.FIRST_CONTACT).dueAt()).isEqualTo(berlin("2027-01-18T09:30"));

        assertThatThrownBy(() -> w.engine().operations().migratePolicy(EVE, id, V2.ref()))
                .isInstanceOf(NotAuthorizedException.class);
        assertThatThrownBy(() -> w.engine()
                        .operations()
                        .migratePolicy(SAM, id, new dev.escalation.model.PolicyRef("standard", 9)))
                .isInstanceOf(UnknownPolicyException.class);
        w.engine().operations().migratePolicy(HAL, id, V2.ref());

        assertThat(Cast.stored(w, id).policy()).contains(V2.ref());
        assertThat(deadline(w, id, DueKind.FIRST_CONTACT).dueAt()).isEqualTo(berlin("2027-01-15T17:00"));
        assertThat(Cast.lastEntry(w, id)).satisfies(e -> {
            assertThat(e.kind()).isEqualTo(ProgressKind.POLICY_MIGRATED);
            assertThat(e.text()).isEmpty();
            assertThat(e.params())
                    .containsExactly(
                            Map.entry("from", new EntryParam.Ref("standard@1")),
                            Map.entry("to", new EntryParam.Ref("standard@2")));
            assertThat(e.visibility()).isEqualTo(dev.escalation.model.Visibility.INTERNAL);
        });
        assertThat(w.engine().timeline(INA, id, PageRequest.first(10)).items())
                .extracting(TimelineEntry::kind)
                .doesNotContain(ProgressKind.POLICY_MIGRATED);
    }

    @Test
    void aCalendarChangeIsRecordedInOpenEscalationsAndAppliesToTheirDeadlinesFromThenOn() {
        Scenario before = world();
        before.clock().set(berlin("2027-01-15T16:30"));
        EscalationId id = before.engine().escalate(INA, SlaFixtures.critical()).escalation();
        assertThat(deadline(before, id, DueKind.FIRST_CONTACT).dueAt()).isEqualTo(berlin("2027-01-18T09:30"));

        // the host deploys new calendar data (Monday becomes a company holiday) and records it
        Scenario after = Cast.world(
                b -> b.slaPolicy(V1).coverage(SlaFixtures.coverage(SlaFixtures.holiday("2027-01-18", "Company Day"))),
                before.store());
        after.clock().set(berlin("2027-01-15T17:30"));
        assertThatThrownBy(() -> after.engine().operations().recordCalendarChange(INA, "x"))
                .isInstanceOf(NotAuthorizedException.class);
        List<EscalationId> recorded =
                after.engine().operations().recordCalendarChange(SAM, "company holiday on 18 January");

        assertThat(recorded).containsExactly(id);
        assertThat(Cast.lastEntry(before, id)).satisfies(e -> {
            assertThat(e.kind()).isEqualTo(ProgressKind.CALENDAR_CHANGED);
            assertThat(e.text()).contains("company holiday on 18 January");
        });
        assertThat(deadline(after, id, DueKind.FIRST_CONTACT).dueAt()).isEqualTo(berlin("2027-01-19T09:30"));
        // its due work was re-planned with the new data: the breach step moved from Monday to Tuesday
        assertThat(before.store().dueWork().due(berlin("2027-12-31T00:00"), 50))
                .filteredOn(d -> d.kind() == DueKind.FIRST_CONTACT && d.step().equals("breach"))
                .extracting(dev.escalation.spi.DueItem::dueAt)
                .containsExactly(berlin("2027-01-19T09:30"));
    }

    @Test
    void theStoredNextDeadlineIsTheEarliestUnmetDeadlineAndListsShowIt() {
        Scenario w = world();
        w.clock().set(berlin("2027-01-15T16:30"));
        EscalationId id = w.engine().escalate(INA, SlaFixtures.critical()).escalation();
        assertThat(Cast.stored(w, id).facts().nextDeadline())
                .contains(new DeadlineMark(DueKind.FIRST_CONTACT, berlin("2027-01-18T09:30")));

        w.clock().set(berlin("2027-01-18T09:10"));
        w.engine().acknowledge(SAM, new Acknowledge(id, StaffId.of("eve"), "Called Ina"));
        assertThat(Cast.stored(w, id).facts().nextDeadline())
                .contains(new DeadlineMark(DueKind.RESOLUTION, berlin("2027-01-19T16:30")));
        assertThat(Cast.stored(w, id).facts().acknowledgedAt()).contains(berlin("2027-01-18T09:10"));

        w.engine()
                .agreePlan(EVE, new AgreePlan(id, Duration.ofDays(1), Channel.VIDEO_CALL, berlin("2027-01-18T12:00")));
        assertThat(Cast.stored(w, id).facts().nextDeadline())
                .contains(new DeadlineMark(DueKind.NEXT_MEETING, berlin("2027-01-18T12:00")));
        assertThat(w.engine()
                        .operations()
                        .inbox(SAM, java.util.Set.of(), PageRequest.first(10))
                        .items())
                .singleElement()
                .satisfies(s -> {
                    assertThat(s.nextDeadline())
                            .contains(new DeadlineMark(DueKind.NEXT_MEETING, berlin("2027-01-18T12:00")));
                    assertThat(s.nextMeetingAt()).contains(berlin("2027-01-18T12:00"));
                });

        // a meeting held moves the next meeting a period on; the resolution deadline is earlier then
        w.clock().set(berlin("2027-01-18T12:05"));
        w.engine()
                .logProgress(
                        EVE,
                        new dev.escalation.command.LogProgress(
                                id,
                                dev.escalation.command.LogProgress.Kind.MEETING_HELD,
                                "met",
                                dev.escalation.model.Visibility.CUSTOMER));
        assertThat(Cast.stored(w, id).facts().lastMeetingHeldAt()).contains(berlin("2027-01-18T12:05"));
        assertThat(Cast.stored(w, id).facts().nextMeetingAt()).contains(berlin("2027-01-19T12:05"));
        assertThat(Cast.stored(w, id).facts().nextDeadline())
                .contains(new DeadlineMark(DueKind.NEXT_MEETING, berlin("2027-01-19T12:05")));

        // while paused the stored deadline is as it stood at the write; once resumed it moves by the pause
        w.clock().set(berlin("2027-01-18T13:00"));
        w.engine().pauseClock(EVE, new PauseClock(id, "waiting"));
        assertThat(Cast.stored(w, id).facts().pausedSince()).contains(berlin("2027-01-18T13:00"));
        assertThat(Cast.stored(w, id).facts().pauseReason()).contains("waiting");
        w.clock().set(berlin("2027-01-18T15:00"));
        w.engine().resumeClock(EVE, new ResumeClock(id, null));
        assertThat(Cast.stored(w, id).facts().pausedSince()).isEmpty();
        assertThat(Cast.stored(w, id).facts().excluded())
                .containsExactly(new dev.escalation.spi.ExcludedSpan(
                        berlin("2027-01-18T13:00"),
                        berlin("2027-01-18T15:00"),
                        dev.escalation.spi.ExcludedSpan.Kind.PAUSED,
                        java.util.Optional.of("waiting")));
        assertThat(deadline(w, id, DueKind.RESOLUTION).dueAt()).isEqualTo(berlin("2027-01-20T10:30"));

        w.engine().resolve(EVE, new dev.escalation.command.Resolve(id, "Fixed"));
        assertThat(Cast.stored(w, id).facts().nextDeadline()).isEmpty();
        assertThat(Cast.stored(w, id).facts().resolvedAt()).contains(berlin("2027-01-18T15:00"));
    }
}
