package dev.escalation;

import dev.escalation.model.CalendarSpec;
import dev.escalation.model.CustomerId;
import dev.escalation.model.DeadlineMark;
import dev.escalation.spi.DueItem;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A bounded, thread-safe memo of the SLA part of {@link DuePlanner#plan}: the due items of the deadlines and the next
 * deadline are a pure function of the escalation's {@link SlaSubject}, its tenant, the write's instant while the clock
 * is paused (a running pause is counted up to it), the customer's contract calendar (if the computation asked for it)
 * and the planner's fixed policies and calendars. Most commands change none of these, so the previous computation is
 * returned. A direct-mapped table of {@value #SIZE} slots, each one immutable entry: a lookup is one read and an
 * equality check of the whole key, a collision only recomputes. Entries are keyed by the escalation and its tenant,
 * so one escalation's plan is never returned for another.
 */
final class PlanMemo {
    static final int SIZE = 256;

    /**
     * What the SLA part of a plan depends on, besides the customer's calendar.
     *
     * @param subject  the SLA facts (with the escalation's id)
     * @param customer the tenant
     * @param pausedAt the write's instant if the clock is paused, else null
     */
    record Key(
            SlaSubject subject,
            CustomerId customer,
            @Nullable Instant pausedAt) {}

    /**
     * One computation.
     *
     * @param key      its inputs
     * @param asked    whether it asked for the customer's calendar
     * @param spec     what it was told (when asked)
     * @param items    the due items of the deadlines, in order
     * @param next     the next deadline
     */
    record Entry(
            Key key,
            int hash,
            boolean asked,
            Optional<CalendarSpec> spec,
            List<DueItem> items,
            Optional<DeadlineMark> next) {}

    /** Passes the customer's calendar through and records what was asked and answered. */
    static final class Recording implements Supplier<Optional<CalendarSpec>> {
        private final Supplier<Optional<CalendarSpec>> source;
        private @Nullable Optional<CalendarSpec> first;
        private boolean stable = true;

        Recording(Supplier<Optional<CalendarSpec>> source) {
            this.source = source;
        }

        @Override
        public Optional<CalendarSpec> get() {
            Optional<CalendarSpec> spec = source.get();
            if (first == null) {
                first = spec;
            } else if (!first.equals(spec)) {
                stable = false;
            }
            return spec;
        }
    }

    private final AtomicReferenceArray<Entry> slots = new AtomicReferenceArray<>(SIZE);

    /**
     * A hash of the inputs that most often differ (cheaper than the record's over every component); {@link #get} still
     * compares the whole key.
     */
    static int hash(Key key) {
        SlaSubject s = key.subject();
        int h = s.id().hashCode();
        h = 31 * h + s.state().ordinal();
        h = 31 * h + s.raisedAt().hashCode();
        h = 31 * h + s.acknowledgedAt().hashCode();
        h = 31 * h + s.lastContactAt().hashCode();
        h = 31 * h + s.pausedSince().hashCode();
        h = 31 * h + s.excluded().size();
        h = 31 * h + Objects.hashCode(key.pausedAt());
        return h ^ (h >>> 16);
    }

    /** The entry computed from the same inputs, if still held: asks {@code customer} again if the entry had asked. */
    @Nullable
    Entry get(Key key, int hash, Supplier<Optional<CalendarSpec>> customer) {
        Entry e = slots.get(hash & (SIZE - 1));
        if (e == null || e.hash() != hash || !e.key().equals(key)) {
            return null;
        }
        if (e.asked() && !e.spec().equals(customer.get())) {
            return null;
        }
        return e;
    }

    /** Holds a computation made with {@code customer}, unless the calendar it was told changed while it ran. */
    void put(Key key, int hash, Recording customer, List<DueItem> items, Optional<DeadlineMark> next) {
        if (!customer.stable) {
            return;
        }
        Optional<CalendarSpec> spec = customer.first;
        slots.set(
                hash & (SIZE - 1),
                new Entry(key, hash, spec != null, Objects.requireNonNullElse(spec, Optional.empty()), items, next));
    }
}
