package dev.escalation.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Instants at the ends of {@link Instant}'s range, where no local date exists in the calendar's zone (years beyond
 * ±999,999,999) or the search for an opening would run past them: every public method answers or refuses with its
 * documented {@link IllegalArgumentException} (or {@link NoOpeningException}), never a {@code DateTimeException} or
 * {@code ArithmeticException}; and {@code between} across millennia is refused at once instead of walked day by day.
 */
class CalendarTimeLineEndsTest {
    private static final List<Instant> ENDS = List.of(
            Instant.MIN,
            Instant.MAX,
            Instant.MIN.plusSeconds(86_400),
            Instant.MAX.minusSeconds(86_400),
            Instant.parse("-999999999-01-01T00:00:00Z"),
            Instant.parse("+999999999-12-31T10:00:00Z"),
            Instant.MAX.minus(Duration.ofDays(BusinessCalendar.MAX_CLOSED_DAYS)),
            Instant.MAX.minus(Duration.ofDays(3 * BusinessCalendar.MAX_CLOSED_DAYS)));

    private static List<BusinessCalendar> calendars() {
        return List.of(
                BusinessCalendar.alwaysOpen(),
                TestCalendars.berlin(),
                TestCalendars.berlinNights(),
                BusinessCalendar.builder(ZoneOffset.MAX)
                        .openWeekdays(LocalTime.of(9, 0), LocalTime.MAX)
                        .build(),
                BusinessCalendar.builder(ZoneOffset.MIN)
                        .open(DayOfWeek.SUNDAY, LocalTime.MIN, LocalTime.of(1, 0))
                        .build(),
                BusinessCalendar.builder(ZoneId.of("Pacific/Kiritimati"))
                        .openWeekdays(LocalTime.of(9, 0), LocalTime.of(17, 0))
                        .build());
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void instantsAtTheEndsOfTimeGetTheDocumentedRefusal() {
        List<String> failures = new ArrayList<>();
        for (BusinessCalendar cal : calendars()) {
            for (Instant t : ENDS) {
                String at = cal.zone() + " " + t;
                check(failures, "isOpen " + at, () -> cal.isOpen(t));
                check(failures, "closedReason " + at, () -> cal.closedReason(t));
                check(failures, "closingHoliday " + at, () -> cal.closingHoliday(t));
                check(failures, "nextOpening " + at, () -> cal.nextOpening(t));
                check(failures, "nextClosing " + at, () -> cal.nextClosing(t));
                for (Duration d : List.of(Duration.ZERO, Duration.ofHours(1), Duration.ofDays(36_600))) {
                    check(failures, "plus " + at + " " + d, () -> cal.plus(t, d));
                    check(
                            failures,
                            "plus/pause " + at + " " + d,
                            () -> cal.plus(t, d, List.of(Interval.of(t, t, "p"))));
                    check(failures, "explainPlus " + at + " " + d, () -> cal.explainPlus(t, d));
                }
                Instant near = t.isBefore(Instant.EPOCH) ? t.plusSeconds(3_600) : t.minusSeconds(3_600);
                check(failures, "between " + at, () -> cal.between(t, near));
                check(
                        failures,
                        "between/pause " + at,
                        () -> cal.between(near, t, List.of(Interval.of(near, near, "p"))));
            }
        }
        Instant now = Instant.parse("2027-01-12T09:00:00Z");
        for (BusinessCalendar cal : calendars()) { // a pause that never ends
            List<Interval> endless = List.of(Interval.of(now, Instant.MAX, "endless"));
            check(failures, "plus/endless " + cal.zone(), () -> cal.plus(now, Duration.ofHours(1), endless));
            check(failures, "between/endless " + cal.zone(), () -> cal.between(now, now.plusSeconds(7_200), endless));
        }
        assertThat(failures).as("exceptions other than the documented ones").isEmpty();
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void betweenAcrossTheWholeTimeLineIsRefusedInsteadOfWalked() {
        Instant from = Instant.parse("-999999000-01-01T00:00:00Z");
        Instant to = Instant.parse("+999999000-01-01T00:00:00Z");
        for (BusinessCalendar cal : calendars()) {
            assertThatThrownBy(() -> cal.between(from, to))
                    .as(cal.toString())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("36,600 days");
            assertThatThrownBy(() -> cal.between(to, from, List.of()))
                    .as(cal.toString())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("36,600 days");
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void betweenAcrossMillenniaOfClosedDaysIsRefusedInsteadOfWalked() {
        BusinessCalendar closed = BusinessCalendar.builder(ZoneOffset.UTC)
                .openWeekdays(LocalTime.of(9, 0), LocalTime.of(17, 0))
                .holidays(date -> java.util.Optional.of(Holiday.allDay(date, "Closed")))
                .build();
        Instant from = Instant.parse("2000-01-01T00:00:00Z");
        Instant to = Instant.parse("+999999000-01-01T00:00:00Z");
        assertThatThrownBy(() -> closed.between(from, to))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("16,800 years");
        assertThatThrownBy(() -> closed.between(to, from)).isInstanceOf(IllegalArgumentException.class);
        assertThat(closed.between(from, from.plus(Duration.ofDays(365)))).isZero();
    }

    private static void check(List<String> failures, String call, Supplier<?> s) {
        try {
            s.get();
        } catch (IllegalArgumentException | NoOpeningException expected) {
            assertThat(expected.getMessage()).as(call).isNotBlank();
        } catch (RuntimeException e) {
            failures.add(call + ": " + e);
        }
    }
}
