package dev.escalation.model;

import static java.util.Objects.requireNonNull;

import java.time.DayOfWeek;
import java.time.LocalTime;

/**
 * One opening window of a weekday in a calendar's local time; {@code to} is exclusive.
 *
 * @param day  the weekday
 * @param from opening time
 * @param to   closing time, after {@code from}
 */
public record OpeningHours(DayOfWeek day, LocalTime from, LocalTime to) {

    /**
     * Validates the components.
     *
     * @param day the weekday
     * @param from opening time
     * @param to closing time, after {@code from}
     * @throws NullPointerException if a component is null
     * @throws IllegalArgumentException if {@code to} is not after {@code from}
     */
    public OpeningHours {
        requireNonNull(day, "day");
        requireNonNull(from, "from");
        requireNonNull(to, "to");
        if (!to.isAfter(from)) {
            throw new IllegalArgumentException("closing time " + to + " must be after opening time " + from);
        }
    }
}
