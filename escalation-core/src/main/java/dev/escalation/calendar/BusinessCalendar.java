package dev.escalation.calendar;

import static java.util.Objects.requireNonNull;

import dev.escalation.internal.CalendarAccess;
import dev.escalation.model.CalendarSpec;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 * <p>Calculations step window by window, never minute by minute, and add or measure at most 36,600 days of business
 * time; longer durations, and instants whose local date lies beyond the years ±999,999,999, are refused with {@link
 * IllegalArgumentException}. A search for an opening gives up after {@value #MAX_CLOSED_DAYS} closed days in a row and
 * throws {@link NoOpeningException} (an {@link IllegalStateException}), at once for a calendar without windows.
 *
 * <p>Immutable and thread-safe, provided its {@link HolidaySource} is. A method that asks a source which throws or
 * answers {@code null} throws {@link dev.escalation.spi.UnavailableException} (the source's failure its cause), but
 * passes a source's {@link NoHolidayDataException} (no data for the date) on unchanged. */
public final class BusinessCalendar {

    /** How many consecutive closed days a search for an opening crosses before giving up (about five years). */
    public static final int MAX_CLOSED_DAYS = 5 * 366;

    static {
        CalendarAccess.register((c, start, first, second, excluded) -> c.time.plus(start, first, second, excluded));
    }

    private final CalendarDays days;
    private final BusinessTime time;
    private final Explainer explainer;

    private BusinessCalendar(Builder b) {
        this.days = new CalendarDays(b.zone, b.windows, b.holidays, b.cached);
        this.time = new BusinessTime(days);
        this.explainer = new Explainer(days);
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
        java.util.EnumSet.allOf(DayOfWeek.class).forEach(d -> b.open(d, LocalTime.MIN, LocalTime.MAX));
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
            CalendarSpec spec, java.util.function.Function<String, ? extends @Nullable HolidaySource> regionResolver) {
        requireNonNull(spec, "spec");
        requireNonNull(regionResolver, "regionResolver");
        Builder b = builder(CalendarSpecs.zone(spec));
        spec.hours().forEach(h -> b.open(h.day(), h.from(), h.to()));
        CalendarSpecs.holidays(spec, regionResolver).ifPresent(b::holidays);
        return b.build();
    }

    /**
     * The calendar's time zone.
     *
     * @return the zone
     */
    public ZoneId zone() {
        return days.zone();
    }

    /**
     * The holidays this calendar closes on: its source as the calendar asks it (a source that throws or answers
     * {@code null} answers {@link dev.escalation.spi.UnavailableException} here too); {@link HolidaySource#none()}
     * itself for a calendar without holidays.
     *
     * @return the holiday source
     */
    public HolidaySource holidays() {
        return days.holidays();
    }

    /**
     * Whether the calendar has at least one weekly opening window; a calendar without any is never open, and the
     * arithmetic methods that need an opening throw {@link NoOpeningException} for it.
     *
     * @return {@code true} if some weekday has a window
     */
    public boolean hasOpeningHours() {
        return days.hasWindows();
    }

    /**
     * The open time of a regular week: the summed length of the weekly windows in local wall-clock time (holidays and
     * daylight-saving switches aside); zero without windows. The engine bounds SLA targets by it.
     *
     * @return the open time of a week, such as 40 hours for Monday to Friday 09:00–17:00
     */
    public Duration weeklyOpenTime() {
        return days.weeklyOpenTime();
    }

    /**
     * Whether the calendar is open at an instant.
     *
     * @param instant the instant
     * @return {@code true} if inside an opening window on a day that is not (at that time) a holiday
     */
    public boolean isOpen(Instant instant) {
        return TimeLine.guard(() -> days.isOpen(instant));
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
        return TimeLine.guard(() -> days.closedReason(instant));
    }

    /**
     * Whether a weekday has at least one opening window (holidays aside): a day without windows, such as Saturday in
     * a Monday-to-Friday calendar, is closed all day.
     *
     * @param day the weekday
     * @return {@code true} if the calendar opens on that weekday when it is not a holiday
     */
    public boolean opensOn(DayOfWeek day) {
        return !days.windows(requireNonNull(day, "day")).isEmpty();
    }

    /**
     * The holiday that closes the calendar at an instant: a whole-day holiday on that local date, or a partial-day
     * holiday whose closing time has passed.
     *
     * @param instant the instant
     * @return the holiday, or empty if no holiday closes the calendar then (it may still be closed for other reasons)
     */
    public Optional<Holiday> closingHoliday(Instant instant) {
        return TimeLine.guard(() -> days.closingHoliday(instant));
    }

    /**
     * Adds business time to an instant: the earliest instant at which {@code businessDuration} of open time has
     * elapsed since {@code start}. See the class documentation for the boundary rules.
     *
     * @param start            where counting starts; may be closed (counting then starts at the next opening)
     * @param businessDuration how much open time to count; not negative
     * @return the result; {@code start} itself for a zero duration
     * @throws IllegalArgumentException if the duration is negative, over 36,600 days, or not reached in 16,800 years
     * @throws NoOpeningException      if the calendar has no opening hours, or finds no opening within
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
     * @throws IllegalArgumentException if the duration is negative, over 36,600 days, or not reached in 16,800 years
     * @throws NoOpeningException      if the calendar has no opening hours, or finds no opening within
     *                                  {@value #MAX_CLOSED_DAYS} consecutive days
     */
    public Instant plus(Instant start, Duration businessDuration, List<Interval> excluded) {
        return TimeLine.guard(() -> time.plus(start, businessDuration, excluded));
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
     * @throws IllegalArgumentException if that is more than 36,600 days, the instants are further apart than that at
     *     one open hour a week (about 16,800 years), or an instant is beyond the time range
     */
    public Duration between(Instant a, Instant b, List<Interval> excluded) {
        return TimeLine.guard(() -> time.between(a, b, excluded));
    }

    /**
     * The next instant at which the calendar is open: {@code instant} itself if open now, else the start of the
     * next open period.
     *
     * @param instant where to look from
     * @return the first open instant at or after {@code instant}
     * @throws NoOpeningException if the calendar has no opening hours, or finds no opening within
     *                             {@value #MAX_CLOSED_DAYS} consecutive days
     */
    public Instant nextOpening(Instant instant) {
        return TimeLine.guard(() -> time.nextOpening(instant));
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
        return TimeLine.guard(() -> time.nextClosing(instant));
    }

    /**
     * Explains {@link #plus(Instant, Duration)}: the counted spans and skipped closed periods from {@code start}
     * to the result.
     *
     * @param start            where counting starts
     * @param businessDuration how much open time to count; not negative
     * @return the explanation; its {@link Explanation#end()} equals {@code plus(start, businessDuration)}
     * @throws IllegalArgumentException if the duration is negative, over 36,600 days, or not reached in 16,800 years
     * @throws NoOpeningException      as {@link #plus(Instant, Duration)}
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
     * @throws IllegalArgumentException if the duration is negative, over 36,600 days, or not reached in 16,800 years
     * @throws NoOpeningException      as {@link #plus(Instant, Duration, List)}
     */
    public Explanation explainPlus(Instant start, Duration businessDuration, List<Interval> excluded) {
        Instant end = plus(start, businessDuration, excluded);
        return TimeLine.guard(() -> explainer.explain(start, end, BusinessTime.normalise(excluded)));
    }

    @Override
    public String toString() {
        return "BusinessCalendar[" + days + "]";
    }

    /** Builds a {@link BusinessCalendar}; each setting is validated at once. Not thread-safe. */
    public static final class Builder {
        private final ZoneId zone;
        private final Map<DayOfWeek, List<Window>> windows = new java.util.EnumMap<>(DayOfWeek.class);
        private HolidaySource holidays = HolidaySource.none();
        private boolean cached = true;

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
            Window.addTo(windows.computeIfAbsent(day, d -> new ArrayList<>()), day, from, to);
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
            java.util.EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY).forEach(d -> open(d, from, to));
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
         * arithmetic methods that need an opening throw {@link NoOpeningException}.
         *
         * @return the immutable calendar
         */
        public BusinessCalendar build() {
            return new BusinessCalendar(this);
        }

        /** Without the cache of ordinary days' spans: the slow path the tests compare the cached one with. */
        Builder uncached() {
            this.cached = false;
            return this;
        }
    }
}
