package dev.escalation.holidays;

import dev.escalation.calendar.BusinessCalendar;
import dev.escalation.calendar.Holiday;
import dev.escalation.calendar.HolidaySource;
import java.time.LocalTime;
import java.time.Month;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The vendor's German coverage: the business hours in which Support Management answers escalations.
 *
 * <ul>
 *   <li>Zone {@code Europe/Berlin} (CET/CEST; the DST switches are handled by the calendar).</li>
 *   <li>Monday to Friday, 09:00–17:00 local time (17:00 is closed); Saturday and Sunday closed.</li>
 *   <li>Closed on German public holidays from Jollyday: the nationwide ones ({@link #calendar()}), or those of
 *       one federal state ({@link #calendar(String)}).</li>
 *   <li>24 December (Christmas Eve) and 31 December (New Year's Eve) are open in the morning and closed from 12:00
 *       (partial-day holidays). They are not public holidays in Germany, but most German businesses close for the
 *       afternoon; this is a decision of this calendar, documented here and in the module README. Build your own
 *       calendar from {@link #builder()} if your coverage differs.</li>
 * </ul>
 *
 * <p>The calendars are immutable and thread-safe.
 */
public final class GermanCoverage {

    /** The coverage's zone: {@code Europe/Berlin}. */
    public static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
    /** Opening time on working days: 09:00. */
    public static final LocalTime OPENS = LocalTime.of(9, 0);
    /** Closing time on working days (exclusive): 17:00. */
    public static final LocalTime CLOSES = LocalTime.of(17, 0);
    /** Closing time on 24 and 31 December: 12:00. */
    public static final LocalTime CLOSES_ON_HALF_DAYS = LocalTime.NOON;

    private static final Map<String, BusinessCalendar> BY_STATE = new ConcurrentHashMap<>();

    private GermanCoverage() {}

    /**
     * German coverage with the nationwide public holidays.
     *
     * @return the calendar (one shared instance)
     */
    public static BusinessCalendar calendar() {
        return National.CALENDAR;
    }

    /**
     * German coverage with the public holidays of a federal state (nationwide plus the state's own).
     *
     * @param state the state's code, such as {@code BY} or {@code DE-BY} (see {@link GermanHolidays#state})
     * @return the calendar (one shared instance per state)
     * @throws IllegalArgumentException if the code names no German state
     */
    public static BusinessCalendar calendar(String state) {
        HolidaySource holidays = GermanHolidays.state(state); // refuses what names no state, such as DE-DE-BY
        String key = state.trim().toUpperCase(Locale.ROOT).replaceFirst("^DE-", "");
        return BY_STATE.computeIfAbsent(key, k -> builder(holidays).build());
    }

    /**
     * A builder preset with the coverage (zone, hours, nationwide holidays and the half days), for hosts that adjust
     * it, for example to add a Saturday window.
     *
     * @return a new builder
     */
    public static BusinessCalendar.Builder builder() {
        return builder(GermanHolidays.national());
    }

    private static BusinessCalendar.Builder builder(HolidaySource publicHolidays) {
        return BusinessCalendar.builder(ZONE).openWeekdays(OPENS, CLOSES).holidays(publicHolidays.and(halfDays()));
    }

    /**
     * The afternoons of 24 December ("Christmas Eve") and 31 December ("New Year's Eve"), closed from 12:00, every
     * year. A rule, not a list of dates.
     *
     * @return the holiday source
     */
    public static HolidaySource halfDays() {
        return date -> {
            if (date.getMonth() != Month.DECEMBER) {
                return Optional.empty();
            }
            if (date.getDayOfMonth() == 24) {
                return Optional.of(Holiday.from(date, "Christmas Eve", CLOSES_ON_HALF_DAYS)
                        .withNames(names("Christmas Eve", "Heiligabend")));
            }
            if (date.getDayOfMonth() == 31) {
                return Optional.of(Holiday.from(date, "New Year's Eve", CLOSES_ON_HALF_DAYS)
                        .withNames(names("New Year's Eve", "Silvester")));
            }
            return Optional.empty();
        };
    }

    /** Built on first use, so that loading the class does not load Jollyday's data. */
    private static final class National {
        static final BusinessCalendar CALENDAR = builder().build();
    }

    private static Map<Locale, String> names(String english, String german) {
        return Map.of(Locale.ENGLISH, english, Locale.GERMAN, german);
    }
}
