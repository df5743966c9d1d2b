package dev.escalation.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.escalation.internal.CalendarAccess;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Absurd business durations: the arithmetic walks window by window, so a duration of centuries to billions of years
 * must be refused at once instead of walking for hours (the timeout only guards against that hang).
 */
class CalendarLimitsTest {
    private static final Instant T = TestCalendars.berlin("2026-12-01T10:00");

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void anAbsurdBusinessDurationIsRefusedInsteadOfWalkedForYears() {
        BusinessCalendar cal = TestCalendars.berlin();
        for (Duration absurd : List.of(
                Duration.ofSeconds(Long.MAX_VALUE, 999_999_999),
                Duration.ofDays(1_000_000_000L),
                Duration.ofDays(36_600).plusNanos(1))) {
            assertThatThrownBy(() -> cal.plus(T, absurd))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("36,600 days");
            assertThatThrownBy(() -> cal.plus(T, absurd, List.of(Interval.of(T, T.plusSeconds(60), "pause"))))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> cal.explainPlus(T, absurd)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> BusinessCalendar.alwaysOpen().plus(T, absurd))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> CalendarAccess.arithmetic().plus(cal, T, Duration.ofHours(1), absurd, List.of()))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void theLongestDurationAcceptedIsStillAdded() {
        BusinessCalendar always = BusinessCalendar.alwaysOpen();
        Duration max = Duration.ofDays(36_600);
        assertThat(always.plus(T, max)).isEqualTo(T.plus(max));
        assertThat(always.between(T, always.plus(T, max))).isEqualTo(max);
        Instant[] both = CalendarAccess.arithmetic().plus(always, T, Duration.ofHours(1), max, List.of());
        assertThat(both).containsExactly(T.plus(Duration.ofHours(1)), T.plus(max));
    }

    /** Open one microsecond a week: an hour of business time lies about 69,000 years ahead. */
    private static final BusinessCalendar MICROSECOND_A_WEEK = BusinessCalendar.builder(ZoneOffset.UTC)
            .open(DayOfWeek.MONDAY, LocalTime.of(9, 0), LocalTime.of(9, 0, 0, 1_000))
            .build();

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aCalendarOpenTooLittleIsRefusedInsteadOfWalkedForMillennia() {
        BusinessCalendar cal = MICROSECOND_A_WEEK;
        List<Interval> pause = List.of(Interval.of(T, T.plusSeconds(60), "pause"));
        for (Duration d : List.of(Duration.ofHours(1), Duration.ofDays(36_600))) {
            assertThatThrownBy(() -> cal.plus(T, d))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("open too little");
            assertThatThrownBy(() -> cal.plus(T, d, pause)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> cal.explainPlus(T, d)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> CalendarAccess.arithmetic().plus(cal, T, Duration.ofNanos(1_000), d, List.of()))
                    .isInstanceOf(IllegalArgumentException.class);
        }
        Instant late = Instant.MAX.minus(Duration.ofDays(400));
        assertThatThrownBy(() -> cal.plus(late, Duration.ofHours(1))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aSparseCalendarStillAddsWhatItReachesWithinTheLimit() {
        BusinessCalendar cal = MICROSECOND_A_WEEK;
        Instant monday = Instant.parse("2026-11-30T09:00:00Z");
        // 1,000 µs of business time: the thousandth weekly window ends it
        Instant end = cal.plus(monday, Duration.ofNanos(1_000_000));
        assertThat(end).isEqualTo(monday.plus(Duration.ofDays(7L * 999)).plusNanos(1_000));
        BusinessCalendar hourAWeek = BusinessCalendar.builder(ZoneOffset.UTC)
                .open(DayOfWeek.MONDAY, LocalTime.of(9, 0), LocalTime.of(10, 0))
                .build();
        // 10,000 hours at an hour a week: about 192 years ahead, well inside the limit
        assertThat(hourAWeek.plus(monday, Duration.ofHours(10_000)))
                .isEqualTo(monday.plus(Duration.ofDays(7L * 9_999)).plus(Duration.ofHours(1)));
    }
}
