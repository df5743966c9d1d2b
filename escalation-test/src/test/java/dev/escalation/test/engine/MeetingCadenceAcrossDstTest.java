package dev.escalation.test.engine;

import static dev.escalation.test.engine.Cast.EVE;
import static dev.escalation.test.engine.Cast.SAM;
import static dev.escalation.test.engine.SlaFixtures.berlin;
import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.command.AgreePlan;
import dev.escalation.command.LogProgress;
import dev.escalation.model.Channel;
import dev.escalation.model.CommunicationPlan;
import dev.escalation.model.DueKind;
import dev.escalation.model.EntryParam;
import dev.escalation.model.EscalationId;
import dev.escalation.model.NotificationKind;
import dev.escalation.model.Visibility;
import dev.escalation.sla.Deadline;
import dev.escalation.spi.MeetingInvite;
import dev.escalation.spi.Notification;
import dev.escalation.spi.UnitOfWork;
import dev.escalation.test.Records;
import dev.escalation.test.Scenario;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The next meeting of a plan that repeats in whole days keeps the meeting's local time in the zone of the plan's
 * iCalendar series across a daylight-saving switch: "daily at 10:00" is at 10:00 on the day after the switch too, as
 * the invitation's {@code RRULE} shows it, not 23 or 25 hours after the last meeting. Before, the next meeting was the
 * last one plus the period in elapsed time, so in the week after the autumn switch the reminder came an hour early and
 * a missed-meeting breach fired half an hour before the meeting began.
 *
 * <p>The series' zone is the customer side's (the Incident Manager's own zone, else the account's default, else the
 * vendor's), recorded with the plan. Before, it was always the vendor's: a New York Incident Manager who agreed
 * "daily at 10:00" with a Berlin vendor saw the meeting (and its deadline) move by an hour in the weeks when US and EU
 * daylight saving differ.
 */
class MeetingCadenceAcrossDstTest {
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    private static Instant newYork(String localDateTime) {
        return ZonedDateTime.of(LocalDateTime.parse(localDateTime), NEW_YORK).toInstant();
    }

    /** Ina (America/New_York) and eve (Berlin vendor) agree "daily at 10:00 New York time" from {@code first}. */
    private static EscalationId newYorkPlan(Scenario w, String now, String first) {
        Cast.zone(w, "ina", NEW_YORK);
        w.clock().set(newYork(now));
        return activeWithPlan(w, Duration.ofDays(1), newYork(first));
    }

    private static Deadline nextMeetingDeadline(Scenario w, EscalationId id) {
        return w.engine().deadlines(SAM, id).stream()
                .filter(d -> d.kind() == DueKind.NEXT_MEETING)
                .findFirst()
                .orElseThrow();
    }

    private static EscalationId activeWithPlan(Scenario w, Duration every, Instant first) {
        EscalationId id = Cast.acknowledged(w);
        w.engine().agreePlan(EVE, new AgreePlan(id, every, Channel.VIDEO_CALL, first));
        return id;
    }

    private static void meetingHeld(Scenario w, EscalationId id) {
        w.engine().logProgress(EVE, new LogProgress(id, LogProgress.Kind.MEETING_HELD, "met", Visibility.CUSTOMER));
    }

    private static Instant nextMeeting(Scenario w, EscalationId id) {
        return w.engine().deadlines(SAM, id).stream()
                .filter(d -> d.kind() == DueKind.NEXT_MEETING)
                .map(Deadline::dueAt)
                .findFirst()
                .orElseThrow();
    }

    @Test
    void aDailyMeetingHeldTheDayBeforeTheAutumnSwitchIsNextDueAtTheSameLocalTime() {
        Scenario w = Cast.world(b -> b.slaPolicy(ContactTargetTest.CONTACT)); // missed after 30 minutes
        w.clock().set(berlin("2027-10-29T09:00")); // Friday; the clocks go back on Sunday 31 October
        EscalationId id = activeWithPlan(w, Duration.ofDays(1), berlin("2027-10-30T10:00"));

        w.clock().set(berlin("2027-10-30T10:00")); // Saturday 10:00 CEST
        meetingHeld(w, id);

        Instant sundayTen = berlin("2027-10-31T10:00"); // 10:00 CET, 25 hours later
        assertThat(nextMeeting(w, id)).isEqualTo(sundayTen);
        assertThat(Cast.stored(w, id).facts().nextMeetingAt()).contains(sundayTen);

        // no reminder at 09:00 CET and no missed meeting at 09:30 CET: the meeting is at 10:00
        w.engine().deliverPending();
        int before = w.notifier().delivered().size();
        w.clock().set(berlin("2027-10-31T09:45"));
        w.engine().processDueWork();
        w.engine().deliverPending();
        assertThat(w.notifier()
                        .delivered()
                        .subList(before, w.notifier().delivered().size()))
                .isEmpty();

        w.clock().set(berlin("2027-10-31T10:30"));
        w.engine().processDueWork();
        w.engine().deliverPending();
        List<Notification> after = w.notifier()
                .delivered()
                .subList(before, w.notifier().delivered().size());
        assertThat(after)
                .filteredOn(n -> n.kind() == NotificationKind.REMINDER)
                .isNotEmpty()
                .allSatisfy(n -> assertThat(n.params()).containsEntry("dueAt", new EntryParam.At(sundayTen)));
        assertThat(after)
                .filteredOn(n -> n.kind() == NotificationKind.DEADLINE_BREACHED)
                .singleElement()
                .satisfies(n -> assertThat(n.params()).containsEntry("step", new EntryParam.Code("missed")));
    }

    @Test
    void aDailyMeetingHeldTheDayBeforeTheSpringSwitchIsNextDueAtTheSameLocalTime() {
        Scenario w = Cast.world(b -> b.slaPolicy(ContactTargetTest.CONTACT));
        w.clock().set(berlin("2027-03-26T09:00")); // Friday; the clocks go forward on Sunday 28 March
        EscalationId id = activeWithPlan(w, Duration.ofDays(1), berlin("2027-03-27T10:00"));

        w.clock().set(berlin("2027-03-27T10:00")); // Saturday 10:00 CET
        meetingHeld(w, id);

        assertThat(nextMeeting(w, id)).isEqualTo(berlin("2027-03-28T10:00")); // 10:00 CEST, 23 hours later
        assertThat(Cast.stored(w, id).facts().nextMeetingAt()).contains(berlin("2027-03-28T10:00"));
    }

    @Test
    void aWeeklyMeetingAcrossTheSwitchKeepsItsLocalTimeAndAnHourlyOneItsPeriod() {
        Scenario w = Cast.world(b -> b.slaPolicy(ContactTargetTest.CONTACT));
        w.clock().set(berlin("2027-10-28T09:00"));
        EscalationId weekly = activeWithPlan(w, Duration.ofDays(7), berlin("2027-10-29T14:00"));
        w.clock().set(berlin("2027-10-29T14:05")); // held five minutes late: the next one a week after that
        meetingHeld(w, weekly);
        assertThat(nextMeeting(w, weekly)).isEqualTo(berlin("2027-11-05T14:05"));

        // a period of hours is elapsed time: 02:30 CEST + 1 h is 02:30 CET on the night the clocks go back
        Scenario h = Cast.world(b -> b.slaPolicy(ContactTargetTest.CONTACT));
        h.clock().set(berlin("2027-10-30T23:00"));
        EscalationId hourly = activeWithPlan(h, Duration.ofHours(1), berlin("2027-10-31T00:00"));
        Instant firstHalfPastTwo = Instant.parse("2027-10-31T00:30:00Z"); // 02:30 CEST
        h.clock().set(firstHalfPastTwo);
        meetingHeld(h, hourly);
        assertThat(nextMeeting(h, hourly)).isEqualTo(Instant.parse("2027-10-31T01:30:00Z")); // 02:30 CET
    }

    @Test
    void aNewYorkDailyMeetingIsNextDueAtTenNewYorkTimeAcrossTheUsSpringSwitch() {
        Scenario w = Cast.world(b -> b.slaPolicy(ContactTargetTest.CONTACT));
        EscalationId id = newYorkPlan(w, "2026-03-05T09:00", "2026-03-06T10:00");
        assertThat(Cast.stored(w, id).plan().orElseThrow().zone()).contains(NEW_YORK);

        w.clock().set(newYork("2026-03-07T10:00")); // Saturday 10:00 EST; the US switches on Sunday 8 March
        meetingHeld(w, id);
        Instant sundayTen = newYork("2026-03-08T10:00"); // 10:00 EDT, 23 hours later; Berlin still on CET
        assertThat(nextMeeting(w, id)).isEqualTo(sundayTen);
        assertThat(Cast.stored(w, id).facts().nextMeetingAt()).contains(sundayTen);
        Deadline d = nextMeetingDeadline(w, id);
        assertThat(d.explanation().zone())
                .as("the explanation counts in the series' zone")
                .isEqualTo(NEW_YORK);
        assertThat(d.explanation().end()).isEqualTo(sundayTen);

        w.clock().set(newYork("2026-03-08T10:00"));
        meetingHeld(w, id);
        assertThat(nextMeeting(w, id)).isEqualTo(newYork("2026-03-09T10:00"));

        // the gap week ends when Berlin switches on Sunday 29 March: still 10:00 New York time
        w.clock().set(newYork("2026-03-28T10:00"));
        meetingHeld(w, id);
        assertThat(nextMeeting(w, id)).isEqualTo(newYork("2026-03-29T10:00"));
    }

    @Test
    void aNewYorkDailyMeetingIsNextDueAtTenNewYorkTimeAcrossTheAutumnGapWeek() {
        Scenario w = Cast.world(b -> b.slaPolicy(ContactTargetTest.CONTACT));
        EscalationId id = newYorkPlan(w, "2026-10-22T09:00", "2026-10-23T10:00");

        w.clock().set(newYork("2026-10-24T10:00")); // Saturday 10:00 EDT; Berlin goes back on Sunday 25 October
        meetingHeld(w, id);
        assertThat(nextMeeting(w, id)).isEqualTo(newYork("2026-10-25T10:00"));

        w.clock().set(newYork("2026-10-31T10:00")); // Saturday 10:00 EDT; the US goes back on Sunday 1 November
        meetingHeld(w, id);
        Instant sundayTen = newYork("2026-11-01T10:00"); // 10:00 EST, 25 hours later
        assertThat(nextMeeting(w, id)).isEqualTo(sundayTen);

        // no reminder and no missed meeting before 10:00 New York time
        w.engine().deliverPending();
        int before = w.notifier().delivered().size();
        w.clock().set(newYork("2026-11-01T09:45"));
        w.engine().processDueWork();
        w.engine().deliverPending();
        assertThat(w.notifier()
                        .delivered()
                        .subList(before, w.notifier().delivered().size()))
                .isEmpty();
        w.clock().set(newYork("2026-11-01T10:01"));
        w.engine().processDueWork();
        w.engine().deliverPending();
        assertThat(w.notifier()
                        .delivered()
                        .subList(before, w.notifier().delivered().size()))
                .filteredOn(n -> n.kind() == NotificationKind.REMINDER)
                .isNotEmpty()
                .allSatisfy(n -> assertThat(n.params()).containsEntry("dueAt", new EntryParam.At(sundayTen)));
    }

    @Test
    void theInvitationRepeatsInTheIncidentManagersZone() {
        Scenario w = Cast.world(b -> b.slaPolicy(ContactTargetTest.CONTACT));
        newYorkPlan(w, "2026-03-05T09:00", "2026-03-06T10:00");
        w.engine().deliverPending();
        assertThat(w.notifier().delivered())
                .filteredOn(n -> n.kind() == NotificationKind.MEETING_SERIES_INVITATION)
                .hasSize(2)
                .allSatisfy(n -> assertThat(
                                n.invite().flatMap(MeetingInvite::recurrence).map(MeetingInvite.Recurrence::zone))
                        .contains(NEW_YORK));
    }

    @Test
    void withoutAZoneOfItsOwnTheAccountsDefaultZoneIsTheSeriesZone() {
        Scenario w = Cast.world(b -> b.slaPolicy(ContactTargetTest.CONTACT));
        dev.escalation.spi.CustomerAccount acme = w.customerDirectory()
                .account(dev.escalation.model.CustomerId.of("acme"))
                .orElseThrow();
        w.customerDirectory()
                .add(new dev.escalation.spi.CustomerAccount(
                        acme.id(),
                        acme.name(),
                        acme.contractCalendar(),
                        Optional.empty(),
                        Optional.of(NEW_YORK),
                        acme.tier()));
        w.clock().set(newYork("2026-03-05T09:00"));
        EscalationId id = activeWithPlan(w, Duration.ofDays(1), newYork("2026-03-06T10:00"));
        assertThat(Cast.stored(w, id).plan().orElseThrow().zone()).contains(NEW_YORK);
        w.clock().set(newYork("2026-03-07T10:00"));
        meetingHeld(w, id);
        assertThat(nextMeeting(w, id)).isEqualTo(newYork("2026-03-08T10:00"));
    }

    @Test
    void aLaterChangeOfTheContactsZoneMovesTheSeriesOnlyWhenThePlanIsAmended() {
        Scenario w = Cast.world(b -> b.slaPolicy(ContactTargetTest.CONTACT));
        EscalationId id = newYorkPlan(w, "2026-03-05T09:00", "2026-03-06T10:00");
        Cast.zone(w, "ina", Cast.BERLIN); // Ina moves to Berlin
        w.clock().set(newYork("2026-03-07T10:00"));
        meetingHeld(w, id);
        assertThat(nextMeeting(w, id)).as("the stored zone wins").isEqualTo(newYork("2026-03-08T10:00"));

        w.engine()
                .amendPlan(
                        EVE,
                        new dev.escalation.command.AmendPlan(
                                id, Duration.ofDays(1), Channel.VIDEO_CALL, newYork("2026-03-09T10:00"), "moved"));
        assertThat(Cast.stored(w, id).plan().orElseThrow().zone()).contains(Cast.BERLIN);
    }

    @Test
    void aPlanStoredWithoutAZoneKeepsTheVendorsZone() {
        Scenario w = Cast.world(b -> b.slaPolicy(ContactTargetTest.CONTACT));
        EscalationId id = newYorkPlan(w, "2026-03-05T09:00", "2026-03-06T10:00");
        // as stored before the zone was: the same plan without it
        w.store().changeForVendor(id, cur -> {
            CommunicationPlan p = cur.plan().orElseThrow();
            CommunicationPlan old = new CommunicationPlan(
                    p.frequency(),
                    p.channel(),
                    p.firstMeetingAt(),
                    p.agreedAt(),
                    p.customerSide(),
                    p.vendorSide(),
                    p.agreement());
            var write = Records.change(cur)
                    .at(cur.updatedAt())
                    .with(b -> b.plan(Optional.of(old)))
                    .build();
            return UnitOfWork.Decision.write(write, write);
        });
        assertThat(Cast.stored(w, id).plan().orElseThrow().zone()).isEmpty();

        w.clock().set(berlin("2026-03-28T16:00")); // held at 16:00 CET, 11:00 EDT
        meetingHeld(w, id);
        assertThat(nextMeeting(w, id)).isEqualTo(berlin("2026-03-29T16:00")); // 16:00 CEST, 10:00 EDT
    }
}
