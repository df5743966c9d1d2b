package dev.escalation.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The arithmetic's contract in zones the other properties do not use: half-hour and 45-minute offsets, a 30-minute
 * daylight-saving shift (Lord Howe), the extremes +14:00 and -12:00, and night windows that touch the switches; plus
 * that a later start never gives an earlier result.
 */
class ExoticZoneProperties {

    private static final List<String> ZONES = List.of(
            "Asia/Kathmandu",
            "Asia/Kolkata",
            "Australia/Lord_Howe",
            "Australia/Eucla",
            "Pacific/Chatham",
            "Pacific/Kiritimati",
            "Etc/GMT+12",
            "America/St_Johns",
            "Asia/Tehran",
            "Europe/Berlin");

    /** A zone and the shape of its windows: 0 weekdays 09–17, 1 nights 00–03 and 23–24, 2 01:30–02:45 daily. */
    record Case(String zone, int shape) {
        BusinessCalendar calendar() {
            return CalendarContract.calendar(zone, shape);
        }
    }

    @Property(tries = 1000)
    void theContractHoldsInExoticZones(
            @ForAll("cases") Case k,
            @ForAll("instants") Instant t,
            @ForAll("durations") Duration a,
            @ForAll("durations") Duration b) {
        CalendarContract.holds(k.calendar(), t, a, b);
    }

    @Property(tries = 1000)
    void aLaterStartNeverGivesAnEarlierResult(
            @ForAll("cases") Case k,
            @ForAll("instants") Instant t,
            @ForAll("durations") Duration later,
            @ForAll("durations") Duration a) {
        BusinessCalendar c = k.calendar();
        Instant u = t.plus(later);
        List<Interval> pause = List.of(Interval.of(t.plus(later.dividedBy(2)), u.plus(a), "pause"));
        assertThat(c.plus(u, a)).isAfterOrEqualTo(c.plus(t, a));
        assertThat(c.plus(u, a, pause)).isAfterOrEqualTo(c.plus(t, a, pause));
    }

    @Provide
    Arbitrary<Case> cases() {
        return Combinators.combine(Arbitraries.of(ZONES), Arbitraries.integers().between(0, 2))
                .as(Case::new);
    }

    /** Uniform 2020–2035, and near the zone switches of those years (to the nanosecond). */
    @Provide
    Arbitrary<Instant> instants() {
        long from = Instant.parse("2020-01-01T00:00:00Z").getEpochSecond();
        long to = Instant.parse("2035-12-31T00:00:00Z").getEpochSecond();
        Arbitrary<Instant> uniform = Arbitraries.longs().between(from, to).map(Instant::ofEpochSecond);
        Arbitrary<Instant> switches = Combinators.combine(
                        Arbitraries.of(ZONES),
                        Arbitraries.integers().between(2020, 2035),
                        Arbitraries.integers().between(1, 12),
                        Arbitraries.longs().between(-3 * 3600, 3 * 3600),
                        Arbitraries.integers().between(-1, 1))
                .as((zone, year, month, seconds, nanos) -> {
                    Instant start = LocalDate.of(year, month, 1)
                            .atStartOfDay(ZoneId.of(zone))
                            .toInstant();
                    ZoneOffsetTransition next = ZoneId.of(zone).getRules().nextTransition(start);
                    Instant at = next == null ? start : next.getInstant();
                    return at.plusSeconds(seconds).plusNanos(nanos);
                });
        return Arbitraries.oneOf(uniform, switches);
    }

    @Provide
    Arbitrary<Duration> durations() {
        return Arbitraries.oneOf(
                Arbitraries.longs().between(0, 5L * 24 * 3600).map(Duration::ofSeconds),
                Arbitraries.longs().between(0, 3_000_000_000_000L).map(Duration::ofNanos),
                Arbitraries.of(Duration.ZERO, Duration.ofMinutes(30), Duration.ofMinutes(45), Duration.ofHours(8)));
    }
}
