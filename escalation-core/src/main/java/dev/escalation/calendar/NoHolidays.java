package dev.escalation.calendar;

import java.time.LocalDate;
import java.util.Optional;

/** The one source without holidays ({@link HolidaySource#none()}), so callers can tell it apart by identity. */
final class NoHolidays implements HolidaySource {
    static final NoHolidays INSTANCE = new NoHolidays();

    private NoHolidays() {}

    @Override
    public Optional<Holiday> holidayOn(LocalDate date) {
        return Optional.empty();
    }
}
