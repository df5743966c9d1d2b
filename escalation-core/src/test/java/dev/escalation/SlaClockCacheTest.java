package dev.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.calendar.BusinessCalendar;
import dev.escalation.model.CalendarSpec;
import dev.escalation.model.Channel;
import dev.escalation.model.CommunicationPlan;
import dev.escalation.model.OpeningHours;
import dev.escalation.sla.SlaPolicy;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The customer contract calendars an engine builds from its directory's specs are cached, but not without bound: a
 * directory may name any number of distinct calendars (one per customer), so the engine keeps the ones met lately and
 * builds an old one again (the same calendar: a pure function of its spec).
 */
class SlaClockCacheTest {
    private static final SlaPolicy POLICY = SlaFixtures.everyStep("cache");

    /** A distinct weekday calendar per {@code n}: open from 08:00 for {@code n % 600} minutes more than 8 hours. */
    private static CalendarSpec spec(int n) {
        List<OpeningHours> hours = new ArrayList<>();
        LocalTime from = LocalTime.of(8, 0);
        LocalTime to = LocalTime.of(16, 0).plusMinutes(n % 420);
        for (DayOfWeek d : List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY)) {
            hours.add(new OpeningHours(d, from, to));
        }
        String zone = List.of("Europe/Berlin", "UTC", "America/New_York", "Asia/Tokyo")
                .get(n / 420);
        return new CalendarSpec(zone, Optional.empty(), hours);
    }

    @Test
    void aRecentCalendarIsKeptAndOneMetLongAgoIsBuiltAgain() {
        SlaClock clock = new SlaClock(Map.of(POLICY.ref(), POLICY), SlaFixtures.coverage(), code -> null);
        BusinessCalendar first = clock.build(spec(0));
        assertThat(clock.build(spec(0))).as("kept while recent").isSameAs(first);

        BusinessCalendar last = null;
        for (int n = 1; n < 1_680; n++) {
            last = clock.build(spec(n));
        }

        assertThat(clock.build(spec(1_679))).as("the last one met is kept").isSameAs(last);
        BusinessCalendar again = clock.build(spec(0));
        assertThat(again)
                .as("1,679 other calendars later, the first is no longer held")
                .isNotSameAs(first);
        assertThat(again.zone()).isEqualTo(first.zone());
        assertThat(again.weeklyOpenTime()).isEqualTo(first.weeklyOpenTime());
    }

    /** The always-open calendars of the meeting series' zones (which a command names) are bounded the same way. */
    @Test
    void aRecentSeriesZoneIsKeptAndOneMetLongAgoIsBuiltAgain() {
        SlaClock clock = new SlaClock(Map.of(POLICY.ref(), POLICY), SlaFixtures.coverage(), code -> null);
        ZoneId vendor = SlaFixtures.coverage().zone();
        List<ZoneId> zones = ZoneId.getAvailableZoneIds().stream()
                .sorted()
                .map(ZoneId::of)
                .filter(z -> !z.equals(vendor))
                .limit(300)
                .toList();
        CommunicationPlan plan = new CommunicationPlan(
                Duration.ofDays(1), Channel.VIDEO_CALL, Instant.parse("2027-01-12T10:00:00Z"), Instant.EPOCH);
        BusinessCalendar first = clock.wallClock(plan.withZone(zones.get(0)));
        assertThat(clock.wallClock(plan.withZone(zones.get(0))))
                .as("kept while recent")
                .isSameAs(first);
        assertThat(first.zone()).isEqualTo(zones.get(0));

        BusinessCalendar last = null;
        for (ZoneId zone : zones.subList(1, zones.size())) {
            last = clock.wallClock(plan.withZone(zone));
        }

        assertThat(clock.wallClock(plan.withZone(zones.get(zones.size() - 1))))
                .as("the last one met is kept")
                .isSameAs(last);
        BusinessCalendar again = clock.wallClock(plan.withZone(zones.get(0)));
        assertThat(again)
                .as("299 other zones later, the first is no longer held")
                .isNotSameAs(first);
        assertThat(again.zone()).isEqualTo(first.zone());
    }
}
