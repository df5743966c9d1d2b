package dev.escalation.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HolidayTest {

    private static final LocalDate DAY = LocalDate.of(2027, 12, 24);

    private final Holiday eve = new Holiday(
            DAY,
            "Christmas Eve",
            Optional.of(LocalTime.NOON),
            Map.of(Locale.GERMAN, "Heiligabend", Locale.forLanguageTag("fr-CA"), "Veille de Noël"));

    @Test
    void aReaderGetsTheirExactLocaleThenTheirLanguageThenTheName() {
        assertThat(eve.name(Locale.GERMAN)).isEqualTo("Heiligabend");
        assertThat(eve.name(Locale.GERMANY)).as("language alone").isEqualTo("Heiligabend");
        assertThat(eve.name(Locale.forLanguageTag("de-AT"))).isEqualTo("Heiligabend");
        assertThat(eve.name(Locale.forLanguageTag("fr-CA"))).isEqualTo("Veille de Noël");
        // a name for one country of a language is not the name for the language or for its other countries
        assertThat(eve.name(Locale.FRENCH)).isEqualTo("Christmas Eve");
        assertThat(eve.name(Locale.FRANCE)).isEqualTo("Christmas Eve");
        assertThat(eve.name(Locale.ENGLISH)).isEqualTo("Christmas Eve");
        assertThat(new Holiday(DAY, "Christmas Eve", Optional.empty()).name(Locale.GERMAN))
                .isEqualTo("Christmas Eve");
    }

    @Test
    void theNamesAreCopiedAndMayHoldNoNull() {
        Map<Locale, String> names = new HashMap<>(Map.of(Locale.GERMAN, "Heiligabend"));
        Holiday h = new Holiday(DAY, "Christmas Eve", Optional.empty(), names);
        names.put(Locale.GERMAN, "Weihnachten");
        assertThat(h.name(Locale.GERMAN)).isEqualTo("Heiligabend");
        names.put(Locale.ITALIAN, null);
        assertThatThrownBy(() -> new Holiday(DAY, "Christmas Eve", Optional.empty(), names))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void aCombinedSourceAnswersWithThisSourcesHolidayFirstThenTheOthers() {
        Holiday unity = new Holiday(LocalDate.of(2027, 10, 3), "German Unity Day", Optional.empty());
        Holiday companyDay = new Holiday(LocalDate.of(2027, 10, 3), "Company day", Optional.empty());
        Holiday retreat = new Holiday(LocalDate.of(2027, 10, 4), "Retreat", Optional.empty());
        HolidaySource national = HolidaySource.of(List.of(unity, eve));
        HolidaySource company = HolidaySource.of(List.of(companyDay, retreat));

        HolidaySource both = national.and(company);
        assertThat(both.holidayOn(unity.date()))
                .as("both have one: this source wins")
                .contains(unity);
        assertThat(both.holidayOn(DAY)).contains(eve);
        assertThat(both.holidayOn(retreat.date())).contains(retreat);
        assertThat(both.holidayOn(LocalDate.of(2027, 10, 5))).isEmpty();
        assertThat(company.and(national).holidayOn(unity.date())).contains(companyDay);
        assertThat(HolidaySource.none().and(company).holidayOn(retreat.date())).contains(retreat);
        assertThatThrownBy(() -> national.and(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void aCalendarOnACombinedSourceIsClosedOnTheOthersHolidays() {
        BusinessCalendar cal = BusinessCalendar.builder(TestCalendars.BERLIN)
                .open(java.time.DayOfWeek.MONDAY, LocalTime.of(9, 0), LocalTime.of(17, 0))
                .holidays(HolidaySource.none()
                        .and(HolidaySource.of(
                                List.of(new Holiday(LocalDate.of(2027, 10, 4), "Retreat", Optional.empty())))))
                .build();
        assertThat(cal.isOpen(TestCalendars.berlin("2027-10-04T10:00"))).isFalse();
        assertThat(cal.closedReason(TestCalendars.berlin("2027-10-04T10:00"))).contains("public holiday: Retreat");
        assertThat(cal.isOpen(TestCalendars.berlin("2027-10-11T10:00"))).isTrue();
    }
}
