package dev.escalation.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * A day's opening windows are half-open and must not overlap: the builder takes a window that only touches another
 * (09:00–12:00 and 12:00–17:00), refuses one that shares any minute with another naming both, and a refused window
 * changes nothing. Checked against a plain model of the accepted windows, minute by minute of a Monday.
 */
class OpeningWindowsProperties {

    private static final LocalDate MONDAY = LocalDate.of(2027, 1, 11);

    /** A window on a quarter-hour grid; {@code to == 96} is midnight at the end of the day. */
    record Slot(int from, int to) {
        LocalTime start() {
            return LocalTime.MIN.plusMinutes(15L * from);
        }

        LocalTime end() {
            return to == 96 ? LocalTime.MAX : LocalTime.MIN.plusMinutes(15L * to);
        }

        boolean contains(int minute) {
            return minute >= 15 * from && minute < 15 * to;
        }

        boolean overlaps(Slot o) {
            return from < o.to && o.from < to;
        }
    }

    @Provide
    Arbitrary<List<Slot>> slots() {
        return Combinators.combine(
                        Arbitraries.integers().between(0, 95),
                        Arbitraries.integers().between(1, 24))
                .as((from, length) -> new Slot(from, Math.min(96, from + length)))
                .list()
                .ofMinSize(1)
                .ofMaxSize(8);
    }

    @Property(tries = 1000)
    void aWindowIsTakenUnlessItSharesAMinuteWithAnother(@ForAll("slots") List<Slot> slots) {
        BusinessCalendar.Builder b = BusinessCalendar.builder(ZoneOffset.UTC);
        List<Slot> accepted = new ArrayList<>();
        for (Slot s : slots) {
            boolean clash = accepted.stream().anyMatch(s::overlaps);
            Statistics.label("window").collect(clash ? "refused" : "taken");
            if (clash) {
                assertThatThrownBy(() -> b.open(DayOfWeek.MONDAY, s.start(), s.end()))
                        .as("%s over %s", s, accepted)
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining("overlaps")
                        .hasMessageContaining(s.start().toString());
            } else {
                b.open(DayOfWeek.MONDAY, s.start(), s.end());
                accepted.add(s);
            }
        }
        BusinessCalendar cal = b.build();
        for (int minute = 0; minute < 24 * 60; minute++) {
            int m = minute;
            boolean open = accepted.stream().anyMatch(s -> s.contains(m));
            assertThat(cal.isOpen(MONDAY.atTime(LocalTime.MIN.plusMinutes(m)).toInstant(ZoneOffset.UTC)))
                    .as("minute %d with %s", m, accepted)
                    .isEqualTo(open);
        }
        assertThat(cal.opensOn(DayOfWeek.MONDAY)).isTrue();
        assertThat(cal.opensOn(DayOfWeek.TUESDAY)).isFalse();
    }

    @Example
    void windowsThatTouchAreBothTakenAndOneThatOverlapsByAMinuteIsNot() {
        BusinessCalendar.Builder b = BusinessCalendar.builder(ZoneOffset.UTC)
                .open(DayOfWeek.MONDAY, LocalTime.of(13, 0), LocalTime.of(17, 0))
                .open(DayOfWeek.MONDAY, LocalTime.of(9, 0), LocalTime.of(13, 0));
        assertThatThrownBy(() -> b.open(DayOfWeek.MONDAY, LocalTime.of(16, 59), LocalTime.of(18, 0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("window 16:59–18:00 on MONDAY overlaps 13:00–17:00");
        BusinessCalendar cal = b.open(DayOfWeek.MONDAY, LocalTime.of(17, 0), LocalTime.of(18, 0))
                .build();
        assertThat(cal.nextClosing(MONDAY.atTime(9, 0).toInstant(ZoneOffset.UTC)))
                .as("adjacent windows are one open period")
                .contains(MONDAY.atTime(18, 0).toInstant(ZoneOffset.UTC));
    }
}
