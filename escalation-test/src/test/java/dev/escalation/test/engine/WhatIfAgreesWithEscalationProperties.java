package dev.escalation.test.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.EscalationReceipt;
import dev.escalation.calendar.BusinessCalendar;
import dev.escalation.calendar.Holiday;
import dev.escalation.calendar.HolidaySource;
import dev.escalation.command.EscalateCase;
import dev.escalation.model.CalendarSpec;
import dev.escalation.model.Cause;
import dev.escalation.model.Criticality;
import dev.escalation.model.CustomerId;
import dev.escalation.model.DueKind;
import dev.escalation.model.HotlineAdvice;
import dev.escalation.model.OpeningHours;
import dev.escalation.sla.Deadline;
import dev.escalation.sla.Projection;
import dev.escalation.sla.SlaCalendar;
import dev.escalation.sla.SlaPolicy;
import dev.escalation.sla.WhatIf;
import dev.escalation.spi.CustomerAccount;
import dev.escalation.test.Scenario;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.Month;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * A what-if projects exactly what a real escalation raised at the same instant gets, at the time edges: instants to
 * the nanosecond around the Berlin daylight-saving switches, the half days and holidays of the coverage and the turn
 * of the year, and customer contract calendars in zones with 45-minute, half-hour and +14:00 offsets, half-hour
 * switches and a day skipped, with windows in the hours a switch skips or repeats and holidays of their own. The
 * hotline advice is the receipt's, and there exactly when the coverage is closed then; every deadline (instant,
 * warning, state, calendar, explanation) is the one the engine reads for the escalation; every projected step is a due
 * item the escalation's write stored.
 */
class WhatIfAgreesWithEscalationProperties {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    /** Half days (24 and 31 December from 12:00) and whole holidays on fixed dates, every year. */
    private static final HolidaySource HOLIDAYS = date -> {
        int md = date.getMonthValue() * 100 + date.getDayOfMonth();
        return switch (md) {
            case 101, 501, 1003, 1225, 1226 -> Optional.of(Holiday.allDay(date, "Holiday " + md));
            case 1224, 1231 -> Optional.of(Holiday.from(date, "Half day " + md, LocalTime.NOON));
            default -> Optional.empty();
        };
    };

    private static final BusinessCalendar COVERAGE = BusinessCalendar.builder(BERLIN)
            .openWeekdays(LocalTime.of(9, 0), LocalTime.of(17, 0))
            .holidays(HOLIDAYS)
            .build();

    /** The customer's own holidays (region {@code CUSTOMER}): the 1st and 15th of each month. */
    private static final HolidaySource CUSTOMER_HOLIDAYS =
            date -> date.getDayOfMonth() == 1 || date.getDayOfMonth() == 15
                    ? Optional.of(Holiday.allDay(date, "Customer day"))
                    : Optional.empty();

    /** First contact in coverage, resolution in the customer's calendar; warnings and two repeats. */
    private static final SlaPolicy POLICY = SlaPolicy.builder("edges", 1)
            .firstContact(Criticality.CRITICAL, Duration.ofMinutes(90))
            .firstContact(Criticality.HIGH, Duration.ofHours(4))
            .resolution(Criticality.CRITICAL, Duration.ofHours(16))
            .resolution(Criticality.HIGH, Duration.ofHours(40))
            .measure(DueKind.RESOLUTION, SlaCalendar.CUSTOMER_CONTRACT)
            .warnAt(75)
            .repeatAfterBreach(Duration.ofHours(2), 2)
            .build();

    @Property(tries = 150)
    void aWhatIfProjectsWhatAnEscalationRaisedThenGets(
            @ForAll("instants") Instant raisedAt,
            @ForAll("criticalities") Criticality criticality,
            @ForAll("specs") Optional<CalendarSpec> spec) {
        Scenario w = Cast.world(b ->
                        b.slaPolicy(POLICY).holidayRegions(code -> code.equals("CUSTOMER") ? CUSTOMER_HOLIDAYS : null))
                .coverage(COVERAGE);
        CustomerAccount acme =
                w.customerDirectory().account(CustomerId.of("acme")).orElseThrow();
        w.customerDirectory().add(new CustomerAccount(acme.id(), acme.name(), spec));
        w.clock().set(raisedAt);
        WhatIf whatIf = spec.map(s -> WhatIf.at(raisedAt, criticality).withCustomerCalendar(s))
                .orElse(WhatIf.at(raisedAt, criticality));

        Projection projected = w.engine().operations().whatIf(Cast.SAM, whatIf);
        EscalationReceipt receipt = w.engine()
                .escalate(Cast.INA, new EscalateCase(Cast.C1, "Down", Cause.SOFTWARE_ERROR, criticality, null));
        List<Deadline> real = w.engine().deadlines(Cast.SAM, receipt.escalation());

        String at = raisedAt.atZone(BERLIN) + " " + criticality + " " + spec.map(CalendarSpec::zoneId);
        assertThat(projected.hotline()).as("hotline at %s", at).isEqualTo(receipt.hotline());
        assertThat(projected.hotline().map(HotlineAdvice::reason).isPresent())
                .as("advice at %s", at)
                .isEqualTo(criticality == Criticality.CRITICAL && !COVERAGE.isOpen(raisedAt));
        assertThat(projected.deadlines()).as("deadlines at %s", at).hasSameSizeAs(real);
        for (int i = 0; i < real.size(); i++) {
            Deadline p = projected.deadlines().get(i);
            Deadline r = real.get(i);
            assertThat(List.of(p.kind(), p.dueAt(), p.warningAt(), p.state(), p.calendar(), p.render()))
                    .as("deadline %s at %s", r.kind(), at)
                    .isEqualTo(List.of(r.kind(), r.dueAt(), r.warningAt(), r.state(), r.calendar(), r.render()));
        }
        List<String> steps = projected.steps().stream()
                .map(s -> s.kind() + "/" + s.step() + "/" + s.at())
                .sorted()
                .toList();
        List<String> stored = w.store().dueWork().due(Instant.parse("2100-01-01T00:00:00Z"), 500).stream()
                .map(d -> d.kind() + "/" + d.step() + "/" + d.dueAt())
                .sorted()
                .toList();
        assertThat(steps).as("steps at %s", at).isNotEmpty().isEqualTo(stored);
    }

    // ------------------------------------------------------------------ inputs

    @Provide
    Arbitrary<Criticality> criticalities() {
        return Arbitraries.of(Criticality.CRITICAL, Criticality.HIGH);
    }

    private static final List<LocalTime> EDGES = List.of(
            LocalTime.MIDNIGHT,
            LocalTime.of(2, 0),
            LocalTime.of(2, 30),
            LocalTime.of(3, 0),
            LocalTime.of(9, 0),
            LocalTime.NOON,
            LocalTime.of(17, 0),
            LocalTime.of(23, 59, 59));

    /** Days around the Berlin switches and the year's end, 2025–2032, at edge or random times, ±1 ns. */
    @Provide
    Arbitrary<Instant> instants() {
        Arbitrary<Integer> years = Arbitraries.integers().between(2025, 2032);
        Arbitrary<LocalDate> switchDays = Combinators.combine(years, Arbitraries.of(Month.MARCH, Month.OCTOBER))
                .as((y, m) -> LocalDate.of(y, m, 1).with(TemporalAdjusters.lastInMonth(DayOfWeek.SUNDAY)));
        Arbitrary<LocalDate> yearEnd = years.map(y -> LocalDate.of(y, 12, 24));
        Arbitrary<LocalDate> days = Combinators.combine(
                        Arbitraries.oneOf(switchDays, yearEnd),
                        Arbitraries.integers().between(-3, 8))
                .as(LocalDate::plusDays);
        Arbitrary<LocalTime> times = Arbitraries.oneOf(
                Arbitraries.of(EDGES),
                Arbitraries.integers().between(0, 24 * 4 - 1).map(q -> LocalTime.MIN.plusMinutes(15L * q)));
        return Combinators.combine(
                        days,
                        times,
                        Arbitraries.of(true, false),
                        Arbitraries.longs().between(-1, 1))
                .as((d, t, later, nanos) -> {
                    ZonedDateTime z = LocalDateTime.of(d, t).atZone(BERLIN);
                    return (later ? z.withLaterOffsetAtOverlap() : z.withEarlierOffsetAtOverlap())
                            .toInstant()
                            .plusNanos(nanos);
                });
    }

    /** No contract calendar, or one in an edge zone: office hours, nights around midnight, or the switch hours. */
    @Provide
    Arbitrary<Optional<CalendarSpec>> specs() {
        Arbitrary<String> zones = Arbitraries.of(
                "Europe/Berlin",
                "Pacific/Kiritimati",
                "Pacific/Chatham",
                "America/St_Johns",
                "Australia/Lord_Howe",
                "America/Santiago",
                "Asia/Kathmandu",
                "Pacific/Apia");
        Arbitrary<Optional<String>> regions = Arbitraries.of(Optional.empty(), Optional.of("CUSTOMER"));
        Arbitrary<Optional<CalendarSpec>> some = Combinators.combine(
                        zones, regions, Arbitraries.integers().between(0, 2))
                .as((zone, region, shape) -> Optional.of(new CalendarSpec(zone, region, hours(shape))));
        return Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.just(Optional.empty())), Tuple.of(3, some));
    }

    private static List<OpeningHours> hours(int shape) {
        List<OpeningHours> hours = new ArrayList<>();
        for (DayOfWeek d : DayOfWeek.values()) {
            switch (shape) {
                case 0 -> {
                    if (d.getValue() <= 5) {
                        hours.add(new OpeningHours(d, LocalTime.of(8, 0), LocalTime.of(18, 0)));
                    }
                }
                case 1 -> {
                    hours.add(new OpeningHours(d, LocalTime.MIN, LocalTime.of(3, 0)));
                    hours.add(new OpeningHours(d, LocalTime.of(22, 0), LocalTime.MAX));
                }
                default -> hours.add(new OpeningHours(d, LocalTime.of(1, 30), LocalTime.of(3, 30)));
            }
        }
        return hours;
    }
}
