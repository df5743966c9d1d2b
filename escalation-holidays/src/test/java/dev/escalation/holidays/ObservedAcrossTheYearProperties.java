package dev.escalation.holidays;

import static org.assertj.core.api.Assertions.assertThat;

import de.focus_shift.jollyday.core.HolidayManager;
import de.focus_shift.jollyday.core.HolidayType;
import de.focus_shift.jollyday.core.ManagerParameters;
import dev.escalation.calendar.BusinessCalendar;
import dev.escalation.calendar.Holiday;
import dev.escalation.calendar.HolidaySource;
import dev.escalation.model.CalendarSpec;
import dev.escalation.model.OpeningHours;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Year;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * A holiday Jollyday moves to an observed day in another year is a holiday on that day: the United States observe
 * New Year's Day 2022 and 2028 (Saturdays) on Friday 31 December of the year before. Before, a source computed each
 * year's holidays from Jollyday's list for that year alone, so the observed day, listed under the next year, was an
 * ordinary working day.
 */
class ObservedAcrossTheYearProperties {

    @Example
    void newYearsDayOnASaturdayClosesTheFridayBefore() {
        HolidaySource us = JollydayHolidays.forRegion("US-NY");
        assertThat(us.holidayOn(LocalDate.of(2027, 12, 31))).map(Holiday::name).contains("New Year's Day");
        assertThat(us.holidayOn(LocalDate.of(2021, 12, 31))).map(Holiday::name).contains("New Year's Day");
        assertThat(us.holidayOn(LocalDate.of(2027, 12, 31)))
                .map(h -> h.name(Locale.GERMAN))
                .contains("Neujahr");
        // asked for the other year first, as a walk backwards from January would
        HolidaySource fresh = JollydayHolidays.forRegion("US");
        assertThat(fresh.holidayOn(LocalDate.of(2028, 1, 3))).isEmpty();
        assertThat(fresh.holidayOn(LocalDate.of(2027, 12, 31))).isPresent();

        BusinessCalendar newYork = BusinessCalendar.fromSpec(
                new CalendarSpec(
                        "America/New_York",
                        Optional.of("US-NY"),
                        List.of(new OpeningHours(DayOfWeek.FRIDAY, LocalTime.of(9, 0), LocalTime.of(17, 0)))),
                JollydayHolidays.resolver());
        assertThat(newYork.isOpen(LocalDate.of(2027, 12, 31)
                        .atTime(10, 0)
                        .atZone(ZoneId.of("America/New_York"))
                        .toInstant()))
                .isFalse();
    }

    @Property(tries = 300)
    void everyHolidayJollydayListsForAYearIsAHolidayOnItsDate(
            @ForAll("regions") String region, @ForAll @IntRange(min = 1990, max = 2060) int year) {
        HolidaySource source = JollydayHolidays.forRegion(region);
        String[] parts = region.split("-");
        HolidayManager manager =
                HolidayManager.getInstance(ManagerParameters.create(parts[0].toLowerCase(Locale.ROOT)));
        String[] path = new String[parts.length - 1];
        for (int i = 1; i < parts.length; i++) {
            path[i - 1] = parts[i].toLowerCase(Locale.ROOT);
        }
        for (de.focus_shift.jollyday.core.Holiday h :
                manager.getHolidays(Year.of(year), HolidayType.PUBLIC_HOLIDAY, path)) {
            assertThat(source.holidayOn(h.getDate()))
                    .as("%s in %s (listed for %d)", h, region, year)
                    .map(Holiday::name)
                    .hasValueSatisfying(name -> assertThat(name).contains(h.getDescription(Locale.ENGLISH)));
        }
    }

    @Provide
    Arbitrary<String> regions() {
        return Arbitraries.of("US", "US-NY", "US-CA", "GB", "AU", "NZ", "CA", "DE", "DE-BY", "AT", "NL", "IE");
    }
}
