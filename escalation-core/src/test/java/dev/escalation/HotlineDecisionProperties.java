package dev.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.calendar.BusinessCalendar;
import dev.escalation.calendar.Holiday;
import dev.escalation.calendar.HolidaySource;
import dev.escalation.command.EscalateCase;
import dev.escalation.model.Cause;
import dev.escalation.model.Criticality;
import dev.escalation.model.HotlineAdvice;
import dev.escalation.model.HotlineNumber;
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
 * The hotline decision against a plain reference: German coverage (Europe/Berlin, Monday to Friday 09:00–17:00, the
 * nationwide holidays from the Easter date, 24 and 31 December closed from 12:00), at random instants around the DST
 * switches, Easter, the turn of the year and the window boundaries to the nanosecond (both offsets of the autumn
 * overlap). The reference reads the Berlin wall clock and nothing of the calendar: a critical escalation gets advice
 * exactly when the wall clock is outside the hours, with the reason {@code PUBLIC_HOLIDAY} when a holiday closes it,
 * else {@code WEEKEND} on Saturday and Sunday, else {@code OUTSIDE_HOURS}, and coverage resumes at 09:00 of the next
 * working day that is no whole-day holiday.
 */
class HotlineDecisionProperties {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final LocalTime OPENS = LocalTime.of(9, 0);
    private static final LocalTime CLOSES = LocalTime.of(17, 0);
    private static final LocalTime NOON = LocalTime.NOON;
    private static final List<HotlineNumber> NUMBERS = List.of(new HotlineNumber("Germany", "+49 911 2399 110"));

    /** Easter Sunday (anonymous Gregorian algorithm, Meeus/Jones/Butcher). */
    static LocalDate easter(int year) {
        int a = year % 19;
        int b = year / 100;
        int c = year % 100;
        int d = b / 4;
        int e = b % 4;
        int f = (b + 8) / 25;
        int g = (b - f + 1) / 3;
        int h = (19 * a + b - d - g + 15) % 30;
        int i = c / 4;
        int k = c % 4;
        int l = (32 + 2 * e + 2 * i - h - k) % 7;
        int m = (a + 11 * h + 22 * l) / 451;
        int month = (h + l - 7 * m + 114) / 31;
        int day = ((h + l - 7 * m + 114) % 31) + 1;
        return LocalDate.of(year, month, day);
    }

    /** The reference's holidays: empty, all day ({@code LocalTime.MIN}) or closed from noon. */
    static Optional<LocalTime> closedFrom(LocalDate date) {
        LocalDate easter = easter(date.getYear());
        long fromEaster = date.toEpochDay() - easter.toEpochDay();
        if (fromEaster == -2
                || fromEaster == 0
                || fromEaster == 1
                || fromEaster == 39
                || fromEaster == 49
                || fromEaster == 50) {
            return Optional.of(LocalTime.MIN);
        }
        int md = date.getMonthValue() * 100 + date.getDayOfMonth();
        return switch (md) {
            case 101, 501, 1003, 1225, 1226 -> Optional.of(LocalTime.MIN);
            case 1224, 1231 -> Optional.of(NOON);
            default -> Optional.empty();
        };
    }

    /** The same holidays as the calendar's source (the reference decides open and closed by itself). */
    static final HolidaySource HOLIDAYS = date -> closedFrom(date)
            .map(from -> from.equals(LocalTime.MIN)
                    ? Holiday.allDay(date, "Holiday " + date)
                    : Holiday.from(date, "Half day " + date, from));

    static final BusinessCalendar COVERAGE = BusinessCalendar.builder(BERLIN)
            .openWeekdays(OPENS, CLOSES)
            .holidays(HOLIDAYS)
            .build();

    private static boolean weekend(LocalDate d) {
        return d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY;
    }

    /** The reference's advice for a critical escalation at {@code t}: empty while open. */
    static Optional<HotlineAdvice.Reason> reason(Instant t) {
        LocalDateTime local = LocalDateTime.ofInstant(t, BERLIN);
        LocalTime time = local.toLocalTime();
        Optional<LocalTime> holiday = closedFrom(local.toLocalDate());
        boolean holidayCloses = holiday.isPresent() && !time.isBefore(holiday.get());
        if (holidayCloses) {
            return Optional.of(HotlineAdvice.Reason.PUBLIC_HOLIDAY);
        }
        if (weekend(local.toLocalDate())) {
            return Optional.of(HotlineAdvice.Reason.WEEKEND);
        }
        if (time.isBefore(OPENS) || !time.isBefore(CLOSES)) {
            return Optional.of(HotlineAdvice.Reason.OUTSIDE_HOURS);
        }
        return Optional.empty();
    }

    /** The reference's next opening after a closed instant {@code t}: 09:00 of the next working day. */
    static Instant resumes(Instant t) {
        LocalDateTime local = LocalDateTime.ofInstant(t, BERLIN);
        LocalDate d = local.toLocalTime().isBefore(OPENS)
                ? local.toLocalDate()
                : local.toLocalDate().plusDays(1);
        while (weekend(d) || closedFrom(d).filter(LocalTime.MIN::equals).isPresent()) {
            d = d.plusDays(1);
        }
        return d.atTime(OPENS).atZone(BERLIN).toInstant();
    }

    @Property(tries = 3000)
    void theAdvisorAgreesWithTheWallClockReference(
            @ForAll("instants") Instant t, @ForAll("criticalities") Criticality criticality) {
        Optional<HotlineAdvice> advice = new HotlineAdvisor(COVERAGE, NUMBERS).advise(criticality, t);
        Optional<HotlineAdvice.Reason> expected = criticality == Criticality.CRITICAL ? reason(t) : Optional.empty();

        assertThat(advice.map(HotlineAdvice::reason))
                .as("advice at %s", t.atZone(BERLIN))
                .isEqualTo(expected);
        advice.ifPresent(a -> {
            assertThat(a.resumesAt()).as("resumes after %s", t.atZone(BERLIN)).isEqualTo(resumes(t));
            assertThat(a.numbers()).isEqualTo(NUMBERS);
        });
        assertThat(COVERAGE.isOpen(t)).isEqualTo(reason(t).isEmpty());
    }

    @Property(tries = 1000)
    void aCriticalEscalationIsToldToCallTheHotlineExactlyWhenTheReferenceIsClosed(@ForAll("instants") Instant t) {
        World w = new World(b -> b.coverage(COVERAGE).hotline(NUMBERS.get(0)));
        w.clock.set(t);

        EscalationReceipt receipt = w.engine.escalate(
                World.INA,
                new EscalateCase(World.C1, "Production is down", Cause.DATABASE_OUTAGE, Criticality.CRITICAL, null));

        assertThat(receipt.hotline().map(HotlineAdvice::reason))
                .as("receipt at %s", t.atZone(BERLIN))
                .isEqualTo(reason(t));
        assertThat(w.engine.find(World.INA, receipt.escalation()).orElseThrow().hotline())
                .isEqualTo(receipt.hotline());
    }

    // ------------------------------------------------------------------ instants

    private static final List<LocalTime> EDGES = List.of(
            LocalTime.MIDNIGHT,
            LocalTime.of(2, 0),
            LocalTime.of(2, 30),
            LocalTime.of(3, 0),
            LocalTime.of(8, 59, 59, 999_999_999),
            OPENS,
            LocalTime.of(11, 59, 59, 999_999_999),
            NOON,
            LocalTime.of(16, 59, 59, 999_999_999),
            CLOSES,
            LocalTime.of(23, 59, 59, 999_999_999));

    /** Days around the Berlin DST switches, Easter and the turn of the year, 2020–2035. */
    @Provide
    Arbitrary<LocalDate> edgeDays() {
        Arbitrary<Integer> years = Arbitraries.integers().between(2020, 2035);
        Arbitrary<LocalDate> dst = Combinators.combine(years, Arbitraries.of(Month.MARCH, Month.OCTOBER))
                .as((y, m) -> LocalDate.of(y, m, 1).with(TemporalAdjusters.lastInMonth(DayOfWeek.SUNDAY)));
        Arbitrary<LocalDate> easter = years.map(HotlineDecisionProperties::easter);
        Arbitrary<LocalDate> pentecost = years.map(y -> easter(y).plusDays(49));
        Arbitrary<LocalDate> newYear = years.map(y -> LocalDate.of(y, 12, 31));
        Arbitrary<LocalDate> christmas = years.map(y -> LocalDate.of(y, 12, 24));
        return Combinators.combine(
                        Arbitraries.oneOf(dst, easter, pentecost, newYear, christmas),
                        Arbitraries.integers().between(-4, 4))
                .as(LocalDate::plusDays);
    }

    @Provide
    Arbitrary<Instant> instants() {
        Arbitrary<LocalTime> times = Arbitraries.oneOf(
                Arbitraries.of(EDGES),
                Arbitraries.integers().between(0, 24 * 60 - 1).map(m -> LocalTime.MIN.plusMinutes(m)));
        Arbitrary<Instant> local = Combinators.combine(
                        edgeDays(),
                        times,
                        Arbitraries.of(true, false),
                        Arbitraries.longs().between(-1, 1))
                .as((d, time, later, nanos) -> {
                    ZonedDateTime z = LocalDateTime.of(d, time).atZone(BERLIN);
                    return (later ? z.withLaterOffsetAtOverlap() : z.withEarlierOffsetAtOverlap())
                            .toInstant()
                            .plusNanos(nanos);
                });
        // the DST switches themselves, to the nanosecond: 01:00 UTC on the last Sundays of March and October
        Arbitrary<Instant> switches = Combinators.combine(
                        Arbitraries.integers().between(2020, 2035),
                        Arbitraries.of(Month.MARCH, Month.OCTOBER),
                        Arbitraries.longs().between(-2, 2))
                .as((y, m, nanos) -> LocalDate.of(y, m, 1)
                        .with(TemporalAdjusters.lastInMonth(DayOfWeek.SUNDAY))
                        .atTime(1, 0)
                        .atZone(ZoneId.of("UTC"))
                        .toInstant()
                        .plusNanos(nanos));
        Arbitrary<Instant> uniform = Arbitraries.longs()
                .between(
                        LocalDate.of(2020, 1, 1).atStartOfDay(BERLIN).toEpochSecond(),
                        LocalDate.of(2035, 12, 31).atStartOfDay(BERLIN).toEpochSecond())
                .map(Instant::ofEpochSecond);
        return Arbitraries.frequencyOf(Tuple.of(6, local), Tuple.of(1, switches), Tuple.of(3, uniform));
    }

    @Provide
    Arbitrary<Criticality> criticalities() {
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.just(Criticality.CRITICAL)), Tuple.of(1, Arbitraries.of(Criticality.class)));
    }

    /** The reference itself, checked on dates a person can verify. */
    @Example
    void theReferenceEasterIsEaster() {
        assertThat(List.of(easter(2019), easter(2024), easter(2025), easter(2027)))
                .containsExactly(
                        LocalDate.of(2019, 4, 21),
                        LocalDate.of(2024, 3, 31),
                        LocalDate.of(2025, 4, 20),
                        LocalDate.of(2027, 3, 28));
        // Good Friday 2027 closes all day; 24 December from noon; an ordinary Tuesday not at all
        assertThat(closedFrom(LocalDate.of(2027, 3, 26))).contains(LocalTime.MIN);
        assertThat(closedFrom(LocalDate.of(2027, 12, 24))).contains(NOON);
        assertThat(closedFrom(LocalDate.of(2027, 1, 12))).isEmpty();
    }
}
