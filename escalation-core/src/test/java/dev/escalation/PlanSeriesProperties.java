package dev.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.calendar.BusinessCalendar;
import dev.escalation.calendar.Holiday;
import dev.escalation.calendar.HolidaySource;
import dev.escalation.model.Channel;
import dev.escalation.model.CommunicationPlan;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The fast path of the plan series' holiday exceptions equals the slow one (each occurrence resolved by
 * {@code ZonedDateTime.plusDays} or a {@code Duration} multiplication) over random zones (daylight-saving switches,
 * half-hour switches, Samoa's skipped day), first meetings on and around switches (inside gaps and overlaps),
 * daily/weekly and sub-day periods, and calendars in the series' zone or another, with all-day and afternoon holidays.
 */
class PlanSeriesProperties {
    private static final List<ZoneId> ZONES = List.of(
            ZoneId.of("Europe/Berlin"),
            ZoneId.of("America/New_York"),
            ZoneId.of("Australia/Lord_Howe"),
            ZoneId.of("Pacific/Apia"),
            ZoneId.of("Pacific/Chatham"),
            ZoneId.of("America/St_Johns"),
            ZoneId.of("Africa/Casablanca"),
            ZoneId.of("America/Sao_Paulo"),
            ZoneId.of("UTC"));

    /** A series and the holidays of its calendars (days after the first meeting, hour or -1 for all day). */
    record Case(ZoneId zone, Instant first, Duration every, List<int[]> holidays, boolean otherZone, boolean second) {}

    @Provide
    Arbitrary<Case> cases() {
        Arbitrary<Instant> anywhere = Arbitraries.longs()
                .between(
                        Instant.parse("2009-01-01T00:00:00Z").getEpochSecond(),
                        Instant.parse("2031-01-01T00:00:00Z").getEpochSecond())
                .map(Instant::ofEpochSecond);
        Arbitrary<Duration> every = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, Arbitraries.of(1L, 1L, 2L, 7L, 14L).map(Duration::ofDays)),
                net.jqwik.api.Tuple.of(1, Arbitraries.longs().between(1, 60).map(Duration::ofHours)),
                net.jqwik.api.Tuple.of(
                        1, Arbitraries.longs().between(3_600, 400_000).map(Duration::ofSeconds)));
        Arbitrary<int[]> holiday = Combinators.combine(
                        Arbitraries.integers().between(-2, 185),
                        Arbitraries.integers().between(-1, 23))
                .as((d, h) -> new int[] {d, h});
        return Arbitraries.of(ZONES)
                .flatMap(z -> Combinators.combine(
                                Arbitraries.oneOf(around(z), anywhere),
                                every,
                                holiday.list().ofMaxSize(40),
                                Arbitraries.of(true, false),
                                Arbitraries.of(true, false))
                        .as((first, e, h, other, second) -> new Case(z, first, e, h, other, second)));
    }

    /** Instants within three days of a transition of the zone (inside gaps and overlaps among them). */
    private static Arbitrary<Instant> around(ZoneId z) {
        return Combinators.combine(
                        Arbitraries.integers().between(2009, 2031),
                        Arbitraries.integers().between(-4320, 4320))
                .as((year, minutes) -> {
                    Instant start = LocalDate.of(year, 1, 1).atStartOfDay(z).toInstant();
                    ZoneOffsetTransition t = z.getRules().nextTransition(start);
                    Instant base = t == null ? start : t.getInstant();
                    return base.plus(Duration.ofMinutes(minutes));
                });
    }

    /**
     * A series in the customer's zone (New York, daily at 20:00) with a Berlin coverage calendar and a New York
     * contract calendar: an occurrence is left out when its date in each calendar's own zone is that calendar's
     * holiday. 20:00 New York on 14 January is 02:00 on 15 January in Berlin, a coverage holiday; 20:00 on 15 January
     * is not (16 January in Berlin); 18 January is a holiday of the contract calendar in New York.
     */
    @net.jqwik.api.Example
    void anOccurrenceIsLeftOutWhenItsDateInACalendarsOwnZoneIsAHolidayThere() {
        ZoneId ny = ZoneId.of("America/New_York");
        Instant first = LocalDate.of(2027, 1, 13).atTime(20, 0).atZone(ny).toInstant();
        CommunicationPlan plan =
                new CommunicationPlan(Duration.ofDays(1), Channel.VIDEO_CALL, first, first).withZone(ny);
        BusinessCalendar berlin = BusinessCalendar.builder(ZoneId.of("Europe/Berlin"))
                .openWeekdays(LocalTime.of(9, 0), LocalTime.of(17, 0))
                .holidays(HolidaySource.of(List.of(Holiday.allDay(LocalDate.of(2027, 1, 15), "Company Day"))))
                .build();
        BusinessCalendar contract = BusinessCalendar.builder(ny)
                .openWeekdays(LocalTime.of(9, 0), LocalTime.of(17, 0))
                .holidays(HolidaySource.of(List.of(Holiday.allDay(LocalDate.of(2027, 1, 18), "MLK Day"))))
                .build();
        List<Instant> expected = List.of(
                LocalDate.of(2027, 1, 14).atTime(20, 0).atZone(ny).toInstant(),
                LocalDate.of(2027, 1, 18).atTime(20, 0).atZone(ny).toInstant());
        assertThat(PlanSeries.exceptions(plan, ny, List.of(berlin, contract))).isEqualTo(expected);
        assertThat(PlanSeries.slowExceptions(plan, ny, List.of(berlin, contract)))
                .isEqualTo(expected);
    }

    /**
     * A series lists at most 100 exceptions, the first ones: hourly meetings over 30 holiday days (720 on holidays)
     * and daily meetings over 150 holiday days each give the first 100.
     */
    @net.jqwik.api.Example
    void aSeriesListsTheFirstHundredExceptionsOnly() {
        ZoneId berlinZone = ZoneId.of("Europe/Berlin");
        Instant first = LocalDate.of(2027, 2, 1).atTime(9, 0).atZone(berlinZone).toInstant();
        List<Holiday> days = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            days.add(Holiday.allDay(LocalDate.of(2027, 2, 1).plusDays(i), "Holiday " + i));
        }
        BusinessCalendar closed = BusinessCalendar.builder(berlinZone)
                .openWeekdays(LocalTime.of(9, 0), LocalTime.of(17, 0))
                .holidays(HolidaySource.of(days))
                .build();
        for (Duration every : List.of(Duration.ofHours(1), Duration.ofDays(1))) {
            CommunicationPlan plan = new CommunicationPlan(every, Channel.VIDEO_CALL, first, first);
            List<Instant> expected = new ArrayList<>();
            for (int n = 0; n < 100; n++) {
                expected.add(
                        every.equals(Duration.ofDays(1))
                                ? first.atZone(berlinZone).plusDays(n).toInstant()
                                : first.plus(every.multipliedBy(n)));
            }
            assertThat(PlanSeries.exceptions(plan, berlinZone, List.of(closed)))
                    .as("%s", every)
                    .isEqualTo(expected);
            assertThat(PlanSeries.slowExceptions(plan, berlinZone, List.of(closed)))
                    .isEqualTo(expected);
        }
    }

    @Property(tries = 1000)
    void theFastExceptionsAreTheSlowOnes(@ForAll("cases") Case c) {
        CommunicationPlan plan = new CommunicationPlan(
                c.every(),
                Channel.VIDEO_CALL,
                c.first(),
                c.first(),
                Optional.empty(),
                Optional.empty(),
                CommunicationPlan.Agreement.RECORDED);
        List<BusinessCalendar> calendars = new ArrayList<>();
        calendars.add(calendar(c.zone(), c, 0));
        if (c.second()) {
            calendars.add(calendar(c.otherZone() ? ZoneId.of("Asia/Kolkata") : c.zone(), c, 1));
        }
        assertThat(PlanSeries.exceptions(plan, c.zone(), calendars))
                .isEqualTo(PlanSeries.slowExceptions(plan, c.zone(), calendars));
    }

    /** Calendars without holidays ({@link HolidaySource#none()}, the skipped walk): the slow walk finds none either. */
    @Property(tries = 200)
    void withoutHolidaysTheFastExceptionsAreTheSlowOnes(@ForAll("cases") Case c) {
        CommunicationPlan plan = new CommunicationPlan(
                c.every(),
                Channel.VIDEO_CALL,
                c.first(),
                c.first(),
                Optional.empty(),
                Optional.empty(),
                CommunicationPlan.Agreement.RECORDED);
        List<BusinessCalendar> calendars = new ArrayList<>();
        calendars.add(BusinessCalendar.builder(c.zone())
                .openWeekdays(LocalTime.of(9, 0), LocalTime.of(17, 0))
                .build());
        if (c.second()) {
            calendars.add(BusinessCalendar.builder(c.otherZone() ? ZoneId.of("Asia/Kolkata") : c.zone())
                    .holidays(HolidaySource.none())
                    .build());
        }
        assertThat(calendars).allSatisfy(cal -> assertThat(cal.holidays()).isSameAs(HolidaySource.none()));
        assertThat(PlanSeries.exceptions(plan, c.zone(), calendars))
                .isEqualTo(PlanSeries.slowExceptions(plan, c.zone(), calendars))
                .isEmpty();
    }

    /** A calendar with every other holiday of the case (by parity), dated from the first meeting's local date. */
    private static BusinessCalendar calendar(ZoneId zone, Case c, int parity) {
        LocalDate day = c.first().atZone(zone).toLocalDate();
        Map<LocalDate, Holiday> byDate = new HashMap<>();
        for (int i = 0; i < c.holidays().size(); i++) {
            if (i % 2 != parity && c.second()) {
                continue;
            }
            int[] h = c.holidays().get(i);
            LocalDate date = day.plusDays(h[0]);
            byDate.putIfAbsent(
                    date,
                    h[1] < 0
                            ? Holiday.allDay(date, "holiday")
                            : Holiday.from(date, "afternoon", LocalTime.of(h[1], 15)));
        }
        return BusinessCalendar.builder(zone)
                .openWeekdays(LocalTime.of(9, 0), LocalTime.of(17, 0))
                .holidays(HolidaySource.of(byDate.values()))
                .build();
    }
}
