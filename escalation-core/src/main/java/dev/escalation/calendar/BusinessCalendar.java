package dev.escalation.calendar;

import static java.util.Objects.requireNonNull;

import dev.escalation.model.CalendarSpec;
import dev.escalation.model.OpeningHours;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A business calendar: a time zone, weekly opening windows (several per day allowed) and holidays (all-day or
 * partial-day), with business-duration arithmetic.
 *
 * <h2>Model</h2>
 * <ul>
 *   <li>Windows are half-open in local wall-clock time: a window 09:00–17:00 is open at 09:00 and closed at 17:00.
 *       A window ending at {@link LocalTime#MAX} lasts until midnight (the next day's 00:00, exclusive).</li>
 *   <li>An instant is open exactly when its local date (in {@link #zone()}) is not an all-day holiday, its local
 *       time lies inside one of that weekday's windows, and, on a partial-day holiday, its local time is before the
 *       holiday's {@link Holiday#closedFrom()}.</li>
 *   <li>Daylight-saving switches follow from that rule: local times skipped by a spring-forward gap are never open
 *       (a window 02:00–03:00 on the Europe/Berlin spring-forward day has no open instant; a window 09:00–17:00 is
 *       8 real hours on both switch days), and local times that occur twice in a fall-back overlap are open both
 *       times (a window 02:00–03:00 on the fall-back day is open for 2 real hours).</li>
 * </ul>
 *
 * <h2>Arithmetic and boundaries</h2>
 * {@link #plus(Instant, Duration)} returns the <em>earliest</em> instant at which the given business time has
 * elapsed since the start. So a result that uses up a window exactly is that window's closing instant (Friday
 * 16:00 plus 1 h is Friday 17:00, not Monday 09:00), adding zero returns the start unchanged (even when closed),
 * and adding to a closed instant (including the closing minute itself, Friday 17:00) starts counting at the next
 * opening. With this rule, for every instant {@code t} and non-negative {@code a}, {@code b}:
 * <ul>
 *   <li>{@code between(t, plus(t, a)) == a};</li>
 *   <li>{@code plus(plus(t, a), b) == plus(t, a.plus(b))} (for every {@code t}, open or closed);</li>
 *   <li>{@code a < b} implies {@code plus(t, a) < plus(t, b)};</li>
 *   <li>for {@code a > 0} the result {@code r} is open, or is the closing instant of an open period (the instant
 *       just before {@code r} is open).</li>
 * </ul>
 * The same holds for the variants with excluded {@link Interval}s (pauses), where "open" means open and not
 * excluded, and a result may also be the start of an excluded interval.
 *
 * <p>Calculations step window by window, never minute by minute. A search for the next opening gives up after
 * {@value #MAX_CLOSED_DAYS} consecutive days without an opening window and throws {@link IllegalStateException};
 * a calendar without any opening window throws at once.
 *
 * <p>Immutable and thread-safe, provided its {@link HolidaySource} is.
 */
public final class BusinessCalendar {

    /** How many consecutive closed days a search for an opening crosses before giving up (about five years). */
    public static final int MAX_CLOSED_DAYS = 5 * 366;

    private final ZoneId zone;
    private final ZoneRules rules;
    private final Map<DayOfWeek, List<Window>> windows;
    private final HolidaySource holidays;
    private final boolean hasWindows;

    /** One opening window of a weekday. */
    record Window(LocalTime from, LocalTime to) {
        LocalDateTime end(LocalDate date) {
            return to.equals(LocalTime.MAX) ? date.plusDays(1).atStartOfDay() : date.atTime(to);
        }

        boolean contains(LocalTime time) {
            return !time.isBefore(from) && (time.isBefore(to) || to.equals(LocalTime.MAX));
        }

        @Override
        public String toString() {
            return from + "–" + (to.equals(LocalTime.MAX) ? "24:00" : to.toString());
        }
    }

    /** A half-open span of instants. */
    record Span(Instant from, Instant to) {}

    /** Instants of constant zone offset. */
    private record Segment(Instant from, Instant to, ZoneOffset offset) {}

    private BusinessCalendar(Builder b) {
        this.zone = b.zone;
        this.rules = b.zone.getRules();
        EnumMap<DayOfWeek, List<Window>> copy = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : DayOfWeek.values()) {
            List<Window> sorted = new ArrayList<>(b.windows.getOrDefault(day, List.of()));
            sorted.sort(Comparator.comparing(Window::from));
            copy.put(day, List.copyOf(sorted));
        }
        this.windows = copy;
        this.holidays = b.holidays;
        this.hasWindows = copy.values().stream().anyMatch(l -> !l.isEmpty());
    }

    /**
     * Starts a calendar in a time zone.
     *
     * @param zone the zone, such as {@code Europe/Berlin}
     * @return a builder
     */
    public static Builder builder(ZoneId zone) {
        return new Builder(zone);
    }

    /**
     * A calendar that is always open (UTC, every day, all day, no holidays).
     *
     * @return the calendar
     */
    public static BusinessCalendar alwaysOpen() {
        Builder b = builder(ZoneId.of("UTC"));
        for (DayOfWeek d : DayOfWeek.values()) {
            b.open(d, LocalTime.MIN, LocalTime.MAX);
        }
        return b.build();
    }

    /**
     * Builds a calendar from the SPI's plain-data description: its zone id, weekly hours and, if present, the
     * holidays of its holiday region as resolved by {@code regionResolver} (for example
     * {@code JollydayHolidays::forRegion} from the {@code escalation-holidays} module).
     *
     * @param spec           the description
     * @param regionResolver turns a region code such as {@code DE-BY} into its holidays; it signals an unknown
     *                       code by returning {@code null} or throwing {@link IllegalArgumentException}; it is only
     *                       called when the spec names a region
     * @return the calendar
     * @throws IllegalArgumentException if the zone id is unknown, the region is unknown (the message names it), or
     *                                  two windows of a day overlap
     */
    public static BusinessCalendar fromSpec(
            CalendarSpec spec, Function<String, ? extends @Nullable HolidaySource> regionResolver) {
        requireNonNull(spec, "spec");
        requireNonNull(regionResolver, "regionResolver");
        ZoneId zone;
        try {
            zone = ZoneId.of(spec.zoneId());
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("unknown time zone '" + spec.zoneId() + "' in calendar spec", e);
        }
        Builder b = builder(zone);
        for (OpeningHours h : spec.hours()) {
            b.open(h.day(), h.from(), h.to());
        }
        if (spec.holidayRegion().isPresent()) {
            String region = spec.holidayRegion().get();
            HolidaySource source;
            try {
                source = regionResolver.apply(region);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown holiday region '" + region + "': " + e.getMessage(), e);
            }
            if (source == null) {
                throw new IllegalArgumentException("unknown holiday region '" + region + "'");
            }
            b.holidays(source);
        }
        return b.build();
    }

    /**
     * The calendar's time zone.
     *
     * @return the zone
     */
    public ZoneId zone() {
        return zone;
    }

    /**
     * The holidays this calendar closes on.
     *
     * @return the holiday source
     */
    public HolidaySource holidays() {
        return holidays;
    }

    /**
     * Whether the calendar has at least one weekly opening window; a calendar without any is never open, and the
     * arithmetic methods that need an opening throw {@link IllegalStateException} for it.
     *
     * @return {@code true} if some weekday has a window
     */
    public boolean hasOpeningHours() {
        return hasWindows;
    }

    /**
     * Whether the calendar is open at an instant.
     *
     * @param instant the instant
     * @return {@code true} if inside an opening window on a day that is not (at that time) a holiday
     */
    public boolean isOpen(Instant instant) {
        ZonedDateTime local = instant.atZone(zone);
        List<Window> today = windows.get(local.getDayOfWeek());
        if (today.isEmpty()) {
            return false;
        }
        LocalTime time = local.toLocalTime();
        Optional<Holiday> holiday = holidays.holidayOn(local.toLocalDate());
        if (holiday.isPresent() && closedByHoliday(holiday.get(), time)) {
            return false;
        }
        for (Window w : today) {
            if (w.contains(time)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Why the calendar is closed at an instant, in words a person can read: {@code "Saturday"} (a weekday without
     * opening hours), {@code "public holiday: Christmas Day"}, {@code "public holiday: Christmas Eve (closed from
     * 12:00)"} for a partial-day holiday, or {@code "outside business hours (Monday 09:00–17:00)"}. A holiday wins
     * over the weekday.
     *
     * @param instant the instant
     * @return the reason, or empty when open
     */
    public Optional<String> closedReason(Instant instant) {
        ZonedDateTime local = instant.atZone(zone);
        LocalTime time = local.toLocalTime();
        Optional<Holiday> holiday = holidays.holidayOn(local.toLocalDate());
        if (holiday.isPresent() && closedByHoliday(holiday.get(), time)) {
            return Optional.of(holidayReason(holiday.get()));
        }
        DayOfWeek day = local.getDayOfWeek();
        List<Window> today = windows.get(day);
        String dayName = dayName(day);
        if (today.isEmpty()) {
            return Optional.of(dayName);
        }
        for (Window w : today) {
            if (w.contains(time)) {
                return Optional.empty();
            }
        }
        StringBuilder hours = new StringBuilder();
        for (Window w : today) {
            if (hours.length() > 0) {
                hours.append(", ");
            }
            hours.append(w);
        }
        return Optional.of("outside business hours (" + dayName + " " + hours + ")");
    }

    /**
     * Whether a weekday has at least one opening window (holidays aside): a day without windows, such as Saturday in
     * a Monday-to-Friday calendar, is closed all day.
     *
     * @param day the weekday
     * @return {@code true} if the calendar opens on that weekday when it is not a holiday
     */
    public boolean opensOn(DayOfWeek day) {
        return !windows.get(requireNonNull(day, "day")).isEmpty();
    }

    /**
     * The holiday that closes the calendar at an instant: a whole-day holiday on that local date, or a partial-day
     * holiday whose closing time has passed.
     *
     * @param instant the instant
     * @return the holiday, or empty if no holiday closes the calendar then (it may still be closed for other reasons)
     */
    public Optional<Holiday> closingHoliday(Instant instant) {
        ZonedDateTime local = instant.atZone(zone);
        return holidays.holidayOn(local.toLocalDate()).filter(h -> closedByHoliday(h, local.toLocalTime()));
    }

    // ---------------------------------------------------------------------------------------------- arithmetic

    /**
     * Adds business time to an instant: the earliest instant at which {@code businessDuration} of open time has
     * elapsed since {@code start}. See the class documentation for the boundary rules.
     *
     * @param start            where counting starts; may be closed (counting then starts at the next opening)
     * @param businessDuration how much open time to count; not negative
     * @return the result; {@code start} itself for a zero duration
     * @throws IllegalArgumentException if the duration is negative
     * @throws IllegalStateException    if the calendar has no opening hours, or finds no opening within
     *                                  {@value #MAX_CLOSED_DAYS} consecutive days
     */
    public Instant plus(Instant start, Duration businessDuration) {
        return plus(start, businessDuration, List.of());
    }

    /**
     * Adds business time to an instant, not counting the excluded intervals (for example pauses of an SLA clock):
     * the earliest instant at which {@code businessDuration} of open, non-excluded time has elapsed since
     * {@code start}.
     *
     * @param start            where counting starts
     * @param businessDuration how much open time to count; not negative
     * @param excluded         intervals that do not count, in any order, possibly overlapping
     * @return the result; {@code start} itself for a zero duration
     * @throws IllegalArgumentException if the duration is negative
     * @throws IllegalStateException    if the calendar has no opening hours, or finds no opening within
     *                                  {@value #MAX_CLOSED_DAYS} consecutive days
     */
    public Instant plus(Instant start, Duration businessDuration, List<Interval> excluded) {
        requireNonNull(start, "start");
        requireNonNull(businessDuration, "businessDuration");
        if (businessDuration.isNegative()) {
            throw new IllegalArgumentException("business duration must not be negative: " + businessDuration);
        }
        List<Interval> ex = normalise(excluded);
        if (businessDuration.isZero()) {
            return start;
        }
        requireOpeningHours();
        Cursor cursor = new Cursor(start);
        Duration remaining = businessDuration;
        int k = 0;
        while (true) {
            Span span = cursor.next(null);
            Instant a = span.from();
            while (a.isBefore(span.to())) {
                while (k < ex.size() && !ex.get(k).to().isAfter(a)) {
                    k++;
                }
                Instant b = span.to();
                if (k < ex.size()) {
                    Interval e = ex.get(k);
                    if (!e.from().isAfter(a)) {
                        if (e.to().isAfter(span.to())) {
                            cursor.skipTo(e.to());
                        }
                        a = min(e.to(), span.to());
                        continue;
                    }
                    b = min(b, e.from());
                }
                Duration len = Duration.between(a, b);
                if (len.compareTo(remaining) >= 0) {
                    return a.plus(remaining);
                }
                remaining = remaining.minus(len);
                a = b;
            }
        }
    }

    /**
     * The business time between two instants: how much open time lies in {@code [a, b)}; negative (the same
     * amount negated) when {@code b} is before {@code a}, as with {@link Duration#between}.
     *
     * @param a one instant
     * @param b the other instant
     * @return the open time between them
     */
    public Duration between(Instant a, Instant b) {
        return between(a, b, List.of());
    }

    /**
     * The business time between two instants, not counting the excluded intervals: how much open, non-excluded
     * time lies in {@code [a, b)}; negative when {@code b} is before {@code a}.
     *
     * @param a        one instant
     * @param b        the other instant
     * @param excluded intervals that do not count, in any order, possibly overlapping
     * @return the open, non-excluded time between them
     */
    public Duration between(Instant a, Instant b, List<Interval> excluded) {
        requireNonNull(a, "a");
        requireNonNull(b, "b");
        List<Interval> ex = normalise(excluded);
        int cmp = a.compareTo(b);
        if (cmp == 0 || !hasWindows) {
            return Duration.ZERO;
        }
        if (cmp > 0) {
            return between(b, a, excluded).negated();
        }
        Cursor cursor = new Cursor(a);
        long seconds = 0;
        long nanos = 0;
        int k = 0;
        Span span;
        while ((span = cursor.next(b)) != null) {
            Instant from = span.from();
            Instant to = min(span.to(), b);
            while (from.isBefore(to)) {
                while (k < ex.size() && !ex.get(k).to().isAfter(from)) {
                    k++;
                }
                Instant until = to;
                if (k < ex.size()) {
                    Interval e = ex.get(k);
                    if (!e.from().isAfter(from)) {
                        if (e.to().isAfter(span.to())) {
                            cursor.skipTo(min(e.to(), b));
                        }
                        from = min(e.to(), to);
                        continue;
                    }
                    until = min(until, e.from());
                }
                seconds += until.getEpochSecond() - from.getEpochSecond();
                nanos += until.getNano() - from.getNano();
                from = until;
            }
        }
        return Duration.ofSeconds(seconds, nanos);
    }

    /**
     * The next instant at which the calendar is open: {@code instant} itself if open now, else the start of the
     * next open period.
     *
     * @param instant where to look from
     * @return the first open instant at or after {@code instant}
     * @throws IllegalStateException if the calendar has no opening hours, or finds no opening within
     *                               {@value #MAX_CLOSED_DAYS} consecutive days
     */
    public Instant nextOpening(Instant instant) {
        requireNonNull(instant, "instant");
        requireOpeningHours();
        return new Cursor(instant).next(null).from();
    }

    /**
     * The next instant at which the calendar is closed: {@code instant} itself if closed now, else the end of the
     * current open period (adjacent windows, such as 00:00–24:00 on consecutive days, count as one period).
     *
     * @param instant where to look from
     * @return the first closed instant at or after {@code instant}, or empty if the calendar stays open for more
     *         than {@value #MAX_CLOSED_DAYS} days (for example {@link #alwaysOpen()})
     */
    public Optional<Instant> nextClosing(Instant instant) {
        requireNonNull(instant, "instant");
        if (!hasWindows) {
            return Optional.of(instant);
        }
        Cursor cursor = new Cursor(instant);
        Span span = cursor.next(instant.plusNanos(1));
        if (span == null || span.from().isAfter(instant)) {
            return Optional.of(instant);
        }
        Instant end = span.to();
        Instant horizon = instant.plus(Duration.ofDays(MAX_CLOSED_DAYS));
        while (end.isBefore(horizon)) {
            Span next = cursor.next(end.plusNanos(1));
            if (next == null || next.from().isAfter(end)) {
                return Optional.of(end);
            }
            end = next.to();
        }
        return Optional.empty();
    }

    // --------------------------------------------------------------------------------------------- explanation

    /**
     * Explains {@link #plus(Instant, Duration)}: the counted spans and skipped closed periods from {@code start}
     * to the result.
     *
     * @param start            where counting starts
     * @param businessDuration how much open time to count; not negative
     * @return the explanation; its {@link Explanation#end()} equals {@code plus(start, businessDuration)}
     * @throws IllegalArgumentException if the duration is negative
     * @throws IllegalStateException    as {@link #plus(Instant, Duration)}
     */
    public Explanation explainPlus(Instant start, Duration businessDuration) {
        return explainPlus(start, businessDuration, List.of());
    }

    /**
     * Explains {@link #plus(Instant, Duration, List)}: counted spans, skipped closed periods and excluded business
     * time ({@link Explanation.StepKind#PAUSE} steps carrying each interval's reason) from {@code start} to the
     * result. A pause step covers only the open time an interval excluded; closed time inside an interval keeps
     * its closed reason.
     *
     * @param start            where counting starts
     * @param businessDuration how much open time to count; not negative
     * @param excluded         intervals that do not count
     * @return the explanation; its {@link Explanation#end()} equals {@code plus(start, businessDuration, excluded)}
     * @throws IllegalArgumentException if the duration is negative
     * @throws IllegalStateException    as {@link #plus(Instant, Duration, List)}
     */
    public Explanation explainPlus(Instant start, Duration businessDuration, List<Interval> excluded) {
        Instant end = plus(start, businessDuration, excluded);
        return explain(start, end, normalise(excluded));
    }

    private Explanation explain(Instant start, Instant end, List<Interval> ex) {
        List<Explanation.Step> steps = new ArrayList<>();
        Duration counted = Duration.ZERO;
        if (start.isBefore(end)) {
            LocalDate date = start.atZone(zone).toLocalDate().minusDays(1);
            LocalDate last = end.atZone(zone).toLocalDate().plusDays(1);
            Instant pos = start;
            for (; !date.isAfter(last) && pos.isBefore(end); date = date.plusDays(1)) {
                Instant dayTo = min(date.plusDays(1).atStartOfDay(zone).toInstant(), end);
                if (!pos.isBefore(dayTo)) {
                    continue;
                }
                Instant cur = pos;
                for (Span s : openSpans(date)) {
                    Instant from = max(s.from(), cur);
                    Instant to = min(s.to(), dayTo);
                    if (!from.isBefore(to)) {
                        continue;
                    }
                    if (cur.isBefore(from)) {
                        closedSteps(date, cur, from, steps);
                    }
                    counted = counted.plus(openSteps(from, to, ex, steps));
                    cur = to;
                }
                if (cur.isBefore(dayTo)) {
                    closedSteps(date, cur, dayTo, steps);
                }
                pos = dayTo;
            }
        }
        return new Explanation(start, end, zone, counted, steps);
    }

    private Duration openSteps(Instant from, Instant to, List<Interval> ex, List<Explanation.Step> steps) {
        Duration counted = Duration.ZERO;
        Instant a = from;
        for (Interval e : ex) {
            if (!a.isBefore(to)) {
                break;
            }
            if (!e.to().isAfter(a) || !e.from().isBefore(to)) {
                continue;
            }
            if (a.isBefore(e.from())) {
                addStep(steps, Explanation.StepKind.COUNTED, a, e.from(), "counted", true);
                counted = counted.plus(Duration.between(a, e.from()));
                a = e.from();
            }
            Instant b = min(e.to(), to);
            addStep(steps, Explanation.StepKind.PAUSE, a, b, e.reason(), true);
            a = b;
        }
        if (a.isBefore(to)) {
            addStep(steps, Explanation.StepKind.COUNTED, a, to, "counted", true);
            counted = counted.plus(Duration.between(a, to));
        }
        return counted;
    }

    private void closedSteps(LocalDate date, Instant from, Instant to, List<Explanation.Step> steps) {
        Optional<Holiday> holiday = holidays.holidayOn(date);
        Explanation.StepKind baseKind;
        String baseReason;
        if (windows.get(date.getDayOfWeek()).isEmpty()) {
            baseKind = Explanation.StepKind.WEEKEND;
            DayOfWeek d = date.getDayOfWeek();
            baseReason =
                    d == DayOfWeek.SATURDAY || d == DayOfWeek.SUNDAY ? "weekend" : "no business hours on " + dayName(d);
        } else {
            baseKind = Explanation.StepKind.OUTSIDE_HOURS;
            baseReason = "outside business hours";
        }
        if (holiday.isEmpty()) {
            addStep(steps, baseKind, from, to, baseReason, false);
            return;
        }
        Holiday h = holiday.get();
        if (h.closedFrom().isEmpty()) {
            addStep(steps, Explanation.StepKind.HOLIDAY, from, to, holidayReason(h), false);
            return;
        }
        List<Span> holidayPart = new ArrayList<>(2);
        addLocal(
                segments(date),
                date.atTime(h.closedFrom().get()),
                date.plusDays(1).atStartOfDay(),
                holidayPart);
        Instant cur = from;
        for (Span s : holidayPart) {
            Instant a = max(s.from(), cur);
            Instant b = min(s.to(), to);
            if (!a.isBefore(b)) {
                continue;
            }
            if (cur.isBefore(a)) {
                addStep(steps, baseKind, cur, a, baseReason, false);
            }
            addStep(steps, Explanation.StepKind.HOLIDAY, a, b, holidayReason(h), false);
            cur = b;
        }
        if (cur.isBefore(to)) {
            addStep(steps, baseKind, cur, to, baseReason, false);
        }
    }

    private static void addStep(
            List<Explanation.Step> steps,
            Explanation.StepKind kind,
            Instant from,
            Instant to,
            String reason,
            boolean business) {
        if (!steps.isEmpty()) {
            Explanation.Step last = steps.get(steps.size() - 1);
            if (last.kind() == kind && last.reason().equals(reason) && last.to().equals(from)) {
                Instant start = last.from();
                steps.set(
                        steps.size() - 1,
                        new Explanation.Step(
                                kind, start, to, reason, business ? Duration.between(start, to) : Duration.ZERO));
                return;
            }
        }
        steps.add(new Explanation.Step(kind, from, to, reason, business ? Duration.between(from, to) : Duration.ZERO));
    }

    // -------------------------------------------------------------------------------------------- day geometry

    /** Walks the open spans at or after an instant, in time order, each clipped so that none overlap. */
    private final class Cursor {
        private LocalDate date;
        private List<Span> day = List.of();
        private int index;
        private Instant pos;
        private int closedDays;

        Cursor(Instant from) {
            this.pos = from;
            this.date = from.atZone(zone).toLocalDate().minusDays(2);
        }

        /**
         * The next open span (clipped to start at or after the cursor), or null once spans start at or after
         * {@code limit}; with no limit, throws after too many closed days.
         */
        @Nullable
        Span next(@Nullable Instant limit) {
            LocalDate lastDate =
                    limit == null ? null : limit.atZone(zone).toLocalDate().plusDays(1);
            while (true) {
                while (index < day.size()) {
                    Span s = day.get(index++);
                    if (!s.to().isAfter(pos)) {
                        continue;
                    }
                    Instant from = max(s.from(), pos);
                    if (limit != null && !from.isBefore(limit)) {
                        return null;
                    }
                    pos = s.to();
                    closedDays = 0;
                    return new Span(from, s.to());
                }
                if (lastDate != null && !date.isBefore(lastDate)) {
                    return null;
                }
                date = date.plusDays(1);
                day = openSpans(date);
                index = 0;
                if (day.isEmpty() && ++closedDays > MAX_CLOSED_DAYS && limit == null) {
                    throw new IllegalStateException("no opening within " + MAX_CLOSED_DAYS + " days up to " + date
                            + " in calendar " + zone.getId() + "; check its opening hours and holidays");
                }
            }
        }

        /** Moves the cursor forward to an instant (a jump over a long excluded interval). */
        void skipTo(Instant instant) {
            if (!instant.isAfter(pos)) {
                return;
            }
            LocalDate target;
            try {
                target = instant.atZone(zone).toLocalDate().minusDays(2);
            } catch (DateTimeException e) {
                throw new IllegalStateException(
                        "excluded interval ends beyond the supported time range: " + instant, e);
            }
            pos = instant;
            if (target.isAfter(date)) {
                date = target;
                day = List.of();
                index = 0;
            }
            closedDays = 0;
        }
    }

    /** The open spans of a local date, sorted and merged. */
    List<Span> openSpans(LocalDate date) {
        List<Window> today = windows.get(date.getDayOfWeek());
        if (today.isEmpty()) {
            return List.of();
        }
        LocalDateTime cut = null;
        Optional<Holiday> holiday = holidays.holidayOn(date);
        if (holiday.isPresent()) {
            Optional<LocalTime> closedFrom = holiday.get().closedFrom();
            if (closedFrom.isEmpty()) {
                return List.of();
            }
            cut = date.atTime(closedFrom.get());
        }
        List<Segment> segments = segments(date);
        List<Span> spans = new ArrayList<>(today.size() + 1);
        for (Window w : today) {
            LocalDateTime from = date.atTime(w.from());
            LocalDateTime to = w.end(date);
            if (cut != null && cut.isBefore(to)) {
                to = cut;
            }
            if (from.isBefore(to)) {
                addLocal(segments, from, to, spans);
            }
        }
        if (spans.size() < 2) {
            return spans;
        }
        spans.sort(Comparator.comparing(Span::from));
        List<Span> merged = new ArrayList<>(spans.size());
        for (Span s : spans) {
            addMerged(merged, s.from(), s.to());
        }
        return merged;
    }

    /** Splits the instants around a local date into runs of constant offset. */
    private List<Segment> segments(LocalDate date) {
        Instant lo = date.atStartOfDay().toInstant(ZoneOffset.MAX);
        Instant hi = date.plusDays(1).atStartOfDay().toInstant(ZoneOffset.MIN);
        List<Segment> out = new ArrayList<>(2);
        Instant from = lo;
        while (true) {
            ZoneOffset offset = rules.getOffset(from);
            ZoneOffsetTransition t = rules.isFixedOffset() ? null : rules.nextTransition(from);
            if (t == null || !t.getInstant().isBefore(hi)) {
                out.add(new Segment(from, hi, offset));
                return out;
            }
            out.add(new Segment(from, t.getInstant(), offset));
            from = t.getInstant();
        }
    }

    /** Adds the instants whose local date-time lies in {@code [from, to)}, in time order. */
    private static void addLocal(List<Segment> segments, LocalDateTime from, LocalDateTime to, List<Span> out) {
        for (Segment g : segments) {
            Instant a = max(g.from(), from.toInstant(g.offset()));
            Instant b = min(g.to(), to.toInstant(g.offset()));
            if (a.isBefore(b)) {
                addMerged(out, a, b);
            }
        }
    }

    private static void addMerged(List<Span> out, Instant from, Instant to) {
        if (!out.isEmpty()) {
            Span last = out.get(out.size() - 1);
            if (!from.isAfter(last.to())) {
                out.set(out.size() - 1, new Span(last.from(), max(last.to(), to)));
                return;
            }
        }
        out.add(new Span(from, to));
    }

    /** Sorted, non-overlapping, non-empty copies of the excluded intervals. */
    private static List<Interval> normalise(List<Interval> excluded) {
        requireNonNull(excluded, "excluded");
        if (excluded.isEmpty()) {
            return List.of();
        }
        List<Interval> sorted = new ArrayList<>(excluded.size());
        for (Interval i : excluded) {
            if (requireNonNull(i, "excluded interval").from().isBefore(i.to())) {
                sorted.add(i);
            }
        }
        sorted.sort(Comparator.comparing(Interval::from));
        List<Interval> out = new ArrayList<>(sorted.size());
        for (Interval i : sorted) {
            if (!out.isEmpty()) {
                Interval last = out.get(out.size() - 1);
                boolean overlaps = i.from().isBefore(last.to());
                boolean touchesSameReason =
                        i.from().equals(last.to()) && i.reason().equals(last.reason());
                if (overlaps || touchesSameReason) {
                    String reason =
                            last.reason().equals(i.reason()) ? last.reason() : last.reason() + "; " + i.reason();
                    out.set(out.size() - 1, new Interval(last.from(), max(last.to(), i.to()), reason));
                    continue;
                }
            }
            out.add(i);
        }
        return out;
    }

    private void requireOpeningHours() {
        if (!hasWindows) {
            throw new IllegalStateException("calendar " + zone.getId() + " has no opening hours, so it never opens");
        }
    }

    private static boolean closedByHoliday(Holiday h, LocalTime time) {
        return h.closedFrom().isEmpty() || !time.isBefore(h.closedFrom().get());
    }

    private static String holidayReason(Holiday h) {
        return h.closedFrom()
                .map(t -> "public holiday: " + h.name() + " (closed from " + t + ")")
                .orElse("public holiday: " + h.name());
    }

    private static String dayName(DayOfWeek day) {
        return day.getDisplayName(TextStyle.FULL, Locale.ENGLISH);
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    @Override
    public String toString() {
        return "BusinessCalendar[" + zone.getId() + ", " + windows + "]";
    }

    /** Builds a {@link BusinessCalendar}; each setting is validated at once. Not thread-safe. */
    public static final class Builder {
        private final ZoneId zone;
        private final Map<DayOfWeek, List<Window>> windows = new EnumMap<>(DayOfWeek.class);
        private HolidaySource holidays = HolidaySource.none();

        private Builder(ZoneId zone) {
            this.zone = requireNonNull(zone, "zone");
        }

        /**
         * Adds an opening window on a weekday.
         *
         * @param day  the weekday
         * @param from opening time
         * @param to   closing time (exclusive), after {@code from}; {@link LocalTime#MAX} means midnight at the
         *             end of the day
         * @return this builder
         * @throws IllegalArgumentException if {@code to} is not after {@code from} or the window overlaps another
         */
        public Builder open(DayOfWeek day, LocalTime from, LocalTime to) {
            requireNonNull(day, "day");
            requireNonNull(from, "from");
            requireNonNull(to, "to");
            if (!to.isAfter(from)) {
                throw new IllegalArgumentException("closing time " + to + " must be after opening time " + from);
            }
            List<Window> list = windows.computeIfAbsent(day, d -> new ArrayList<>());
            for (Window w : list) {
                if (from.isBefore(w.to()) && w.from().isBefore(to)) {
                    throw new IllegalArgumentException(
                            "window " + from + "–" + to + " on " + day + " overlaps " + w.from() + "–" + w.to());
                }
            }
            list.add(new Window(from, to));
            return this;
        }

        /**
         * Adds the same opening window Monday to Friday.
         *
         * @param from opening time
         * @param to   closing time (exclusive)
         * @return this builder
         * @throws IllegalArgumentException as {@link #open(DayOfWeek, LocalTime, LocalTime)}
         */
        public Builder openWeekdays(LocalTime from, LocalTime to) {
            for (DayOfWeek d : DayOfWeek.values()) {
                if (d != DayOfWeek.SATURDAY && d != DayOfWeek.SUNDAY) {
                    open(d, from, to);
                }
            }
            return this;
        }

        /**
         * Sets where holidays come from (replacing any earlier source).
         *
         * @param source the source
         * @return this builder
         */
        public Builder holidays(HolidaySource source) {
            this.holidays = requireNonNull(source, "source");
            return this;
        }

        /**
         * Builds the calendar. A calendar without any opening window is allowed (it is never open); its
         * arithmetic methods that need an opening throw {@link IllegalStateException}.
         *
         * @return the immutable calendar
         */
        public BusinessCalendar build() {
            return new BusinessCalendar(this);
        }
    }
}
