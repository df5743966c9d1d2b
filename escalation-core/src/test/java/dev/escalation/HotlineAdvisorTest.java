package dev.escalation;

import static dev.escalation.SlaFixtures.berlin;
import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.calendar.BusinessCalendar;
import dev.escalation.calendar.Holiday;
import dev.escalation.calendar.HolidaySource;
import dev.escalation.model.Criticality;
import dev.escalation.model.EntryParam;
import dev.escalation.model.HotlineAdvice;
import dev.escalation.model.HotlineNumber;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The reason of hotline advice comes from the coverage calendar; coverage resumes at its next opening. */
class HotlineAdvisorTest {
    private static final List<HotlineNumber> NUMBERS = List.of(new HotlineNumber("Germany", "+49 911 2399 110"));

    /** Berlin, Monday to Friday 09:00–17:00; 24 December closes at 12:00, 25 (a Saturday) and 26 all day. */
    private static final BusinessCalendar COVERAGE = BusinessCalendar.builder(World.BERLIN)
            .openWeekdays(LocalTime.of(9, 0), LocalTime.of(17, 0))
            .holidays(HolidaySource.of(List.of(
                    Holiday.from(LocalDate.parse("2027-12-24"), "Christmas Eve", LocalTime.of(12, 0)),
                    Holiday.allDay(LocalDate.parse("2027-12-25"), "Christmas Day")
                            .withNames(Map.of(Locale.GERMAN, "Erster Weihnachtstag", Locale.FRENCH, "Noël")),
                    Holiday.allDay(LocalDate.parse("2027-12-26"), "St. Stephen's Day"))))
            .build();

    private final HotlineAdvisor advisor = new HotlineAdvisor(COVERAGE, NUMBERS);

    private HotlineAdvice advice(String berlinTime) {
        return advisor.advise(Criticality.CRITICAL, berlin(berlinTime)).orElseThrow();
    }

    @Test
    void theReasonFollowsTheCalendar() {
        assertThat(advice("2027-12-18T11:00").reason()).isEqualTo(HotlineAdvice.Reason.WEEKEND); // Saturday
        assertThat(advice("2027-12-22T18:30").reason()).isEqualTo(HotlineAdvice.Reason.OUTSIDE_HOURS); // Wednesday
        assertThat(advice("2027-12-23T07:00").reason()).isEqualTo(HotlineAdvice.Reason.OUTSIDE_HOURS);
        // Christmas Eve is a Friday closing at noon: in the afternoon the holiday closes it, early morning the hours
        assertThat(advice("2027-12-24T13:00").reason()).isEqualTo(HotlineAdvice.Reason.PUBLIC_HOLIDAY);
        assertThat(advice("2027-12-24T08:00").reason()).isEqualTo(HotlineAdvice.Reason.OUTSIDE_HOURS);
        // a holiday on a weekend day is named as the holiday
        assertThat(advice("2027-12-25T11:00").reason()).isEqualTo(HotlineAdvice.Reason.PUBLIC_HOLIDAY);
        assertThat(advisor.advise(Criticality.CRITICAL, berlin("2027-12-24T10:00")))
                .isEmpty();
        assertThat(advisor.advise(Criticality.HIGH, berlin("2027-12-25T11:00"))).isEmpty();
    }

    @Test
    void paramsAndResumesAtAreThoseDocumentedOnHotlineAdvice() {
        HotlineAdvice christmas = advice("2027-12-24T13:00");

        assertThat(christmas.params())
                .containsEntry("holiday", new EntryParam.Code("CHRISTMAS_EVE"))
                .containsEntry("holidayName", new EntryParam.Text("Christmas Eve"))
                .containsEntry("raisedAt", new EntryParam.At(berlin("2027-12-24T13:00")))
                .hasSize(3);
        // Saturday 25 and Sunday 26 are closed: coverage resumes on Monday 27 December
        assertThat(christmas.resumesAt()).isEqualTo(berlin("2027-12-27T09:00"));
        assertThat(christmas.numbers()).isEqualTo(NUMBERS);
        assertThat(advice("2027-12-22T18:30").params()).containsOnlyKeys("raisedAt");
        assertThat(advice("2027-12-22T18:30").resumesAt()).isEqualTo(berlin("2027-12-23T09:00"));
        assertThat(HotlineAdvisor.holidayKey("St. Stephen's Day")).isEqualTo("ST_STEPHEN_S_DAY");
        // the names the calendar has per language, by language tag, for readers of that language
        assertThat(List.copyOf(advice("2027-12-25T11:00").params().entrySet()))
                .containsExactly(
                        Map.entry("holiday", new EntryParam.Code("CHRISTMAS_DAY")),
                        Map.entry("holidayName", new EntryParam.Text("Christmas Day")),
                        Map.entry("holidayName.de", new EntryParam.Text("Erster Weihnachtstag")),
                        Map.entry("holidayName.fr", new EntryParam.Text("Noël")),
                        Map.entry("raisedAt", new EntryParam.At(berlin("2027-12-25T11:00"))));
    }
}
