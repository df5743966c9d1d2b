package dev.escalation;

import dev.escalation.calendar.BusinessCalendar;
import dev.escalation.calendar.Explanation;
import dev.escalation.calendar.HolidaySource;
import dev.escalation.calendar.Interval;
import dev.escalation.model.CalendarSpec;
import dev.escalation.model.CommunicationPlan;
import dev.escalation.model.CustomerId;
import dev.escalation.model.DueKind;
import dev.escalation.model.EscalationState;
import dev.escalation.model.PolicyRef;
import dev.escalation.model.ProgressKind;
import dev.escalation.sla.Deadline;
import dev.escalation.sla.DeadlineState;
import dev.escalation.sla.SlaCalendar;
import dev.escalation.sla.SlaPolicy;
import dev.escalation.spi.CustomerDirectory;
import dev.escalation.spi.DueItem;
import dev.escalation.spi.EscalationRecord;
import dev.escalation.spi.ProgressEntry;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Derives deadlines and their due steps from an escalation's recorded history, its policy version, the calendars
 * and (for reads) an instant: a pure function of these inputs, so nothing drifts. Paused time (between
 * CLOCK_PAUSED and CLOCK_RESUMED or RESOLVED entries) is excluded from business time; a pause still running is
 * taken to end at the instant read, and no due step is planned while it runs.
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
    private final Function<CustomerId, Optional<CalendarSpec>> specs;
    private final Function<String, ? extends @Nullable HolidaySource> regions;
    private final Map<CalendarSpec, BusinessCalendar> built;

    SlaClock(
            Map<PolicyRef, SlaPolicy> policies,
            BusinessCalendar vendor,
            @Nullable CustomerDirectory customers,
            Function<String, ? extends @Nullable HolidaySource> regions) {
        this(
                policies,
                vendor,
                customers == null
                        ? c -> Optional.empty()
                        : c -> Workflow.call(() -> customers.account(c)).flatMap(a -> a.contractCalendar()),
                regions,
                new ConcurrentHashMap<>(),
                wallClock(vendor));
    }

    private SlaClock(
            Map<PolicyRef, SlaPolicy> policies,
            BusinessCalendar vendor,
            Function<CustomerId, Optional<CalendarSpec>> specs,
            Function<String, ? extends @Nullable HolidaySource> regions,
            Map<CalendarSpec, BusinessCalendar> built,
            BusinessCalendar wallClock) {
        this.policies = Map.copyOf(policies);
        this.vendor = vendor;
        this.specs = specs;
        this.regions = regions;
        this.built = built;
        this.wallClock = wallClock;
    }

    private static BusinessCalendar wallClock(BusinessCalendar vendor) {
        BusinessCalendar.Builder b = BusinessCalendar.builder(vendor.zone());
        for (DayOfWeek d : DayOfWeek.values()) {
            b.open(d, LocalTime.MIN, LocalTime.MAX);
        }
        return b.build();
    }

    /** No policies, always open, no customer calendars: the meeting cadence only. */
    static SlaClock none() {
        return new SlaClock(Map.of(), BusinessCalendar.alwaysOpen(), null, r -> null);
    }

    /** The same clock for a hypothetical customer with the given contract calendar (what-if). */
    SlaClock forCustomer(Optional<CalendarSpec> spec) {
        spec.ifPresent(this::build); // an unknown zone or region fails here, before anything is projected
        return new SlaClock(policies, vendor, c -> spec, regions, built, wallClock);
    }

    Set<PolicyRef> known() {
        return policies.keySet();
    }

    SlaPolicy policy(EscalationRecord r, PolicyRef ref) {
        SlaPolicy p = policies.get(ref);
        if (p == null) {
            throw new UnknownPolicyException(Optional.of(r.id()), ref, policies.keySet());
        }
        return p;
    }

    Optional<SlaPolicy> policyOf(EscalationRecord r) {
        return r.policy().map(ref -> policy(r, ref));
    }

    BusinessCalendar vendor() {
        return vendor;
    }

    /** The customer's contract calendar, built from the directory's plain data (cached per spec). */
    Optional<BusinessCalendar> customerCalendar(CustomerId customer) {
        return specs.apply(customer).map(this::build);
    }

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
            @org.jspecify.annotations.Nullable Explanation explanation,
            String label) {}

    /**
     * Excluded intervals of the log: each explicit pause (CLOCK_PAUSED to CLOCK_RESUMED or RESOLVED) and each
     * time an escalation stood resolved before it was reopened (RESOLVED to REOPENED). An explicit pause still
     * running ends at {@code openEnd}, or is left out if it is null; a resolution not reopened is left out (the
     * resolution deadline is met then, and instants before it do not depend on it).
     */
    static List<Interval> pauses(EscalationRecord r, @Nullable Instant openEnd) {
        List<Interval> result = new ArrayList<>();
        ProgressEntry start = null;
        for (ProgressEntry e : r.progress()) {
            switch (e.kind()) {
                case CLOCK_PAUSED -> {
                    if (start == null) {
                        start = e;
                    }
                }
                case CLOCK_RESUMED -> {
                    if (start != null && start.kind() == ProgressKind.CLOCK_PAUSED) {
                        result.add(new Interval(start.at(), e.at(), reason(start)));
                        start = null;
                    }
                }
                case RESOLVED -> {
                    if (start != null && start.kind() == ProgressKind.CLOCK_PAUSED) {
                        result.add(new Interval(start.at(), e.at(), reason(start)));
                    }
                    start = e;
                }
                case REOPENED -> {
                    if (start != null && start.kind() == ProgressKind.RESOLVED) {
                        result.add(new Interval(start.at(), e.at(), "resolved until reopened"));
                        start = null;
                    }
                }
                default -> {}
            }
        }
        if (start != null && start.kind() == ProgressKind.CLOCK_PAUSED && openEnd != null) {
            result.add(new Interval(start.at(), openEnd.isBefore(start.at()) ? start.at() : openEnd, reason(start)));
        }
        return result;
    }

    private static String reason(ProgressEntry pause) {
        return pause.text().isBlank() ? "clock paused" : pause.text();
    }

    /**
     * The deadlines; with {@code explain} each carries its explanation, without (planning on every write) only
     * the instants are computed, which costs a fraction.
     */
    private List<Computed> compute(EscalationRecord r, List<Interval> pauses, boolean explain) {
        List<Computed> result = new ArrayList<>(3);
        if (r.state() == EscalationState.WITHDRAWN) {
            return result;
        }
        Optional<SlaPolicy> policy = policyOf(r);
        if (policy.isPresent()) {
            target(r, policy.get(), DueKind.FIRST_CONTACT, pauses, firstAt(r, ProgressKind.ACKNOWLEDGED), explain)
                    .ifPresent(result::add);
            target(
                            r,
                            policy.get(),
                            DueKind.RESOLUTION,
                            pauses,
                            RESOLVED_STATES.contains(r.state()) ? lastAt(r, ProgressKind.RESOLVED) : Optional.empty(),
                            explain)
                    .ifPresent(result::add);
        }
        if (r.state() == EscalationState.ACTIVE && r.plan().isPresent()) {
            CommunicationPlan plan = r.plan().get();
            Instant due = DuePlanner.nextMeeting(r, plan);
            Optional<Instant> lastHeld = lastHeldSince(r, plan);
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
            EscalationRecord r,
            SlaPolicy p,
            DueKind kind,
            List<Interval> pauses,
            Optional<Instant> metAt,
            boolean explain) {
        Optional<Duration> budget = p.target(kind, r.criticality());
        if (budget.isEmpty()) {
            return Optional.empty();
        }
        SlaCalendar which = p.calendar(kind);
        BusinessCalendar cal = vendor;
        if (which == SlaCalendar.CUSTOMER_CONTRACT) {
            cal = customerCalendar(r.customer()).orElse(vendor);
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

    private static Optional<Instant> firstAt(EscalationRecord r, ProgressKind kind) {
        return r.progress().stream()
                .filter(e -> e.kind() == kind)
                .map(ProgressEntry::at)
                .findFirst();
    }

    private static Optional<Instant> lastAt(EscalationRecord r, ProgressKind kind) {
        Instant last = null;
        for (ProgressEntry e : r.progress()) {
            if (e.kind() == kind) {
                last = e.at();
            }
        }
        return Optional.ofNullable(last);
    }

    private static Optional<Instant> lastHeldSince(EscalationRecord r, CommunicationPlan plan) {
        Instant last = null;
        for (ProgressEntry e : r.progress()) {
            if (e.kind() == ProgressKind.MEETING_HELD && !e.at().isBefore(plan.agreedAt())) {
                last = e.at();
            }
        }
        return Optional.ofNullable(last);
    }

    /** The deadlines as they stand at {@code now}. */
    List<Deadline> deadlines(EscalationRecord r, Instant now) {
        boolean paused = Workflow.isPaused(r);
        List<Deadline> result = new ArrayList<>(3);
        for (Computed c : compute(r, pauses(r, now), true)) {
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
     * The due steps of an escalation: what is not yet met, while it is open and its clock runs. Steps already
     * completed keep their keys (their instants lie before any later pause), so they are not queued again.
     */
    List<DueItem> plan(EscalationRecord r) {
        if (!r.state().isOpen() || Workflow.isPaused(r)) {
            return List.of();
        }
        List<DueItem> items = new ArrayList<>();
        Optional<SlaPolicy> policy = policyOf(r);
        for (Computed c : compute(r, pauses(r, null), false)) {
            if (c.kind() == DueKind.NEXT_MEETING) {
                meetingReminders(r, c.due(), items);
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
        return items;
    }

    /**
     * The meeting reminder goes to the Escalation Manager and the Incident Manager at the due instant; when the
     * customer's contract calendar is closed then, the customer's reminder waits for the customer's next opening
     * (quiet hours) while the manager's is sent on time.
     */
    private void meetingReminders(EscalationRecord r, Instant due, List<DueItem> items) {
        Optional<BusinessCalendar> customer = customerCalendar(r.customer());
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

    private static DueItem item(EscalationRecord r, DueKind kind, String step, Instant at, Map<String, String> data) {
        return new DueItem(DueItem.keyOf(r.id(), kind, step, at), r.id(), r.customer(), kind, step, at, data);
    }
}
