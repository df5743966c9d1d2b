package dev.escalation.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;

/**
 * One opening window of a weekday, half-open in local wall-clock time; a window ending at {@link LocalTime#MAX} lasts
 * until the next day's 00:00.
 */
record Window(LocalTime from, LocalTime to) {

    /** The local date-time at which the window ends on {@code date}. */
    LocalDateTime end(LocalDate date) {
        return to.equals(LocalTime.MAX) ? date.plusDays(1).atStartOfDay() : date.atTime(to);
    }

    boolean contains(LocalTime time) {
        return !time.isBefore(from) && (time.isBefore(to) || to.equals(LocalTime.MAX));
    }

    /** Adds the window {@code [from, to)} of {@code day} to its others, which it must not overlap. */
    static void addTo(List<Window> others, DayOfWeek day, LocalTime from, LocalTime to) {
        for (Window w : others) {
            if (from.isBefore(w.to()) && w.from().isBefore(to)) {
                throw new IllegalArgumentException(
                        "window " + from + "–" + to + " on " + day + " overlaps " + w.from() + "–" + w.to());
            }
        }
        others.add(new Window(from, to));
    }

    @Override
    public String toString() {
        return from + "–" + (to.equals(LocalTime.MAX) ? "24:00" : to.toString());
    }
}
