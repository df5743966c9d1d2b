package dev.escalation.calendar;

import static dev.escalation.calendar.Span.max;
import static dev.escalation.calendar.Span.min;

import dev.escalation.spi.UnavailableException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
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
import org.jspecify.annotations.Nullable;

/**
 * The day geometry of a {@link BusinessCalendar}: its zone, weekly windows and holidays, and what they make of an
 * instant (open or why closed) and of a local date (its open spans as instants, across daylight-saving switches).
 * Immutable apart from exact memos (the zone offset around the last instants converted, ordinary days' spans).
 */
final class CalendarDays {

    private final ZoneId zone;
    private final ZoneRules rules;
    private final Map<DayOfWeek, List<Window>> windows;
    private final HolidaySource holidays;
    /** {@link #holidays} asked through {@link #holidayOn} (the very {@link HolidaySource#none()} for none). */
    private final HolidaySource guarded;

    private final boolean hasWindows;
    private final @Nullable DayCache ordinaryDays;
    private final OffsetBounds bounds;

    /** Instants of constant zone offset. */
    private record Segment(Instant from, Instant to, ZoneOffset offset) {}

    /** The epoch seconds {@code [from, to)} between two transitions of the zone, all at one offset. */
    private record OffsetRun(long from, long to, ZoneOffset offset) {}

    /**
     * The runs of the last two instants converted that needed a look-up (a memo of the pure function {@code
     * rules.getOffset}; a race only recomputes; two, so that a computation going back and forth across one switch
     * finds both sides): an instant in one needs no look-up in the zone rules, which beyond their last stored
     * transition box the year and search the year's transitions on every call.
     */
    private volatile @Nullable OffsetRun run;

    private volatile @Nullable OffsetRun previousRun;

    /** Instants this far from the epoch (about 35 million years) and beyond are converted without the memo. */
    private static final long MEMO_SECONDS = 1L << 50;

    CalendarDays(ZoneId zone, Map<DayOfWeek, List<Window>> windows, HolidaySource holidays, boolean cached) {
        this.zone = zone;
        this.ordinaryDays = cached ? new DayCache(this::computeSpans) : null;
        this.rules = zone.getRules();
        this.bounds = OffsetBounds.of(rules);
        EnumMap<DayOfWeek, List<Window>> copy = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : DayOfWeek.values()) {
            List<Window> sorted = new ArrayList<>(windows.getOrDefault(day, List.of()));
            sorted.sort(Comparator.comparing(Window::from));
            copy.put(day, List.copyOf(sorted));
        }
        this.windows = copy;
        this.holidays = holidays;
        this.guarded = holidays == HolidaySource.none() ? holidays : this::holidayOn;
        this.hasWindows = copy.values().stream().anyMatch(l -> !l.isEmpty());
    }

    ZoneId zone() {
        return zone;
    }

    HolidaySource holidays() {
        return guarded;
    }

    boolean hasWindows() {
        return hasWindows;
    }

    /** How many local dates before an instant's own one can hold instants after it ({@link OffsetBounds}). */
    int lookBackDays() {
        return bounds.lookBackDays();
    }

    /**
     * The epoch second at or after which every instant of local date {@code epochDay} and of the dates after it lies:
     * its midnight at the zone's greatest offset.
     */
    long earliestSecond(long epochDay) {
        return epochDay * 86_400L - bounds.max();
    }

    /** The summed length of every weekly window in local wall-clock time (a window to 24:00 ends at midnight). */
    java.time.Duration weeklyOpenTime() {
        java.time.Duration week = java.time.Duration.ZERO;
        for (List<Window> day : windows.values()) {
            for (Window w : day) {
                week = week.plus(java.time.Duration.between(w.from(), w.to()));
                if (w.to().equals(LocalTime.MAX)) {
                    week = week.plusNanos(1); // LocalTime.MAX is one nanosecond before midnight
                }
            }
        }
        return week;
    }

    /** The sorted windows of a weekday; empty if it never opens. */
    List<Window> windows(DayOfWeek day) {
        return windows.get(day);
    }

    /**
     * The local date-time of an instant in this calendar's zone, exactly {@code instant.atZone(zone())
     * .toLocalDateTime()}.
     *
     * @throws java.time.DateTimeException if it lies outside the supported range
     */
    LocalDateTime local(Instant instant) {
        return LocalDateTime.ofEpochSecond(instant.getEpochSecond(), instant.getNano(), offset(instant));
    }

    /** The local date of an instant in this calendar's zone, exactly {@code instant.atZone(zone()).toLocalDate()}. */
    private static final long MIN_DAY = LocalDate.MIN.toEpochDay();

    private static final long MAX_DAY = LocalDate.MAX.toEpochDay();

    /** {@code localDate(instant).toEpochDay()}, throwing as that would (beyond {@link LocalDate}'s range). */
    long epochDay(Instant instant) {
        long day = Math.floorDiv(instant.getEpochSecond() + offset(instant).getTotalSeconds(), 86_400L);
        return day >= MIN_DAY && day <= MAX_DAY ? day : localDate(instant).toEpochDay();
    }

    /** {@code LocalDate.ofEpochDay(day).plusDays(n).toEpochDay()}, throwing as that would. */
    static long plusDays(long day, long n) {
        long next = day + n;
        return next >= MIN_DAY && next <= MAX_DAY
                ? next
                : LocalDate.ofEpochDay(day).plusDays(n).toEpochDay();
    }

    LocalDate localDate(Instant instant) {
        return LocalDate.ofEpochDay(
                Math.floorDiv(instant.getEpochSecond() + offset(instant).getTotalSeconds(), 86_400L));
    }

    private ZoneOffset offset(Instant instant) {
        long second = instant.getEpochSecond();
        OffsetRun r = run;
        if (r != null && second >= r.from() && second < r.to()) {
            return r.offset();
        }
        OffsetRun p = previousRun;
        if (p != null && second >= p.from() && second < p.to()) {
            return p.offset();
        }
        ZoneOffset offset = rules.getOffset(instant);
        if (rules.isFixedOffset() || Math.abs(second) > MEMO_SECONDS) {
            return offset;
        }
        // transitions fall on whole seconds: the latest at or before the instant, the first after it
        ZoneOffsetTransition before = rules.previousTransition(Instant.ofEpochSecond(second + 1));
        ZoneOffsetTransition after = rules.nextTransition(Instant.ofEpochSecond(second));
        previousRun = r;
        run = new OffsetRun(
                before == null ? Long.MIN_VALUE : before.toEpochSecond(),
                after == null ? Long.MAX_VALUE : after.toEpochSecond(),
                offset);
        return offset;
    }

    boolean isOpen(Instant instant) {
        LocalDateTime local = local(instant);
        List<Window> today = windows.get(local.getDayOfWeek());
        if (today.isEmpty()) {
            return false;
        }
        LocalTime time = local.toLocalTime();
        Optional<Holiday> holiday = holidayOn(local.toLocalDate());
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
     * The host's holiday source asked for {@code date}. A source that fails (throws) or answers {@code null} leaves the
     * calendar unable to answer: {@link UnavailableException}, which the engine reports as its retryable
     * {@code UNAVAILABLE} with nothing applied (the holiday source is a backend of the calendar, like a directory's).
     */
    private Optional<Holiday> holidayOn(LocalDate date) {
        Optional<Holiday> holiday;
        try {
            holiday = holidays.holidayOn(date);
        } catch (UnavailableException | NoHolidayDataException e) {
            throw e; // a source without data for the date is no outage: passed on as it is
        } catch (RuntimeException e) {
            throw new UnavailableException("the calendar's holiday source failed", e);
        }
        if (holiday == null) {
            throw new UnavailableException("the calendar's holiday source answered null", null);
        }
        return holiday;
    }

    /** See {@link BusinessCalendar#closedReason(Instant)}. */
    Optional<String> closedReason(Instant instant) {
        LocalDateTime local = local(instant);
        LocalTime time = local.toLocalTime();
        Optional<Holiday> holiday = holidayOn(local.toLocalDate());
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

    Optional<Holiday> closingHoliday(Instant instant) {
        LocalDateTime local = local(instant);
        return holidayOn(local.toLocalDate()).filter(h -> closedByHoliday(h, local.toLocalTime()));
    }

    /**
     * The open spans of a local date, sorted and merged; unmodifiable. Asks the holiday source every time; the spans of
     * an ordinary day (a pure function of the date, the zone rules and the windows) come from a small cache.
     */
    List<Span> openSpans(LocalDate date) {
        return openSpans(date.toEpochDay(), date);
    }

    /**
     * {@link #openSpans(LocalDate)} of an epoch day within {@link LocalDate}'s range ({@link #epochDay}, {@link
     * #plusDays}): without holidays an ordinary day's spans come from the cache without a date object.
     */
    List<Span> openSpans(long epochDay) {
        return openSpans(epochDay, null);
    }

    private List<Span> openSpans(long epochDay, @Nullable LocalDate known) {
        if (known == null && ordinaryDays != null && holidays == HolidaySource.none()) {
            if (windows.get(DayOfWeek.of((int) Math.floorMod(epochDay + 3, 7L) + 1))
                    .isEmpty()) {
                return List.of(); // 1970-01-01, epoch day 0, was a Thursday
            }
            return ordinaryDays.spans(epochDay);
        }
        LocalDate date = known != null ? known : LocalDate.ofEpochDay(epochDay);
        List<Window> today = windows.get(date.getDayOfWeek());
        if (today.isEmpty()) {
            return List.of();
        }
        Optional<Holiday> holiday = holidayOn(date);
        if (holiday.isEmpty()) {
            return ordinaryDays != null ? ordinaryDays.spans(date) : computeSpans(date);
        }
        Optional<LocalTime> closedFrom = holiday.get().closedFrom();
        if (closedFrom.isEmpty()) {
            return List.of();
        }
        return spans(date, today, date.atTime(closedFrom.get()));
    }

    /** The open spans of an ordinary day (no holiday), uncached. */
    List<Span> computeSpans(LocalDate date) {
        return spans(date, windows.get(date.getDayOfWeek()), null);
    }

    private List<Span> spans(LocalDate date, List<Window> today, @Nullable LocalDateTime cut) {
        if (today.isEmpty()) {
            return List.of();
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
            return List.copyOf(spans);
        }
        spans.sort(Comparator.comparing(Span::from));
        List<Span> merged = new ArrayList<>(spans.size());
        for (Span s : spans) {
            Span.addMerged(merged, s.from(), s.to());
        }
        return List.copyOf(merged);
    }

    /** The instants of a local date from {@code from} (local time) to the end of the day, in time order. */
    List<Span> restOfDay(LocalDate date, LocalTime from) {
        List<Span> out = new ArrayList<>(2);
        addLocal(segments(date), date.atTime(from), date.plusDays(1).atStartOfDay(), out);
        return out;
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

    /**
     * Adds the instants whose local date-time lies in {@code [from, to)}, in time order, merged into the last span
     * only where that one starts before them: after a switch back across midnight, a later window's instants may
     * precede an earlier one's (the caller sorts).
     */
    private static void addLocal(List<Segment> segments, LocalDateTime from, LocalDateTime to, List<Span> out) {
        for (Segment g : segments) {
            Instant a = max(g.from(), from.toInstant(g.offset()));
            Instant b = min(g.to(), to.toInstant(g.offset()));
            if (a.isBefore(b)) {
                if (out.isEmpty() || !a.isBefore(out.get(out.size() - 1).from())) {
                    Span.addMerged(out, a, b);
                } else {
                    out.add(new Span(a, b));
                }
            }
        }
    }

    static boolean closedByHoliday(Holiday h, LocalTime time) {
        return h.closedFrom().isEmpty() || !time.isBefore(h.closedFrom().get());
    }

    static String holidayReason(Holiday h) {
        return h.closedFrom()
                .map(t -> "public holiday: " + h.name() + " (closed from " + t + ")")
                .orElse("public holiday: " + h.name());
    }

    static String dayName(DayOfWeek day) {
        return day.getDisplayName(TextStyle.FULL, Locale.ENGLISH);
    }

    @Override
    public String toString() {
        return zone.getId() + ", " + windows;
    }
}
