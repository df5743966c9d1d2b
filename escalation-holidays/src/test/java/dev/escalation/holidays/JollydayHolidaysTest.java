package dev.escalation.holidays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.escalation.calendar.BusinessCalendar;
import dev.escalation.calendar.Holiday;
import dev.escalation.calendar.HolidaySource;
import dev.escalation.model.CalendarSpec;
import dev.escalation.model.OpeningHours;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class JollydayHolidaysTest {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    @Test
    void newYorkHasThanksgivingButNotTheEasterMondayObservance() {
        HolidaySource ny = JollydayHolidays.forRegion("US-NY");
        assertThat(ny.holidayOn(LocalDate.of(2026, 11, 26))).map(Holiday::name).contains("Thanksgiving Day");
        assertThat(ny.holidayOn(LocalDate.of(2026, 4, 6))).isEmpty();
    }

    @Test
    void anObservedHolidayClosesTheObservedDay() {
        // 4 July 2026 is a Saturday; the federal holiday is observed on Friday 3 July
        HolidaySource us = JollydayHolidays.forRegion("US");
        assertThat(us.holidayOn(LocalDate.of(2026, 7, 3))).map(Holiday::name).contains("Independence Day");
    }

    @Test
    void codesAreCaseInsensitiveAndNamesCanBeGerman() {
        assertThat(JollydayHolidays.forRegion("de-by").holidayOn(LocalDate.of(2027, 5, 27)))
                .isPresent();
        assertThat(JollydayHolidays.forRegion("DE", Locale.GERMAN).holidayOn(LocalDate.of(2027, 10, 3)))
                .map(Holiday::name)
                .contains("Tag der Deutschen Einheit");
    }

    @Test
    void unknownCountriesAndSubdivisionsAreRefusedWithTheCode() {
        assertThatThrownBy(() -> JollydayHolidays.forRegion("ZZ"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'ZZ'");
        assertThatThrownBy(() -> JollydayHolidays.forRegion("US-XX"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'US-XX'")
                .hasMessageContaining("NY");
        assertThatThrownBy(() -> JollydayHolidays.forRegion("DE-BY-XX"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("DE-BY has no subdivision 'XX'");
        assertThatThrownBy(() -> JollydayHolidays.forRegion("")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aLocalityBelowAStateIsAccepted() {
        // Augsburg has its own Peace Festival on 8 August, on top of Bavaria's holidays
        HolidaySource augsburg = JollydayHolidays.forRegion("DE-BY-AG");
        assertThat(augsburg.holidayOn(LocalDate.of(2027, 8, 8))).isPresent();
        assertThat(JollydayHolidays.forRegion("DE-BY").holidayOn(LocalDate.of(2027, 8, 8)))
                .isEmpty();
        assertThat(augsburg.holidayOn(LocalDate.of(2027, 5, 27))).isPresent();
    }

    @Test
    void theResolverBuildsCalendarsFromSpecs() {
        CalendarSpec spec = new CalendarSpec(
                "America/New_York",
                Optional.of("US-NY"),
                List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY)
                        .stream()
                        .map(d -> new OpeningHours(d, LocalTime.of(9, 0), LocalTime.of(17, 0)))
                        .toList());
        BusinessCalendar customer = BusinessCalendar.fromSpec(spec, JollydayHolidays.resolver());
        Instant wed0900 = LocalDateTime.of(2026, 11, 25, 9, 0).atZone(NEW_YORK).toInstant();
        assertThat(customer.isOpen(wed0900)).isTrue();
        assertThat(customer.plus(wed0900, Duration.ofHours(16)))
                .isEqualTo(
                        LocalDateTime.of(2026, 11, 27, 17, 0).atZone(NEW_YORK).toInstant());
        assertThat(customer.explainPlus(wed0900, Duration.ofHours(16)).render("escalated"))
                .isEqualTo("due Fri 17:00 America/New_York: escalated Wed 09:00; 8 h counted Wednesday; "
                        + "public holiday Thanksgiving Day skipped; 8 h counted Friday");
    }

    @Test
    void theResolverNamesAnUnknownRegion() {
        CalendarSpec spec = new CalendarSpec("Europe/Berlin", Optional.of("DE-XY"), List.of());
        assertThatThrownBy(() -> BusinessCalendar.fromSpec(spec, JollydayHolidays.resolver()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("unknown holiday region 'DE-XY'");
    }

    @Test
    void aSourceAnswersTheSameFromManyThreads() throws Exception {
        HolidaySource fresh = JollydayHolidays.forRegion("DE-SN");
        HolidaySource reference = JollydayHolidays.forRegion("DE-SN");
        LocalDate first = LocalDate.of(2020, 1, 1);
        List<LocalDate> dates =
                IntStream.range(0, 15 * 366).mapToObj(first::plusDays).toList();
        Map<LocalDate, Optional<Holiday>> expected =
                dates.stream().collect(Collectors.toMap(d -> d, reference::holidayOn));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Long>> tasks = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int offset = t;
                tasks.add(() -> {
                    long mismatches = 0;
                    for (int i = 0; i < dates.size(); i++) {
                        LocalDate d = dates.get((i * 7 + offset * 131) % dates.size());
                        if (!fresh.holidayOn(d).equals(expected.get(d))) {
                            mismatches++;
                        }
                    }
                    return mismatches;
                });
            }
            for (Future<Long> f : pool.invokeAll(tasks)) {
                assertThat(f.get()).isZero();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(expected.values().stream().filter(Optional::isPresent).count())
                .as("Saxony has 11 public holidays a year")
                .isBetween(15 * 10L, 15 * 12L);
    }
}
