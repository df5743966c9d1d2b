package dev.escalation.holidays;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.calendar.BusinessCalendar;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.Month;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * The ready German coverage (Jollyday's holidays) against a plain wall-clock reference that computes the holidays
 * itself: Easter by the Gregorian computus, the fixed nationwide days, Bavaria's own (Epiphany, Corpus Christi, All
 * Saints) and the half days 24 and 31 December; at random instants around the Berlin DST switches, the Easter-based
 * holidays, the turn of the year and the window boundaries to the nanosecond, 2020–2035.
 */
class GermanCoverageProperties {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final LocalTime OPENS = LocalTime.of(9, 0);
    private static final LocalTime CLOSES = LocalTime.of(17, 0);

    /** Easter Sunday (anonymous Gregorian algorithm, Meeus/Jones/Butcher). */
    static LocalDate easter(int year) {
        int a = year % 19;
        int b = year / 100;
        int c = year % 100;
        int h = (19 * a + b - b / 4 - (b - (b + 8) / 25 + 1) / 3 + 15) % 30;
        int l = (32 + 2 * (b % 4) + 2 * (c / 4) - h - c % 4) % 7;
        int m = (a + 11 * h + 22 * l) / 451;
        int n = h + l - 7 * m + 114;
        return LocalDate.of(year, n / 31, n % 31 + 1);
    }

    /** When the reference closes a date for a holiday: all day ({@code 00:00}), from noon, or not at all. */
    static Optional<LocalTime> closedFrom(LocalDate date, boolean bavaria) {
        long fromEaster = date.toEpochDay() - easter(date.getYear()).toEpochDay();
        int md = date.getMonthValue() * 100 + date.getDayOfMonth();
        boolean national = fromEaster == -2
                || fromEaster == 1
                || fromEaster == 39
                || fromEaster == 50
                || md == 101
                || md == 501
                || md == 1003
                || md == 1225
                || md == 1226;
        boolean bavarian = bavaria && (fromEaster == 60 || md == 106 || md == 1101);
        if (national || bavarian) {
            return Optional.of(LocalTime.MIDNIGHT);
        }
        return md == 1224 || md == 1231 ? Optional.of(LocalTime.NOON) : Optional.empty();
    }

    static boolean open(Instant t, boolean bavaria) {
        LocalDateTime local = LocalDateTime.ofInstant(t, BERLIN);
        LocalTime time = local.toLocalTime();
        DayOfWeek day = local.getDayOfWeek();
        if (day == DayOfWeek.SATURDAY || day == DayOfWeek.SUNDAY || time.isBefore(OPENS) || !time.isBefore(CLOSES)) {
            return false;
        }
        return closedFrom(local.toLocalDate(), bavaria).map(time::isBefore).orElse(true);
    }

    /** The reference's next opening at or after {@code t}: {@code t} while open, else 09:00 of a working day. */
    static Instant nextOpening(Instant t, boolean bavaria) {
        if (open(t, bavaria)) {
            return t;
        }
        LocalDateTime local = LocalDateTime.ofInstant(t, BERLIN);
        LocalDate d = local.toLocalTime().isBefore(OPENS)
                ? local.toLocalDate()
                : local.toLocalDate().plusDays(1);
        while (d.getDayOfWeek() == DayOfWeek.SATURDAY
                || d.getDayOfWeek() == DayOfWeek.SUNDAY
                || closedFrom(d, bavaria).filter(LocalTime.MIDNIGHT::equals).isPresent()) {
            d = d.plusDays(1);
        }
        return d.atTime(OPENS).atZone(BERLIN).toInstant();
    }

    @Property(tries = 3000)
    void nationalCoverageAgreesWithTheReference(@ForAll("instants") Instant t) {
        BusinessCalendar coverage = GermanCoverage.calendar();
        assertThat(coverage.isOpen(t)).as("open at %s", t.atZone(BERLIN)).isEqualTo(open(t, false));
        assertThat(coverage.nextOpening(t))
                .as("next opening after %s", t.atZone(BERLIN))
                .isEqualTo(nextOpening(t, false));
        assertThat(coverage.closingHoliday(t).isPresent())
                .as("holiday at %s", t.atZone(BERLIN))
                .isEqualTo(closedFrom(LocalDateTime.ofInstant(t, BERLIN).toLocalDate(), false)
                        .map(from -> !LocalDateTime.ofInstant(t, BERLIN)
                                .toLocalTime()
                                .isBefore(from))
                        .orElse(false));
    }

    @Property(tries = 1500)
    void bavarianCoverageAgreesWithTheReference(@ForAll("instants") Instant t) {
        BusinessCalendar coverage = GermanCoverage.calendar("BY");
        assertThat(coverage.isOpen(t)).as("open at %s", t.atZone(BERLIN)).isEqualTo(open(t, true));
        assertThat(coverage.nextOpening(t))
                .as("next opening after %s", t.atZone(BERLIN))
                .isEqualTo(nextOpening(t, true));
    }

    @Example
    void theReferenceKnowsItsDates() {
        assertThat(List.of(easter(2019), easter(2024), easter(2025), easter(2027)))
                .containsExactly(
                        LocalDate.of(2019, 4, 21),
                        LocalDate.of(2024, 3, 31),
                        LocalDate.of(2025, 4, 20),
                        LocalDate.of(2027, 3, 28));
        // Corpus Christi 2027 (27 May) closes Bavaria, not the nation
        assertThat(closedFrom(LocalDate.of(2027, 5, 27), true)).contains(LocalTime.MIDNIGHT);
        assertThat(closedFrom(LocalDate.of(2027, 5, 27), false)).isEmpty();
    }

    // ------------------------------------------------------------------ instants

    private static final List<LocalTime> EDGES = List.of(
            LocalTime.MIDNIGHT,
            LocalTime.of(2, 30),
            LocalTime.of(8, 59, 59, 999_999_999),
            OPENS,
            LocalTime.of(11, 59, 59, 999_999_999),
            LocalTime.NOON,
            LocalTime.of(16, 59, 59, 999_999_999),
            CLOSES,
            LocalTime.of(23, 59, 59, 999_999_999));

    @Provide
    Arbitrary<Instant> instants() {
        Arbitrary<Integer> years = Arbitraries.integers().between(2020, 2035);
        Arbitrary<LocalDate> anchors = Arbitraries.oneOf(
                Combinators.combine(years, Arbitraries.of(Month.MARCH, Month.OCTOBER))
                        .as((y, m) -> LocalDate.of(y, m, 1).with(TemporalAdjusters.lastInMonth(DayOfWeek.SUNDAY))),
                years.map(GermanCoverageProperties::easter),
                years.map(y -> easter(y).plusDays(39)),
                years.map(y -> easter(y).plusDays(55)),
                years.map(y -> LocalDate.of(y, 12, 28)),
                years.map(y -> LocalDate.of(y, 10, 31)));
        Arbitrary<LocalDate> days = Combinators.combine(
                        anchors, Arbitraries.integers().between(-5, 5))
                .as(LocalDate::plusDays);
        Arbitrary<LocalTime> times = Arbitraries.oneOf(
                Arbitraries.of(EDGES),
                Arbitraries.longs().between(0, 24L * 3600 * 1_000_000_000L - 1).map(LocalTime::ofNanoOfDay));
        Arbitrary<Instant> wallClock = Combinators.combine(
                        days,
                        times,
                        Arbitraries.of(true, false),
                        Arbitraries.longs().between(-1, 1))
                .as((d, time, later, nanos) -> {
                    ZonedDateTime z = LocalDateTime.of(d, time).atZone(BERLIN);
                    return (later ? z.withLaterOffsetAtOverlap() : z.withEarlierOffsetAtOverlap())
                            .toInstant()
                            .plusNanos(nanos);
                });
        Arbitrary<Instant> uniform = Arbitraries.longs()
                .between(
                        LocalDate.of(2020, 1, 1).atStartOfDay(BERLIN).toEpochSecond(),
                        LocalDate.of(2035, 12, 31).atStartOfDay(BERLIN).toEpochSecond())
                .map(Instant::ofEpochSecond);
        return Arbitraries.frequencyOf(Tuple.of(4, wallClock), Tuple.of(1, uniform));
    }
}
