package dev.escalation.calendar;

import static dev.escalation.calendar.Span.max;
import static dev.escalation.calendar.Span.min;
import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The business-duration arithmetic of a {@link BusinessCalendar}, on its {@link CalendarDays}: the methods of the same
 * name there document the contract and the boundary rules.
 */
final class BusinessTime {

    private final CalendarDays days;

    BusinessTime(CalendarDays days) {
        this.days = days;
    }

    Instant plus(Instant start, Duration businessDuration, List<Interval> excluded) {
        requireNonNull(start, "start");
        requireNonNull(businessDuration, "businessDuration");
        checkDuration(businessDuration);
        List<Interval> ex = normalise(excluded);
        if (businessDuration.isZero()) {
            return start;
        }
        requireOpeningHours();
        return walk(start, ex, businessDuration, null, null);
    }

    /**
     * {@code plus(start, first, excluded)} and {@code plus(start, second, excluded)} from one walk, for {@code 0 <
     * first < second} (else the two calls): the walk stops at the first instant and goes on from there with the rest,
     * as {@code plus} is additive ({@code plus(plus(t, a), b) == plus(t, a + b)}).
     *
     * @return the two instants, in this order
     */
    Instant[] plus(Instant start, Duration first, Duration second, List<Interval> excluded) {
        requireNonNull(start, "start");
        requireNonNull(first, "first");
        requireNonNull(second, "second");
        if (first.isNegative() || first.isZero() || first.compareTo(second) >= 0 || second.compareTo(MAX) > 0) {
            Instant b = plus(start, second, excluded); // thrown first, as a caller asking second first sees it
            return new Instant[] {plus(start, first, excluded), b};
        }
        List<Interval> ex = normalise(excluded);
        requireOpeningHours();
        Instant[] both = new Instant[2];
        both[1] = walk(start, ex, first, second.minus(first), both);
        return both;
    }

    /**
     * Walks the calendar from {@code start} until {@code duration} of business time (not zero) has passed outside
     * {@code ex} (normalised), and returns that instant; with {@code then} (not zero), writes that instant to {@code
     * reached[0]} and goes on from it for {@code then} more, returning where that ends.
     */
    private Instant walk(
            Instant start,
            List<Interval> ex,
            Duration duration,
            @Nullable Duration then,
            Instant @Nullable [] reached) {
        Cursor cursor = new Cursor(days, start);
        // the remaining business time as seconds and nanos (0..999,999,999), without a Duration per piece
        long remSeconds = duration.getSeconds();
        long remNanos = duration.getNano();
        @Nullable Duration rest = then;
        // a calendar open a microsecond a week would take ages to count even an hour: not walked past this
        Instant limit = start.isAfter(Instant.MAX.minus(MAX_SPAN)) ? Instant.MAX : start.plus(MAX_SPAN);
        int k = 0;
        while (true) {
            Span span = cursor.next(null);
            Instant a = span.from();
            if (a.isAfter(limit)) {
                throw new IllegalArgumentException("business time from " + start + " not reached within 36,600 days"
                        + " of business time at one open hour a week (about 16,800 years): the calendar is open"
                        + " too little");
            }
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
                long lenSeconds = b.getEpochSecond() - a.getEpochSecond();
                long lenNanos = (long) b.getNano() - a.getNano();
                if (lenNanos < 0) {
                    lenSeconds--;
                    lenNanos += 1_000_000_000L;
                }
                if (lenSeconds > remSeconds || (lenSeconds == remSeconds && lenNanos >= remNanos)) {
                    Instant at = a.plusSeconds(remSeconds).plusNanos(remNanos);
                    if (rest == null) {
                        return at;
                    }
                    requireNonNull(reached, "reached")[0] = at; // go on from here with the rest
                    remSeconds = rest.getSeconds();
                    remNanos = rest.getNano();
                    rest = null;
                    a = at;
                    continue;
                }
                remSeconds -= lenSeconds;
                remNanos -= lenNanos;
                if (remNanos < 0) {
                    remSeconds--;
                    remNanos += 1_000_000_000L;
                }
                a = b;
            }
        }
    }

    Duration between(Instant a, Instant b, List<Interval> excluded) {
        requireNonNull(a, "a");
        requireNonNull(b, "b");
        List<Interval> ex = normalise(excluded);
        int cmp = a.compareTo(b);
        if (cmp == 0 || !days.hasWindows()) {
            return Duration.ZERO;
        }
        if (cmp > 0) {
            return between(b, a, excluded).negated();
        }
        if (Duration.between(a, b).compareTo(MAX_SPAN) > 0) { // walked day by day, closed ones too: refused at once
            throw new IllegalArgumentException("business time between " + a + " and " + b
                    + ": further apart than 36,600 days of business time at one hour a week (about 16,800 years)");
        }
        Cursor cursor = new Cursor(days, a);
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
            if (seconds > MAX.getSeconds()) { // refused as plus refuses it, instead of walking millennia
                throw new IllegalArgumentException(
                        "business time between " + a + " and " + b + " exceeds 36,600 days (about 100 years)");
            }
        }
        return Duration.ofSeconds(seconds, nanos);
    }

    Instant nextOpening(Instant instant) {
        requireNonNull(instant, "instant");
        requireOpeningHours();
        return new Cursor(days, instant).next(null).from();
    }

    Optional<Instant> nextClosing(Instant instant) {
        requireNonNull(instant, "instant");
        if (!days.hasWindows()) {
            return Optional.of(instant);
        }
        Cursor cursor = new Cursor(days, instant);
        Span span = cursor.next(instant.plusNanos(1));
        if (span == null || span.from().isAfter(instant)) {
            return Optional.of(instant);
        }
        Instant end = span.to();
        Instant horizon = instant.plus(Duration.ofDays(BusinessCalendar.MAX_CLOSED_DAYS));
        while (end.isBefore(horizon)) {
            Span next = cursor.next(end.plusNanos(1));
            if (next == null || next.from().isAfter(end)) {
                return Optional.of(end);
            }
            end = next.to();
        }
        return Optional.empty();
    }

    /** Sorted, non-overlapping, non-empty copies of the excluded intervals. */
    static List<Interval> normalise(List<Interval> excluded) {
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

    /**
     * The longest business duration added (about 100 years): a walk steps window by window, so a longer one (up to
     * {@code Duration.ofSeconds(Long.MAX_VALUE)}) would run for hours or years before reaching the end of time.
     */
    static final Duration MAX = Duration.ofDays(36_600);

    /** The widest span {@code between} and {@code plus} walk: {@link #MAX} of business time at one open hour a week. */
    private static final Duration MAX_SPAN = MAX.multipliedBy(7 * 24);

    private static void checkDuration(Duration businessDuration) {
        if (businessDuration.isNegative()) {
            throw new IllegalArgumentException("business duration must not be negative: " + businessDuration);
        }
        if (businessDuration.compareTo(MAX) > 0) {
            throw new IllegalArgumentException(
                    "business duration longer than 36,600 days (about 100 years): " + businessDuration);
        }
    }

    private void requireOpeningHours() {
        if (!days.hasWindows()) {
            throw new NoOpeningException(
                    "calendar " + days.zone().getId() + " has no opening hours, so it never opens");
        }
    }
}
