package dev.escalation.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Holiday lists and combinations built from hostile input fail when they are built, naming what is wrong, not later
 * when a calendar asks them (where any failure of a source is reported as the retryable {@code UNAVAILABLE}).
 */
class HostileHolidaySourceTest {
    private static final Holiday NEW_YEAR = Holiday.allDay(LocalDate.of(2027, 1, 1), "New Year's Day");

    @Test
    void aNullHolidayOrListIsRefusedWhenTheSourceIsBuilt() {
        assertThatThrownBy(() -> HolidaySource.of(Arrays.asList(NEW_YEAR, null)))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("holiday");
        assertThatThrownBy(() -> HolidaySource.of(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("holidays");
    }

    @Test
    void aDuplicateDateIsRefusedEvenForTheSameHoliday() {
        assertThatThrownBy(() -> HolidaySource.of(List.of(NEW_YEAR, NEW_YEAR)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2027-01-01");
    }

    @Test
    void combiningWithNoSourceIsRefusedAtOnce() {
        assertThatThrownBy(() -> HolidaySource.none().and(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("other");
    }

    @Test
    void theSourceKeepsNoReferenceToTheCallersList() {
        List<Holiday> list = new ArrayList<>(List.of(NEW_YEAR));
        HolidaySource source = HolidaySource.of(list);
        list.clear();
        assertThat(source.holidayOn(NEW_YEAR.date())).contains(NEW_YEAR);
    }
}
