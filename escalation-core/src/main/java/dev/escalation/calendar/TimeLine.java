package dev.escalation.calendar;

import java.time.DateTimeException;
import java.util.function.Supplier;

/**
 * The calendar's answer at the ends of {@link java.time.Instant}'s range: an instant whose local date in the zone lies
 * beyond {@link java.time.LocalDate}'s years ±999,999,999 (or a walk that runs past them) has no weekday, window or
 * holiday, so the public methods refuse it with their documented {@link IllegalArgumentException} instead of letting
 * {@code java.time}'s {@link DateTimeException} or an {@link ArithmeticException} escape.
 */
final class TimeLine {
    private TimeLine() {}

    /** Runs a calendar computation, turning a time-line overflow into {@link IllegalArgumentException}. */
    static <T> T guard(Supplier<T> computation) {
        try {
            return computation.get();
        } catch (DateTimeException | ArithmeticException e) {
            throw new IllegalArgumentException(
                    "instant beyond the time range a business calendar computes in (local dates of the years"
                            + " -999,999,999 to 999,999,999 in its zone): " + e.getMessage(),
                    e);
        }
    }
}
