package dev.escalation.calendar;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * Calendars for core's tests. Core cannot use the Jollyday-backed module, so the German holidays of 2026–2028 are
 * listed here as explicit host-supplied dates (the holidays module tests the real data).
 */
final class TestCalendars {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    static final LocalTime NINE = LocalTime.of(9, 0);
    static final LocalTime FIVE = LocalTime.of(17, 0);
    static final LocalTime NOON = LocalTime.NOON;

    private TestCalendars() {}

    static List<Holiday> germanHolidays2026To2028() {
        List<Holiday> h = new ArrayList<>();
        for (int year = 2026; year <= 2028; year++) {
            h.add(Holiday.allDay(LocalDate.of(year, 1, 1), "New Year's Day"));
            h.add(Holiday.allDay(LocalDate.of(year, 5, 1), "Labour Day"));
            h.add(Holiday.allDay(LocalDate.of(year, 10, 3), "German Unity Day"));
            h.add(Holiday.from(LocalDate.of(year, 12, 24), "Christmas Eve", NOON));
            h.add(Holiday.allDay(LocalDate.of(year, 12, 25), "Christmas Day"));
            h.add(Holiday.allDay(LocalDate.of(year, 12, 26), "Boxing Day"));
            h.add(Holiday.from(LocalDate.of(year, 12, 31), "New Year's Eve", NOON));
        }
        LocalDate[] easterSundays = {LocalDate.of(2026, 4, 5), LocalDate.of(2027, 3, 28), LocalDate.of(2028, 4, 16)};
        for (LocalDate easter : easterSundays) {
            h.add(Holiday.allDay(easter.minusDays(2), "Good Friday"));
            h.add(Holiday.allDay(easter.plusDays(1), "Easter Monday"));
            h.add(Holiday.allDay(easter.plusDays(39), "Ascension Day"));
            h.add(Holiday.allDay(easter.plusDays(50), "Whit Monday"));
        }
        return h;
    }

    /** German coverage as core sees it: Europe/Berlin, Monday–Friday 09:00–17:00, holidays 2026–2028. */
    static BusinessCalendar berlin() {
        return BusinessCalendar.builder(BERLIN)
                .openWeekdays(NINE, FIVE)
                .holidays(HolidaySource.of(germanHolidays2026To2028()))
                .build();
    }

    /** Berlin with a lunch break: Monday–Friday 09:00–12:00 and 13:00–17:00. */
    static BusinessCalendar berlinWithLunch() {
        return BusinessCalendar.builder(BERLIN)
                .openWeekdays(NINE, NOON)
                .openWeekdays(LocalTime.of(13, 0), FIVE)
                .holidays(HolidaySource.of(germanHolidays2026To2028()))
                .build();
    }

    /**
     * Berlin mornings with the German holidays: Monday–Friday 08:00–11:00, so a day closes before Christmas Eve's
     * noon and the closed stretch after it is outside hours first, then the holiday.
     */
    static BusinessCalendar berlinMornings() {
        return BusinessCalendar.builder(BERLIN)
                .openWeekdays(LocalTime.of(8, 0), LocalTime.of(11, 0))
                .holidays(HolidaySource.of(germanHolidays2026To2028()))
                .build();
    }

    /** Berlin around the clock (an on-call rota): every day 00:00–24:00, no holidays. */
    static BusinessCalendar berlin24x7() {
        BusinessCalendar.Builder b = BusinessCalendar.builder(BERLIN);
        for (DayOfWeek d : DayOfWeek.values()) {
            b.open(d, LocalTime.MIN, LocalTime.MAX);
        }
        return b.build();
    }

    /** Berlin with night windows that the DST switches hit: every day 01:00–04:00 and 22:00–24:00. */
    static BusinessCalendar berlinNights() {
        BusinessCalendar.Builder b = BusinessCalendar.builder(BERLIN);
        for (DayOfWeek d : DayOfWeek.values()) {
            b.open(d, LocalTime.of(1, 0), LocalTime.of(4, 0));
            b.open(d, LocalTime.of(22, 0), LocalTime.MAX);
        }
        return b.build();
    }

    /** A US customer: America/New_York, Monday–Friday 09:00–17:00, Thanksgiving 2026 and 2027. */
    static BusinessCalendar newYork() {
        return BusinessCalendar.builder(NEW_YORK)
                .openWeekdays(NINE, FIVE)
                .holidays(HolidaySource.of(thanksgivings()))
                .build();
    }

    /** The US holidays of {@link #newYork()}: Thanksgiving 2026 and 2027. */
    static List<Holiday> thanksgivings() {
        return List.of(
                Holiday.allDay(LocalDate.of(2026, 11, 26), "Thanksgiving Day"),
                Holiday.allDay(LocalDate.of(2027, 11, 25), "Thanksgiving Day"));
    }

    /** An instant from a local date-time in Berlin (earlier offset in an overlap). */
    static Instant berlin(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(BERLIN).toInstant();
    }

    static Instant newYork(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(NEW_YORK).toInstant();
    }
}
