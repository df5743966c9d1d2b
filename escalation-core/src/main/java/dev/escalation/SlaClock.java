package dev.escalation;

import dev.escalation.calendar.BusinessCalendar;
import dev.escalation.calendar.Explanation;
import dev.escalation.calendar.HolidaySource;
import dev.escalation.calendar.Interval;
import dev.escalation.internal.CalendarAccess;
import dev.escalation.model.ActorRef;
import dev.escalation.model.CalendarSpec;
import dev.escalation.model.CommunicationPlan;
import dev.escalation.model.Criticality;
import dev.escalation.model.DueKind;
import dev.escalation.model.EscalationState;
import dev.escalation.model.PolicyRef;
import dev.escalation.model.Visibility;
import dev.escalation.sla.Deadline;
import dev.escalation.sla.DeadlineState;
import dev.escalation.sla.SlaCalendar;
import dev.escalation.sla.SlaPolicy;
import dev.escalation.spi.ExcludedSpan;
import dev.escalation.spi.StoredEntry;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Derives deadlines from an escalation's SLA facts ({@link SlaSubject}: stored or hypothetical, never its log), its
 * policy version, the calendars and (for reads) an instant: a pure function of these inputs, so nothing drifts. The
 * excluded spans (pauses; resolved until reopened) do not count as business time; a pause still running is taken to
 * end at the instant read. The {@link DuePlanner} turns the deadlines into due steps.
 *
 * <p>The customer's contract calendar is passed in by the caller as plain data ({@link CalendarSpec}), asked for only
 * when a deadline needs it: this class reads no directory, so it can run inside a store's unit of work.
 */
final class SlaClock {
    private static final Set<EscalationState> RESOLVED_STATES =
            EnumSet.of(EscalationState.RESOLVED, EscalationState.LESSONS_LEARNED, EscalationState.CLOSED);

    private final Map<PolicyRef, SlaPolicy> policies;
    private final BusinessCalendar vendor;
    private final BusinessCalendar wallClock;
    private final Function<String, ? extends @Nullable HolidaySource> regions;
    /** Customers' calendars by spec: a directory may name any number, the last 512 met are kept (at most ~1,024). */
    private final Recent<CalendarSpec, BusinessCalendar> built = new Recent<>(512);
    /** The longest target measured in customers' contract calendars ({@link SlaLimits}). */
    private final Duration longestCustomer;
    /** The always-open calendars of plans' series zones other than the vendor's (one per zone met). */
    private final Recent<ZoneId, BusinessCalendar> wallClocks = new Recent<>(64);

    SlaClock(
            Map<PolicyRef, SlaPolicy> policies,
            BusinessCalendar vendor,
            Function<String, ? extends @Nullable HolidaySource> regions) {
        this.policies = Map.copyOf(policies);
        this.longestCustomer = SlaLimits.longestCustomerTarget(this.policies.values());
        this.vendor = vendor;
        this.regions = regions;
        this.wallClock = allDay(vendor.zone());
    }

    private static BusinessCalendar allDay(ZoneId zone) {
        BusinessCalendar.Builder b = BusinessCalendar.builder(zone);
        for (DayOfWeek d : DayOfWeek.values()) {
            b.open(d, LocalTime.MIN, LocalTime.MAX);
        }
        return b.build();
    }

    Set<PolicyRef> known() {
        return policies.keySet();
    }

    private SlaPolicy policy(SlaSubject s, PolicyRef ref) {
        SlaPolicy p = policies.get(ref);
        if (p == null) {
            throw new UnknownPolicyException(s.id(), ref, policies.keySet());
        }
        return p;
    }

    /**
     * The subject's policy version, if it has one.
     *
     * @throws UnknownPolicyException if the version is not registered
     */
    Optional<SlaPolicy> policyOf(SlaSubject s) {
        return s.policy().isPresent() ? Optional.of(policy(s, s.policy().get())) : Optional.empty();
    }

    /** A registered policy version, if registered. */
    Optional<SlaPolicy> policy(PolicyRef ref) {
        return Optional.ofNullable(policies.get(ref));
    }

    /**
     * Where the customer-contact target counts from: the last contact, else the acknowledgement; empty unless the
     * escalation is ACKNOWLEDGED or ACTIVE (the target runs only then).
     */
    static Optional<Instant> contactSince(SlaSubject r) {
        if (r.state() != EscalationState.ACKNOWLEDGED && r.state() != EscalationState.ACTIVE) {
            return Optional.empty();
        }
        return r.lastContactAt().isPresent() ? r.lastContactAt() : r.acknowledgedAt();
    }

    /** Whether a state counts the resolution as met at {@code resolvedAt} (RESOLVED, LESSONS_LEARNED, CLOSED). */
    static boolean countsResolution(EscalationState state) {
        return RESOLVED_STATES.contains(state);
    }

    /**
     * Whether a policy version sets the customer-contact target for a criticality; {@code true} for a version not
     * registered (its derivation fails, so nothing may be left out).
     */
    boolean setsContactTarget(PolicyRef ref, Criticality criticality) {
        SlaPolicy p = policies.get(ref);
        return p == null || p.target(DueKind.CUSTOMER_CONTACT, criticality).isPresent();
    }

    /** The longest target measured in customers' contract calendars (zero if none). */
    Duration longestCustomer() {
        return longestCustomer;
    }

    BusinessCalendar vendor() {
        return vendor;
    }

    /**
     * A customer's contract calendar built from the directory's plain data (cached per spec), within the limits on its
     * open time ({@link SlaLimits#checkCustomer}).
     *
     * @throws EscalationUnavailableException if the spec cannot be built (an unknown zone or holiday region, windows
     *     that overlap, a region resolver that fails): the directory's answer is unusable, so nothing is applied
     * @throws InvalidCommandException {@code customerCalendar.OpenTime} if it has no opening hours, is open less than
     *     an hour a week (no target could be measured in it without walking millennia) or too little for the longest
     *     target measured in it ({@link SlaLimits#tooLittle}): not retryable, as retrying never succeeds
     */
    BusinessCalendar build(CalendarSpec spec) {
        return built.computeIfAbsent(spec, s -> {
            BusinessCalendar calendar = buildUnchecked(s);
            SlaLimits.checkCustomer(calendar, longestCustomer);
            return calendar;
        });
    }

    /**
     * A customer's contract calendar built from a spec (the cached one if built before) without the limits on its open
     * time, which a what-if checks with codes of its own.
     *
     * @throws EscalationUnavailableException if the spec cannot be built, as {@link #build}
     */
    BusinessCalendar buildUnchecked(CalendarSpec spec) {
        BusinessCalendar cached = built.get(spec);
        try {
            return cached != null ? cached : BusinessCalendar.fromSpec(spec, regions);
        } catch (RuntimeException e) { // the resolver is the host's: any failure of it is the spec's
            throw new EscalationUnavailableException(
                    "cannot build the customer contract calendar" + Inputs.why(e) // quotes only printable text
                            + " (configure EscalationEngine.builder().holidayRegions(...))",
                    e);
        }
    }

    // ------------------------------------------------------------------ the derivation

    private static final Optional<SlaCalendar> VENDOR = Optional.of(SlaCalendar.VENDOR_COVERAGE);
    private static final Optional<SlaCalendar> CUSTOMER = Optional.of(SlaCalendar.CUSTOMER_CONTRACT);

    /** One computed deadline, before it is given a state. */
    record Computed(
            DueKind kind,
            Instant due,
            Optional<Instant> warnAt,
            Optional<Instant> metAt,
            Optional<SlaCalendar> calendar,
            @Nullable Explanation explanation,
            String label) {}

    /**
     * The excluded intervals of an escalation: its closed spans (explicit pauses; resolved until reopened) and, if
     * {@code openEnd} is given, the pause still running, ended there.
     */
    static List<Interval> pauses(SlaSubject f, @Nullable Instant openEnd) {
        List<Interval> result = new ArrayList<>(f.excluded().size() + 1);
        for (ExcludedSpan s : f.excluded()) {
            result.add(new Interval(s.from(), s.to(), reason(s.kind(), s.reason())));
        }
        if (f.pausedSince().isPresent() && openEnd != null) {
            Instant from = f.pausedSince().get();
            result.add(new Interval(
                    from, openEnd.isBefore(from) ? from : openEnd, reason(ExcludedSpan.Kind.PAUSED, f.pauseReason())));
        }
        return result;
    }

    private static String reason(ExcludedSpan.Kind kind, Optional<String> text) {
        if (kind == ExcludedSpan.Kind.RESOLVED_UNTIL_REOPENED) {
            return "resolved until reopened";
        }
        return text.filter(t -> !t.isBlank()).orElse("clock paused");
    }

    /**
     * The deadlines; with {@code explain} each carries its explanation, without (planning on every write) only the
     * instants are computed, which costs a fraction.
     */
    List<Computed> compute(
            SlaSubject r, List<Interval> pauses, boolean explain, Supplier<Optional<CalendarSpec>> customer) {
        List<Computed> result = new ArrayList<>(4);
        if (r.state() == EscalationState.WITHDRAWN) {
            return result;
        }
        if (r.policy().isPresent()) {
            SlaPolicy policy = policy(r, r.policy().get());
            add(result, target(r, policy, DueKind.FIRST_CONTACT, pauses, r.acknowledgedAt(), explain, customer));
            Optional<Instant> resolved = countsResolution(r.state()) ? r.resolvedAt() : Optional.empty();
            add(result, target(r, policy, DueKind.RESOLUTION, pauses, resolved, explain, customer));
            add(result, contact(r, policy, pauses, explain, customer));
        }
        if (r.state() == EscalationState.ACTIVE && r.plan().isPresent()) {
            CommunicationPlan plan = r.plan().get();
            Instant due = nextMeeting(r.lastMeetingHeldAt(), plan);
            Optional<Instant> lastHeld = r.lastMeetingHeldAt();
            Instant start = lastHeld.orElse(plan.agreedAt());
            if (due.isBefore(start)) {
                start = due;
            }
            Explanation e = explain ? wallClock(plan).explainPlus(start, Duration.between(start, due)) : null;
            result.add(new Computed(
                    DueKind.NEXT_MEETING,
                    due,
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    e,
                    lastHeld.isPresent() ? "last meeting held" : "plan agreed"));
        }
        return result;
    }

    private static void add(List<Computed> result, @Nullable Computed c) {
        if (c != null) {
            result.add(c);
        }
    }

    /**
     * The customer-contact target while acknowledged or active: from the last contact (or the acknowledgement), the
     * policy's interval in business time; it is never met, only moved on by the next contact.
     */
    private @Nullable Computed contact(
            SlaSubject r,
            SlaPolicy p,
            List<Interval> pauses,
            boolean explain,
            Supplier<Optional<CalendarSpec>> customer) {
        Optional<Instant> since = contactSince(r);
        if (since.isEmpty()) {
            return null;
        }
        String label = r.lastContactAt().isPresent() ? "last contact" : "acknowledged";
        return target(r, p, DueKind.CUSTOMER_CONTACT, since.get(), label, pauses, Optional.empty(), explain, customer);
    }

    /** Whether an entry counts as customer contact under a policy: customer-visible, by staff, of a counted kind. */
    boolean isContact(Optional<PolicyRef> ref, StoredEntry e) {
        SlaPolicy p = ref.map(policies::get).orElse(null);
        return p != null
                && e.visibility() == Visibility.CUSTOMER
                && e.actor().kind() == ActorRef.Kind.STAFF
                && p.countsAsContact().contains(e.kind());
    }

    private @Nullable Computed target(
            SlaSubject r,
            SlaPolicy p,
            DueKind kind,
            List<Interval> pauses,
            Optional<Instant> metAt,
            boolean explain,
            Supplier<Optional<CalendarSpec>> customer) {
        return target(r, p, kind, r.raisedAt(), "escalated", pauses, metAt, explain, customer);
    }

    /** A target counted from {@code start}, or null if the policy sets none for the kind and criticality. */
    private @Nullable Computed target(
            SlaSubject r,
            SlaPolicy p,
            DueKind kind,
            Instant start,
            String label,
            List<Interval> pauses,
            Optional<Instant> metAt,
            boolean explain,
            Supplier<Optional<CalendarSpec>> customer) {
        Optional<Duration> budget = p.target(kind, r.criticality());
        if (budget.isEmpty()) {
            return null;
        }
        SlaCalendar which = p.calendar(kind);
        BusinessCalendar cal = vendor;
        if (which == SlaCalendar.CUSTOMER_CONTRACT) {
            Optional<CalendarSpec> spec = customer.get();
            if (spec.isPresent()) {
                cal = build(spec.get());
            }
        }
        Explanation e = explain ? cal.explainPlus(start, budget.get(), pauses) : null;
        Instant due;
        Optional<Instant> warn = Optional.empty();
        if (e == null && p.warningPercent() > 0) { // the warning and the target from one walk
            Instant[] both = TWO.plus(cal, start, percentOf(budget.get(), p.warningPercent()), budget.get(), pauses);
            due = both[1];
            if (both[0].isBefore(due)) {
                warn = Optional.of(both[0]);
            }
        } else {
            due = e != null ? e.end() : cal.plus(start, budget.get(), pauses);
            if (p.warningPercent() > 0) {
                Instant w = cal.plus(start, percentOf(budget.get(), p.warningPercent()), pauses);
                if (w.isBefore(due)) {
                    warn = Optional.of(w);
                }
            }
        }
        return new Computed(
                kind, due, warn, metAt, which == SlaCalendar.CUSTOMER_CONTRACT ? CUSTOMER : VENDOR, e, label);
    }

    /** A target and its warning from one walk of the calendar. */
    private static final CalendarAccess.Arithmetic TWO = CalendarAccess.arithmetic();

    /**
     * {@code budget.multipliedBy(percent).dividedBy(100)} (truncated toward zero to the nanosecond) in long arithmetic
     * where it cannot overflow, else by those very calls.
     */
    static Duration percentOf(Duration budget, int percent) {
        try {
            long nanos = Math.multiplyExact(budget.toNanos(), (long) percent);
            return Duration.ofNanos(nanos / 100);
        } catch (ArithmeticException tooLong) {
            return budget.multipliedBy(percent).dividedBy(100);
        }
    }

    /** The next meeting of a plan ({@link MeetingCadence#next}) in the zone of its series. */
    Instant nextMeeting(Optional<Instant> lastMeetingHeldAt, CommunicationPlan plan) {
        return MeetingCadence.next(lastMeetingHeldAt, plan, vendor.zone());
    }

    /** The always-open calendar of a plan's series zone (the last 64 kept), to explain its next meeting's time. */
    BusinessCalendar wallClock(CommunicationPlan plan) {
        ZoneId zone = plan.seriesZone(vendor.zone());
        return zone.equals(wallClock.zone()) ? wallClock : wallClocks.computeIfAbsent(zone, SlaClock::allDay);
    }

    /** The deadlines as they stand at {@code now}. */
    List<Deadline> deadlines(SlaSubject r, Instant now, Supplier<Optional<CalendarSpec>> customer) {
        boolean paused = r.pausedSince().isPresent();
        List<Deadline> result = new ArrayList<>(3);
        for (Computed c : compute(r, pauses(r, now), true, customer)) {
            DeadlineState state;
            if (c.metAt().isPresent()) {
                state = c.metAt().get().isAfter(c.due()) ? DeadlineState.BREACHED : DeadlineState.MET;
            } else if (!now.isBefore(c.due())) {
                state = DeadlineState.BREACHED;
            } else if (c.warnAt().isPresent() && !now.isBefore(c.warnAt().get())) {
                state = DeadlineState.WARNED;
            } else {
                state = DeadlineState.PENDING;
            }
            result.add(new Deadline(
                    c.kind(),
                    c.due(),
                    state,
                    r.policy(),
                    c.calendar(),
                    c.warnAt(),
                    c.metAt(),
                    paused,
                    java.util.Objects.requireNonNull(c.explanation(), "explanation"),
                    c.label()));
        }
        return result;
    }
}
