package dev.escalation;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.List;

/**
 * The occurrences {@code first.plusDays(step * n)} of a whole-day series for {@link PlanSeries}, without resolving each
 * local date-time against the zone rules: the zone's transitions around the series are looked up once, and a local
 * date-time outside every transition's gap or overlap has exactly one valid offset, the one between the transitions
 * around it, which is what {@link ZonedDateTime#plusDays} would resolve it to. Inside a gap or overlap it asks
 * {@link ZonedDateTime#plusDays} itself. Not thread-safe; one per series.
 */
final class SeriesDays {
    /** Transitions this far before the first meeting bound the offset it starts in (offsets are within ±18 h). */
    private static final Duration MARGIN = Duration.ofDays(3);

    private final ZonedDateTime first;
    private final LocalDateTime firstLocal;
    private final long step;
    private final Instant end;
    private final List<ZoneOffsetTransition> transitions = new ArrayList<>(4);
    /** Per transition, the local date-times of its gap or overlap {@code [lo, hi)}. */
    private final List<LocalDateTime> lo = new ArrayList<>(4);

    private final List<LocalDateTime> hi = new ArrayList<>(4);
    private final ZoneOffset lastOffset;
    private int next;
    private Instant at;
    private LocalDateTime local;

    /**
     * The series from {@code first}, every {@code step} days, up to {@code end}.
     *
     * @param first the first meeting in the series' zone
     * @param step  days between meetings, positive
     * @param end   the last instant looked at
     */
    SeriesDays(ZonedDateTime first, long step, Instant end) {
        this.first = first;
        this.firstLocal = first.toLocalDateTime();
        this.step = step;
        this.end = end;
        this.at = first.toInstant();
        this.local = firstLocal;
        ZoneRules rules = first.getZone().getRules();
        Instant until = end.plus(MARGIN);
        ZoneOffsetTransition t = rules.nextTransition(at.minus(MARGIN));
        while (t != null && !t.getInstant().isAfter(until)) {
            transitions.add(t);
            lo.add(t.isGap() ? t.getDateTimeBefore() : t.getDateTimeAfter());
            hi.add(t.isGap() ? t.getDateTimeAfter() : t.getDateTimeBefore());
            t = rules.nextTransition(t.getInstant());
        }
        this.lastOffset = transitions.isEmpty()
                ? first.getOffset()
                : transitions.get(transitions.size() - 1).getOffsetAfter();
    }

    /** Moves to occurrence {@code n} (not decreasing); false once it lies after the end. */
    boolean move(long n) {
        LocalDateTime ldt = n == 0 ? firstLocal : firstLocal.plusDays(step * n);
        while (next < transitions.size() && !ldt.isBefore(hi.get(next))) {
            next++;
        }
        if (n == 0 || (next < transitions.size() && !ldt.isBefore(lo.get(next)))) {
            ZonedDateTime z = first.plusDays(step * n);
            at = z.toInstant();
            local = z.toLocalDateTime();
        } else {
            ZoneOffset offset =
                    next < transitions.size() ? transitions.get(next).getOffsetBefore() : lastOffset;
            at = ldt.toInstant(offset);
            local = ldt;
        }
        return !at.isAfter(end);
    }

    Instant at() {
        return at;
    }

    LocalDate date() {
        return local.toLocalDate();
    }

    LocalTime time() {
        return local.toLocalTime();
    }
}
