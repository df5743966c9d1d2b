package dev.escalation.holidays;

import static org.assertj.core.api.Assertions.assertThat;

import de.focus_shift.jollyday.core.HolidayManager;
import de.focus_shift.jollyday.core.HolidayType;
import de.focus_shift.jollyday.core.ManagerParameters;
import dev.escalation.Actor;
import dev.escalation.DueWorkItem;
import dev.escalation.EscalationEngine;
import dev.escalation.EscalationReceipt;
import dev.escalation.command.Acknowledge;
import dev.escalation.command.AgreePlan;
import dev.escalation.command.EscalateCase;
import dev.escalation.command.LogProgress;
import dev.escalation.command.PauseClock;
import dev.escalation.command.ResumeClock;
import dev.escalation.inmemory.InMemoryCustomerDirectory;
import dev.escalation.inmemory.InMemoryEscalationStore;
import dev.escalation.inmemory.InMemoryNotifier;
import dev.escalation.inmemory.InMemoryStaffDirectory;
import dev.escalation.inmemory.InMemoryTicketing;
import dev.escalation.model.CalendarSpec;
import dev.escalation.model.CaseId;
import dev.escalation.model.Cause;
import dev.escalation.model.Channel;
import dev.escalation.model.ContactId;
import dev.escalation.model.Criticality;
import dev.escalation.model.CustomerId;
import dev.escalation.model.CustomerRole;
import dev.escalation.model.DueKind;
import dev.escalation.model.EntryParam;
import dev.escalation.model.EscalationId;
import dev.escalation.model.HotlineAdvice;
import dev.escalation.model.HotlineNumber;
import dev.escalation.model.NotificationKind;
import dev.escalation.model.OpeningHours;
import dev.escalation.model.Preferences;
import dev.escalation.model.ProgressKind;
import dev.escalation.model.StaffId;
import dev.escalation.model.StaffRole;
import dev.escalation.model.Visibility;
import dev.escalation.sla.Deadline;
import dev.escalation.sla.SlaCalendar;
import dev.escalation.sla.SlaPolicy;
import dev.escalation.spi.CustomerAccount;
import dev.escalation.spi.MeetingInvite;
import dev.escalation.spi.Notification;
import dev.escalation.spi.StaffMember;
import dev.escalation.spi.SupportCase;
import dev.escalation.spi.Touchpoint;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.Month;
import java.time.Year;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The engine's time-zone and holiday edges against an oracle that shares no code with the calendars: the wall clock
 * of {@code java.time}, holidays asked of Jollyday directly, and business time counted by walking minute by minute.
 * A critical escalation raised with the ready German coverage ({@link GermanCoverage#calendar()}) and a customer
 * contract calendar in another zone (New York, St John's, Lord Howe, Kathmandu, Santiago, Apia, Bavaria) — around
 * every Berlin clock change 2025–2035, the Easter-derived holidays, 24 and 31 December at noon, the turn of the year
 * and the window edges to the nanosecond — gets the hotline advice of the German coverage (never the customer's
 * calendar), the deadlines the walk reaches, exactly those due steps, and each step fires at its instant and not a
 * nanosecond before. A meeting series in the customer's zone, with meetings held next to that zone's switches, repeats
 * at the same local time, leaves out the occurrences on either calendar's holidays and holds the customer's reminder
 * until the customer's calendar opens. A pause of the SLA clock takes exactly its open time out of the resolution.
 */
class EngineTimeEdgesOracleProperties {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final Actor INA = Actor.contact("ina");
    private static final Actor SAM = Actor.staff("sam");
    private static final Actor EVE = Actor.staff("eve");

    /** First contact in coverage, resolution in the customer's calendar, warning at 75 %, one repeat after 2 h. */
    private static final SlaPolicy RAISE = SlaPolicy.builder("edges", 1)
            .firstContact(Criticality.CRITICAL, Duration.ofHours(1))
            .resolution(Criticality.CRITICAL, Duration.ofHours(16))
            .measure(DueKind.RESOLUTION, SlaCalendar.CUSTOMER_CONTRACT)
            .warnAt(75)
            .repeatAfterBreach(Duration.ofHours(2), 1)
            .build();

    /** Customer contact every 4 business hours of the customer's calendar; a missed meeting escalates after 30 min. */
    private static final SlaPolicy MEETINGS = SlaPolicy.builder("edges", 1)
            .firstContact(Criticality.CRITICAL, Duration.ofHours(1))
            .resolution(Criticality.CRITICAL, Duration.ofHours(16))
            .contactEvery(Duration.ofHours(4), ProgressKind.STATUS_UPDATE)
            .measure(DueKind.CUSTOMER_CONTACT, SlaCalendar.CUSTOMER_CONTRACT)
            .warnAt(75)
            .repeatAfterBreach(Duration.ofHours(2), 1)
            .escalateMissedMeeting(Duration.ofMinutes(30))
            .build();

    // ------------------------------------------------------------------ the oracle

    private static final Map<String, Set<LocalDate>> JOLLYDAY = new ConcurrentHashMap<>();

    /** Whether Jollyday lists a public holiday of {@code region} (such as {@code DE} or {@code US-NY}) on a date. */
    static boolean jollyday(String region, LocalDate date) {
        return JOLLYDAY.computeIfAbsent(region + "/" + date.getYear(), k -> {
                    String[] parts = region.toLowerCase(Locale.ROOT).split("-");
                    HolidayManager m = HolidayManager.getInstance(ManagerParameters.create(parts[0]));
                    String[] path = Arrays.copyOfRange(parts, 1, parts.length);
                    Set<LocalDate> dates = new HashSet<>();
                    for (int y = date.getYear() - 1; y <= date.getYear() + 1; y++) { // observed across the year
                        m.getHolidays(Year.of(y), HolidayType.PUBLIC_HOLIDAY, path)
                                .forEach(h -> dates.add(h.getDate()));
                    }
                    return dates;
                })
                .contains(date);
    }

    /** README: a German holiday closes the coverage all day, 24 and 31 December from 12:00. */
    static boolean coverageHoliday(Instant t) {
        ZonedDateTime z = t.atZone(BERLIN);
        LocalDate d = z.toLocalDate();
        boolean halfDay = d.getMonth() == Month.DECEMBER && (d.getDayOfMonth() == 24 || d.getDayOfMonth() == 31);
        return jollyday("DE", d) || (halfDay && !z.toLocalTime().isBefore(LocalTime.NOON));
    }

    /** README: Europe/Berlin, Monday to Friday 09:00–17:00 (open at 09:00, closed at 17:00), not on a holiday. */
    static boolean coverageOpen(Instant t) {
        ZonedDateTime z = t.atZone(BERLIN);
        LocalTime time = z.toLocalTime();
        return z.getDayOfWeek().getValue() <= 5
                && !coverageHoliday(t)
                && !time.isBefore(LocalTime.of(9, 0))
                && time.isBefore(LocalTime.of(17, 0));
    }

    /** The one rule for a contract calendar: its local date no holiday of its region, its local time in a window. */
    static Predicate<Instant> contractOpen(CalendarSpec spec) {
        ZoneId zone = ZoneId.of(spec.zoneId());
        return t -> {
            ZonedDateTime z = t.atZone(zone);
            if (spec.holidayRegion().isPresent()
                    && jollyday(spec.holidayRegion().get(), z.toLocalDate())) {
                return false;
            }
            LocalTime time = z.toLocalTime();
            return spec.hours().stream()
                    .anyMatch(h -> h.day() == z.getDayOfWeek()
                            && !time.isBefore(h.from())
                            && (h.to().equals(LocalTime.MAX) || time.isBefore(h.to())));
        };
    }

    /**
     * The earliest instant at which {@code d} of open time has passed since {@code start}, walked minute by minute
     * (every window, offset and holiday here changes on a whole minute, so a minute is open or closed throughout).
     */
    static Instant walk(Predicate<Instant> open, Instant start, Duration d) {
        return walk(open, start, d, start, start);
    }

    /** {@link #walk(Predicate, Instant, Duration)} without the time of the pause {@code [from, to)}. */
    static Instant walk(Predicate<Instant> open, Instant start, Duration d, Instant from, Instant to) {
        Instant t = start;
        Duration rest = d;
        while (true) {
            Instant next = t.truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(1));
            for (Instant edge : List.of(from, to)) { // a pause may begin or end within a minute
                if (t.isBefore(edge) && edge.isBefore(next)) {
                    next = edge;
                }
            }
            if (open.test(t) && (t.isBefore(from) || !t.isBefore(to))) {
                Duration piece = Duration.between(t, next);
                if (piece.compareTo(rest) >= 0) {
                    return t.plus(rest);
                }
                rest = rest.minus(piece);
            }
            t = next;
        }
    }

    static Instant nextOpen(Predicate<Instant> open, Instant start) {
        Instant t = start;
        while (!open.test(t)) {
            t = t.truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(1));
        }
        return t;
    }

    // ------------------------------------------------------------------ a critical escalation

    @Property(tries = 250)
    void aCriticalEscalationGetsTheCoveragesAdviceAndTheDeadlinesAndStepsTheOracleWalks(
            @ForAll("raises") Instant raised, @ForAll("contracts") Optional<CalendarSpec> contract) {
        TestClock clock = new TestClock(raised);
        EscalationEngine engine = engine(clock, contract, RAISE, new InMemoryNotifier());
        EscalationReceipt receipt = engine.escalate(INA, critical());
        String at = raised.atZone(BERLIN) + " with "
                + contract.map(CalendarSpec::zoneId).orElse("no contract");

        // the advice follows the German coverage, whatever the customer's calendar says
        if (coverageOpen(raised)) {
            assertThat(receipt.hotline()).as("advice at %s", at).isEmpty();
        } else {
            HotlineAdvice advice = receipt.hotline().orElseThrow();
            ZonedDateTime z = raised.atZone(BERLIN);
            HotlineAdvice.Reason reason = coverageHoliday(raised)
                    ? HotlineAdvice.Reason.PUBLIC_HOLIDAY
                    : z.getDayOfWeek().getValue() >= 6
                            ? HotlineAdvice.Reason.WEEKEND
                            : HotlineAdvice.Reason.OUTSIDE_HOURS;
            assertThat(advice.reason()).as("reason at %s", at).isEqualTo(reason);
            assertThat(advice.resumesAt())
                    .as("resumes after %s", at)
                    .isEqualTo(nextOpen(EngineTimeEdgesOracleProperties::coverageOpen, raised));
        }

        Predicate<Instant> customer = contract.map(EngineTimeEdgesOracleProperties::contractOpen)
                .orElse(EngineTimeEdgesOracleProperties::coverageOpen);
        Instant firstContact = walk(EngineTimeEdgesOracleProperties::coverageOpen, raised, Duration.ofHours(1));
        Instant firstWarning = walk(EngineTimeEdgesOracleProperties::coverageOpen, raised, Duration.ofMinutes(45));
        Instant resolution = walk(customer, raised, Duration.ofHours(16));
        Instant resolutionWarning = walk(customer, raised, Duration.ofHours(12));
        List<Deadline> deadlines = engine.deadlines(SAM, receipt.escalation());
        assertThat(deadlines)
                .as("deadlines of %s", at)
                .extracting(d ->
                        d.kind() + " " + d.dueAt() + " warned " + d.warningAt().orElseThrow())
                .containsExactlyInAnyOrder(
                        "FIRST_CONTACT " + firstContact + " warned " + firstWarning,
                        "RESOLUTION " + resolution + " warned " + resolutionWarning);
        deadlines.forEach(d -> assertThat(d.explain().end()).isEqualTo(d.dueAt()));

        Set<String> expected = new TreeSet<>(List.of(
                step(DueKind.FIRST_CONTACT, "warning", firstWarning),
                step(DueKind.FIRST_CONTACT, "breach", firstContact),
                step(DueKind.FIRST_CONTACT, "breach-repeat-1", firstContact.plus(Duration.ofHours(2))),
                step(DueKind.RESOLUTION, "warning", resolutionWarning),
                step(DueKind.RESOLUTION, "breach", resolution),
                step(DueKind.RESOLUTION, "breach-repeat-1", resolution.plus(Duration.ofHours(2)))));
        clock.now = raised.plus(Duration.ofDays(400)); // every step due; the backlog lists them without running them
        assertThat(backlog(engine, null)).as("due work of %s", at).isEqualTo(expected);
    }

    @Property(tries = 120)
    void eachStepFiresAtItsInstantAndNotANanosecondBefore(
            @ForAll("raises") Instant raised, @ForAll("contracts") Optional<CalendarSpec> contract) {
        TestClock clock = new TestClock(raised);
        InMemoryNotifier notifier = new InMemoryNotifier();
        EscalationEngine engine = engine(clock, contract, RAISE, notifier);
        EscalationId id = engine.escalate(INA, critical()).escalation();
        engine.deliverPending();
        TreeSet<Instant> instants = new TreeSet<>();
        Set<String> expected = new TreeSet<>();
        for (Deadline d : engine.deadlines(SAM, id)) {
            Instant warning = d.warningAt().orElseThrow();
            Instant repeat = d.dueAt().plus(Duration.ofHours(2));
            instants.addAll(List.of(warning, d.dueAt(), repeat));
            expected.addAll(List.of(
                    fired(d.kind(), "warning", warning, d.dueAt()),
                    fired(d.kind(), "breach", d.dueAt(), d.dueAt()),
                    fired(d.kind(), "breach-repeat-1", repeat, d.dueAt())));
        }
        Set<String> seen = new TreeSet<>();
        int sent = notifier.delivered().size();
        for (Instant at : instants) {
            clock.now = at.minusNanos(1);
            engine.processDueWork();
            engine.deliverPending();
            int before = notifier.delivered().size();
            assertThat(before).as("sent a nanosecond before %s", at).isEqualTo(sent);
            clock.now = at;
            engine.processDueWork();
            engine.deliverPending();
            List<Notification> now =
                    notifier.delivered().subList(before, notifier.delivered().size());
            assertThat(now).as("sent at %s", at).isNotEmpty();
            for (Notification n : now) {
                seen.add(fired(n, at));
            }
            sent = notifier.delivered().size();
        }
        assertThat(seen).isEqualTo(expected);
    }

    /**
     * A pause of the SLA clock (begun and ended to the nanosecond, across nights, weekends, holidays and clock changes)
     * takes exactly its open time out of the resolution counted in the customer's calendar: while it runs, up to the
     * instant read; once resumed, for the deadline, its warning and the due steps.
     */
    @Property(tries = 150)
    void aPauseTakesExactlyItsOpenTimeOutOfTheResolution(
            @ForAll("raises") Instant raised,
            @ForAll("contracts") Optional<CalendarSpec> contract,
            @ForAll("pauseOffsets") long after,
            @ForAll("pauseOffsets") long length) {
        TestClock clock = new TestClock(raised);
        EscalationEngine engine = engine(clock, contract, RAISE, new InMemoryNotifier());
        EscalationId id = engine.escalate(INA, critical()).escalation();
        clock.now = raised.plusSeconds(60);
        engine.acknowledge(SAM, new Acknowledge(id, StaffId.of("eve"), "called"));
        Instant from = raised.plusSeconds(120).plusNanos(after);
        Instant to = from.plusNanos(length);
        clock.now = from;
        engine.pauseClock(EVE, new PauseClock(id, "waiting for the customer"));
        Predicate<Instant> customer = contract.map(EngineTimeEdgesOracleProperties::contractOpen)
                .orElse(EngineTimeEdgesOracleProperties::coverageOpen);
        String at = raised.atZone(BERLIN) + ", paused " + from.atZone(BERLIN) + " to " + to.atZone(BERLIN) + " with "
                + contract.map(CalendarSpec::zoneId).orElse("no contract");

        Instant halfway = from.plus(Duration.between(from, to).dividedBy(2));
        clock.now = halfway;
        Deadline paused = deadline(engine, id, DueKind.RESOLUTION);
        assertThat(paused.paused()).isTrue();
        assertThat(paused.dueAt())
                .as("while paused, %s", at)
                .isEqualTo(walk(customer, raised, Duration.ofHours(16), from, halfway));

        clock.now = to;
        engine.resumeClock(EVE, new ResumeClock(id, "answered"));
        Instant due = walk(customer, raised, Duration.ofHours(16), from, to);
        Instant warning = walk(customer, raised, Duration.ofHours(12), from, to);
        Deadline resumed = deadline(engine, id, DueKind.RESOLUTION);
        assertThat(resumed.dueAt()).as("resumed, %s", at).isEqualTo(due);
        assertThat(resumed.warningAt()).as("warning, %s", at).contains(warning);
        clock.now = to.plus(Duration.ofDays(400));
        assertThat(backlog(engine, DueKind.RESOLUTION))
                .as("due work, %s", at)
                .isEqualTo(new TreeSet<>(List.of(
                        step(DueKind.RESOLUTION, "warning", warning),
                        step(DueKind.RESOLUTION, "breach", due),
                        step(DueKind.RESOLUTION, "breach-repeat-1", due.plus(Duration.ofHours(2))))));
    }

    /** Nanoseconds from a minute to four days, and ones just off whole minutes and hours. */
    @Provide
    Arbitrary<Long> pauseOffsets() {
        long minute = 60_000_000_000L;
        return Arbitraries.oneOf(
                Arbitraries.of(minute, 60 * minute, 60 * minute + 1, 60 * minute - 1, 1440 * minute),
                Arbitraries.longs().between(minute, 4 * 1440 * minute));
    }

    // ------------------------------------------------------------------ meetings in the customer's zone

    @Property(tries = 150)
    void meetingsRepeatInTheCustomersZoneSkipEitherCalendarsHolidaysAndWaitForItsHours(@ForAll("meetings") Meeting m) {
        ZoneId zone = ZoneId.of(m.spec().zoneId());
        Predicate<Instant> customer = contractOpen(m.spec());
        Instant held = m.held();
        TestClock clock = new TestClock(held.minus(Duration.ofDays(2)));
        InMemoryNotifier notifier = new InMemoryNotifier();
        EscalationEngine engine = engine(clock, Optional.of(m.spec()), MEETINGS, notifier);
        EscalationId id = engine.escalate(INA, critical()).escalation();
        clock.now = clock.now.plusSeconds(60);
        engine.acknowledge(SAM, new Acknowledge(id, StaffId.of("eve"), "called"));
        Instant acknowledged = clock.now;
        clock.now = clock.now.plusSeconds(60);
        engine.agreePlan(EVE, new AgreePlan(id, Duration.ofDays(m.days()), Channel.VIDEO_CALL, held));
        engine.deliverPending();

        MeetingInvite.Recurrence series = notifier.delivered().stream()
                .filter(n -> n.kind() == NotificationKind.MEETING_SERIES_INVITATION)
                .findFirst()
                .flatMap(Notification::invite)
                .flatMap(MeetingInvite::recurrence)
                .orElseThrow();
        assertThat(series.zone()).isEqualTo(zone);
        List<Instant> exceptions = new ArrayList<>();
        ZonedDateTime first = held.atZone(zone);
        for (int i = 0; exceptions.size() < 100; i++) {
            Instant occurrence = first.plusDays((long) m.days() * i).toInstant();
            if (occurrence.isAfter(held.plus(Duration.ofDays(180)))) {
                break;
            }
            if (coverageHoliday(occurrence)
                    || jollyday("US-NY", occurrence.atZone(zone).toLocalDate())) {
                exceptions.add(occurrence);
            }
        }
        assertThat(series.exceptions()).as("exceptions of %s", m).isEqualTo(exceptions);
        assertThat(deadline(engine, id, DueKind.CUSTOMER_CONTACT).dueAt())
                .as("contact due after %s", m)
                .isEqualTo(walk(customer, acknowledged, Duration.ofHours(4)));

        clock.now = held;
        engine.logProgress(EVE, new LogProgress(id, LogProgress.Kind.MEETING_HELD, "held", Visibility.CUSTOMER));
        Instant next = held.atZone(zone).plusDays(m.days()).toInstant();
        assertThat(deadline(engine, id, DueKind.NEXT_MEETING).dueAt())
                .as("next after %s", m)
                .isEqualTo(next);
        assertThat(engine.find(SAM, id).orElseThrow().nextMeetingAt()).contains(next);

        Set<String> expected = new TreeSet<>();
        expected.add(step(DueKind.NEXT_MEETING, "reminder", next));
        if (!customer.test(next)) {
            expected.add(step(DueKind.NEXT_MEETING, "reminder-customer", nextOpen(customer, next)));
        }
        expected.add(step(DueKind.NEXT_MEETING, "missed", next.plus(Duration.ofMinutes(30))));
        expected.add(step(DueKind.NEXT_MEETING, "missed-repeat-1", next.plus(Duration.ofMinutes(150))));
        clock.now = held.plus(Duration.ofDays(400));
        assertThat(backlog(engine, DueKind.NEXT_MEETING))
                .as("meeting steps of %s", m)
                .isEqualTo(expected);
    }

    /** A customer's calendar and a meeting held next to a switch of its zone, every {@code days} days. */
    record Meeting(CalendarSpec spec, Instant held, int days) {
        @Override
        public String toString() {
            return "held " + held.atZone(ZoneId.of(spec.zoneId())) + " every " + days + " d";
        }
    }

    @Provide
    Arbitrary<Meeting> meetings() {
        List<String> zones = List.of(
                "Australia/Lord_Howe",
                "America/St_Johns",
                "America/Santiago",
                "Pacific/Apia",
                "Asia/Gaza",
                "America/Havana",
                "Europe/Berlin",
                "America/New_York");
        return Combinators.combine(
                        Arbitraries.of(zones),
                        Arbitraries.longs()
                                .between(
                                        Instant.parse("2010-06-01T00:00:00Z").getEpochSecond(),
                                        Instant.parse("2031-06-01T00:00:00Z").getEpochSecond()),
                        Arbitraries.of(0, 15, -15, -120, 600, 1425),
                        Arbitraries.of(1, 7),
                        Arbitraries.of(false, true))
                // typed parameters: a fresh-clone CI once inferred them as one common supertype (not reproduced)
                .as((String zone, Long from, Integer shift, Integer days, Boolean later) -> {
                    ZoneId z = ZoneId.of(zone);
                    ZoneOffsetTransition t = z.getRules().nextTransition(Instant.ofEpochSecond(from));
                    if (t == null) { // no switch after it (Apia since 2021): the last one
                        t = z.getRules().previousTransition(Instant.ofEpochSecond(from));
                    }
                    LocalDateTime switchAt = t.getDateTimeBefore();
                    LocalDateTime local = shift >= 600
                            ? switchAt.toLocalDate()
                                    .minusDays(days)
                                    .atStartOfDay()
                                    .plusMinutes(shift)
                            : switchAt.minusDays(days).plusMinutes(shift);
                    ZonedDateTime held = later ? local.atZone(z).withLaterOffsetAtOverlap() : local.atZone(z);
                    return new Meeting(contract(zone, true), held.toInstant(), days);
                });
    }

    // ------------------------------------------------------------------ inputs

    /**
     * Instants around each Berlin clock change 2025–2035 (before and after the Friday's close and the Monday's
     * opening, and in the night of the switch, both offsets of the autumn overlap), the Easter-derived holidays
     * and their neighbours, 24 and 31 December, the turn of the year and other holidays, to the nanosecond at the
     * window edges.
     */
    @Provide
    Arbitrary<Instant> raises() {
        List<LocalDateTime> local = new ArrayList<>();
        for (int y = 2025; y <= 2035; y++) {
            LocalDate spring = LocalDate.of(y, 3, 31).with(TemporalAdjusters.lastInMonth(DayOfWeek.SUNDAY));
            LocalDate autumn = LocalDate.of(y, 10, 31).with(TemporalAdjusters.lastInMonth(DayOfWeek.SUNDAY));
            for (LocalDate sunday : List.of(spring, autumn)) {
                LocalDate friday = sunday.minusDays(2);
                LocalDate monday = sunday.plusDays(1);
                local.addAll(List.of(
                        friday.atTime(16, 30),
                        friday.atTime(16, 59, 59, 999_999_999),
                        friday.atTime(17, 0),
                        sunday.atTime(1, 59),
                        sunday.atTime(2, 30),
                        sunday.atTime(3, 0),
                        monday.atTime(8, 59, 59, 999_999_999),
                        monday.atTime(9, 0)));
            }
            LocalDate easter = GermanCoverageProperties.easter(y);
            for (int days : new int[] {-3, -2, 1, 38, 39, 49, 50, 59, 60}) {
                LocalDate d = easter.plusDays(days);
                local.addAll(List.of(d.atStartOfDay(), d.atTime(10, 0), d.atTime(16, 45)));
            }
            for (int[] md : new int[][] {
                {1, 1}, {1, 2}, {1, 6}, {5, 1}, {8, 15}, {10, 2}, {10, 3}, {10, 31}, {11, 1}, {12, 22}, {12, 23},
                {12, 24}, {12, 25}, {12, 26}, {12, 27}, {12, 31}
            }) {
                LocalDate d = LocalDate.of(y, md[0], md[1]);
                local.addAll(List.of(
                        d.atTime(11, 30),
                        d.atTime(11, 59, 59, 999_999_999),
                        d.atTime(12, 0),
                        d.atTime(16, 59),
                        d.atTime(23, 59, 59)));
            }
        }
        TreeSet<Instant> instants = new TreeSet<>();
        for (LocalDateTime l : local) {
            instants.add(l.atZone(BERLIN).toInstant());
            instants.add(l.atZone(BERLIN).withLaterOffsetAtOverlap().toInstant());
        }
        return Arbitraries.of(List.copyOf(instants));
    }

    @Provide
    Arbitrary<Optional<CalendarSpec>> contracts() {
        return Arbitraries.of(
                Optional.empty(),
                Optional.of(new CalendarSpec("Europe/Berlin", Optional.of("DE-BY"), weekdays(8, 18))),
                Optional.of(new CalendarSpec("America/New_York", Optional.of("US-NY"), weekdays(8, 18))),
                Optional.of(contract("America/St_Johns", false)),
                Optional.of(contract("Australia/Lord_Howe", false)),
                Optional.of(new CalendarSpec("Asia/Kathmandu", Optional.empty(), weekdays(8, 18))),
                Optional.of(contract("America/Santiago", false)),
                Optional.of(contract("Pacific/Apia", true)));
    }

    private static List<OpeningHours> weekdays(int from, int to) {
        List<OpeningHours> hours = new ArrayList<>();
        for (DayOfWeek d : EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY)) {
            hours.add(new OpeningHours(d, LocalTime.of(from, 0), LocalTime.of(to, 0)));
        }
        return hours;
    }

    /** Windows that touch midnight (00:00–01:30 and 23:00–24:00) besides 08:00–18:00, Monday to Friday. */
    private static CalendarSpec contract(String zone, boolean newYorkHolidays) {
        List<OpeningHours> hours = new ArrayList<>(weekdays(8, 18));
        for (DayOfWeek d : EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY)) {
            hours.add(new OpeningHours(d, LocalTime.MIDNIGHT, LocalTime.of(1, 30)));
            hours.add(new OpeningHours(d, LocalTime.of(23, 0), LocalTime.MAX));
        }
        return new CalendarSpec(zone, newYorkHolidays ? Optional.of("US-NY") : Optional.empty(), hours);
    }

    // ------------------------------------------------------------------ the engine

    private static EscalateCase critical() {
        return new EscalateCase(
                CaseId.of("C-1"), "Nobody can log in", Cause.SOFTWARE_ERROR, Criticality.CRITICAL, null);
    }

    /** German coverage, Jollyday's regions; Ina (the Incident Manager) reads in the contract calendar's zone. */
    private static EscalationEngine engine(
            Clock clock, Optional<CalendarSpec> contract, SlaPolicy policy, InMemoryNotifier notifier) {
        CustomerId acme = CustomerId.of("acme");
        Preferences ina = contract.map(c -> Preferences.of(Locale.ENGLISH, ZoneId.of(c.zoneId())))
                .orElse(Preferences.DEFAULT);
        InMemoryCustomerDirectory customers = new InMemoryCustomerDirectory()
                .add(new CustomerAccount(acme, "ACME", contract))
                .add(new Touchpoint(
                        ContactId.of("ina"),
                        acme,
                        "Ina",
                        "ina@acme.example",
                        Optional.empty(),
                        Set.of(CustomerRole.INCIDENT_MANAGER),
                        true,
                        ina))
                .add(new SupportCase(CaseId.of("C-1"), acme, "Login broken"));
        InMemoryStaffDirectory staff = new InMemoryStaffDirectory()
                .add(member("sam", StaffRole.SUPPORT_MANAGEMENT))
                .add(member("eve", StaffRole.ESCALATION_MANAGER))
                .add(member("hal", StaffRole.HEAD_OF_SUPPORT));
        return EscalationEngine.builder()
                .clock(clock)
                .store(new InMemoryEscalationStore())
                .customers(customers)
                .staff(staff)
                .notifier(notifier)
                .ticketing(new InMemoryTicketing())
                .coverage(GermanCoverage.calendar())
                .holidayRegions(JollydayHolidays.resolver())
                .hotline(new HotlineNumber("Germany", "+49 911 2399 110"))
                .slaPolicy(policy)
                .build();
    }

    private static StaffMember member(String id, StaffRole role) {
        return new StaffMember(StaffId.of(id), id, id + "@vendor.example", Optional.empty(), Set.of(role), true);
    }

    private static Deadline deadline(EscalationEngine engine, EscalationId id, DueKind kind) {
        return engine.deadlines(SAM, id).stream()
                .filter(d -> d.kind() == kind)
                .findFirst()
                .orElseThrow();
    }

    private static Set<String> backlog(EscalationEngine engine, DueKind only) {
        Set<String> steps = new TreeSet<>();
        for (DueWorkItem i : engine.operations().dueWorkBacklog(SAM, 500)) {
            if (only == null || i.kind() == only) {
                steps.add(step(i.kind(), i.step(), i.dueAt()));
            }
        }
        return steps;
    }

    private static String step(DueKind kind, String step, Instant at) {
        return kind + "/" + step + "@" + at;
    }

    private static String fired(DueKind kind, String step, Instant at, Instant dueAt) {
        return kind + "/" + step + "@" + at + " naming " + dueAt;
    }

    private static String fired(Notification n, Instant at) {
        return ((EntryParam.Code) n.params().get("deadline")).value() + "/"
                + ((EntryParam.Code) n.params().get("step")).value() + "@" + at + " naming "
                + ((EntryParam.At) n.params().get("dueAt")).value();
    }

    /** A clock the test moves. */
    private static final class TestClock extends Clock {
        Instant now;

        TestClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
