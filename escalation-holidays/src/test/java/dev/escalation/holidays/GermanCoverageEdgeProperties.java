package dev.escalation.holidays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.escalation.calendar.BusinessCalendar;
import dev.escalation.calendar.HolidaySource;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TimeZone;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Edges of the German coverage the other tests leave open: the decisions behind the hotline advice depend only on the
 * instant, never on the JVM's default time zone; region codes that name no state are refused by the coverage as by
 * the holidays; the state holidays of 2025 to 2027 that only some states keep.
 */
class GermanCoverageEdgeProperties {

    /** Zones with half-hour and 45-minute offsets, the extremes +14:00 and -12:00, and the coverage's own. */
    private static final List<String> DEFAULT_ZONES = List.of(
            "Asia/Kolkata",
            "Asia/Kathmandu",
            "Australia/Eucla",
            "Pacific/Chatham",
            "Pacific/Kiritimati",
            "Etc/GMT+12",
            "America/St_Johns",
            "Asia/Tehran",
            "Pacific/Apia",
            "Europe/Berlin",
            "UTC");

    /** What the hotline decision reads from the coverage at an instant. */
    private static List<Object> decision(BusinessCalendar c, Instant t) {
        return List.of(
                c.isOpen(t),
                c.closedReason(t),
                c.closingHoliday(t),
                c.opensOn(t.atZone(c.zone()).getDayOfWeek()),
                c.nextOpening(t));
    }

    @Property(tries = 1000)
    void theDecisionDependsOnlyOnTheInstantNotOnTheDefaultZone(
            @ForAll("instants") Instant t, @ForAll("defaultZones") String defaultZone, @ForAll boolean bavaria) {
        BusinessCalendar c = bavaria ? GermanCoverage.calendar("BY") : GermanCoverage.calendar();
        TimeZone before = TimeZone.getDefault();
        List<Object> inUtc;
        List<Object> inOther;
        try {
            TimeZone.setDefault(TimeZone.getTimeZone("UTC"));
            inUtc = decision(c, t);
            TimeZone.setDefault(TimeZone.getTimeZone(ZoneId.of(defaultZone)));
            inOther = decision(c, t);
        } finally {
            TimeZone.setDefault(before);
        }
        assertThat(inOther).isEqualTo(inUtc);
        assertThat(inUtc.get(0)).isEqualTo(GermanCoverageProperties.open(t, bavaria));
    }

    @Example
    void aCodeThatNamesNoStateIsRefusedByTheCoverageAsByTheHolidays() {
        for (String code : List.of("DE-DE-BY", "de-de-by", "DE-", "DE-BY-AG", "DE--BY", " ", "XX", "DE-XX")) {
            assertThatThrownBy(() -> GermanHolidays.state(code)).as(code).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> GermanCoverage.calendar(code))
                    .as(code)
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(GermanCoverage.calendar(" de-by ")).isSameAs(GermanCoverage.calendar("BY"));
    }

    @Example
    void theStatesOwnHolidaysOf2026And2027() {
        // Buß- und Bettag (the Wednesday before 23 November) in Saxony only
        assertThat(statesClosedOn(LocalDate.of(2026, 11, 18))).containsExactly("SN");
        assertThat(statesClosedOn(LocalDate.of(2027, 11, 17))).containsExactly("SN");
        // International Women's Day in Berlin and (since 2023) Mecklenburg-Vorpommern, a Monday in 2027
        assertThat(statesClosedOn(LocalDate.of(2027, 3, 8))).containsExactly("BE", "MV");
        // World Children's Day in Thuringia, a Monday in 2027
        assertThat(statesClosedOn(LocalDate.of(2027, 9, 20))).containsExactly("TH");
        // All Saints, a Monday in 2027
        assertThat(statesClosedOn(LocalDate.of(2027, 11, 1))).containsExactly("BW", "BY", "NW", "RP", "SL");
        // Epiphany, a Wednesday in 2027
        assertThat(statesClosedOn(LocalDate.of(2027, 1, 6))).containsExactly("BW", "BY", "ST");
        // Assumption: state-wide in Saarland only (in Bavaria a holiday of Catholic municipalities)
        assertThat(statesClosedOn(LocalDate.of(2025, 8, 15))).containsExactly("SL"); // a Friday
        // Corpus Christi, Thursday 4 June 2026 and 27 May 2027
        assertThat(statesClosedOn(LocalDate.of(2026, 6, 4))).containsExactly("BW", "BY", "HE", "NW", "RP", "SL");
        assertThat(statesClosedOn(LocalDate.of(2027, 5, 27))).containsExactly("BW", "BY", "HE", "NW", "RP", "SL");
        // the coverage closes on a state's weekday holiday: Tuesday 9 a.m. is open, Wednesday 18 Nov 2026 is not
        Instant bettag = LocalDate.of(2026, 11, 18)
                .atTime(10, 0)
                .atZone(GermanCoverage.ZONE)
                .toInstant();
        assertThat(GermanCoverage.calendar("SN").isOpen(bettag)).isFalse();
        assertThat(GermanCoverage.calendar().isOpen(bettag)).isTrue();
        assertThat(GermanCoverage.calendar("SN").nextOpening(bettag))
                .isEqualTo(LocalDate.of(2026, 11, 19)
                        .atTime(9, 0)
                        .atZone(GermanCoverage.ZONE)
                        .toInstant());
    }

    private static Set<String> statesClosedOn(LocalDate date) {
        assertThat(date.getDayOfWeek()).isNotIn(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);
        assertThat(GermanHolidays.national().holidayOn(date)).isEqualTo(Optional.empty());
        Set<String> closed = new TreeSet<>();
        for (String state : GermanHolidays.stateCodes()) {
            HolidaySource s = GermanHolidays.state(state);
            if (s.holidayOn(date).isPresent()) {
                closed.add(state);
            }
        }
        return closed;
    }

    @Provide
    Arbitrary<String> defaultZones() {
        return Arbitraries.of(DEFAULT_ZONES);
    }

    /**
     * Instants 2020–2035 and near the edges the hotline decision turns on: opening and closing to the nanosecond,
     * the DST switches, New Year, leap days, the Easter holidays.
     */
    @Provide
    Arbitrary<Instant> instants() {
        Arbitrary<Instant> leapDays = Arbitraries.of(2024, 2028, 2032)
                .flatMap(y -> Arbitraries.integers()
                        .between(-1, 1)
                        .map(d -> LocalDate.of(y, 2, 29).plusDays(d)))
                .flatMap(d -> Arbitraries.of(
                                LocalTime.of(8, 59, 59, 999_999_999),
                                LocalTime.of(9, 0),
                                LocalTime.of(16, 59, 59, 999_999_999),
                                LocalTime.of(17, 0))
                        .map(t -> d.atTime(t).atZone(GermanCoverage.ZONE).toInstant()));
        return Arbitraries.oneOf(new GermanCoverageProperties().instants(), leapDays);
    }
}
