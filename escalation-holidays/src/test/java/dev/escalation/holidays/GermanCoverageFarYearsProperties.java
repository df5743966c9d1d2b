package dev.escalation.holidays;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.calendar.BusinessCalendar;
import dev.escalation.calendar.HolidaySource;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * The German coverage far from today: {@link GermanCoverageProperties} checks 2020–2035 instant by instant; here the
 * nationwide holidays of whole years and business-time addition ({@code plus}, across Easter, DST switches, the half
 * days and the turn of the year) are compared with the same computus reference for any year from 1995 (after the
 * last nationwide Repentance Day) to 9999, the last year the engine works in.
 */
class GermanCoverageFarYearsProperties {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Property(tries = 300)
    void theNationwideHolidaysOfAWholeYearAreTheReferences(@ForAll @IntRange(min = 1995, max = 9999) int year) {
        HolidaySource national = GermanHolidays.national();
        TreeSet<LocalDate> found = new TreeSet<>();
        TreeSet<LocalDate> expected = new TreeSet<>();
        for (LocalDate d = LocalDate.of(year, 1, 1); d.getYear() == year; d = d.plusDays(1)) {
            if (national.holidayOn(d).isPresent()) {
                found.add(d);
            }
            if (GermanCoverageProperties.closedFrom(d, false)
                    .filter(LocalTime.MIDNIGHT::equals)
                    .isPresent()) {
                expected.add(d);
            }
        }
        if (year == 2017) {
            expected.add(LocalDate.of(2017, 10, 31)); // Reformation Day, nationwide once
        }
        assertThat(found).as("holidays of %d", year).isEqualTo(expected);
    }

    @Property(tries = 1000)
    void plusAgreesWithTheReference(@ForAll("instants") Instant start, @ForAll("durations") Duration d) {
        BusinessCalendar coverage = GermanCoverage.calendar();
        assertThat(coverage.plus(start, d))
                .as("%s + %s", start.atZone(BERLIN), d)
                .isEqualTo(referencePlus(start, d));
    }

    /** The reference's {@code plus}: day by day, 09:00 to 17:00 (12:00 on the half days) of working days. */
    private static Instant referencePlus(Instant start, Duration d) {
        if (d.isZero()) {
            return start;
        }
        Duration rest = d;
        for (LocalDate day = LocalDateTime.ofInstant(start, BERLIN).toLocalDate(); ; day = day.plusDays(1)) {
            Optional<LocalTime> closes = closes(day);
            if (closes.isEmpty()) {
                continue;
            }
            Instant from = day.atTime(9, 0).atZone(BERLIN).toInstant();
            Instant to = day.atTime(closes.get()).atZone(BERLIN).toInstant();
            if (from.isBefore(start)) {
                from = start;
            }
            if (!from.isBefore(to)) {
                continue;
            }
            Duration open = Duration.between(from, to);
            if (open.compareTo(rest) >= 0) {
                return from.plus(rest);
            }
            rest = rest.minus(open);
        }
    }

    /** When a day's window closes in the reference, or empty on a weekend or an all-day holiday. */
    private static Optional<LocalTime> closes(LocalDate day) {
        if (day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY) {
            return Optional.empty();
        }
        if (day.equals(LocalDate.of(2017, 10, 31))) {
            return Optional.empty();
        }
        Optional<LocalTime> holiday = GermanCoverageProperties.closedFrom(day, false);
        if (holiday.isEmpty()) {
            return Optional.of(LocalTime.of(17, 0));
        }
        return holiday.get().equals(LocalTime.MIDNIGHT) ? Optional.empty() : holiday;
    }

    @Provide
    Arbitrary<Instant> instants() {
        Arbitrary<Integer> years = Arbitraries.integers().between(1995, 9998);
        Arbitrary<LocalDate> anchors = Arbitraries.oneOf(
                years.map(GermanCoverageProperties::easter),
                years.map(y -> GermanCoverageProperties.easter(y).plusDays(39)),
                years.map(y -> LocalDate.of(y, 3, 25)),
                years.map(y -> LocalDate.of(y, 10, 25)),
                years.map(y -> LocalDate.of(y, 12, 23)),
                years.map(y -> LocalDate.of(y, 7, 1)));
        Arbitrary<LocalDate> days = Combinators.combine(
                        anchors, Arbitraries.integers().between(-7, 7))
                .as(LocalDate::plusDays);
        Arbitrary<LocalTime> times = Arbitraries.oneOf(
                Arbitraries.of(
                        LocalTime.MIDNIGHT,
                        LocalTime.of(2, 30),
                        LocalTime.of(9, 0),
                        LocalTime.of(11, 59, 59, 999_999_999),
                        LocalTime.NOON,
                        LocalTime.of(16, 59, 59, 999_999_999),
                        LocalTime.of(17, 0)),
                Arbitraries.longs().between(0, 24L * 3600 * 1_000_000_000L - 1).map(LocalTime::ofNanoOfDay));
        return Combinators.combine(days, times, Arbitraries.of(true, false)).as((d, time, later) -> {
            ZonedDateTime z = LocalDateTime.of(d, time).atZone(BERLIN);
            return (later ? z.withLaterOffsetAtOverlap() : z.withEarlierOffsetAtOverlap()).toInstant();
        });
    }

    @Provide
    Arbitrary<Duration> durations() {
        return Arbitraries.oneOf(
                Arbitraries.of(Duration.ZERO, Duration.ofNanos(1), Duration.ofHours(3), Duration.ofHours(8)),
                Arbitraries.longs().between(0, 40L * 8 * 3600).map(Duration::ofSeconds),
                Arbitraries.longs().between(0, 3L * 8 * 3600 * 1_000_000_000L).map(Duration::ofNanos));
    }
}
