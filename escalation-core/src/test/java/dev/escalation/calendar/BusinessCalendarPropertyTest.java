package dev.escalation.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * Properties of the calendar arithmetic (named *Test so that Surefire's default includes run them), generated across
 * DST switches (Europe/Berlin and America/New_York, 2026–2028) and holidays (Easter, German Unity Day, Christmas Eve
 * afternoon, Thanksgiving), at random instants, exact window boundaries and sub-second instants, for several calendars.
 */
class BusinessCalendarPropertyTest {

    /** The calendars under test; each a different shape. */
    enum Cal {
        BERLIN(TestCalendars::berlin),
        BERLIN_LUNCH(TestCalendars::berlinWithLunch),
        BERLIN_MORNINGS(TestCalendars::berlinMornings),
        BERLIN_NIGHTS(TestCalendars::berlinNights),
        BERLIN_24X7(TestCalendars::berlin24x7),
        NEW_YORK(TestCalendars::newYork);

        final BusinessCalendar calendar;

        Cal(Supplier<BusinessCalendar> s) {
            this.calendar = s.get();
        }
    }

    private static final List<LocalDate> INTERESTING = List.of(
            // Europe/Berlin DST switches
            LocalDate.of(2026, 3, 29),
            LocalDate.of(2026, 10, 25),
            LocalDate.of(2027, 3, 28),
            LocalDate.of(2027, 10, 31),
            LocalDate.of(2028, 3, 26),
            LocalDate.of(2028, 10, 29),
            // America/New_York DST switches
            LocalDate.of(2026, 3, 8),
            LocalDate.of(2026, 11, 1),
            LocalDate.of(2027, 3, 14),
            LocalDate.of(2027, 11, 7),
            // holidays
            LocalDate.of(2027, 3, 29),
            LocalDate.of(2026, 4, 6),
            LocalDate.of(2028, 10, 3),
            LocalDate.of(2026, 12, 24),
            LocalDate.of(2027, 12, 24),
            LocalDate.of(2027, 12, 31),
            LocalDate.of(2026, 11, 26));

    @Provide
    Arbitrary<Cal> calendars() {
        return Arbitraries.of(Cal.class);
    }

    @Provide
    Arbitrary<Instant> instants() {
        Instant lo = LocalDate.of(2026, 1, 1).atStartOfDay(ZoneId.of("UTC")).toInstant();
        Instant hi = LocalDate.of(2028, 11, 30).atStartOfDay(ZoneId.of("UTC")).toInstant();
        Arbitrary<Instant> uniform = Arbitraries.longs()
                .between(lo.getEpochSecond(), hi.getEpochSecond())
                .map(Instant::ofEpochSecond);
        Arbitrary<LocalDate> nearInteresting = Combinators.combine(
                        Arbitraries.of(INTERESTING), Arbitraries.integers().between(-3, 3))
                .as(LocalDate::plusDays);
        Arbitrary<ZoneId> zones = Arbitraries.of(TestCalendars.BERLIN, TestCalendars.NEW_YORK);
        Arbitrary<Instant> nearByMinute = Combinators.combine(
                        nearInteresting, Arbitraries.integers().between(0, 24 * 60 - 1), zones)
                .as((d, m, z) -> LocalDateTime.of(d, LocalTime.MIN.plusMinutes(m))
                        .atZone(z)
                        .toInstant());
        Arbitrary<Instant> onBoundaries = Combinators.combine(
                        nearInteresting, Arbitraries.of(0, 1, 2, 3, 4, 9, 12, 13, 17, 22, 23), zones)
                .as((d, h, z) ->
                        LocalDateTime.of(d, LocalTime.of(h, 0)).atZone(z).toInstant());
        Arbitrary<Instant> withNanos = Combinators.combine(
                        nearByMinute, Arbitraries.longs().between(-1, 999_999_999))
                .as(Instant::plusNanos);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, uniform),
                net.jqwik.api.Tuple.of(3, nearByMinute),
                net.jqwik.api.Tuple.of(3, onBoundaries),
                net.jqwik.api.Tuple.of(1, withNanos));
    }

    @Provide
    Arbitrary<Duration> durations() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(
                        4, Arbitraries.longs().between(0, 60 * 60).map(Duration::ofMinutes)),
                net.jqwik.api.Tuple.of(2, Arbitraries.longs().between(0, 60).map(Duration::ofHours)),
                net.jqwik.api.Tuple.of(
                        1, Arbitraries.longs().between(0, 100 * 3600).map(Duration::ofSeconds)),
                net.jqwik.api.Tuple.of(
                        1, Arbitraries.longs().between(0, 2_000_000_000L).map(Duration::ofNanos)));
    }

    @Provide
    Arbitrary<Duration> positiveDurations() {
        return durations().filter(d -> !d.isZero());
    }

    @Provide
    Arbitrary<List<Interval>> pauses() {
        Arbitrary<Interval> pause = Combinators.combine(
                        instants(),
                        Arbitraries.longs().between(0, 3 * 24 * 3600).map(Duration::ofSeconds))
                .as((from, len) -> Interval.of(from, from.plus(len), "paused"));
        return pause.list().ofMaxSize(4);
    }

    @Property
    void plusIsStrictlyMonotonicInTheDuration(
            @ForAll("calendars") Cal c,
            @ForAll("instants") Instant t,
            @ForAll("durations") Duration a,
            @ForAll("positiveDurations") Duration delta) {
        assertThat(c.calendar.plus(t, a)).isBefore(c.calendar.plus(t, a.plus(delta)));
    }

    @Property
    void plusIsAdditiveForEveryStart(
            @ForAll("calendars") Cal c,
            @ForAll("instants") Instant t,
            @ForAll("durations") Duration a,
            @ForAll("durations") Duration b) {
        Statistics.label("start").collect(c.calendar.isOpen(t) ? "open" : "closed");
        BusinessCalendar cal = c.calendar;
        assertThat(cal.plus(cal.plus(t, a), b)).isEqualTo(cal.plus(t, a.plus(b)));
    }

    @Property
    void betweenInvertsPlus(
            @ForAll("calendars") Cal c, @ForAll("instants") Instant t, @ForAll("durations") Duration d) {
        BusinessCalendar cal = c.calendar;
        assertThat(cal.between(t, cal.plus(t, d))).isEqualTo(d);
    }

    @Property
    void aPositiveResultIsOpenOrTheClosingInstantOfAnOpenPeriod(
            @ForAll("calendars") Cal c, @ForAll("instants") Instant t, @ForAll("positiveDurations") Duration d) {
        BusinessCalendar cal = c.calendar;
        Instant r = cal.plus(t, d);
        Statistics.label("result").collect(cal.isOpen(r) ? "open" : "closing boundary");
        assertThat(cal.isOpen(r.minusNanos(1))).as("just before %s", r).isTrue();
        assertThat(r).isAfter(t);
        if (!cal.isOpen(r)) {
            assertThat(cal.nextClosing(r.minusNanos(1))).contains(r);
        }
    }

    @Property
    void nextOpeningIsOpenAndNothingCountsBeforeIt(@ForAll("calendars") Cal c, @ForAll("instants") Instant t) {
        BusinessCalendar cal = c.calendar;
        Instant o = cal.nextOpening(t);
        assertThat(cal.isOpen(o)).isTrue();
        assertThat(cal.between(t, o)).isZero();
        assertThat(o.equals(t)).isEqualTo(cal.isOpen(t));
    }

    @Property
    void isOpenAgreesWithTheArithmetic(@ForAll("calendars") Cal c, @ForAll("instants") Instant t) {
        BusinessCalendar cal = c.calendar;
        boolean open = cal.isOpen(t);
        assertThat(cal.closedReason(t).isEmpty()).isEqualTo(open);
        Instant closing = cal.nextClosing(t).orElse(t.plus(Duration.ofDays(30)));
        if (open) {
            assertThat(closing).isAfter(t);
            Instant end = closing.isAfter(t.plus(Duration.ofDays(30))) ? t.plus(Duration.ofDays(30)) : closing;
            assertThat(cal.between(t, end)).isEqualTo(Duration.between(t, end));
        } else {
            assertThat(closing).isEqualTo(t);
        }
    }

    @Property
    void betweenIsAdditiveOverAnyMiddlePoint(
            @ForAll("calendars") Cal c,
            @ForAll("instants") Instant a,
            @ForAll("instants") Instant b,
            @ForAll("instants") Instant m) {
        BusinessCalendar cal = c.calendar;
        assertThat(cal.between(a, m).plus(cal.between(m, b))).isEqualTo(cal.between(a, b));
        assertThat(cal.between(a, b).abs())
                .isLessThanOrEqualTo(Duration.between(a, b).abs());
    }

    /**
     * The engine's warning and target from one walk ({@code CalendarAccess}) are the two {@code plus} calls, for any
     * two durations (shorter first, equal, zero, longer first) with and without pauses, or fail as they do.
     */
    @Property(tries = 2000)
    void twoDurationsFromOneWalkAreTheTwoPluses(
            @ForAll("calendars") Cal c,
            @ForAll("instants") Instant t,
            @ForAll("durations") Duration a,
            @ForAll("durations") Duration b,
            @ForAll("pauses") List<Interval> pauses) {
        BusinessCalendar cal = c.calendar;
        Duration first = a.compareTo(b) <= 0 ? a : b; // mostly the shorter first, as the engine asks
        Duration second = a.compareTo(b) <= 0 ? b : a;
        if (t.getEpochSecond() % 5 == 0) {
            first = second;
            second = a.compareTo(b) <= 0 ? a : b; // sometimes the longer first
        }
        Object expected;
        try {
            Instant s = cal.plus(t, second, pauses);
            expected = List.of(cal.plus(t, first, pauses), s);
        } catch (RuntimeException e) {
            expected = e.getClass() + ": " + e.getMessage();
        }
        Object actual;
        try {
            actual = List.of(dev.escalation.internal.CalendarAccess.arithmetic().plus(cal, t, first, second, pauses));
        } catch (RuntimeException e) {
            actual = e.getClass() + ": " + e.getMessage();
        }
        assertThat(actual).as("%s + %s, %s over %s", t, first, second, pauses).isEqualTo(expected);
    }

    @Property
    void pausesOnlyDelayAndStayConsistent(
            @ForAll("calendars") Cal c,
            @ForAll("instants") Instant t,
            @ForAll("durations") Duration a,
            @ForAll("durations") Duration b,
            @ForAll("pauses") List<Interval> pauses) {
        BusinessCalendar cal = c.calendar;
        Instant withPauses = cal.plus(t, a, pauses);
        assertThat(withPauses).isAfterOrEqualTo(cal.plus(t, a));
        assertThat(cal.between(t, withPauses, pauses)).isEqualTo(a);
        assertThat(cal.plus(withPauses, b, pauses)).isEqualTo(cal.plus(t, a.plus(b), pauses));
        if (!a.isZero()) {
            Instant justBefore = withPauses.minusNanos(1);
            assertThat(cal.isOpen(justBefore)).isTrue();
            assertThat(pauses).noneMatch(p -> p.contains(justBefore));
        }
    }

    @Property
    void explanationsAccountForEveryInstant(
            @ForAll("calendars") Cal c,
            @ForAll("instants") Instant t,
            @ForAll("durations") Duration d,
            @ForAll("pauses") List<Interval> pauses) {
        BusinessCalendar cal = c.calendar;
        Explanation e = cal.explainPlus(t, d, pauses);
        assertThat(e.end()).isEqualTo(cal.plus(t, d, pauses));
        assertThat(e.counted()).isEqualTo(d);
        Duration covered = Duration.ZERO;
        Instant cursor = t;
        List<Explanation.Step> steps = new ArrayList<>(e.steps());
        for (Explanation.Step s : steps) {
            assertThat(s.from()).isEqualTo(cursor);
            assertThat(s.to()).isAfter(s.from());
            covered = covered.plus(s.length());
            cursor = s.to();
        }
        assertThat(cursor).isEqualTo(e.end());
        assertThat(covered).isEqualTo(Duration.between(t, e.end()));
        assertThat(e.paused().plus(d)).isEqualTo(cal.between(t, e.end()));
        assertThat(e.render()).startsWith("due ");
    }

    @Property
    void explanationStepsAgreeWithClosedReasons(
            @ForAll("calendars") Cal c, @ForAll("instants") Instant t, @ForAll("durations") Duration d) {
        BusinessCalendar cal = c.calendar;
        for (Explanation.Step s : cal.explainPlus(t, d).steps()) {
            Statistics.label("kind").collect(s.kind());
            for (Instant probe : List.of(s.from(), s.to().minusNanos(1))) {
                Optional<String> reason = cal.closedReason(probe);
                switch (s.kind()) {
                    case COUNTED -> assertThat(reason).as("%s at %s", s, probe).isEmpty();
                    case HOLIDAY ->
                        assertThat(reason)
                                .as("%s at %s", s, probe)
                                .hasValueSatisfying(r -> assertThat(r)
                                        .startsWith("public holiday: ")
                                        .isEqualTo(s.reason()));
                    case WEEKEND ->
                        assertThat(reason)
                                .as("%s at %s", s, probe)
                                .hasValueSatisfying(r -> assertThat(r).matches("[A-Z][a-z]+day"));
                    case OUTSIDE_HOURS ->
                        assertThat(reason)
                                .as("%s at %s", s, probe)
                                .hasValueSatisfying(r -> assertThat(r).startsWith("outside business hours"));
                    case PAUSE -> throw new AssertionError("no pauses were given: " + s);
                    default -> throw new AssertionError(s);
                }
            }
        }
    }

    @Property
    void pausesNeverAddBusinessTime(
            @ForAll("calendars") Cal c,
            @ForAll("instants") Instant a,
            @ForAll("instants") Instant b,
            @ForAll("pauses") List<Interval> pauses) {
        BusinessCalendar cal = c.calendar;
        Duration with = cal.between(a, b, pauses).abs();
        Duration without = cal.between(a, b).abs();
        assertThat(with).isLessThanOrEqualTo(without);
        assertThat(cal.between(b, a, pauses))
                .isEqualTo(cal.between(a, b, pauses).negated());
    }

    /** A pause as half-hour steps from a query's start: a grid on which pauses often overlap, touch or repeat. */
    record PauseSteps(int from, int length, boolean sameReason) {
        Interval at(Instant start) {
            Instant f = start.plus(Duration.ofMinutes(30L * from));
            return Interval.of(f, f.plus(Duration.ofMinutes(30L * length)), sameReason ? "waiting" : "on hold " + from);
        }
    }

    @Provide
    Arbitrary<List<PauseSteps>> pauseSteps() {
        return Combinators.combine(
                        Arbitraries.integers().between(-48, 240), // a day before the start to five days after
                        Arbitraries.integers().between(0, 144), // up to three days long
                        Arbitraries.of(true, false))
                .as(PauseSteps::new)
                .list()
                .ofMaxSize(6);
    }

    /**
     * Pauses remove exactly the open time they cover: the business time between two instants with pauses is the time
     * without them less the open time inside the pauses' union (merged here by a plain sweep), however the pauses
     * overlap, touch, nest, repeat or are ordered. The other pause properties only check that the calendar agrees
     * with itself; this one fixes how much a set of pauses takes away.
     */
    @Property(tries = 2000)
    void pausesRemoveExactlyTheOpenTimeTheyCover(
            @ForAll("calendars") Cal c,
            @ForAll("instants") Instant start,
            @ForAll("durations") Duration span,
            @ForAll("pauseSteps") List<PauseSteps> steps) {
        BusinessCalendar cal = c.calendar;
        Instant end = start.plus(span.multipliedBy(3));
        List<Interval> pauses = new ArrayList<>();
        steps.forEach(p -> pauses.add(p.at(start)));
        List<Interval> sorted = new ArrayList<>(pauses);
        sorted.sort(java.util.Comparator.comparing(Interval::from));
        List<Instant[]> union = new ArrayList<>();
        for (Interval p : sorted) {
            Instant[] last = union.isEmpty() ? null : union.get(union.size() - 1);
            if (last != null && !p.from().isAfter(last[1])) {
                last[1] = p.to().isAfter(last[1]) ? p.to() : last[1];
            } else {
                union.add(new Instant[] {p.from(), p.to()});
            }
        }
        Duration covered = Duration.ZERO;
        for (Instant[] u : union) {
            Instant from = u[0].isAfter(start) ? u[0] : start;
            Instant to = u[1].isBefore(end) ? u[1] : end;
            if (from.isBefore(to)) {
                covered = covered.plus(cal.between(from, to));
            }
        }
        Statistics.label("open time paused").collect(covered.isZero() ? "none" : "some");
        Statistics.label("pauses merged").collect(union.size() < sorted.size() ? "yes" : "no");
        assertThat(cal.between(start, end, pauses))
                .as("%s to %s, paused %s", start, end, pauses)
                .isEqualTo(cal.between(start, end).minus(covered));
        assertThat(cal.between(end, start, pauses))
                .isEqualTo(cal.between(start, end, pauses).negated());
    }

    private static final List<Holiday> THANKSGIVINGS = TestCalendars.thanksgivings();

    private static final List<Holiday> GERMAN = TestCalendars.germanHolidays2026To2028();

    /**
     * Whether a calendar of {@link Cal} is open at an instant by the plain rule, written out here from the calendars'
     * definitions: the local weekday and time of day fall in a window, and no holiday of that local date has closed.
     */
    static boolean openByTheRule(Cal c, Instant t) {
        LocalDateTime local =
                LocalDateTime.ofInstant(t, c == Cal.NEW_YORK ? TestCalendars.NEW_YORK : TestCalendars.BERLIN);
        LocalTime time = local.toLocalTime();
        int minute = time.getHour() * 60 + time.getMinute();
        boolean weekday = local.getDayOfWeek().getValue() <= 5;
        boolean inWindow = switch (c) {
            case BERLIN, NEW_YORK -> weekday && minute >= 9 * 60 && minute < 17 * 60;
            case BERLIN_LUNCH ->
                weekday && (minute >= 9 * 60 && minute < 12 * 60 || minute >= 13 * 60 && minute < 17 * 60);
            case BERLIN_MORNINGS -> weekday && minute >= 8 * 60 && minute < 11 * 60;
            case BERLIN_NIGHTS -> minute >= 60 && minute < 4 * 60 || minute >= 22 * 60;
            case BERLIN_24X7 -> true;
        };
        List<Holiday> holidays = switch (c) {
            case BERLIN, BERLIN_LUNCH, BERLIN_MORNINGS -> GERMAN;
            case NEW_YORK -> THANKSGIVINGS;
            case BERLIN_NIGHTS, BERLIN_24X7 -> List.of();
        };
        for (Holiday h : holidays) {
            if (h.date().equals(local.toLocalDate())) {
                return inWindow && h.closedFrom().map(time::isBefore).orElse(false);
            }
        }
        return inWindow;
    }

    /**
     * An oracle for the calendars, DST switches and holidays (whole and from noon): every window, holiday and switch
     * of these calendars falls on a whole minute, so the business time between two whole minutes is the number of
     * minutes between them that are open by the plain rule, and adding part of it ends right after the minute that
     * completes it. The other properties check that the calendar agrees with itself; this one fixes the answer.
     */
    @Property(tries = 1000)
    void businessTimeIsTheOpenMinutesByThePlainRule(
            @ForAll("calendars") Cal c,
            @ForAll("instants") Instant t,
            @ForAll @net.jqwik.api.constraints.IntRange(min = 0, max = 5 * 24 * 60) int minutes) {
        BusinessCalendar cal = c.calendar;
        Instant a = t.truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
        Instant b = a.plus(Duration.ofMinutes(minutes));
        List<Instant> openMinutes = new ArrayList<>();
        for (Instant m = a; m.isBefore(b); m = m.plusSeconds(60)) {
            if (openByTheRule(c, m)) {
                openMinutes.add(m);
            }
        }
        assertThat(cal.isOpen(a)).as("%s at %s", c, a).isEqualTo(openByTheRule(c, a));
        assertThat(cal.between(a, b)).as("%s from %s to %s", c, a, b).isEqualTo(Duration.ofMinutes(openMinutes.size()));
        int half = openMinutes.size() / 2;
        Instant expected = half == 0 ? a : openMinutes.get(half - 1).plusSeconds(60);
        assertThat(cal.plus(a, Duration.ofMinutes(half)))
                .as("%s + %d min from %s", c, half, a)
                .isEqualTo(expected);
    }
}
