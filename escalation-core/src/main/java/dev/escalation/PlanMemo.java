package dev.escalation;

import dev.escalation.model.CalendarSpec;
import dev.escalation.model.Criticality;
import dev.escalation.model.CustomerId;
import dev.escalation.model.DeadlineMark;
import dev.escalation.model.EscalationId;
import dev.escalation.model.EscalationState;
import dev.escalation.model.PolicyRef;
import dev.escalation.spi.DueItem;
import dev.escalation.spi.ExcludedSpan;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A bounded, thread-safe memo of the SLA part of {@link DuePlanner#plan}: the due items of the deadlines and the next
 * deadline are a pure function of the inputs the derivation reads ({@link Key}: the few facts of the escalation's
 * {@link SlaSubject} that its state lets count, its id and tenant, the write's instant while the clock is paused, a
 * running pause counted up to it), the customer's contract calendar (if the computation asked for it) and the
 * planner's fixed policies and calendars. Most commands change none of these, so the previous computation is returned.
 * A direct-mapped table of {@value #SIZE} slots, each one immutable entry: a lookup is one read and an equality check
 * of the whole key, a collision only recomputes. Entries are keyed by the escalation and its tenant, so one
 * escalation's plan is never returned for another.
 */
final class PlanMemo {
    static final int SIZE = 256;

    /**
     * What the SLA part of a plan depends on, besides the customer's calendar: exactly the inputs
     * {@link SlaClock#compute} and the planner's steps read of an open escalation, so that facts they do not read (a
     * contact time without a contact target, the plan outside ACTIVE, RESOLVED against LESSONS_LEARNED, the pause
     * reason while the clock runs) leave the key unchanged. {@code PlanMemoKeyProperties} shows that equal keys plan
     * equally.
     *
     * @param id             the escalation (the due items' keys)
     * @param customer       the tenant
     * @param policy         the SLA policy version, if any
     * @param criticality    the criticality (the policy's targets)
     * @param raisedAt       when it was escalated (first contact and resolution count from it)
     * @param acknowledgedAt when first contact was made (meets first contact; the contact target's fallback start)
     * @param resolvedAt     when it was resolved, only in a resolved state (meets resolution), else empty
     * @param contactSince   where the customer-contact target counts from (the last contact, else the
     *                       acknowledgement), only while ACKNOWLEDGED or ACTIVE under a policy that sets the target
     *                       (or is not registered), else empty
     * @param meeting        the next meeting while ACTIVE with a plan, else null
     * @param excluded       the closed spans that do not count
     * @param pausedSince    when the running pause began, if the clock is paused
     * @param pauseReason    its reason while the clock is paused, else empty
     * @param pausedAt       the write's instant if the clock is paused, else null
     */
    record Key(
            EscalationId id,
            CustomerId customer,
            Optional<PolicyRef> policy,
            Criticality criticality,
            Instant raisedAt,
            Optional<Instant> acknowledgedAt,
            Optional<Instant> resolvedAt,
            Optional<Instant> contactSince,
            @Nullable Instant meeting,
            List<ExcludedSpan> excluded,
            Optional<Instant> pausedSince,
            Optional<String> pauseReason,
            @Nullable Instant pausedAt) {

        /**
         * The key of an open escalation's plan.
         *
         * @param s        its SLA facts
         * @param id       the escalation
         * @param customer its tenant
         * @param pausedAt the write's instant if the clock is paused, else null
         * @param sla      the policies (whether a contact target is set)
         */
        static Key of(SlaSubject s, EscalationId id, CustomerId customer, @Nullable Instant pausedAt, SlaClock sla) {
            EscalationState state = s.state();
            Optional<Instant> resolved = SlaClock.countsResolution(state) ? s.resolvedAt() : Optional.empty();
            Optional<Instant> since =
                    s.policy().isPresent() && sla.setsContactTarget(s.policy().get(), s.criticality())
                            ? SlaClock.contactSince(s)
                            : Optional.empty();
            Instant meeting = null;
            if (state == EscalationState.ACTIVE && s.plan().isPresent()) {
                meeting = sla.nextMeeting(s.lastMeetingHeldAt(), s.plan().get());
            }
            return new Key(
                    id,
                    customer,
                    s.policy(),
                    s.criticality(),
                    s.raisedAt(),
                    s.acknowledgedAt(),
                    resolved,
                    since,
                    meeting,
                    s.excluded(),
                    s.pausedSince(),
                    pausedAt != null ? s.pauseReason() : Optional.empty(),
                    pausedAt);
        }
    }

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
        int h = key.id().hashCode();
        h = 31 * h + key.raisedAt().hashCode();
        h = 31 * h + key.acknowledgedAt().hashCode();
        h = 31 * h + key.resolvedAt().hashCode();
        h = 31 * h + key.contactSince().hashCode();
        h = 31 * h + Objects.hashCode(key.meeting());
        h = 31 * h + key.pausedSince().hashCode();
        h = 31 * h + key.excluded().size();
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
