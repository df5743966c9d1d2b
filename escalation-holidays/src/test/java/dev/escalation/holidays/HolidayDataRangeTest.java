package dev.escalation.holidays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.escalation.calendar.BusinessCalendar;
import dev.escalation.calendar.HolidaySource;
import dev.escalation.calendar.NoHolidayDataException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

/**
 * Dates outside Jollyday's data are refused with {@link NoHolidayDataException}, which a calendar passes on (the engine
 * answers it with the non-retryable {@code calendar.HolidayData}), instead of Jollyday's {@code DateTimeException},
 * which the calendar reported as its source being unavailable: a retryable outage that never ended.
 */
class HolidayDataRangeTest {
    private static final ZoneId RIYADH = ZoneId.of("Asia/Riyadh");
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void anIslamicRegionAnswersUpTo2173AndRefuses2175AsOutsideItsData() {
        HolidaySource saudi = JollydayHolidays.forRegion("SA");
        assertThat(saudi.holidayOn(LocalDate.of(2173, 6, 1))).isNotNull(); // 2174, its neighbour, is not computable
        assertThat(saudi.holidayOn(LocalDate.of(2000, 6, 1))).isNotNull();
        assertThatThrownBy(() -> saudi.holidayOn(LocalDate.of(2175, 3, 4)))
                .isInstanceOf(NoHolidayDataException.class)
                .hasMessageContaining("JollydayHolidays[SA]")
                .hasMessageContaining("2175");
        assertThatThrownBy(() -> saudi.holidayOn(LocalDate.of(1, 6, 1))).isInstanceOf(NoHolidayDataException.class);
    }

    @Test
    void aCalendarWithAnIslamicRegionPassesTheRefusalOnInsteadOfReportingItsSourceUnavailable() {
        BusinessCalendar saudi = BusinessCalendar.builder(RIYADH)
                .openWeekdays(LocalTime.of(8, 0), LocalTime.of(16, 0))
                .holidays(JollydayHolidays.forRegion("SA"))
                .build();
        Instant in2175 = ZonedDateTime.of(2175, 3, 4, 10, 0, 0, 0, RIYADH).toInstant();
        assertThatThrownBy(() -> saudi.plus(in2175, Duration.ofHours(16)))
                .isExactlyInstanceOf(NoHolidayDataException.class);
        assertThatThrownBy(() -> saudi.closedReason(in2175)).isExactlyInstanceOf(NoHolidayDataException.class);
        Instant in2173 = ZonedDateTime.of(2173, 3, 4, 10, 0, 0, 0, RIYADH).toInstant();
        assertThat(saudi.between(in2173, saudi.plus(in2173, Duration.ofHours(16))))
                .isEqualTo(Duration.ofHours(16));
    }

    @Test
    void germanCoverageComputesInYearOneAndYear9999AndRefusesYearZero() {
        BusinessCalendar coverage = GermanCoverage.calendar();
        Instant yearOne = ZonedDateTime.of(1, 6, 1, 10, 0, 0, 0, BERLIN).toInstant();
        Instant end = coverage.plus(yearOne, Duration.ofHours(40));
        assertThat(coverage.between(yearOne, end)).isEqualTo(Duration.ofHours(40));
        Instant year9999 = ZonedDateTime.of(9999, 12, 20, 10, 0, 0, 0, BERLIN).toInstant();
        Instant late = coverage.plus(year9999, Duration.ofHours(40));
        assertThat(coverage.between(year9999, late)).isEqualTo(Duration.ofHours(40));
        assertThat(coverage.plus(year9999, Duration.ofDays(3)).atZone(BERLIN).getYear())
                .isEqualTo(10000);
        assertThat(GermanHolidays.national().holidayOn(LocalDate.of(1, 1, 1))).isPresent();
        Instant yearZero = ZonedDateTime.of(0, 6, 1, 10, 0, 0, 0, BERLIN).toInstant();
        assertThatThrownBy(() -> coverage.plus(yearZero, Duration.ofHours(1)))
                .isInstanceOf(NoHolidayDataException.class);
    }
}
