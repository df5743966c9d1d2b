package dev.escalation.calendar;

import static dev.escalation.calendar.Span.max;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Walks the open spans of a calendar at or after an instant, in time order, each clipped so that none overlap. Steps
 * window by window, never minute by minute. Not thread-safe; one per computation.
 *
 * <p>Local dates are loaded one after another, but their instants need not follow each other: where a zone switches
 * back across midnight, instants of a date come after the first instants of the next (St John's, 00:01 back to 23:01
 * until 2011). So the spans of the loaded dates are merged in {@link #pending}, and a span is handed out only up to
 * the {@linkplain CalendarDays#earliestSecond horizon} before which no date not yet loaded has an instant.
 */
final class Cursor {
    private final CalendarDays days;
    /** The epoch day of the last local date whose spans were merged into {@link #pending}. */
    private long loaded;
    /** The open spans of the loaded dates, sorted and merged; those before {@link #head} are handed out (dropped on the next load). */
    private final List<Span> pending = new ArrayList<>(4);

    private int head;
    private Instant pos;
    private int closedDays;
    /** The local date the walk started on (or skipped to): closed dates before it (the look-back) do not count. */
    private long countsFrom;

    Cursor(CalendarDays days, Instant from) {
        this.days = days;
        this.pos = from;
        this.countsFrom = days.epochDay(from);
        this.loaded = CalendarDays.plusDays(countsFrom, -1 - days.lookBackDays());
    }

    /**
     * The next open span (clipped to start at or after the cursor), or null once spans start at or after
     * {@code limit}; with no limit, throws after {@value BusinessCalendar#MAX_CLOSED_DAYS} closed days.
     */
    @Nullable
    Span next(@Nullable Instant limit) {
        while (true) {
            while (head < pending.size() && !pending.get(head).to().isAfter(pos)) {
                head++;
            }
            long horizon = days.earliestSecond(loaded + 1); // no date not yet loaded has an instant before it
            if (head < pending.size()) {
                Span s = pending.get(head);
                Instant from = max(s.from(), pos);
                if (from.getEpochSecond() < horizon) {
                    if (limit != null && !from.isBefore(limit)) {
                        return null;
                    }
                    boolean whole = atOrBefore(s.to(), horizon);
                    Instant to = whole ? s.to() : Instant.ofEpochSecond(horizon);
                    if (whole) {
                        head++;
                    }
                    pos = to;
                    closedDays = 0;
                    return from == s.from() && whole ? s : new Span(from, to);
                }
            }
            if (limit != null && atOrBefore(limit, horizon)) {
                return null;
            }
            load(limit == null);
        }
    }

    /** Whether {@code t} is at or before the start of epoch second {@code second}. */
    private static boolean atOrBefore(Instant t, long second) {
        return t.getEpochSecond() < second || (t.getEpochSecond() == second && t.getNano() == 0);
    }

    /** Merges the spans of the next local date into {@link #pending}; unbounded, throws after too many closed days. */
    private void load(boolean unbounded) {
        loaded = CalendarDays.plusDays(loaded, 1);
        List<Span> day = days.openSpans(loaded);
        if (day.isEmpty()) {
            if (loaded >= countsFrom && ++closedDays > BusinessCalendar.MAX_CLOSED_DAYS && unbounded) {
                throw new NoOpeningException("no opening within " + BusinessCalendar.MAX_CLOSED_DAYS + " days up to "
                        + LocalDate.ofEpochDay(loaded) + " in calendar "
                        + days.zone().getId() + "; check its opening hours and holidays");
            }
            return;
        }
        if (head > 0) { // what is handed out goes, so that a merge below never reaches it
            pending.subList(0, head).clear();
            head = 0;
        }
        for (Span s : day) {
            if (pending.isEmpty()
                    || !s.from().isBefore(pending.get(pending.size() - 1).from())) {
                Span.addMerged(pending, s.from(), s.to());
            } else {
                insertOutOfOrder(s);
            }
        }
    }

    /** The rare case: a span of a later date starting before one of an earlier date (a switch back across midnight). */
    private void insertOutOfOrder(Span s) {
        List<Span> rest = new ArrayList<>(pending);
        rest.add(s);
        rest.sort((a, b) -> a.from().compareTo(b.from()));
        pending.clear();
        for (Span r : rest) {
            Span.addMerged(pending, r.from(), r.to());
        }
    }

    /** Moves the cursor forward to an instant (a jump over a long excluded interval). */
    void skipTo(Instant instant) {
        if (!instant.isAfter(pos)) {
            return;
        }
        long day;
        long target;
        try {
            day = days.epochDay(instant);
            target = CalendarDays.plusDays(day, -1 - days.lookBackDays());
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("excluded interval ends beyond the supported time range: " + instant, e);
        }
        pos = instant;
        countsFrom = day;
        if (target > loaded) { // the dates up to the target end before the instant
            loaded = target;
            pending.clear();
            head = 0;
        }
        closedDays = 0;
    }
}
