package dev.escalation.calendar;

import static dev.escalation.calendar.TestCalendars.berlin;
import static dev.escalation.calendar.TestCalendars.newYork;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.escalation.model.CalendarSpec;
import dev.escalation.model.OpeningHours;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BusinessCalendarArithmeticTest {

    private final BusinessCalendar cal = TestCalendars.berlin();

    @Test
    void addingInsideOneWindowStaysOnTheSameDay() {
        assertThat(cal.plus(berlin("2027-01-13T10:00"), Duration.ofHours(2))).isEqualTo(berlin("2027-01-13T12:00"));
    }

    @Test
    void aResultThatUsesUpTheWindowExactlyIsTheClosingInstant() {
        assertThat(cal.plus(berlin("2027-01-15T16:00"), Duration.ofHours(1))).isEqualTo(berlin("2027-01-15T17:00"));
        assertThat(cal.isOpen(berlin("2027-01-15T17:00"))).isFalse();
    }

    @Test
    void addingAtTheClosingMinuteStartsAtTheNextOpening() {
        assertThat(cal.plus(berlin("2027-01-15T17:00"), Duration.ofMinutes(30))).isEqualTo(berlin("2027-01-18T09:30"));
        assertThat(cal.plus(berlin("2027-01-15T16:59"), Duration.ofMinutes(30))).isEqualTo(berlin("2027-01-18T09:29"));
    }

    @Test
    void addingZeroReturnsTheStartEvenWhenClosed() {
        Instant saturday = berlin("2027-01-16T11:00");
        assertThat(cal.plus(saturday, Duration.ZERO)).isEqualTo(saturday);
    }

    @Test
    void negativeDurationsAreRefused() {
        assertThatThrownBy(() -> cal.plus(berlin("2027-01-13T10:00"), Duration.ofMinutes(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("negative");
    }

    @Test
    void betweenCountsOnlyOpenTimeAndIsNegativeWhenReversed() {
        Instant fri = berlin("2027-01-15T16:30");
        Instant mon = berlin("2027-01-18T10:00");
        assertThat(cal.between(fri, mon)).isEqualTo(Duration.ofMinutes(90));
        assertThat(cal.between(mon, fri)).isEqualTo(Duration.ofMinutes(-90));
        assertThat(cal.between(fri, fri)).isZero();
    }

    @Test
    void nextOpeningIsTheInstantItselfWhenOpen() {
        Instant open = berlin("2027-01-13T10:00");
        assertThat(cal.nextOpening(open)).isEqualTo(open);
        assertThat(cal.nextOpening(berlin("2027-01-15T17:00"))).isEqualTo(berlin("2027-01-18T09:00"));
        assertThat(cal.nextOpening(berlin("2027-01-13T08:59"))).isEqualTo(berlin("2027-01-13T09:00"));
    }

    @Test
    void nextClosingIsTheEndOfTheOpenPeriodOrTheInstantItself() {
        assertThat(cal.nextClosing(berlin("2027-01-13T10:00"))).contains(berlin("2027-01-13T17:00"));
        Instant closed = berlin("2027-01-16T10:00");
        assertThat(cal.nextClosing(closed)).contains(closed);
        assertThat(BusinessCalendar.alwaysOpen().nextClosing(closed)).isEmpty();
        assertThat(TestCalendars.berlin24x7().nextClosing(closed)).isEmpty();
    }

    @Test
    void easterMondayAndGoodFridayAreSkipped() {
        // Thursday before Easter 2027 16:00 + 2 h: 1 h Thursday, Good Friday, weekend, Easter Monday, 1 h Tuesday
        assertThat(cal.plus(berlin("2027-03-25T16:00"), Duration.ofHours(2))).isEqualTo(berlin("2027-03-30T10:00"));
        assertThat(cal.closedReason(berlin("2027-03-29T10:00"))).contains("public holiday: Easter Monday");
    }

    @Test
    void germanUnityDayIsSkipped() {
        assertThat(cal.plus(berlin("2028-10-02T15:00"), Duration.ofHours(4))).isEqualTo(berlin("2028-10-04T11:00"));
        assertThat(cal.between(berlin("2028-10-03T00:00"), berlin("2028-10-04T00:00")))
                .isZero();
    }

    @Test
    void christmasEveIsOpenInTheMorningAndClosedFromNoonInEveryOperation() {
        Instant morning = berlin("2026-12-24T11:00");
        Instant afternoon = berlin("2026-12-24T13:00");
        assertThat(cal.isOpen(morning)).isTrue();
        assertThat(cal.isOpen(afternoon)).isFalse();
        assertThat(cal.closedReason(afternoon)).contains("public holiday: Christmas Eve (closed from 12:00)");
        assertThat(cal.closedReason(berlin("2026-12-24T08:00")))
                .contains("outside business hours (Thursday 09:00–17:00)");
        assertThat(cal.nextClosing(morning)).contains(berlin("2026-12-24T12:00"));
        assertThat(cal.between(berlin("2026-12-24T00:00"), berlin("2026-12-25T00:00")))
                .isEqualTo(Duration.ofHours(3));
        // 1 h on the 24th, 25th/26th holidays, weekend, Monday 28th 09:00 + 1 h
        assertThat(cal.plus(morning, Duration.ofHours(2))).isEqualTo(berlin("2026-12-28T10:00"));
        assertThat(cal.plus(morning, Duration.ofHours(1))).isEqualTo(berlin("2026-12-24T12:00"));
        assertThat(cal.nextOpening(afternoon)).isEqualTo(berlin("2026-12-28T09:00"));
    }

    @Test
    void aPartialDayHolidayBeforeOpeningClosesTheWholeDay() {
        BusinessCalendar c = BusinessCalendar.builder(TestCalendars.BERLIN)
                .openWeekdays(TestCalendars.NINE, TestCalendars.FIVE)
                .holidays(HolidaySource.of(
                        List.of(Holiday.from(LocalDate.of(2027, 1, 13), "Staff party", LocalTime.of(8, 0)))))
                .build();
        assertThat(c.between(berlin("2027-01-13T00:00"), berlin("2027-01-14T00:00")))
                .isZero();
        assertThat(c.nextOpening(berlin("2027-01-13T07:00"))).isEqualTo(berlin("2027-01-14T09:00"));
    }

    @Test
    void theSpringForwardNightHasOneHourLess() {
        BusinessCalendar c = TestCalendars.berlin24x7();
        // 2027-03-28 is the Sunday of the switch: 02:00 jumps to 03:00
        Instant sat22 = berlin("2027-03-27T22:00");
        Instant sun06 = berlin("2027-03-28T06:00");
        assertThat(c.between(sat22, sun06)).isEqualTo(Duration.ofHours(7));
        assertThat(c.plus(sat22, Duration.ofHours(6))).isEqualTo(berlin("2027-03-28T05:00"));
    }

    @Test
    void theFallBackNightHasOneHourMore() {
        BusinessCalendar c = TestCalendars.berlin24x7();
        Instant sat22 = berlin("2027-10-30T22:00");
        Instant sun06 = berlin("2027-10-31T06:00");
        assertThat(c.between(sat22, sun06)).isEqualTo(Duration.ofHours(9));
        assertThat(c.plus(sat22, Duration.ofHours(6))).isEqualTo(berlin("2027-10-31T03:00"));
    }

    @Test
    void aWindowInsideTheSpringForwardGapNeverOpensAndOneInTheOverlapOpensTwice() {
        BusinessCalendar c = BusinessCalendar.builder(TestCalendars.BERLIN)
                .open(DayOfWeek.SUNDAY, LocalTime.of(2, 0), LocalTime.of(3, 0))
                .build();
        // spring forward 2027-03-28: 02:00–03:00 does not exist
        assertThat(c.between(berlin("2027-03-27T00:00"), berlin("2027-03-29T00:00")))
                .isZero();
        assertThat(c.nextOpening(berlin("2027-03-27T00:00"))).isEqualTo(berlin("2027-04-04T02:00"));
        // fall back 2027-10-31: 02:00–03:00 happens twice
        assertThat(c.between(berlin("2027-10-30T00:00"), berlin("2027-11-01T00:00")))
                .isEqualTo(Duration.ofHours(2));
        Instant firstPass = berlin("2027-10-31T02:00");
        assertThat(c.nextClosing(firstPass)).contains(firstPass.plus(Duration.ofHours(2)));
        assertThat(c.plus(firstPass, Duration.ofMinutes(90))).isEqualTo(firstPass.plus(Duration.ofMinutes(90)));
    }

    @Test
    void aWindowAcrossTheSwitchIsMeasuredInRealTime() {
        BusinessCalendar nights = TestCalendars.berlinNights();
        // window 01:00–04:00 is 2 real hours on the spring-forward day and 4 on the fall-back day
        assertThat(nights.between(berlin("2027-03-28T00:00"), berlin("2027-03-28T12:00")))
                .isEqualTo(Duration.ofHours(2));
        assertThat(nights.between(berlin("2027-10-31T00:00"), berlin("2027-10-31T12:00")))
                .isEqualTo(Duration.ofHours(4));
        assertThat(nights.isOpen(berlin("2027-03-28T03:30"))).isTrue();
    }

    @Test
    void aUsCustomerIsMeasuredInNewYorkTime() {
        BusinessCalendar ny = TestCalendars.newYork();
        Instant wed0900 = newYork("2026-11-25T09:00");
        assertThat(ny.isOpen(wed0900)).isTrue();
        assertThat(cal.isOpen(wed0900)).as("09:00 New York is 15:00 in Berlin").isTrue();
        assertThat(cal.closedReason(newYork("2026-11-25T16:00")))
                .as("16:00 New York is 22:00 in Berlin")
                .contains("outside business hours (Wednesday 09:00–17:00)");
        assertThat(ny.plus(wed0900, Duration.ofHours(16))).isEqualTo(newYork("2026-11-27T17:00"));
    }

    @Test
    void excludedIntervalsDoNotCount() {
        Instant mon0900 = berlin("2027-01-18T09:00");
        List<Interval> pause = List.of(Interval.of(berlin("2027-01-18T12:00"), berlin("2027-01-18T14:00"), "waiting"));
        assertThat(cal.plus(mon0900, Duration.ofHours(4), pause)).isEqualTo(berlin("2027-01-18T15:00"));
        assertThat(cal.between(mon0900, berlin("2027-01-18T15:00"), pause)).isEqualTo(Duration.ofHours(4));
        // a pause over the weekend costs only its open part
        List<Interval> weekendPause =
                List.of(Interval.of(berlin("2027-01-15T16:00"), berlin("2027-01-18T10:00"), "waiting"));
        assertThat(cal.between(berlin("2027-01-15T09:00"), berlin("2027-01-18T17:00"), weekendPause))
                .isEqualTo(Duration.ofHours(14));
        // a result may land on the start of a pause (the earliest instant with the time counted)
        assertThat(cal.plus(mon0900, Duration.ofHours(3), pause)).isEqualTo(berlin("2027-01-18T12:00"));
    }

    @Test
    void overlappingAndUnorderedExcludedIntervalsAreMerged() {
        Instant mon0900 = berlin("2027-01-18T09:00");
        List<Interval> pauses = List.of(
                Interval.of(berlin("2027-01-18T13:00"), berlin("2027-01-18T15:00"), "b"),
                Interval.of(berlin("2027-01-18T10:00"), berlin("2027-01-18T14:00"), "a"));
        assertThat(cal.between(mon0900, berlin("2027-01-18T17:00"), pauses)).isEqualTo(Duration.ofHours(3));
        assertThat(cal.plus(mon0900, Duration.ofHours(2), pauses)).isEqualTo(berlin("2027-01-18T16:00"));
    }

    @Test
    void pausesThatTouchAreOneStepOnlyWhenTheirReasonIsTheSame() {
        Instant mon0900 = berlin("2027-01-18T09:00");
        Interval waiting = Interval.of(berlin("2027-01-18T10:00"), berlin("2027-01-18T11:00"), "waiting");
        Interval waitingOn = Interval.of(berlin("2027-01-18T11:00"), berlin("2027-01-18T12:00"), "waiting");
        Interval onHold = Interval.of(berlin("2027-01-18T11:00"), berlin("2027-01-18T12:00"), "on hold");
        Interval overlapping = Interval.of(berlin("2027-01-18T10:30"), berlin("2027-01-18T12:00"), "on hold");
        assertThat(pauses(List.of(waitingOn, waiting))).containsExactly("10:00-12:00 waiting");
        assertThat(pauses(List.of(onHold, waiting))).containsExactly("10:00-11:00 waiting", "11:00-12:00 on hold");
        assertThat(pauses(List.of(overlapping, waiting))).containsExactly("10:00-12:00 waiting; on hold");
        for (List<Interval> p : List.of(List.of(waitingOn, waiting), List.of(onHold, waiting))) {
            assertThat(cal.explainPlus(mon0900, Duration.ofHours(2), p).end()).isEqualTo(berlin("2027-01-18T13:00"));
        }
    }

    /** The pause steps of two hours counted from Monday 09:00, as local times and reason. */
    private List<String> pauses(List<Interval> excluded) {
        return cal.explainPlus(berlin("2027-01-18T09:00"), Duration.ofHours(2), excluded).steps().stream()
                .filter(s -> s.kind() == Explanation.StepKind.PAUSE)
                .map(s -> LocalTime.ofInstant(s.from(), TestCalendars.BERLIN) + "-"
                        + LocalTime.ofInstant(s.to(), TestCalendars.BERLIN) + " " + s.reason())
                .toList();
    }

    /**
     * {@link BusinessCalendar#MAX_CLOSED_DAYS} closed days in a row from the start are crossed; one more is refused.
     * Closed days before the start do not count, though the walk looks back a day for zones that switch back across
     * midnight (before, a closed day before the start made the search give up a day early).
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(ints = {0, 1, 3})
    void anOpeningAfterTheMostClosedDaysIsFoundAndOneDayLaterIsNot(int closedBefore) {
        Instant newYear = berlin("2030-01-01T00:00");
        for (int closed : new int[] {BusinessCalendar.MAX_CLOSED_DAYS, BusinessCalendar.MAX_CLOSED_DAYS + 1}) {
            BusinessCalendar c = shutFromNewYear2030(closedBefore, closed);
            Instant reopening = LocalDate.of(2030, 1, 1)
                    .plusDays(closed)
                    .atTime(9, 0)
                    .atZone(TestCalendars.BERLIN)
                    .toInstant();
            if (closed == BusinessCalendar.MAX_CLOSED_DAYS) {
                assertThat(c.nextOpening(newYear)).isEqualTo(reopening);
                assertThat(c.plus(newYear, Duration.ofHours(1))).isEqualTo(reopening.plus(Duration.ofHours(1)));
            } else {
                assertThatThrownBy(() -> c.nextOpening(newYear)).isInstanceOf(NoOpeningException.class);
                assertThatThrownBy(() -> c.plus(newYear, Duration.ofHours(1))).isInstanceOf(NoOpeningException.class);
            }
        }
    }

    /** After a jump over a long pause, closed days count from where the pause ends, not from the day before it. */
    @Test
    void afterAJumpOverAPauseTheClosedDaysCountFromWhereItEnds() {
        BusinessCalendar c = shutFromNewYear2030(1, BusinessCalendar.MAX_CLOSED_DAYS);
        Instant start = berlin("2029-06-01T10:00");
        List<Interval> onHold = List.of(Interval.of(start, berlin("2030-01-01T00:00"), "on hold"));
        Instant reopening = LocalDate.of(2030, 1, 1)
                .plusDays(BusinessCalendar.MAX_CLOSED_DAYS)
                .atTime(10, 0)
                .atZone(TestCalendars.BERLIN)
                .toInstant();
        assertThat(c.plus(start, Duration.ofHours(1), onHold)).isEqualTo(reopening);
    }

    /**
     * Berlin, open every day 09:00–17:00, shut by holidays from {@code before} days before 1 January 2030 to {@code
     * after} days after its start.
     */
    private static BusinessCalendar shutFromNewYear2030(int before, int after) {
        List<Holiday> shut = new java.util.ArrayList<>();
        for (int i = -before; i < after; i++) {
            shut.add(Holiday.allDay(LocalDate.of(2030, 1, 1).plusDays(i), "shut"));
        }
        BusinessCalendar.Builder b = BusinessCalendar.builder(TestCalendars.BERLIN);
        for (DayOfWeek d : DayOfWeek.values()) {
            b.open(d, LocalTime.of(9, 0), LocalTime.of(17, 0));
        }
        return b.holidays(HolidaySource.of(shut)).build();
    }

    @Test
    void aLongExcludedIntervalIsJumpedOver() {
        Instant start = berlin("2027-01-18T09:00");
        List<Interval> yearLong = List.of(Interval.of(start, berlin("2028-01-18T09:00"), "on hold"));
        assertThat(cal.plus(start, Duration.ofHours(1), yearLong)).isEqualTo(berlin("2028-01-18T10:00"));
    }

    @Test
    void aCalendarWithoutOpeningHoursFailsClearlyInsteadOfLooping() {
        BusinessCalendar never = BusinessCalendar.builder(TestCalendars.BERLIN).build();
        assertThat(never.hasOpeningHours()).isFalse();
        assertThat(never.isOpen(berlin("2027-01-13T10:00"))).isFalse();
        assertThat(never.between(berlin("2027-01-13T10:00"), berlin("2028-01-13T10:00")))
                .isZero();
        assertThatThrownBy(() -> never.plus(berlin("2027-01-13T10:00"), Duration.ofHours(1)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no opening hours");
        assertThatThrownBy(() -> never.nextOpening(berlin("2027-01-13T10:00")))
                .isInstanceOf(NoOpeningException.class)
                .hasMessageContaining("no opening hours");
        // never open is always closed: the next closing is the instant itself, not "stays open"
        assertThat(never.nextClosing(berlin("2027-01-13T10:00"))).contains(berlin("2027-01-13T10:00"));
    }

    @Test
    void aCalendarClosedByHolidaysForeverFailsAfterABoundedScan() {
        BusinessCalendar everyDayHoliday = BusinessCalendar.builder(TestCalendars.BERLIN)
                .openWeekdays(TestCalendars.NINE, TestCalendars.FIVE)
                .holidays(date -> Optional.of(Holiday.allDay(date, "closed")))
                .build();
        assertThatThrownBy(() -> everyDayHoliday.plus(berlin("2027-01-13T10:00"), Duration.ofHours(1)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no opening within");
        assertThat(everyDayHoliday.between(berlin("2027-01-13T10:00"), berlin("2037-01-13T10:00")))
                .isZero();
    }

    @Test
    void fromSpecBuildsZoneHoursAndRegionHolidays() {
        CalendarSpec spec = new CalendarSpec(
                "America/New_York",
                Optional.of("US-NY"),
                List.of(
                        new OpeningHours(DayOfWeek.MONDAY, TestCalendars.NINE, TestCalendars.FIVE),
                        new OpeningHours(DayOfWeek.WEDNESDAY, TestCalendars.NINE, TestCalendars.FIVE)));
        HolidaySource thanksgiving =
                HolidaySource.of(List.of(Holiday.allDay(LocalDate.of(2026, 11, 25), "Not really")));
        Map<String, HolidaySource> regions = Map.of("US-NY", thanksgiving);
        BusinessCalendar c = BusinessCalendar.fromSpec(spec, regions::get);
        assertThat(c.zone()).isEqualTo(ZoneId.of("America/New_York"));
        assertThat(c.isOpen(newYork("2026-11-23T09:00"))).isTrue();
        assertThat(c.isOpen(newYork("2026-11-24T09:00"))).isFalse();
        assertThat(c.closedReason(newYork("2026-11-25T10:00"))).contains("public holiday: Not really");
    }

    @Test
    void fromSpecNamesAnUnknownRegionOrZone() {
        CalendarSpec spec = new CalendarSpec("Europe/Berlin", Optional.of("XX-YY"), List.of());
        assertThatThrownBy(() -> BusinessCalendar.fromSpec(spec, code -> null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'XX-YY'");
        assertThatThrownBy(() -> BusinessCalendar.fromSpec(spec, code -> {
                    throw new IllegalArgumentException("no such region");
                }))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'XX-YY'")
                .hasMessageContaining("no such region");
        CalendarSpec badZone = new CalendarSpec("Mars/Olympus", Optional.empty(), List.of());
        assertThatThrownBy(() -> BusinessCalendar.fromSpec(badZone, code -> null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'Mars/Olympus'");
    }

    @Test
    void fromSpecWithoutRegionNeverCallsTheResolver() {
        CalendarSpec spec = new CalendarSpec(
                "Europe/Berlin",
                Optional.empty(),
                List.of(new OpeningHours(DayOfWeek.MONDAY, TestCalendars.NINE, TestCalendars.FIVE)));
        BusinessCalendar c = BusinessCalendar.fromSpec(spec, code -> {
            throw new AssertionError("resolver called for " + code);
        });
        assertThat(c.isOpen(berlin("2027-01-18T09:00"))).isTrue();
    }

    @Test
    void closedReasonsKeepTheirWording() {
        assertThat(cal.closedReason(berlin("2027-01-16T11:00"))).contains("Saturday");
        assertThat(cal.closedReason(berlin("2027-01-17T11:00"))).contains("Sunday");
        assertThat(cal.closedReason(berlin("2026-12-25T11:00"))).contains("public holiday: Christmas Day");
        assertThat(cal.closedReason(berlin("2027-01-13T18:00")))
                .contains("outside business hours (Wednesday 09:00–17:00)");
        assertThat(cal.closedReason(berlin("2027-01-13T10:00"))).isEmpty();
        assertThat(TestCalendars.berlinWithLunch().closedReason(berlin("2027-01-13T12:30")))
                .contains("outside business hours (Wednesday 09:00–12:00, 13:00–17:00)");
    }
}
