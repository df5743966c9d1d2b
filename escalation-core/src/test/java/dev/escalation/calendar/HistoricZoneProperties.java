package dev.escalation.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.util.List;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * The arithmetic's contract where local dates interleave: zones that switched back across midnight (St John's and
 * Goose Bay went back from 00:01 to 23:01 of the day before until 2011), that repeated a whole day (Alaska in 1867,
 * Samoa in 1892) or skipped one (Kwajalein 1993, Samoa 2011), and every other zone of the JDK, at instants near their
 * switches from 1850 to 2040 — with windows that touch midnight.
 */
class HistoricZoneProperties {

    private static final List<String> TANGLED = List.of(
            "America/St_Johns",
            "America/Goose_Bay",
            "America/Moncton",
            "America/Juneau",
            "America/Sitka",
            "America/Metlakatla",
            "America/Nome",
            "Pacific/Apia",
            "Pacific/Kwajalein",
            "Pacific/Fakaofo",
            "Asia/Manila");

    private static final List<String> ALL = List.copyOf(new TreeSet<>(ZoneId.getAvailableZoneIds()));

    /** A calendar ({@link CalendarContract#calendar} shape) and an instant near one of its zone's switches. */
    record Case(String zone, int shape, Instant t) {
        BusinessCalendar calendar() {
            return CalendarContract.calendar(zone, shape);
        }
    }

    @Property(tries = 3000, edgeCases = EdgeCasesMode.NONE)
    void theContractHoldsWhereLocalDatesInterleave(
            @ForAll("cases") Case k, @ForAll("durations") Duration a, @ForAll("durations") Duration b) {
        BusinessCalendar c = k.calendar();
        Instant t = k.t();
        Instant ta = CalendarContract.holds(c, t, a, b);
        assertThat(c.explainPlus(t, a).counted()).isEqualTo(a);
        Instant u = t.plus(b);
        List<Interval> pause = List.of(Interval.of(t.plus(b.dividedBy(2)), u.plus(a), "pause"));
        assertThat(c.plus(u, a)).isAfterOrEqualTo(ta);
        assertThat(c.plus(u, a, pause)).isAfterOrEqualTo(c.plus(t, a, pause));
        assertThat(c.between(t, c.plus(t, a, pause), pause)).isEqualTo(a);
    }

    /** St John's, 25 October 1987: 00:00–00:01 NDT came before 23:01–24:00 NST of the day before; both count. */
    @Example
    void theMinuteBeforeASwitchBackAcrossMidnightCounts() {
        BusinessCalendar nights = new Case("America/St_Johns", 1, Instant.EPOCH).calendar();
        Instant from = Instant.parse("1987-10-25T01:30:00Z"); // 23:00 NDT, Saturday 24 October
        Instant to = Instant.parse("1987-10-25T06:30:00Z"); // 03:00 NST, Sunday 25 October
        assertThat(nights.isOpen(Instant.parse("1987-10-25T02:30:30Z"))).isTrue(); // 00:00:30 NDT, Sunday
        assertThat(nights.between(from, to)).isEqualTo(Duration.ofHours(5));
        assertThat(nights.nextClosing(from)).contains(to);
        assertThat(nights.plus(from, Duration.ofMinutes(61))).isEqualTo(Instant.parse("1987-10-25T02:31:00Z"));
    }

    /**
     * Open by the plain rule for a {@link CalendarContract#calendar} shape: the local weekday and time of day fall in
     * one of its windows.
     */
    private static boolean openByTheRule(int shape, ZoneId zone, long second) {
        java.time.LocalDateTime local = java.time.LocalDateTime.ofInstant(Instant.ofEpochSecond(second), zone);
        int minute = local.getHour() * 60 + local.getMinute();
        return switch (shape) {
            case 0 -> local.getDayOfWeek().getValue() <= 5 && minute >= 9 * 60 && minute < 17 * 60;
            case 1 -> minute < 3 * 60 || minute >= 23 * 60;
            case 2 -> minute >= 90 && minute < 165;
            case 3 -> minute < 30 || minute >= 23 * 60 + 30;
            default -> throw new AssertionError(shape);
        };
    }

    /**
     * An oracle for interleaved dates: near a switch of a tangled zone, for each window shape of {@link
     * CalendarContract#calendar}, the business time between two whole seconds is the number of seconds between them
     * that are open by the plain rule (every switch and window falls on a whole second), and the calendar's open/closed
     * answer is the rule's at sampled seconds. The contract above only checks that the calendar agrees with itself;
     * this fixes the answer.
     */
    @Property(tries = 1000, edgeCases = EdgeCasesMode.NONE)
    void businessTimeNearASwitchIsTheOpenSecondsByThePlainRule(
            @ForAll("switches") Instant t,
            @ForAll("zones") String zone,
            @ForAll @net.jqwik.api.constraints.IntRange(min = 0, max = CalendarContract.SHAPES - 1) int shape,
            @ForAll("leads") long lead,
            @ForAll("spans") long seconds) {
        ZoneOffsetTransition next = ZoneId.of(zone).getRules().nextTransition(t);
        Instant from = (next == null ? t : next.getInstant()).minusSeconds(lead);
        ZoneId z = ZoneId.of(zone);
        BusinessCalendar cal = CalendarContract.calendar(zone, shape);
        long open = 0;
        for (long s = from.getEpochSecond(); s < from.getEpochSecond() + seconds; s++) {
            boolean rule = openByTheRule(shape, z, s);
            if (rule) {
                open++;
            }
            if (s % 61 == 0) { // a sample of the seconds: isOpen is checked by the between below as a whole
                assertThat(cal.isOpen(Instant.ofEpochSecond(s)))
                        .as("%s shape %d at %s", zone, shape, s)
                        .isEqualTo(rule);
            }
        }
        assertThat(cal.between(from, from.plusSeconds(seconds)))
                .as("%s shape %d from %s for %d s", zone, shape, from, seconds)
                .isEqualTo(Duration.ofSeconds(open));
    }

    /** From 1850 to 2040, half of them from 1980 to 2011, when Newfoundland and Labrador switched at 00:01. */
    @Provide
    Arbitrary<Instant> switches() {
        return Arbitraries.oneOf(
                between("1850-01-01T00:00:00Z", "2040-01-01T00:00:00Z"),
                between("1980-01-01T00:00:00Z", "2011-12-31T00:00:00Z"));
    }

    private static Arbitrary<Instant> between(String from, String to) {
        return Arbitraries.longs()
                .between(Instant.parse(from).getEpochSecond(), Instant.parse(to).getEpochSecond())
                .map(Instant::ofEpochSecond);
    }

    @Provide
    Arbitrary<String> zones() {
        return Arbitraries.frequencyOf(Tuple.of(4, Arbitraries.of(TANGLED)), Tuple.of(1, Arbitraries.of(ALL)));
    }

    /** How long before the switch the walk starts: often within its last two minutes, else within four hours. */
    @Provide
    Arbitrary<Long> leads() {
        return Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.longs().between(0, 120)),
                Tuple.of(1, Arbitraries.longs().between(0, 4 * 3600)));
    }

    @Provide
    Arbitrary<Long> spans() {
        return Arbitraries.longs().between(1, 8 * 3600);
    }

    /**
     * St John's, 25 October 1987, seen from the minute after midnight NDT: the open hour 23:01–24:00 NST that follows
     * belongs to the day before, Saturday, so a walk from Sunday must look at Saturday's windows too.
     */
    @Example
    void theDayBeforeStillHasOpenTimeAfterASwitchBackAcrossMidnight() {
        BusinessCalendar nights = CalendarContract.calendar("America/St_Johns", 1);
        Instant from = Instant.parse("1987-10-25T02:30:30Z"); // 00:00:30 NDT, Sunday 25 October
        Instant saturdayAgain = Instant.parse("1987-10-25T02:31:00Z"); // 23:01 NST, Saturday 24 October
        Instant end = Instant.parse("1987-10-25T06:30:00Z"); // 03:00 NST, Sunday
        assertThat(nights.isOpen(saturdayAgain.plusSeconds(1800))).isTrue();
        assertThat(nights.nextClosing(from)).contains(end);
        assertThat(nights.between(from, end)).isEqualTo(Duration.between(from, end));
        assertThat(nights.plus(from, Duration.ofMinutes(30))).isEqualTo(from.plus(Duration.ofMinutes(30)));
        assertThat(nights.nextOpening(saturdayAgain)).isEqualTo(saturdayAgain);
    }

    /** Samoa, 4 July 1892 happened twice: its 23:00–24:00 before the date line moved is open time too. */
    @Example
    void aRepeatedDayIsOpenBothTimes() {
        BusinessCalendar nights = new Case("Pacific/Apia", 1, Instant.EPOCH).calendar();
        Instant lastSecondOfTheFirst = Instant.parse("1892-07-04T11:26:55Z"); // 23:59:59 +12:33:04
        assertThat(nights.isOpen(lastSecondOfTheFirst)).isTrue();
        assertThat(nights.nextOpening(lastSecondOfTheFirst)).isEqualTo(lastSecondOfTheFirst);
        assertThat(nights.between(Instant.parse("1892-07-04T10:26:56Z"), Instant.parse("1892-07-04T14:26:56Z")))
                .isEqualTo(Duration.ofHours(4)); // 23:00–24:00 of the first 4 July, 00:00–03:00 of the second
    }

    @Provide
    Arbitrary<Case> cases() {
        return Combinators.combine(
                        Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.of(TANGLED)), Tuple.of(1, Arbitraries.of(ALL))),
                        Arbitraries.integers().between(0, CalendarContract.SHAPES - 1),
                        Arbitraries.longs()
                                .between(
                                        Instant.parse("1850-01-01T00:00:00Z").getEpochSecond(),
                                        Instant.parse("2040-01-01T00:00:00Z").getEpochSecond()),
                        Arbitraries.longs().between(-3 * 3600, 3 * 3600),
                        Arbitraries.integers().between(-1, 1))
                .as((zone, shape, second, offset, nanos) -> {
                    ZoneOffsetTransition next =
                            ZoneId.of(zone).getRules().nextTransition(Instant.ofEpochSecond(second));
                    Instant at = next == null ? Instant.ofEpochSecond(second) : next.getInstant();
                    return new Case(zone, shape, at.plusSeconds(offset).plusNanos(nanos));
                });
    }

    @Provide
    Arbitrary<Duration> durations() {
        return Arbitraries.oneOf(
                Arbitraries.longs().between(0, 5L * 24 * 3600).map(Duration::ofSeconds),
                Arbitraries.of(Duration.ZERO, Duration.ofMinutes(1), Duration.ofMinutes(30), Duration.ofHours(8)));
    }
}
