package dev.escalation.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;

/** The arithmetic's contract at one instant, shared by the zone properties. */
final class CalendarContract {
    private CalendarContract() {}

    /** The window shapes the properties use; the first three are {@link ExoticZoneProperties}'. */
    static final int SHAPES = 4;

    /**
     * A calendar of one window shape: 0 weekdays 09–17, 1 nights 00–03 and 23–24, 2 01:30–02:45 daily, 3 the half hour
     * each side of midnight daily.
     */
    static BusinessCalendar calendar(String zone, int shape) {
        BusinessCalendar.Builder b = BusinessCalendar.builder(ZoneId.of(zone));
        if (shape == 0) {
            b.openWeekdays(LocalTime.of(9, 0), LocalTime.of(17, 0));
        }
        for (DayOfWeek d : DayOfWeek.values()) {
            if (shape == 1) {
                b.open(d, LocalTime.MIDNIGHT, LocalTime.of(3, 0)).open(d, LocalTime.of(23, 0), LocalTime.MAX);
            } else if (shape == 2) {
                b.open(d, LocalTime.of(1, 30), LocalTime.of(2, 45));
            } else if (shape == 3) {
                b.open(d, LocalTime.MIDNIGHT, LocalTime.of(0, 30)).open(d, LocalTime.of(23, 30), LocalTime.MAX);
            }
        }
        return b.build();
    }

    /**
     * Asserts the contract of {@code c} at {@code t} for durations {@code a} and {@code b}: additivity, {@code between}
     * inverts {@code plus}, open/closed answers agree, and the explanation ends where {@code plus} does.
     *
     * @return {@code c.plus(t, a)}
     */
    static Instant holds(BusinessCalendar c, Instant t, Duration a, Duration b) {
        Instant ta = c.plus(t, a);
        assertThat(c.between(t, ta)).isEqualTo(a);
        assertThat(c.plus(ta, b)).isEqualTo(c.plus(t, a.plus(b)));
        assertThat(c.isOpen(t)).isEqualTo(c.nextOpening(t).equals(t));
        assertThat(c.isOpen(t)).isEqualTo(c.closedReason(t).isEmpty());
        assertThat(c.isOpen(c.nextOpening(t))).isTrue();
        c.nextClosing(t).ifPresent(closing -> assertThat(c.isOpen(closing)).isFalse());
        if (!a.isZero()) {
            assertThat(c.isOpen(ta) || c.isOpen(ta.minusNanos(1))).isTrue();
        }
        assertThat(c.explainPlus(t, a).end()).isEqualTo(ta);
        return ta;
    }
}
