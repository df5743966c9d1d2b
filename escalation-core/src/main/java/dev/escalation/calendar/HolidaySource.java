package dev.escalation.calendar;

import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a calendar learns its holidays. Core supplies explicit dates ({@link #of(Collection)}); the
 * {@code escalation-holidays} module supplies German public holidays from Jollyday.
 *
 * <p>Implementations must be thread-safe and fast: the calendar asks once per day it looks at. The answer for a date
 * must not change while an engine runs: the engine reuses due work it planned from the same SLA inputs.
 *
 * <p>A source that cannot answer (it throws, or answers {@code null}) leaves the calendar unable to answer too: the
 * calendar throws {@link dev.escalation.spi.UnavailableException} with the source's failure as its cause, and the
 * engine reports that as its retryable {@code UNAVAILABLE} error with nothing applied (an escalation is not recorded
 * without its hotline decision and SLA plan; the caller tries again). A source whose data do not cover a date (a
 * year outside their range) throws {@link NoHolidayDataException} instead: the calendar passes it on unchanged, and
 * the engine refuses with the non-retryable {@code INVALID_COMMAND} code {@code calendar.HolidayData}, as asking
 * again would give the same answer.
 */
@FunctionalInterface
public interface HolidaySource {

    /**
     * The holiday on a date.
     *
     * @param date the date in the calendar's zone
     * @return the holiday, or empty for an ordinary day
     */
    Optional<Holiday> holidayOn(LocalDate date);

    /**
     * No holidays. A non-capturing lambda: on OpenJDK every call returns the same instance, which lets the engine
     * skip work for a calendar without holidays (it compares by identity; another instance only skips nothing).
     *
     * @return the source without holidays
     */
    static HolidaySource none() {
        return date -> Optional.empty();
    }

    /**
     * Explicit holidays supplied by the host.
     *
     * @param holidays the holidays; one per date
     * @return the source
     * @throws NullPointerException     if the collection or one of its holidays is null
     * @throws IllegalArgumentException if two holidays share a date
     */
    static HolidaySource of(Collection<Holiday> holidays) {
        Map<LocalDate, Holiday> byDate = new HashMap<>();
        for (Holiday h : Objects.requireNonNull(holidays, "holidays")) {
            if (byDate.put(Objects.requireNonNull(h, "holiday").date(), h) != null) {
                throw new IllegalArgumentException("two holidays on " + h.date());
            }
        }
        Map<LocalDate, Holiday> copy = Map.copyOf(byDate);
        return date -> Optional.ofNullable(copy.get(date));
    }

    /**
     * This source with another one's holidays added; where both have one, this source wins.
     *
     * @param other the other source
     * @return the combined source
     * @throws NullPointerException if {@code other} is null
     */
    default HolidaySource and(HolidaySource other) {
        Objects.requireNonNull(other, "other");
        return date -> {
            Optional<Holiday> mine = holidayOn(date);
            return mine.isPresent() ? mine : other.holidayOn(date);
        };
    }
}
