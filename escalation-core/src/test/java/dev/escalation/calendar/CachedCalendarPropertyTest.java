package dev.escalation.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * The fast path equals the slow one: a calendar that caches the open spans of ordinary days answers every question
 * exactly as the same calendar built without the cache, over random zones (with daylight-saving switches, half-hour
 * and odd offsets), random weekly windows (including ones ending at midnight), random all-day and afternoon holidays,
 * random instants (many near switches) and random pauses. Each try asks many questions of one calendar pair, so later
 * ones hit the cache filled by earlier ones.
 */
class CachedCalendarPropertyTest {

    private static final List<ZoneId> ZONES = List.of(
            ZoneId.of("Europe/Berlin"),
            ZoneId.of("America/New_York"),
            ZoneId.of("Australia/Lord_Howe"),
            ZoneId.of("Pacific/Chatham"),
            ZoneId.of("America/St_Johns"),
            ZoneId.of("Africa/Casablanca"),
            ZoneId.of("Asia/Kolkata"),
            ZoneId.of("UTC"));

    private static final LocalDate FIRST = LocalDate.of(2026, 1, 1);
    private static final int DAYS = 3 * 366;

    /** A calendar's data: zone, windows (minute pairs per weekday) and holidays. */
    record Spec(ZoneId zone, Map<DayOfWeek, List<int[]>> windows, List<Holiday> holidays) {

        BusinessCalendar build(boolean cached) {
            return build(cached, HolidaySource.of(holidays));
        }

        BusinessCalendar build(boolean cached, HolidaySource source) {
            BusinessCalendar.Builder b = BusinessCalendar.builder(zone);
            windows.forEach((day, list) -> list.forEach(w -> b.open(day, time(w[0]), time(w[1]))));
            b.holidays(source);
            return cached ? b.build() : b.uncached().build();
        }

        private static LocalTime time(int minute) {
            return minute >= 24 * 60 ? LocalTime.MAX : LocalTime.MIN.plusMinutes(minute);
        }

        @Override
        public String toString() {
            StringBuilder s = new StringBuilder(zone.getId()).append(' ');
            windows.forEach((d, l) -> l.forEach(w -> s.append(d)
                    .append(' ')
                    .append(time(w[0]))
                    .append('-')
                    .append(time(w[1]))
                    .append(' ')));
            return s.append(holidays).toString();
        }
    }

    /** A question: a start, a second instant, a duration and pauses. */
    record Question(Instant t, Instant u, Duration d, List<Interval> pauses) {}

    @Provide
    Arbitrary<Spec> specs() {
        Arbitrary<List<int[]>> day = Arbitraries.integers()
                .between(0, 24 * 60 / 15)
                .map(q -> q * 15)
                .set()
                .ofMaxSize(4)
                .map(points -> {
                    List<Integer> sorted = new ArrayList<>(points);
                    sorted.sort(null);
                    List<int[]> windows = new ArrayList<>();
                    for (int i = 0; i + 1 < sorted.size(); i += 2) {
                        windows.add(new int[] {sorted.get(i), sorted.get(i + 1)});
                    }
                    return windows;
                });
        Arbitrary<Map<DayOfWeek, List<int[]>>> week = day.list().ofSize(7).map(l -> {
            Map<DayOfWeek, List<int[]>> m = new HashMap<>();
            for (DayOfWeek d : DayOfWeek.values()) {
                m.put(d, l.get(d.ordinal()));
            }
            return m;
        });
        Arbitrary<Holiday> holiday = Combinators.combine(
                        Arbitraries.integers().between(0, DAYS),
                        Arbitraries.integers().between(-1, 23))
                .as((d, h) -> h < 0
                        ? Holiday.allDay(FIRST.plusDays(d), "holiday " + d)
                        : Holiday.from(FIRST.plusDays(d), "afternoon " + d, LocalTime.of(h, 30)));
        Arbitrary<List<Holiday>> holidays = holiday.list().ofMaxSize(60).map(l -> {
            Map<LocalDate, Holiday> one = new HashMap<>();
            l.forEach(h -> one.putIfAbsent(h.date(), h));
            return List.copyOf(one.values());
        });
        return Combinators.combine(Arbitraries.of(ZONES), week, holidays).as(Spec::new);
    }

    @Provide
    Arbitrary<List<Question>> questions() {
        Instant lo = FIRST.atStartOfDay(ZoneId.of("UTC")).toInstant();
        Arbitrary<Instant> instants = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.longs().between(0, DAYS * 86_400L).map(lo::plusSeconds)),
                Tuple.of(2, Arbitraries.longs().between(0, DAYS * 96L).map(q -> lo.plusSeconds(q * 900))),
                Tuple.of(
                        1,
                        Arbitraries.longs()
                                .between(0, DAYS * 86_400_000_000_000L)
                                .map(lo::plusNanos)));
        Arbitrary<Duration> durations = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.longs().between(0, 60 * 60).map(Duration::ofMinutes)),
                Tuple.of(1, Arbitraries.longs().between(0, 200 * 3600).map(Duration::ofSeconds)),
                Tuple.of(1, Arbitraries.longs().between(0, 5_000_000_000L).map(Duration::ofNanos)));
        Arbitrary<Interval> pause = Combinators.combine(
                        instants, Arbitraries.longs().between(0, 4 * 24 * 3600).map(Duration::ofSeconds))
                .as((from, len) -> Interval.of(from, from.plus(len), "paused"));
        return Combinators.combine(instants, instants, durations, pause.list().ofMaxSize(3))
                .as(Question::new)
                .list()
                .ofMinSize(1)
                .ofMaxSize(12);
    }

    @Property(tries = 1000)
    void theCachedCalendarAnswersExactlyAsTheUncachedOne(
            @ForAll("specs") Spec spec, @ForAll("questions") List<Question> questions) {
        answersAlike(spec, spec.build(true), spec.build(false), questions);
    }

    /**
     * Without holidays ({@link HolidaySource#none()}, told by identity) the cached calendar's cursor walks epoch days
     * and reads ordinary days from the cache without a date object: the same answers as the uncached calendar asking
     * an empty holiday source every day.
     */
    @Property(tries = 1000)
    void withoutHolidaysTheCachedCalendarAnswersExactlyAsTheUncachedOne(
            @ForAll("specs") Spec any, @ForAll("questions") List<Question> questions) {
        Spec spec = new Spec(any.zone(), any.windows(), List.of());
        answersAlike(
                spec,
                spec.build(true, HolidaySource.none()),
                spec.build(false, HolidaySource.of(List.of())),
                questions);
    }

    private static void answersAlike(
            Spec spec, BusinessCalendar fast, BusinessCalendar slow, List<Question> questions) {
        for (Question q : questions) {
            same(spec, q, "isOpen", () -> fast.isOpen(q.t()), () -> slow.isOpen(q.t()));
            same(spec, q, "closedReason", () -> fast.closedReason(q.t()), () -> slow.closedReason(q.t()));
            same(spec, q, "nextOpening", () -> fast.nextOpening(q.t()), () -> slow.nextOpening(q.t()));
            same(spec, q, "nextClosing", () -> fast.nextClosing(q.t()), () -> slow.nextClosing(q.t()));
            same(spec, q, "plus", () -> fast.plus(q.t(), q.d(), q.pauses()), () -> slow.plus(q.t(), q.d(), q.pauses()));
            same(
                    spec,
                    q,
                    "between",
                    () -> fast.between(q.t(), q.u(), q.pauses()),
                    () -> slow.between(q.t(), q.u(), q.pauses()));
            same(
                    spec,
                    q,
                    "explainPlus",
                    () -> fast.explainPlus(q.t(), q.d(), q.pauses()).render(),
                    () -> slow.explainPlus(q.t(), q.d(), q.pauses()).render());
        }
    }

    private static void same(Spec spec, Question q, String what, Supplier<Object> fast, Supplier<Object> slow) {
        assertThat(outcome(fast)).as("%s %s in %s", what, q, spec).isEqualTo(outcome(slow));
    }

    /** The value, or the exception's class and message. */
    private static Object outcome(Supplier<Object> call) {
        try {
            return call.get();
        } catch (RuntimeException e) {
            return e.getClass().getName() + ": " + e.getMessage();
        }
    }
}
