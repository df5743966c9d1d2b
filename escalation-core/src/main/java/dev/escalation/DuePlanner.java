package dev.escalation;

import dev.escalation.calendar.BusinessCalendar;
import dev.escalation.model.CalendarSpec;
import dev.escalation.model.CustomerId;
import dev.escalation.model.DeadlineMark;
import dev.escalation.model.DueKind;
import dev.escalation.model.EscalationId;
import dev.escalation.model.ImprovementAction;
import dev.escalation.model.LessonsLearned;
import dev.escalation.model.PolicyRef;
import dev.escalation.sla.EscalationChain;
import dev.escalation.sla.SlaPolicy;
import dev.escalation.spi.DueItem;
import dev.escalation.spi.StoredEscalation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Plans an escalation's due work and next deadline from the deadlines the {@link SlaClock} derives, so the same facts
 * always give the same steps (nothing drifts): while ACTIVE with a plan and a running clock, the meeting reminders;
 * with an SLA policy, the warning, breach and repeat steps of first contact and resolution until they are met. Each
 * step is a typed {@link DueStep} whose recipients are decided here. Steps already completed keep their keys (their
 * instants lie before any later pause), so they are not queued again.
 */
final class DuePlanner {
    private final SlaClock sla;
    private final PlanMemo memo = new PlanMemo();
    /** {@link PolicyRef#toString()} of each registered policy (the due items' {@code policy} data), written once. */
    private final Map<PolicyRef, String> policyTexts;

    DuePlanner(SlaClock sla) {
        this.sla = sla;
        Map<PolicyRef, String> texts = new java.util.HashMap<>();
        for (PolicyRef ref : sla.known()) {
            texts.put(ref, ref.toString());
        }
        this.policyTexts = Map.copyOf(texts);
    }

    /** {@code ref.toString()}: the registered policies' text written once. */
    private String policyText(PolicyRef ref) {
        String text = policyTexts.get(ref);
        return text != null ? text : ref.toString();
    }

    SlaClock sla() {
        return sla;
    }

    /**
     * What a write stores: the due items and the earliest unmet deadline.
     *
     * @param items        the due items (empty while the clock is paused or the escalation is final)
     * @param nextDeadline the earliest deadline not met yet, as it stands at the write (a running pause counted up
     *                     to then)
     */
    record Plan(List<DueItem> items, Optional<DeadlineMark> nextDeadline) {}

    /**
     * One planned step.
     *
     * @param kind which deadline
     * @param step what falls due, and for whom
     * @param at   when
     * @param data what the notification needs ({@code dueAt}, {@code policy}) and the step's {@link DueStep#marker()}
     */
    record Step(DueKind kind, DueStep step, Instant at, Map<String, String> data) {}

    /**
     * What a write of {@code r} stores: its due items and its next deadline.
     *
     * @param r        the escalation as it will be stored (facts up to date but for the next deadline)
     * @param now      the write's instant
     * @param customer the customer's contract calendar, asked for only if a deadline needs it
     * @return the plan
     */
    Plan plan(StoredEscalation r, Instant now, Supplier<Optional<CalendarSpec>> customer) {
        return plan(r, now, customer, true);
    }

    /** {@link #plan(StoredEscalation, Instant, Supplier)}, with or without the {@link PlanMemo} (tests compare). */
    Plan plan(StoredEscalation r, Instant now, Supplier<Optional<CalendarSpec>> customer, boolean memoised) {
        return plan(SlaSubject.of(r), r.id(), r.customer(), r.lessonsLearned(), now, customer, memoised);
    }

    /** {@link #plan(StoredEscalation, Instant, Supplier)} from the record's inputs (see the next method), memoised. */
    Plan plan(
            SlaSubject s,
            EscalationId id,
            CustomerId tenant,
            Optional<LessonsLearned> lessonsLearned,
            Instant now,
            Supplier<Optional<CalendarSpec>> customer) {
        return plan(s, id, tenant, lessonsLearned, now, customer, true);
    }

    /**
     * {@link #plan(StoredEscalation, Instant, Supplier)} from the inputs it reads of the record, so a write builds its
     * record once, after planning: the SLA facts, the escalation, its tenant and its lessons learned.
     */
    Plan plan(
            SlaSubject s,
            EscalationId id,
            CustomerId tenant,
            Optional<LessonsLearned> lessonsLearned,
            Instant now,
            Supplier<Optional<CalendarSpec>> customer,
            boolean memoised) {
        List<DueItem> reminders = actionReminders(id, tenant, lessonsLearned);
        if (!s.state().isOpen()) {
            return new Plan(reminders, Optional.empty());
        }
        boolean paused = s.pausedSince().isPresent();
        if (!memoised) {
            List<DueItem> items = new ArrayList<>(reminders);
            return new Plan(items, deadlines(id, tenant, s, paused ? now : null, customer, items));
        }
        PlanMemo.Key key = PlanMemo.Key.of(s, id, tenant, paused ? now : null, sla);
        int hash = PlanMemo.hash(key);
        PlanMemo.Entry hit = memo.get(key, hash, customer);
        if (hit != null) {
            return new Plan(concat(reminders, hit.items()), hit.next());
        }
        PlanMemo.Recording recording = new PlanMemo.Recording(customer);
        List<DueItem> due = new ArrayList<>(8);
        Optional<DeadlineMark> next = deadlines(id, tenant, s, key.pausedAt(), recording, due);
        List<DueItem> kept = List.copyOf(due);
        memo.put(key, hash, recording, kept, next);
        return new Plan(concat(reminders, kept), next);
    }

    /**
     * {@code first} followed by {@code memoised} (immutable, the memo's): without reminders the memo's list itself, so
     * the write's {@code List.copyOf} takes it as it is (no list made and copied per command).
     */
    private static List<DueItem> concat(List<DueItem> first, List<DueItem> memoised) {
        if (first.isEmpty()) {
            return memoised;
        }
        List<DueItem> all = new ArrayList<>(first.size() + memoised.size());
        all.addAll(first);
        all.addAll(memoised);
        return all;
    }

    /** Adds the due items of the deadlines (none while paused) to {@code items}; returns the next deadline. */
    private Optional<DeadlineMark> deadlines(
            EscalationId id,
            CustomerId tenant,
            SlaSubject s,
            @Nullable Instant pausedAt,
            Supplier<Optional<CalendarSpec>> customer,
            List<DueItem> items) {
        List<SlaClock.Computed> computed = sla.compute(s, SlaClock.pauses(s, pausedAt), false, customer);
        SlaClock.Computed earliest = null;
        for (SlaClock.Computed c : computed) { // the first of the earliest unmet, as Stream.min picks it
            if (c.metAt().isEmpty() && (earliest == null || c.due().compareTo(earliest.due()) < 0)) {
                earliest = c;
            }
        }
        Optional<DeadlineMark> next =
                earliest == null ? Optional.empty() : Optional.of(new DeadlineMark(earliest.kind(), earliest.due()));
        if (pausedAt != null) {
            return next;
        }
        steps(s, computed, customer, new Items(id, tenant, items));
        return next;
    }

    /** Where the planned steps go, in order: a list of {@link Step}s (what-if) or the due items themselves (a write). */
    private interface Sink {
        void add(DueKind kind, DueStep step, Instant at, Map<String, String> data);
    }

    /** Adds a due item per step to a list (no {@link Step} in between). */
    private static final class Items implements Sink {
        private final EscalationId id;
        private final CustomerId tenant;
        private final List<DueItem> items;
        /** The data of the step before, and the map its item copied it to. */
        private @Nullable Map<String, String> last;

        private @Nullable Map<String, String> shared;

        Items(EscalationId id, CustomerId tenant, List<DueItem> items) {
            this.id = id;
            this.tenant = tenant;
            this.items = items;
        }

        @Override
        public void add(DueKind kind, DueStep step, Instant at, Map<String, String> data) {
            String name = step.name();
            DueItem item = new DueItem(
                    DueItem.keyOf(id, kind, name, at),
                    id,
                    tenant,
                    kind,
                    name,
                    at,
                    data == last ? Objects.requireNonNull(shared) : data);
            items.add(item);
            last = data;
            shared = item.data(); // the steps of one deadline share one map: copied once, not per item
        }
    }

    /**
     * The steps a hypothetical escalation would plan at the instant it is raised, as a what-if projects them.
     *
     * @param s        the hypothetical escalation
     * @param customer the customer's contract calendar, if any
     * @return the steps, earliest first
     */
    List<Step> projected(SlaSubject s, Optional<CalendarSpec> customer) {
        List<SlaClock.Computed> computed = sla.compute(s, SlaClock.pauses(s, null), false, () -> customer);
        List<Step> steps = new ArrayList<>();
        steps(s, computed, () -> customer, (kind, step, at, data) -> steps.add(new Step(kind, step, at, data)));
        steps.sort(Comparator.comparing(Step::at)
                .thenComparing(x -> x.kind().name())
                .thenComparing(x -> x.step().name()));
        return steps;
    }

    /** The unmet deadlines' steps, in order, to {@code steps} (the caller ensures the clock runs). */
    private void steps(
            SlaSubject s, List<SlaClock.Computed> computed, Supplier<Optional<CalendarSpec>> customer, Sink steps) {
        Optional<SlaPolicy> policy = sla.policyOf(s);
        for (SlaClock.Computed c : computed) {
            if (c.kind() == DueKind.NEXT_MEETING) {
                meetingReminders(c.due(), steps, customer);
                if (policy.isPresent() && policy.get().missedMeetingAfter().isPresent()) {
                    missed(c.due(), policy.get().missedMeetingAfter().get(), policy.get(), s, steps);
                }
                continue;
            }
            if (c.metAt().isPresent() || policy.isEmpty()) {
                continue;
            }
            Map<String, String> data = Map.of(
                    "dueAt",
                    Instants.iso(c.due()),
                    "policy",
                    policyText(s.policy().get()));
            if (c.warnAt().isPresent()) {
                steps.add(c.kind(), DueStep.WARNING, c.warnAt().get(), data);
            }
            steps.add(c.kind(), DueStep.BREACH, c.due(), data);
            Optional<Duration> every = policy.get().repeatEvery();
            for (int i = 1; every.isPresent() && i <= policy.get().maxRepeats(); i++) {
                steps.add(c.kind(), DueStep.repeat(i), times(c.due(), every.get(), i), data);
            }
        }
    }

    /**
     * A meeting due at {@code due} and not held {@code grace} later escalates along the chain: breach level, then the
     * policy's repeats. Their texts name the meeting's time ({@code dueAt}), not the end of the grace.
     */
    private void missed(Instant due, Duration grace, SlaPolicy policy, SlaSubject s, Sink steps) {
        Instant at = due.plus(grace);
        Map<String, String> data = Map.of(
                "dueAt", Instants.iso(due), "policy", policyText(s.policy().orElseThrow()));
        steps.add(DueKind.NEXT_MEETING, DueStep.MEETING_MISSED, at, data);
        Optional<Duration> every = policy.repeatEvery();
        for (int i = 1; every.isPresent() && i <= policy.maxRepeats(); i++) {
            steps.add(DueKind.NEXT_MEETING, DueStep.missedRepeat(i), times(at, every.get(), i), data);
        }
    }

    /**
     * {@code at.plus(every.multipliedBy(i))} without the {@link java.math.BigDecimal} arithmetic of {@link
     * Duration#multipliedBy}: the same instant (seconds and nanoseconds multiplied exactly, overflow still throws).
     */
    static Instant times(Instant at, Duration every, int i) {
        return at.plusSeconds(Math.multiplyExact(every.getSeconds(), (long) i)).plusNanos((long) every.getNano() * i);
    }

    /** Reminders to the owners of open improvement actions with a due date (kept after closing; none if withdrawn). */
    private static List<DueItem> actionReminders(
            EscalationId id, CustomerId tenant, Optional<LessonsLearned> lessonsLearned) {
        if (lessonsLearned.isEmpty() || lessonsLearned.get().actions().isEmpty()) {
            return List.of(); // most escalations: no list made
        }
        List<DueItem> items = new ArrayList<>();
        List<ImprovementAction> actions = lessonsLearned.get().actions();
        for (int i = 0; i < actions.size(); i++) {
            ImprovementAction a = actions.get(i);
            if (a.status() == ImprovementAction.Status.OPEN && a.due().isPresent()) {
                DueStep step = DueStep.actionDue(i);
                items.add(new DueItem(
                        DueItem.keyOf(
                                id,
                                DueKind.IMPROVEMENT_ACTION,
                                step.name(),
                                a.due().get()),
                        id,
                        tenant,
                        DueKind.IMPROVEMENT_ACTION,
                        step.name(),
                        a.due().get(),
                        Map.of("dueAt", Instants.iso(a.due().get()))));
            }
        }
        return items;
    }

    /** Who a step notifies, in words (for what-if projections): the policy's chain level, if it sets a chain. */
    String describe(SlaSubject s, Step step) {
        Optional<EscalationChain> chain = sla.policyOf(s).flatMap(SlaPolicy::chain);
        int level = step.step().chainLevel();
        if (chain.isEmpty() || level < 0) {
            return step.step().recipients().description();
        }
        return EscalationChain.describe(level(chain.get(), level));
    }

    /** The targets of a chain level (see {@link DueStep#chainLevel()}). */
    static List<EscalationChain.Target> level(EscalationChain chain, int level) {
        return level == 0 ? chain.warning() : level == 1 ? chain.breach() : chain.repeat(level - 1);
    }

    /**
     * The meeting reminder goes to the Escalation Manager and the Incident Manager at the due instant; when the
     * customer's contract calendar is closed then, the customer's reminder waits for the customer's next opening
     * (quiet hours) while the manager's is sent on time.
     */
    private void meetingReminders(Instant due, Sink steps, Supplier<Optional<CalendarSpec>> spec) {
        Optional<CalendarSpec> asked = spec.get();
        BusinessCalendar customer = asked.isPresent() ? sla.build(asked.get()) : null;
        if (customer != null && customer.hasOpeningHours() && !customer.isOpen(due)) {
            DueStep staff = DueStep.STAFF_MEETING_REMINDER;
            steps.add(DueKind.NEXT_MEETING, staff, due, staff.marker());
            DueStep contact = DueStep.CUSTOMER_MEETING_REMINDER;
            Map<String, String> data = new LinkedHashMap<>(contact.marker());
            data.put("dueAt", Instants.iso(due));
            steps.add(DueKind.NEXT_MEETING, contact, customer.nextOpening(due), data);
        } else {
            steps.add(DueKind.NEXT_MEETING, DueStep.MEETING_REMINDER, due, Map.of());
        }
    }
}
