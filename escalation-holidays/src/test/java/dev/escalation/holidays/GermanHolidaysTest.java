package dev.escalation.holidays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.escalation.calendar.Holiday;
import dev.escalation.calendar.HolidaySource;
import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** German public holidays, checked against real Jollyday data. */
class GermanHolidaysTest {

    private static final LocalDate EASTER_MONDAY_2027 = LocalDate.of(2027, 3, 29);
    private static final LocalDate CORPUS_CHRISTI_2027 = LocalDate.of(2027, 5, 27);
    private static final LocalDate REFORMATION_DAY_2027 = LocalDate.of(2027, 10, 31);

    @Test
    void easterMonday2027IsANationalHoliday() {
        assertThat(GermanHolidays.national().holidayOn(EASTER_MONDAY_2027))
                .map(Holiday::name)
                .contains("Easter Monday");
        assertThat(GermanHolidays.national().holidayOn(EASTER_MONDAY_2027.plusDays(1)))
                .isEmpty();
    }

    @Test
    void germanUnityDayIsANationalHolidayEveryYear() {
        HolidaySource national = GermanHolidays.national();
        for (int year = 2025; year <= 2035; year++) {
            assertThat(national.holidayOn(LocalDate.of(year, 10, 3)))
                    .map(Holiday::name)
                    .as("3 October %d", year)
                    .contains("German Unity Day");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"BB", "HB", "HH", "MV", "NI", "SH", "SN", "ST", "TH"})
    void reformationDayIsAHolidayInTheNorthAndEast(String state) {
        assertThat(GermanHolidays.state(state).holidayOn(REFORMATION_DAY_2027))
                .map(Holiday::name)
                .contains("Reformation day");
    }

    @ParameterizedTest
    @ValueSource(strings = {"BY", "BE", "BW", "NW", "HE", "RP", "SL"})
    void reformationDayIsNoHolidayInTheSouthWestAndBerlin(String state) {
        assertThat(GermanHolidays.state(state).holidayOn(REFORMATION_DAY_2027)).isEmpty();
    }

    @Test
    void reformationDayIsNoNationalHolidayExceptIn2017() {
        assertThat(GermanHolidays.national().holidayOn(REFORMATION_DAY_2027)).isEmpty();
        assertThat(GermanHolidays.national().holidayOn(LocalDate.of(2017, 10, 31)))
                .isPresent();
    }

    @Test
    void corpusChristiInBavariaButNotInBerlin() {
        assertThat(GermanHolidays.state("BY").holidayOn(CORPUS_CHRISTI_2027))
                .map(Holiday::name)
                .contains("Corpus Christi");
        assertThat(GermanHolidays.state("BE").holidayOn(CORPUS_CHRISTI_2027)).isEmpty();
        assertThat(GermanHolidays.national().holidayOn(CORPUS_CHRISTI_2027)).isEmpty();
    }

    @Test
    void aStateAlsoHasTheNationalHolidays() {
        assertThat(GermanHolidays.state("BY").holidayOn(EASTER_MONDAY_2027)).isPresent();
        assertThat(GermanHolidays.state("de-by").holidayOn(LocalDate.of(2027, 1, 6)))
                .map(Holiday::name)
                .contains("Epiphany");
    }

    @Test
    void stateCodesAreTheSixteenStates() {
        assertThat(GermanHolidays.stateCodes()).hasSize(16).contains("BY", "BE", "NW", "TH");
    }

    @Test
    void anUnknownStateIsRefusedWithTheKnownCodes() {
        assertThatThrownBy(() -> GermanHolidays.state("XX"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'DE-XX'")
                .hasMessageContaining("BY");
        assertThatThrownBy(() -> GermanHolidays.state(""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("known: BB");
    }

    @Test
    void holidaysAreAllDay() {
        Optional<Holiday> h = GermanHolidays.national().holidayOn(LocalDate.of(2027, 12, 25));
        assertThat(h).isPresent();
        assertThat(h.get().closedFrom()).isEmpty();
        assertThat(h.get().date()).isEqualTo(LocalDate.of(2027, 12, 25));
    }
}
