package dev.escalation.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * The calendar's memo of the zone offset converts exactly as {@link Instant#atZone}: over zones with daylight-saving
 * switches (half-hour ones, odd historic offsets), fixed offsets and UTC, random instants from 1850 to 2500 asked in
 * random order (so the memo is hit, missed and replaced), and every instant one second and one nanosecond around each
 * switch.
 */
class ZoneOffsetMemoPropertyTest {

    private static final List<ZoneId> ZONES = List.of(
            ZoneId.of("Europe/Berlin"),
            ZoneId.of("America/New_York"),
            ZoneId.of("Australia/Lord_Howe"),
            ZoneId.of("Pacific/Chatham"),
            ZoneId.of("America/St_Johns"),
            ZoneId.of("Africa/Casablanca"),
            ZoneId.of("Europe/Dublin"),
            ZoneId.of("Asia/Kolkata"),
            ZoneId.of("UTC"),
            ZoneOffset.ofHoursMinutes(5, 45));

    private static final long FROM = Instant.parse("1850-01-01T00:00:00Z").getEpochSecond();
    private static final long TO = Instant.parse("2500-01-01T00:00:00Z").getEpochSecond();

    private static CalendarDays days(ZoneId zone) {
        return new CalendarDays(zone, Map.of(), HolidaySource.none(), true);
    }

    @Provide
    Arbitrary<List<Instant>> instants() {
        Arbitrary<Instant> one = Arbitraries.longs()
                .between(FROM, TO)
                .flatMap(s -> Arbitraries.of(0, 1, 999_999_999).map(n -> Instant.ofEpochSecond(s, n)));
        return one.list().ofMinSize(1).ofMaxSize(40);
    }

    @Property(tries = 1000)
    void convertsAsAtZone(@ForAll("instants") List<Instant> instants, @ForAll("zones") ZoneId zone) {
        CalendarDays days = days(zone);
        for (Instant i : instants) {
            assertThat(days.local(i))
                    .as("%s in %s", i, zone)
                    .isEqualTo(i.atZone(zone).toLocalDateTime());
            assertThat(days.localDate(i))
                    .as("%s in %s", i, zone)
                    .isEqualTo(i.atZone(zone).toLocalDate());
        }
    }

    @Provide
    Arbitrary<ZoneId> zones() {
        return Arbitraries.of(ZONES);
    }

    @Test
    void aroundEverySwitch() {
        for (ZoneId zone : ZONES) {
            CalendarDays days = days(zone);
            List<Instant> near = new ArrayList<>();
            ZoneOffsetTransition t = zone.getRules().nextTransition(Instant.ofEpochSecond(FROM));
            while (t != null && t.toEpochSecond() < TO) {
                Instant at = t.getInstant();
                near.add(at.minusSeconds(1));
                near.add(at.minusNanos(1));
                near.add(at);
                near.add(at.plusNanos(1));
                near.add(at.plusSeconds(1));
                t = zone.getRules().nextTransition(at);
            }
            // forward, then backward: each direction meets every run from either side
            for (int pass = 0; pass < 2; pass++) {
                for (int k = 0; k < near.size(); k++) {
                    Instant i = near.get(pass == 0 ? k : near.size() - 1 - k);
                    assertThat(days.local(i))
                            .as("%s in %s", i, zone)
                            .isEqualTo(i.atZone(zone).toLocalDateTime());
                    assertThat(days.localDate(i))
                            .as("%s in %s", i, zone)
                            .isEqualTo(i.atZone(zone).toLocalDate());
                }
            }
        }
    }

    @Test
    void extremeInstantsConvertAsAtZone() {
        for (ZoneId zone : ZONES) {
            CalendarDays days = days(zone);
            for (Instant i : List.of(
                    Instant.parse("-100000-01-01T00:00:00Z"),
                    Instant.parse("+100000-01-01T00:00:00Z"),
                    Instant.EPOCH)) {
                assertThat(days.local(i)).isEqualTo(i.atZone(zone).toLocalDateTime());
            }
        }
    }
}
