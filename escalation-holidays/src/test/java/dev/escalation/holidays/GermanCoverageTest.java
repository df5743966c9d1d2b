package dev.escalation.holidays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.escalation.calendar.BusinessCalendar;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;

/** The ready German-coverage calendar with real Jollyday data. */
class GermanCoverageTest {

    private final BusinessCalendar coverage = GermanCoverage.calendar();

    private static Instant berlin(String local) {
        return LocalDateTime.parse(local).atZone(GermanCoverage.ZONE).toInstant();
    }

    @Test
    void isOpenMondayToFridayNineToFive() {
        assertThat(coverage.isOpen(berlin("2027-01-13T09:00"))).isTrue();
        assertThat(coverage.isOpen(berlin("2027-01-13T16:59"))).isTrue();
        assertThat(coverage.isOpen(berlin("2027-01-13T17:00"))).isFalse();
        assertThat(coverage.isOpen(berlin("2027-01-13T08:59"))).isFalse();
        assertThat(coverage.zone().getId()).isEqualTo("Europe/Berlin");
    }

    @Test
    void aSaturdayEscalationGetsTheReasonSaturday() {
        assertThat(coverage.closedReason(berlin("2027-01-16T11:00"))).contains("Saturday");
        assertThat(coverage.closedReason(berlin("2027-01-17T11:00"))).contains("Sunday");
    }

    @Test
    void easterMonday2027IsClosed() {
        assertThat(coverage.closedReason(berlin("2027-03-29T10:00"))).contains("public holiday: Easter Monday");
        assertThat(coverage.explainPlus(berlin("2027-03-25T16:00"), Duration.ofHours(2))
                        .render("escalated"))
                .isEqualTo("due Tue 10:00 Europe/Berlin: escalated Thu 16:00; 1 h counted Thursday; "
                        + "public holiday Good Friday, weekend and public holiday Easter Monday skipped; "
                        + "1 h counted Tuesday");
    }

    @Test
    void germanUnityDayIsClosed() {
        assertThat(coverage.closedReason(berlin("2028-10-03T10:00"))).contains("public holiday: German Unity Day");
        assertThat(coverage.plus(berlin("2028-10-02T15:00"), Duration.ofHours(4)))
                .isEqualTo(berlin("2028-10-04T11:00"));
    }

    @Test
    void christmasEveIsOpenInTheMorningAndClosedFromNoon() {
        assertThat(coverage.isOpen(berlin("2027-12-24T11:59"))).isTrue();
        assertThat(coverage.closedReason(berlin("2027-12-24T12:00")))
                .contains("public holiday: Christmas Eve (closed from 12:00)");
        assertThat(coverage.closedReason(berlin("2027-12-31T15:00")))
                .contains("public holiday: New Year's Eve (closed from 12:00)");
        // Fri 24 Dec 2027 11:00 + 2 h: 1 h on the 24th, weekend (25/26 are also holidays), Mon 27th 09:00 + 1 h
        assertThat(coverage.plus(berlin("2027-12-24T11:00"), Duration.ofHours(2)))
                .isEqualTo(berlin("2027-12-27T10:00"));
        assertThat(coverage.explainPlus(berlin("2027-12-24T11:00"), Duration.ofHours(2))
                        .render("escalated"))
                .isEqualTo("due Mon 10:00 Europe/Berlin: escalated Fri 11:00; 1 h counted Friday; "
                        + "public holiday Christmas Eve (closed from 12:00), public holiday 1st Christmas day and "
                        + "public holiday 2nd Christmas day skipped; 1 h counted Monday");
    }

    @Test
    void aStateVariantAddsTheStatesHolidays() {
        Instant corpusChristi = berlin("2027-05-27T10:00");
        assertThat(GermanCoverage.calendar("BY").closedReason(corpusChristi))
                .contains("public holiday: Corpus Christi");
        assertThat(GermanCoverage.calendar("BE").isOpen(corpusChristi)).isTrue();
        assertThat(coverage.isOpen(corpusChristi)).isTrue();
        assertThat(GermanCoverage.calendar("SN").isOpen(berlin("2028-10-31T10:00")))
                .isFalse();
        assertThat(GermanCoverage.calendar("SN").isOpen(berlin("2027-12-24T10:00")))
                .isTrue();
        assertThatThrownBy(() -> GermanCoverage.calendar("Bavaria")).isInstanceOf(IllegalArgumentException.class);
        assertThat(GermanCoverage.calendar("de-by")).isSameAs(GermanCoverage.calendar("BY"));
    }

    @Test
    void theBuilderCanBeAdjusted() {
        BusinessCalendar withSaturday = GermanCoverage.builder()
                .open(DayOfWeek.SATURDAY, LocalTime.of(10, 0), LocalTime.of(14, 0))
                .build();
        assertThat(withSaturday.isOpen(berlin("2027-01-16T11:00"))).isTrue();
        assertThat(withSaturday.isOpen(berlin("2027-03-29T11:00"))).isFalse();
    }

    @Test
    void theSpringForwardWeekendDoesNotChangeBusinessTime() {
        // Fri 26 Mar 2027 is Good Friday; use 2026: DST switch on Sunday 29 March
        assertThat(coverage.between(berlin("2026-03-27T16:00"), berlin("2026-03-30T10:00")))
                .isEqualTo(Duration.ofHours(2));
    }
}
