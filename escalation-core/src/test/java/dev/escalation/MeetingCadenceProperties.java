package dev.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.model.Channel;
import dev.escalation.model.CommunicationPlan;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
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
 * The next meeting of a plan against {@link ZonedDateTime}: a period of whole days is that many calendar days in the
 * series' zone ({@code plusDays}, the same local time, also across every JDK zone's switches near the last meeting), a
 * shorter period is elapsed time, and without a meeting held the first meeting is next.
 */
class MeetingCadenceProperties {
    private static final List<String> ZONES =
            ZoneId.getAvailableZoneIds().stream().sorted().toList();

    private static CommunicationPlan plan(Duration every, Instant first) {
        return new CommunicationPlan(every, Channel.VIDEO_CALL, first, first.minusSeconds(3600));
    }

    @Property(tries = 3000)
    void wholeDaysAreCalendarDaysInTheZoneAndShorterPeriodsElapsedTime(
            @ForAll("zones") ZoneId zone,
            @ForAll("heldNearSwitches") Tuple.Tuple2<Long, Long> at,
            @ForAll("periods") Duration every) {
        ZoneOffsetTransition t = zone.getRules().nextTransition(Instant.ofEpochSecond(at.get1()));
        Instant switchAt = t == null ? Instant.ofEpochSecond(at.get1()) : t.getInstant();
        Instant held = switchAt.plusSeconds(at.get2());
        Instant next = MeetingCadence.next(Optional.of(held), plan(every, held.minusSeconds(86_400)), zone);

        boolean days = every.getNano() == 0 && every.getSeconds() % 86_400 == 0;
        Instant expected = days ? held.atZone(zone).plusDays(every.toDays()).toInstant() : held.plus(every);
        assertThat(next).as("%s + %s in %s", held.atZone(zone), every, zone).isEqualTo(expected);
        assertThat(MeetingCadence.next(Optional.empty(), plan(every, held), zone))
                .isEqualTo(held);
    }

    @Example
    void dailyAtTenStaysAtTenInBerlinAcrossBothSwitches() {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        Duration day = Duration.ofDays(1);
        Instant autumn =
                ZonedDateTime.parse("2027-10-30T10:00+02:00[Europe/Berlin]").toInstant();
        assertThat(MeetingCadence.next(Optional.of(autumn), plan(day, autumn), berlin))
                .isEqualTo(ZonedDateTime.parse("2027-10-31T10:00+01:00[Europe/Berlin]")
                        .toInstant());
        Instant spring =
                ZonedDateTime.parse("2027-03-27T10:00+01:00[Europe/Berlin]").toInstant();
        assertThat(MeetingCadence.next(Optional.of(spring), plan(day, spring), berlin))
                .isEqualTo(ZonedDateTime.parse("2027-03-28T10:00+02:00[Europe/Berlin]")
                        .toInstant());
        // 02:30 does not exist on 28 March: the meeting moves on by the gap, to 03:30 CEST
        Instant night =
                ZonedDateTime.parse("2027-03-27T02:30+01:00[Europe/Berlin]").toInstant();
        assertThat(MeetingCadence.next(Optional.of(night), plan(day, night), berlin))
                .isEqualTo(ZonedDateTime.parse("2027-03-28T03:30+02:00[Europe/Berlin]")
                        .toInstant());
    }

    @Provide
    Arbitrary<ZoneId> zones() {
        return Arbitraries.oneOf(
                Arbitraries.of(
                                "Europe/Berlin",
                                "America/St_Johns",
                                "Australia/Lord_Howe",
                                "Pacific/Apia",
                                "America/Sao_Paulo",
                                "Asia/Kathmandu",
                                "Europe/Dublin",
                                "UTC",
                                "+05:45")
                        .map(ZoneId::of),
                Arbitraries.of(ZONES).map(ZoneId::of));
    }

    /** A start (epoch second, 1900–2040) whose next switch the meeting is held near: up to 15 days either side. */
    @Provide
    Arbitrary<Tuple.Tuple2<Long, Long>> heldNearSwitches() {
        return Combinators.combine(
                        Arbitraries.longs().between(-2_208_988_800L, 2_208_988_800L),
                        Arbitraries.longs().between(-15 * 86_400L, 15 * 86_400L))
                .as(Tuple::of);
    }

    @Provide
    Arbitrary<Duration> periods() {
        return Arbitraries.oneOf(
                Arbitraries.integers().between(1, 14).map(Duration::ofDays),
                Arbitraries.integers().between(15, 14 * 24 * 60).map(Duration::ofMinutes));
    }
}
