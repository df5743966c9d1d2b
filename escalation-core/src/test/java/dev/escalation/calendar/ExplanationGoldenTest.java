package dev.escalation.calendar;

import static dev.escalation.calendar.TestCalendars.berlin;
import static dev.escalation.calendar.TestCalendars.newYork;
import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.calendar.Explanation.Step;
import dev.escalation.calendar.Explanation.StepKind;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Golden texts: the rendering of named cases is pinned word for word. */
class ExplanationGoldenTest {

    private final BusinessCalendar berlin = TestCalendars.berlin();

    @Test
    void fridayShortlyBeforeClosing() {
        Explanation e = berlin.explainPlus(berlin("2027-01-15T16:30"), Duration.ofHours(4));
        assertThat(e.render("escalated"))
                .isEqualTo("due Mon 12:30 Europe/Berlin: escalated Fri 16:30; "
                        + "30 min counted Friday; weekend skipped; 3 h 30 min counted Monday");
        assertThat(e.steps())
                .extracting(Step::kind)
                .containsExactly(
                        StepKind.COUNTED,
                        StepKind.OUTSIDE_HOURS,
                        StepKind.WEEKEND,
                        StepKind.OUTSIDE_HOURS,
                        StepKind.COUNTED);
        assertThat(e.counted()).isEqualTo(Duration.ofHours(4));
    }

    @Test
    void fridayShortlyAfterClosing() {
        Explanation e = berlin.explainPlus(berlin("2027-01-15T17:05"), Duration.ofHours(1));
        assertThat(e.render("escalated"))
                .isEqualTo("due Mon 10:00 Europe/Berlin: escalated Fri 17:05; weekend skipped; 1 h counted Monday");
    }

    @Test
    void fridayEndingExactlyAtClosing() {
        Explanation e = berlin.explainPlus(berlin("2027-01-15T16:00"), Duration.ofHours(1));
        assertThat(e.render("escalated"))
                .isEqualTo("due Fri 17:00 Europe/Berlin: escalated Fri 16:00; 1 h counted Friday");
    }

    @Test
    void easterMonday() {
        Explanation e = berlin.explainPlus(berlin("2027-03-25T16:00"), Duration.ofHours(2));
        assertThat(e.render("escalated"))
                .isEqualTo("due Tue 10:00 Europe/Berlin: escalated Thu 16:00; "
                        + "1 h counted Thursday; public holiday Good Friday, weekend and public holiday Easter Monday skipped; "
                        + "1 h counted Tuesday");
        assertThat(e.steps())
                .filteredOn(s -> s.kind() == StepKind.HOLIDAY)
                .extracting(Step::reason)
                .containsExactly("public holiday: Good Friday", "public holiday: Easter Monday");
    }

    @Test
    void germanUnityDay() {
        Explanation e = berlin.explainPlus(berlin("2028-10-02T15:00"), Duration.ofHours(4));
        assertThat(e.render("escalated"))
                .isEqualTo("due Wed 11:00 Europe/Berlin: escalated Mon 15:00; "
                        + "2 h counted Monday; public holiday German Unity Day skipped; 2 h counted Wednesday");
    }

    @Test
    void christmasEveAfternoon() {
        Explanation e = berlin.explainPlus(berlin("2026-12-24T11:00"), Duration.ofHours(2));
        assertThat(e.render("escalated"))
                .isEqualTo("due Mon 10:00 Europe/Berlin: escalated Thu 11:00; "
                        + "1 h counted Thursday; public holiday Christmas Eve (closed from 12:00), public holiday Christmas Day, "
                        + "public holiday Boxing Day and weekend skipped; 1 h counted Monday");
        Step afternoon = e.steps().get(1);
        assertThat(afternoon.kind()).isEqualTo(StepKind.HOLIDAY);
        assertThat(afternoon.from()).isEqualTo(berlin("2026-12-24T12:00"));
        assertThat(afternoon.to()).isEqualTo(berlin("2026-12-25T00:00"));
    }

    /** The day's last window closes before the holiday's closing time: the hour between is outside hours. */
    @Test
    void christmasEveAfterAMorningThatClosedBeforeNoon() {
        Explanation e = TestCalendars.berlinMornings().explainPlus(berlin("2026-12-24T10:00"), Duration.ofHours(2));
        assertThat(e.render("escalated"))
                .isEqualTo("due Mon 09:00 Europe/Berlin: escalated Thu 10:00; 1 h counted Thursday; "
                        + "public holiday Christmas Eve (closed from 12:00), public holiday Christmas Day, "
                        + "public holiday Boxing Day and weekend skipped; 1 h counted Monday");
        assertThat(e.steps().subList(0, 3))
                .extracting(Step::kind, Step::from, Step::to)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                StepKind.COUNTED, berlin("2026-12-24T10:00"), berlin("2026-12-24T11:00")),
                        org.assertj.core.groups.Tuple.tuple(
                                StepKind.OUTSIDE_HOURS, berlin("2026-12-24T11:00"), berlin("2026-12-24T12:00")),
                        org.assertj.core.groups.Tuple.tuple(
                                StepKind.HOLIDAY, berlin("2026-12-24T12:00"), berlin("2026-12-25T00:00")));
        Instant cursor = e.start();
        for (Step s : e.steps()) {
            assertThat(s.from()).as("%s follows the step before", s).isEqualTo(cursor);
            cursor = s.to();
        }
        assertThat(cursor).isEqualTo(e.end());
    }

    /** Weekday names alone up to just under six days; from exactly six days on, dates are added. */
    @Test
    void datesAreAddedFromExactlySixDaysOn() {
        BusinessCalendar always = TestCalendars.berlin24x7();
        Instant mon = berlin("2027-01-11T09:00");
        assertThat(always.explainPlus(mon, Duration.ofDays(6)).render())
                .isEqualTo("due Sun 2027-01-17 09:00 Europe/Berlin: start Mon 2027-01-11 09:00; "
                        + "144 h counted Monday 2027-01-11–Sunday 2027-01-17");
        assertThat(always.explainPlus(mon, Duration.ofDays(6).minusSeconds(1)).render())
                .isEqualTo("due Sun 08:59 Europe/Berlin: start Mon 09:00; 143 h 59 min 59 s counted Monday–Sunday");
    }

    @Test
    void theNightOfTheSpringForwardSwitch() {
        Explanation e = TestCalendars.berlin24x7().explainPlus(berlin("2027-03-27T22:00"), Duration.ofHours(6));
        assertThat(e.render()).isEqualTo("due Sun 05:00 Europe/Berlin: start Sat 22:00; 6 h counted Saturday–Sunday");
    }

    @Test
    void theNightOfTheFallBackSwitchWithNightWindows() {
        Explanation e = TestCalendars.berlinNights().explainPlus(berlin("2027-10-30T23:00"), Duration.ofHours(5));
        // 23:00–24:00 (1 h) + 01:00–04:00 local, which is 4 real hours because 02:00–03:00 happens twice
        assertThat(e.render())
                .isEqualTo(
                        "due Sun 04:00 Europe/Berlin: start Sat 23:00; 1 h counted Saturday; closed 00:00–01:00 skipped; "
                                + "4 h counted Sunday");
        assertThat(e.end()).isEqualTo(berlin("2027-10-31T04:00"));
    }

    @Test
    void aWeekendAcrossTheSpringForwardSwitch() {
        Explanation e = berlin.explainPlus(berlin("2026-03-27T16:00"), Duration.ofHours(2));
        assertThat(e.render("escalated"))
                .isEqualTo("due Mon 10:00 Europe/Berlin: escalated Fri 16:00; 1 h counted Friday; weekend skipped; "
                        + "1 h counted Monday");
    }

    @Test
    void aUsCustomerAtNineNewYork() {
        Explanation e = TestCalendars.newYork().explainPlus(newYork("2026-11-25T09:00"), Duration.ofHours(16));
        assertThat(e.render("escalated"))
                .isEqualTo("due Fri 17:00 America/New_York: escalated Wed 09:00; "
                        + "8 h counted Wednesday; public holiday Thanksgiving Day skipped; 8 h counted Friday");
    }

    @Test
    void aPauseOnMonday() {
        Instant escalated = berlin("2027-01-15T16:30");
        List<Interval> pauses =
                List.of(Interval.of(berlin("2027-01-18T12:00"), berlin("2027-01-18T14:00"), "waiting for customer"));
        Explanation e = berlin.explainPlus(escalated, Duration.ofHours(8), pauses);
        assertThat(e.render("escalated"))
                .isEqualTo("due Tue 10:30 Europe/Berlin: escalated Fri 16:30; "
                        + "30 min counted Friday; weekend skipped; 3 h counted Monday; "
                        + "paused 2 h on Monday (waiting for customer); 3 h counted Monday; night skipped; "
                        + "1 h 30 min counted Tuesday");
        assertThat(e.paused()).isEqualTo(Duration.ofHours(2));
        assertThat(e.counted()).isEqualTo(Duration.ofHours(8));
    }

    @Test
    void aLunchBreak() {
        Explanation e = TestCalendars.berlinWithLunch().explainPlus(berlin("2027-01-13T11:00"), Duration.ofHours(2));
        assertThat(e.render())
                .isEqualTo(
                        "due Wed 14:00 Europe/Berlin: start Wed 11:00; 1 h counted Wednesday; closed 12:00–13:00 skipped; "
                                + "1 h counted Wednesday");
    }

    @Test
    void nothingToCount() {
        Explanation e = berlin.explainPlus(berlin("2027-01-16T11:00"), Duration.ZERO);
        assertThat(e.render()).isEqualTo("due Sat 11:00 Europe/Berlin: start Sat 11:00; nothing to count");
        assertThat(e.steps()).isEmpty();
    }

    @Test
    void longExplanationsCarryDates() {
        Explanation e = berlin.explainPlus(berlin("2027-01-15T16:30"), Duration.ofHours(40));
        assertThat(e.render())
                .startsWith(
                        "due Fri 2027-01-22 16:30 Europe/Berlin: start Fri 2027-01-15 16:30; "
                                + "30 min counted Friday 2027-01-15; weekend skipped; 8 h counted Monday 2027-01-18; night skipped;");
    }

    @Test
    void stepsPartitionTheExplainedSpan() {
        Explanation e = berlin.explainPlus(berlin("2026-12-23T10:00"), Duration.ofHours(30));
        assertThat(e.steps().get(0).from()).isEqualTo(e.start());
        assertThat(e.steps().get(e.steps().size() - 1).to()).isEqualTo(e.end());
        for (int i = 1; i < e.steps().size(); i++) {
            assertThat(e.steps().get(i).from()).isEqualTo(e.steps().get(i - 1).to());
        }
    }

    @Test
    void durationsAreFormattedInHoursMinutesAndSeconds() {
        assertThat(Explanation.formatDuration(Duration.ofMinutes(210))).isEqualTo("3 h 30 min");
        assertThat(Explanation.formatDuration(Duration.ofHours(26))).isEqualTo("26 h");
        assertThat(Explanation.formatDuration(Duration.ofSeconds(45))).isEqualTo("45 s");
        assertThat(Explanation.formatDuration(Duration.ZERO)).isEqualTo("0 min");
    }
}
