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
 * shorter period is elapsed time, and without a meeting held the first meeting is next. The series' zone is the one
 * recorded with the plan (drawn independently of the vendor's, also with daylight saving opposite to Europe's and as
 * a fixed offset), the vendor's for a plan stored without one.
 */
class MeetingCadenceProperties {
    private static final List<String> ZONES =
            ZoneId.getAvailableZoneIds().stream().sorted().toList();

    private static CommunicationPlan plan(Duration every, Instant first) {
        return new CommunicationPlan(every, Channel.VIDEO_CALL, first, first.minusSeconds(3600));
    }

    private static CommunicationPlan plan(Duration every, Instant first, Optional<ZoneId> zone) {
        CommunicationPlan p = plan(every, first);
        return zone.map(p::withZone).orElse(p);
    }

    /**
     * The series repeats in the plan's zone whatever the vendor's is: {@code zone} recorded with the plan, or (a plan
     * stored without a zone) the vendor's. The switch the meeting is held near is one of the series' zone.
     */
    @Property(tries = 3000)
    void wholeDaysAreCalendarDaysInTheSeriesZoneAndShorterPeriodsElapsedTime(
            @ForAll("zones") ZoneId zone,
            @ForAll("vendorZones") ZoneId vendor,
            @ForAll boolean recorded,
            @ForAll("heldNearSwitches") Tuple.Tuple2<Long, Long> at,
            @ForAll("periods") Duration every) {
        ZoneId series = recorded ? zone : vendor;
        ZoneOffsetTransition t = series.getRules().nextTransition(Instant.ofEpochSecond(at.get1()));
        Instant switchAt = t == null ? Instant.ofEpochSecond(at.get1()) : t.getInstant();
        Instant held = switchAt.plusSeconds(at.get2());
        Optional<ZoneId> stored = recorded ? Optional.of(zone) : Optional.empty();
        Instant next = MeetingCadence.next(Optional.of(held), plan(every, held.minusSeconds(86_400), stored), vendor);

        boolean days = every.getNano() == 0 && every.getSeconds() % 86_400 == 0;
        Instant expected = days ? held.atZone(series).plusDays(every.toDays()).toInstant() : held.plus(every);
        assertThat(next)
                .as("%s + %s in %s (vendor %s, recorded %s)", held.atZone(series), every, series, vendor, recorded)
                .isEqualTo(expected);
        assertThat(MeetingCadence.next(Optional.empty(), plan(every, held, stored), vendor))
                .isEqualTo(held);
    }

    /**
     * A New York series with a Berlin vendor: in the weeks when US and EU daylight saving differ (from 8 to 29 March
     * and from 25 October to 1 November 2026), "daily at 10:00" stays at 10:00 New York time, and a plan stored
     * without a zone keeps the vendor's local time.
     */
    @Example
    void dailyAtTenInNewYorkStaysAtTenInNewYorkWhenTheVendorIsInBerlin() {
        ZoneId ny = ZoneId.of("America/New_York");
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        Duration day = Duration.ofDays(1);
        for (String[] c : new String[][] {
            {"2026-03-07T10:00-05:00[America/New_York]", "2026-03-08T10:00-04:00[America/New_York]"},
            {"2026-03-10T10:00-04:00[America/New_York]", "2026-03-11T10:00-04:00[America/New_York]"},
            {"2026-03-28T10:00-04:00[America/New_York]", "2026-03-29T10:00-04:00[America/New_York]"},
            {"2026-10-24T10:00-04:00[America/New_York]", "2026-10-25T10:00-04:00[America/New_York]"},
            {"2026-10-31T10:00-04:00[America/New_York]", "2026-11-01T10:00-05:00[America/New_York]"}
        }) {
            Instant held = ZonedDateTime.parse(c[0]).toInstant();
            assertThat(MeetingCadence.next(Optional.of(held), plan(day, held, Optional.of(ny)), berlin))
                    .as("held %s", c[0])
                    .isEqualTo(ZonedDateTime.parse(c[1]).toInstant());
        }
        // stored without a zone: the vendor's local time, 10:00 Berlin on 29 March (CEST) after 10:00 CET
        Instant berlinTen =
                ZonedDateTime.parse("2026-03-28T10:00+01:00[Europe/Berlin]").toInstant();
        assertThat(MeetingCadence.next(Optional.of(berlinTen), plan(day, berlinTen), berlin))
                .isEqualTo(ZonedDateTime.parse("2026-03-29T10:00+02:00[Europe/Berlin]")
                        .toInstant());
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
                                "America/New_York",
                                "Australia/Sydney",
                                "America/Santiago",
                                "America/St_Johns",
                                "Australia/Lord_Howe",
                                "Pacific/Apia",
                                "America/Sao_Paulo",
                                "Asia/Kathmandu",
                                "Europe/Dublin",
                                "UTC",
                                "+05:45",
                                "-03:00")
                        .map(ZoneId::of),
                Arbitraries.of(ZONES).map(ZoneId::of));
    }

    /** The vendor's zone: Europe's rules, and others (a plan stored without a zone repeats in it). */
    @Provide
    Arbitrary<ZoneId> vendorZones() {
        return Arbitraries.of("Europe/Berlin", "America/New_York", "Australia/Sydney", "Asia/Tokyo", "+01:00")
                .map(ZoneId::of);
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
