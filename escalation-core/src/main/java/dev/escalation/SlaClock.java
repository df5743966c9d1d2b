package dev.escalation;

import dev.escalation.calendar.BusinessCalendar;
import dev.escalation.calendar.Explanation;
import dev.escalation.calendar.HolidaySource;
import dev.escalation.calendar.Interval;
import dev.escalation.model.CalendarSpec;
import dev.escalation.model.CommunicationPlan;
import dev.escalation.model.DeadlineMark;
import dev.escalation.model.DueKind;
import dev.escalation.model.EscalationState;
import dev.escalation.model.PolicyRef;
import dev.escalation.sla.Deadline;
import dev.escalation.sla.DeadlineState;
import dev.escalation.sla.SlaCalendar;
import dev.escalation.sla.SlaPolicy;
import dev.escalation.spi.DueItem;
import dev.escalation.spi.EscalationFacts;
import dev.escalation.spi.ExcludedSpan;
import dev.escalation.spi.StoredEscalation;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Derives deadlines and their due steps from an escalation's stored facts (never its log), its policy version, the
 * calendars and (for reads) an instant: a pure function of these inputs, so nothing drifts. The facts' excluded spans
 * (pauses; resolved until reopened) do not count as business time; a pause still running is taken to end at the
 * instant read, and no due step is planned while it runs.
 *
 * <p>The customer's contract calendar is passed in by the caller as plain data ({@link CalendarSpec}), asked for only
 * when a deadline needs it: this class reads no directory, so it can run inside a store's unit of work.
 */
final class SlaClock {
    static final String REMINDER = "reminder";
    static final String CUSTOMER_REMINDER = "reminder-customer";
    static final String WARNING = "warning";
    static final String BREACH = "breach";
    static final String REPEAT = "breach-repeat-";
    static final String AUDIENCE = "audience";
    private static final Set<EscalationState> RESOLVED_STATES =
            EnumSet.of(EscalationState.RESOLVED, EscalationState.LESSONS_LEARNED, EscalationState.CLOSED);

    private final Map<PolicyRef, SlaPolicy> policies;
    private final BusinessCalendar vendor;
    private final BusinessCalendar wallClock;
    private final Function<String, ? extends @Nullable HolidaySource> regions;
    private final Map<CalendarSpec, BusinessCalendar> built = new ConcurrentHashMap<>();

    SlaClock(
            Map<PolicyRef, SlaPolicy> policies,
            BusinessCalendar vendor,
            Function<String, ? extends @Nullable HolidaySource> regions) {
        this.policies = Map.copyOf(policies);
        this.vendor = vendor;
        this.regions = regions;
        this.wallClock = wallClock(vendor);
    }

    private static BusinessCalendar wallClock(BusinessCalendar vendor) {
        BusinessCalendar.Builder b = BusinessCalendar.builder(vendor.zone());
        for (DayOfWeek d : DayOfWeek.values()) {
            b.open(d, LocalTime.MIN, LocalTime.MAX);
        }
        return b.build();
    }

    Set<PolicyRef> known() {
        return policies.keySet();
    }

    SlaPolicy policy(StoredEscalation r, PolicyRef ref) {
        SlaPolicy p = policies.get(ref);
        if (p == null) {
            throw new UnknownPolicyException(Optional.of(r.id()), ref, policies.keySet());
        }
        return p;
    }

    Optional<SlaPolicy> policyOf(StoredEscalation r) {
        return r.policy().map(ref -> policy(r, ref));
    }

    BusinessCalendar vendor() {
        return vendor;
    }

    /** A customer's contract calendar built from the directory's plain data (cached per spec). */
    BusinessCalendar build(CalendarSpec spec) {
        return built.computeIfAbsent(spec, s -> {
            try {
                return BusinessCalendar.fromSpec(s, regions);
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(
                        "cannot build the customer contract calendar: " + e.getMessage()
                                + " (configure EscalationEngine.builder().holidayRegions(...))",
                        e);
            }
        });
    }

    // ------------------------------------------------------------------ the derivation

    /** One computed deadline, before it is given a state. */
    private record Computed(
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
    static List<Interval> pauses(StoredEscalation r, @Nullable Instant openEnd) {
        EscalationFacts f = r.facts();
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
    private List<Computed> compute(
            StoredEscalation r, List<Interval> pauses, boolean explain, Supplier<Optional<CalendarSpec>> customer) {
        List<Computed> result = new ArrayList<>(3);
        if (r.state() == EscalationState.WITHDRAWN) {
            return result;
        }
        EscalationFacts f = r.facts();
        Optional<SlaPolicy> policy = policyOf(r);
        if (policy.isPresent()) {
            target(r, policy.get(), DueKind.FIRST_CONTACT, pauses, f.acknowledgedAt(), explain, customer)
                    .ifPresent(result::add);
            Optional<Instant> resolved = RESOLVED_STATES.contains(r.state()) ? f.resolvedAt() : Optional.empty();
            target(r, policy.get(), DueKind.RESOLUTION, pauses, resolved, explain, customer)
                    .ifPresent(result::add);
        }
        if (r.state() == EscalationState.ACTIVE && r.plan().isPresent()) {
            CommunicationPlan plan = r.plan().get();
            Instant due = nextMeeting(f, plan);
            Optional<Instant> lastHeld = f.lastMeetingHeldAt();
            Instant start = lastHeld.orElse(plan.agreedAt());
            if (due.isBefore(start)) {
                start = due;
            }
            Explanation e = explain ? wallClock.explainPlus(start, Duration.between(start, due)) : null;
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

    private Optional<Computed> target(
            StoredEscalation r,
            SlaPolicy p,
            DueKind kind,
            List<Interval> pauses,
            Optional<Instant> metAt,
            boolean explain,
            Supplier<Optional<CalendarSpec>> customer) {
        Optional<Duration> budget = p.target(kind, r.criticality());
        if (budget.isEmpty()) {
            return Optional.empty();
        }
        SlaCalendar which = p.calendar(kind);
        BusinessCalendar cal = vendor;
        if (which == SlaCalendar.CUSTOMER_CONTRACT) {
            cal = customer.get().map(this::build).orElse(vendor);
        }
        Explanation e = explain ? cal.explainPlus(r.raisedAt(), budget.get(), pauses) : null;
        Instant due = e != null ? e.end() : cal.plus(r.raisedAt(), budget.get(), pauses);
        Optional<Instant> warn = Optional.empty();
        if (p.warningPercent() > 0) {
            Instant w = cal.plus(
                    r.raisedAt(), budget.get().multipliedBy(p.warningPercent()).dividedBy(100), pauses);
            if (w.isBefore(due)) {
                warn = Optional.of(w);
            }
        }
        return Optional.of(new Computed(kind, due, warn, metAt, Optional.of(which), e, "escalated"));
    }

    /** The next meeting of a plan: one period after the last meeting held under it, or its first meeting. */
    static Instant nextMeeting(EscalationFacts facts, CommunicationPlan plan) {
        return facts.lastMeetingHeldAt().map(t -> t.plus(plan.frequency())).orElse(plan.firstMeetingAt());
    }

    /** The deadlines as they stand at {@code now}. */
    List<Deadline> deadlines(StoredEscalation r, Instant now, Supplier<Optional<CalendarSpec>> customer) {
        boolean paused = r.facts().pausedSince().isPresent();
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

    /**
     * What a write stores: the due steps and the earliest unmet deadline.
     *
     * @param items        the due steps (empty while the clock is paused or the escalation is final)
     * @param nextDeadline the earliest deadline not met yet, as it stands at the write (a running pause counted up
     *                     to then)
     */
    record Plan(List<DueItem> items, Optional<DeadlineMark> nextDeadline) {}

    /**
     * The due steps of an escalation and its next deadline: what is not yet met, while it is open (steps only while
     * its clock runs). Steps already completed keep their keys (their instants lie before any later pause), so they
     * are not queued again.
     */
    Plan plan(StoredEscalation r, Instant now, Supplier<Optional<CalendarSpec>> customer) {
        if (!r.state().isOpen()) {
            return new Plan(List.of(), Optional.empty());
        }
        boolean paused = r.facts().pausedSince().isPresent();
        List<Computed> computed = compute(r, pauses(r, paused ? now : null), false, customer);
        Optional<DeadlineMark> next = computed.stream()
                .filter(c -> c.metAt().isEmpty())
                .min(Comparator.comparing(Computed::due))
                .map(c -> new DeadlineMark(c.kind(), c.due()));
        if (paused) {
            return new Plan(List.of(), next);
        }
        List<DueItem> items = new ArrayList<>();
        Optional<SlaPolicy> policy = policyOf(r);
        for (Computed c : computed) {
            if (c.kind() == DueKind.NEXT_MEETING) {
                meetingReminders(r, c.due(), items, customer);
                continue;
            }
            if (c.metAt().isPresent() || policy.isEmpty()) {
                continue;
            }
            Map<String, String> data = Map.of(
                    "dueAt", c.due().toString(), "policy", r.policy().get().toString());
            c.warnAt().ifPresent(w -> items.add(item(r, c.kind(), WARNING, w, data)));
            items.add(item(r, c.kind(), BREACH, c.due(), data));
            Optional<Duration> every = policy.get().repeatEvery();
            for (int i = 1; every.isPresent() && i <= policy.get().maxRepeats(); i++) {
                items.add(item(r, c.kind(), REPEAT + i, c.due().plus(every.get().multipliedBy(i)), data));
            }
        }
        return new Plan(items, next);
    }

    /**
     * The meeting reminder goes to the Escalation Manager and the Incident Manager at the due instant; when the
     * customer's contract calendar is closed then, the customer's reminder waits for the customer's next opening
     * (quiet hours) while the manager's is sent on time.
     */
    private void meetingReminders(
            StoredEscalation r, Instant due, List<DueItem> items, Supplier<Optional<CalendarSpec>> spec) {
        Optional<BusinessCalendar> customer = spec.get().map(this::build);
        if (customer.isPresent()
                && customer.get().hasOpeningHours()
                && !customer.get().isOpen(due)) {
            items.add(item(r, DueKind.NEXT_MEETING, REMINDER, due, Map.of(AUDIENCE, "staff")));
            Instant opening = customer.get().nextOpening(due);
            Map<String, String> data = new LinkedHashMap<>();
            data.put(AUDIENCE, "customer");
            data.put("dueAt", due.toString());
            items.add(item(r, DueKind.NEXT_MEETING, CUSTOMER_REMINDER, opening, data));
        } else {
            items.add(item(r, DueKind.NEXT_MEETING, REMINDER, due, Map.of()));
        }
    }

    private static DueItem item(StoredEscalation r, DueKind kind, String step, Instant at, Map<String, String> data) {
        return new DueItem(DueItem.keyOf(r.id(), kind, step, at), r.id(), r.customer(), kind, step, at, data);
    }
}
