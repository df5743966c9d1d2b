package dev.escalation.internal;

import dev.escalation.calendar.BusinessCalendar;
import dev.escalation.calendar.Interval;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The engine's access to business-calendar arithmetic that is not part of {@link BusinessCalendar}'s public contract.
 * This package is not exported; {@code BusinessCalendar} registers the implementation when its class is initialised.
 */
public final class CalendarAccess {
    /** The arithmetic. */
    public interface Arithmetic {
        /**
         * {@code calendar.plus(start, first, excluded)} and {@code calendar.plus(start, second, excluded)}, in this
         * order, from one walk where {@code 0 < first < second} (else the two calls, the second's made first).
         *
         * @param calendar the calendar
         * @param start    where counting starts
         * @param first    the shorter business duration
         * @param second   the longer business duration
         * @param excluded intervals that do not count
         * @return the two instants
         */
        Instant[] plus(
                BusinessCalendar calendar, Instant start, Duration first, Duration second, List<Interval> excluded);
    }

    private static volatile Arithmetic arithmetic;

    private CalendarAccess() {}

    /**
     * Called once by {@code BusinessCalendar}'s class initialiser; later calls (code on the class path reaching this
     * unexported package) are refused, so the engine's arithmetic cannot be replaced.
     *
     * @param a the implementation
     * @throws IllegalStateException if an implementation is registered already
     */
    public static synchronized void register(Arithmetic a) {
        Objects.requireNonNull(a, "arithmetic");
        if (arithmetic != null) {
            throw new IllegalStateException("the calendar arithmetic is registered already");
        }
        arithmetic = a;
    }

    /**
     * The implementation, initialising {@code BusinessCalendar} first if it was not yet.
     *
     * @return the implementation
     */
    public static Arithmetic arithmetic() {
        Arithmetic a = arithmetic;
        if (a == null) {
            try {
                Class.forName(BusinessCalendar.class.getName(), true, BusinessCalendar.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
            a = Objects.requireNonNull(arithmetic, "BusinessCalendar registers its arithmetic");
        }
        return a;
    }
}
