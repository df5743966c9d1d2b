package dev.escalation.calendar;

import java.time.Instant;
import java.util.List;

/** A half-open span of instants {@code [from, to)}, with the instant helpers the calendar's arithmetic shares. */
record Span(Instant from, Instant to) {

    /** Appends {@code [from, to)} to spans sorted by start, merging it into the last one where they touch. */
    static void addMerged(List<Span> out, Instant from, Instant to) {
        if (!out.isEmpty()) {
            Span last = out.get(out.size() - 1);
            if (!from.isAfter(last.to())) {
                out.set(out.size() - 1, new Span(last.from(), max(last.to(), to)));
                return;
            }
        }
        out.add(new Span(from, to));
    }

    static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
