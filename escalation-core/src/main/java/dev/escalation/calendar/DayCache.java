package dev.escalation.calendar;

import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A bounded, thread-safe memo of the open spans of ordinary days (no holiday) of one calendar, keyed by the local date:
 * a direct-mapped table of {@value #SIZE} slots, each holding one immutable (date, spans) pair, so a lookup is one
 * read and a compare, and a collision only recomputes. Exact: the spans are a pure function of the date for a given
 * {@link CalendarDays} (zone rules and windows never change).
 */
final class DayCache {
    static final int SIZE = 512;

    private record Day(long epochDay, List<Span> spans) {}

    private final AtomicReferenceArray<Day> slots = new AtomicReferenceArray<>(SIZE);
    private final Function<LocalDate, List<Span>> compute;

    /** A cache of the spans {@code compute} gives (an unmodifiable list, a pure function of the date). */
    DayCache(Function<LocalDate, List<Span>> compute) {
        this.compute = compute;
    }

    /** The spans of a date: cached, or computed. */
    List<Span> spans(LocalDate date) {
        return spans(date.toEpochDay(), date);
    }

    /** The spans of an epoch day (a valid {@link LocalDate}'s): cached, or computed (no date made on a hit). */
    List<Span> spans(long epochDay) {
        return spans(epochDay, null);
    }

    private List<Span> spans(long epochDay, @Nullable LocalDate known) {
        int slot = (int) (epochDay & (SIZE - 1));
        Day d = slots.get(slot);
        if (d != null && d.epochDay() == epochDay) {
            return d.spans();
        }
        List<Span> spans = compute.apply(known != null ? known : LocalDate.ofEpochDay(epochDay));
        slots.set(slot, new Day(epochDay, spans));
        return spans;
    }
}
