package dev.escalation.calendar;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;

/**
 * A half-open span of time {@code [from, to)} that does not count as business time, such as a period in which an
 * SLA clock was paused; {@code reason} is shown in explanations (for example {@code "waiting for customer"}).
 *
 * <p>Used with {@link BusinessCalendar#plus(Instant, Duration, java.util.List)} and
 * {@link BusinessCalendar#between(Instant, Instant, java.util.List)}. Immutable and thread-safe. An interval must
 * be finite: to model a pause that is still running, end it at the current time (the deadline then moves as
 * time passes).
 *
 * @param from   first instant excluded
 * @param to     first instant no longer excluded; not before {@code from} (equal means empty)
 * @param reason why the time is excluded, in words a person can read
 */
public record Interval(Instant from, Instant to, String reason) {

    /**
     * Validates the components.
     *
     * @param from see the record component
     * @param to see the record component
     * @param reason see the record component
     * @throws NullPointerException     if a component is null
     * @throws IllegalArgumentException if {@code to} is before {@code from}
     */
    public Interval {
        requireNonNull(from, "from");
        requireNonNull(to, "to");
        requireNonNull(reason, "reason");
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("interval end " + to + " is before its start " + from);
        }
    }

    /**
     * An excluded interval.
     *
     * @param from   first instant excluded
     * @param to     first instant no longer excluded
     * @param reason why the time is excluded
     * @return the interval
     * @throws IllegalArgumentException if {@code to} is before {@code from}
     */
    public static Interval of(Instant from, Instant to, String reason) {
        return new Interval(from, to, reason);
    }

    /**
     * The wall-clock length of the interval.
     *
     * @return {@code to - from}
     */
    public Duration length() {
        return Duration.between(from, to);
    }

    /**
     * Whether an instant lies inside the interval.
     *
     * @param instant the instant
     * @return {@code true} if {@code from <= instant < to}
     */
    public boolean contains(Instant instant) {
        return !instant.isBefore(from) && instant.isBefore(to);
    }
}
