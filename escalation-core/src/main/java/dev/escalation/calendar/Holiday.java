package dev.escalation.calendar;

import static java.util.Objects.requireNonNull;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Optional;

/**
 * A day on which the calendar is closed, wholly or from a time of day on (a partial-day holiday such as the
 * afternoon of 24 December).
 *
 * @param date        the day
 * @param name        its name, shown in explanations (for example {@code "Christmas Eve"})
 * @param closedFrom  for a partial-day holiday, the local time from which the day is closed; empty for all day
 */
public record Holiday(LocalDate date, String name, Optional<LocalTime> closedFrom) {

    /**
     * Validates the components.
     *
     * @param date see the record component
     * @param name see the record component
     * @param closedFrom see the record component
     * @throws NullPointerException if a component is null
     */
    public Holiday {
        requireNonNull(date, "date");
        requireNonNull(name, "name");
        requireNonNull(closedFrom, "closedFrom");
    }

    /**
     * A whole-day holiday.
     *
     * @param date the day
     * @param name its name
     * @return the holiday
     */
    public static Holiday allDay(LocalDate date, String name) {
        return new Holiday(date, name, Optional.empty());
    }

    /**
     * A holiday closed from a time of day on.
     *
     * @param date       the day
     * @param name       its name
     * @param closedFrom the local time from which the day is closed
     * @return the holiday
     */
    public static Holiday from(LocalDate date, String name, LocalTime closedFrom) {
        return new Holiday(date, name, Optional.of(closedFrom));
    }
}
