package dev.escalation.test.engine;

import static dev.escalation.test.engine.Cast.EVE;
import static dev.escalation.test.engine.Cast.SAM;
import static dev.escalation.test.engine.SlaFixtures.berlin;
import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.command.AgreePlan;
import dev.escalation.command.LogProgress;
import dev.escalation.model.Channel;
import dev.escalation.model.DueKind;
import dev.escalation.model.EntryParam;
import dev.escalation.model.EscalationId;
import dev.escalation.model.NotificationKind;
import dev.escalation.model.Visibility;
import dev.escalation.sla.Deadline;
import dev.escalation.spi.Notification;
import dev.escalation.test.Scenario;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The next meeting of a plan that repeats in whole days keeps the meeting's local time in the vendor's zone (the zone
 * of the plan's iCalendar series) across a daylight-saving switch: "daily at 10:00" is at 10:00 on the day after the
 * switch too, as the invitation's {@code RRULE} shows it, not 23 or 25 hours after the last meeting. Before, the next
 * meeting was the last one plus the period in elapsed time, so in the week after the autumn switch the reminder came
 * an hour early and a missed-meeting breach fired half an hour before the meeting began.
 */
class MeetingCadenceAcrossDstTest {

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
}
