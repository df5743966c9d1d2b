package dev.escalation.calendar;

import static dev.escalation.calendar.Span.max;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Walks the open spans of a calendar at or after an instant, in time order, each clipped so that none overlap. Steps
 * window by window, never minute by minute. Not thread-safe; one per computation.
 */
final class Cursor {
    private final CalendarDays days;
    /** The epoch day of the local date whose spans {@link #day} holds. */
    private long date;

    private List<Span> day = List.of();
    private int index;
    private Instant pos;
    private int closedDays;
    private @Nullable Instant lastLimit;
    private long lastLimitDate;

    Cursor(CalendarDays days, Instant from) {
        this.days = days;
        this.pos = from;
        this.date = CalendarDays.plusDays(days.epochDay(from), -2);
    }

    /**
     * The next open span (clipped to start at or after the cursor), or null once spans start at or after
     * {@code limit}; with no limit, throws after {@value BusinessCalendar#MAX_CLOSED_DAYS} closed days.
     */
    @Nullable
    Span next(@Nullable Instant limit) {
        if (limit != null && !limit.equals(lastLimit)) {
            lastLimitDate = CalendarDays.plusDays(days.epochDay(limit), 1);
            lastLimit = limit;
        }
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
                return from == s.from() ? s : new Span(from, s.to());
            }
            if (limit != null && date >= lastLimitDate) {
                return null;
            }
            date = CalendarDays.plusDays(date, 1);
            day = days.openSpans(date);
            index = 0;
            if (day.isEmpty() && ++closedDays > BusinessCalendar.MAX_CLOSED_DAYS && limit == null) {
                throw new NoOpeningException("no opening within " + BusinessCalendar.MAX_CLOSED_DAYS + " days up to "
                        + LocalDate.ofEpochDay(date) + " in calendar "
                        + days.zone().getId() + "; check its opening hours and holidays");
            }
        }
    }

    /** Moves the cursor forward to an instant (a jump over a long excluded interval). */
    void skipTo(Instant instant) {
        if (!instant.isAfter(pos)) {
            return;
        }
        long target;
        try {
            target = CalendarDays.plusDays(days.epochDay(instant), -2);
        } catch (DateTimeException e) {
            throw new IllegalStateException("excluded interval ends beyond the supported time range: " + instant, e);
        }
        pos = instant;
        if (target > date) {
            date = target;
            day = List.of();
            index = 0;
        }
        closedDays = 0;
    }
}
