package dev.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.calendar.BusinessCalendar;
import dev.escalation.model.CalendarSpec;
import dev.escalation.model.Channel;
import dev.escalation.model.CommunicationPlan;
import dev.escalation.model.Criticality;
import dev.escalation.model.EscalationId;
import dev.escalation.model.EscalationState;
import dev.escalation.model.ImprovementAction;
import dev.escalation.model.LessonsLearned;
import dev.escalation.sla.SlaPolicy;
import dev.escalation.spi.EscalationFacts;
import dev.escalation.spi.ExcludedSpan;
import dev.escalation.spi.StoredEscalation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The memoised planner (the fast path) plans exactly what the planner computing every time plans, over random
 * sequences of writes to a few escalations (so that many writes repeat the SLA inputs of an earlier one and hit the
 * memo), with running pauses, closed spans, plans, contacts, states, and a customer contract calendar that changes
 * between writes (the memo must ask for it again). Generated around the spring DST switch and Good Friday 2027.
 */
class PlanMemoProperties {
    private static final Instant BASE = SlaFixtures.EASTER_WEEK;
    private static final BusinessCalendar COVERAGE = SlaFixtures.easterCoverage();
    /** Resolution in the customer's calendar, contact targets, missed meetings, repeats and a warning. */
    private static final SlaPolicy POLICY = SlaFixtures.everyStep("memo");

    private static final List<Optional<CalendarSpec>> SPECS = SlaFixtures.CUSTOMER_CALENDARS;
    private static final List<EscalationState> STATES = List.of(
            EscalationState.REQUESTED,
            EscalationState.ACKNOWLEDGED,
            EscalationState.ACTIVE,
            EscalationState.RESOLVED,
            EscalationState.CLOSED,
            EscalationState.WITHDRAWN);

    /** One write: which escalation, its SLA facts (as small numbers, so that they repeat), the instant, the spec. */
    record Write(
            int escalation,
            int state,
            boolean critical,
            int raised,
            int acknowledged,
            int contact,
            int paused,
            int closedSpan,
            int plan,
            int now,
            int spec) {}

    @Provide
    Arbitrary<List<Write>> writes() {
        Arbitrary<Integer> small = Arbitraries.integers().between(-1, 3);
        Arbitrary<Write> write = Combinators.combine(
                        Combinators.combine(
                                        Arbitraries.integers().between(0, 2),
                                        Arbitraries.integers().between(0, STATES.size() - 1),
                                        Arbitraries.of(true, false),
                                        Arbitraries.integers().between(0, 2),
                                        small,
                                        small,
                                        small,
                                        small)
                                .as((e, s, c, r, a, k, p, x) -> new int[] {e, s, c ? 1 : 0, r, a, k, p, x}),
                        small,
                        Arbitraries.integers().between(0, 3),
                        Arbitraries.integers().between(0, SPECS.size() - 1))
                .as((f, plan, now, spec) ->
                        new Write(f[0], f[1], f[2] == 1, f[3], f[4], f[5], f[6], f[7], plan, now, spec));
        return write.list().ofMinSize(1).ofMaxSize(30);
    }

    @Property(tries = 1000)
    void theMemoisedPlanIsTheComputedPlan(@ForAll("writes") List<Write> writes) {
        SlaClock clock = new SlaClock(Map.of(POLICY.ref(), POLICY), COVERAGE, code -> null);
        DuePlanner planner = new DuePlanner(clock);
        for (Write w : writes) {
            StoredEscalation r = record(w);
            Instant now = r.raisedAt().plus(Duration.ofHours(7L * w.now()));
            Optional<CalendarSpec> spec = SPECS.get(w.spec());
            Supplier<Optional<CalendarSpec>> customer = () -> spec;
            DuePlanner.Plan slow = planner.plan(r, now, customer, false);
            DuePlanner.Plan fast = planner.plan(r, now, customer, true);
            DuePlanner.Plan again = planner.plan(r, now, customer, true);
            assertThat(fast).as("%s", w).isEqualTo(slow);
            assertThat(again).as("%s", w).isEqualTo(slow);
        }
    }

    /**
     * With improvement actions (their reminders come first, then the deadlines' items, shared from the memo when there
     * are none), the memoised plan is the computed one: same items in the same order, same next deadline.
     */
    @Property(tries = 1000)
    void theMemoisedPlanWithActionRemindersIsTheComputedPlan(
            @ForAll("writes") List<Write> writes, @ForAll("actionSets") List<Integer> actions) {
        SlaClock clock = new SlaClock(Map.of(POLICY.ref(), POLICY), COVERAGE, code -> null);
        DuePlanner planner = new DuePlanner(clock);
        for (int i = 0; i < writes.size(); i++) {
            Write w = writes.get(i);
            StoredEscalation r = record(w);
            Instant now = r.raisedAt().plus(Duration.ofHours(7L * w.now()));
            Optional<CalendarSpec> spec = SPECS.get(w.spec());
            Supplier<Optional<CalendarSpec>> customer = () -> spec;
            Optional<LessonsLearned> ll = lessons(r.raisedAt(), actions.get(i % actions.size()));
            SlaSubject s = SlaSubject.of(r);
            DuePlanner.Plan slow = planner.plan(s, r.id(), r.customer(), ll, now, customer, false);
            DuePlanner.Plan fast = planner.plan(s, r.id(), r.customer(), ll, now, customer, true);
            DuePlanner.Plan again = planner.plan(s, r.id(), r.customer(), ll, now, customer, true);
            assertThat(fast).as("%s %s", w, ll).isEqualTo(slow);
            assertThat(again).as("%s %s", w, ll).isEqualTo(slow);
        }
    }

    /** Per write: -1 no lessons learned, else that many actions (open with a due date, open without, done). */
    @Provide
    Arbitrary<List<Integer>> actionSets() {
        return Arbitraries.integers().between(-1, 4).list().ofMinSize(1).ofMaxSize(5);
    }

    private static Optional<LessonsLearned> lessons(Instant raised, int actions) {
        if (actions < 0) {
            return Optional.empty();
        }
        List<ImprovementAction> list = new ArrayList<>();
        for (int k = 0; k < actions; k++) {
            list.add(new ImprovementAction(
                    "action " + k,
                    "S-owner",
                    k == 1 ? Optional.empty() : Optional.of(raised.plus(Duration.ofDays(3L + k))),
                    k == 3
                            ? ImprovementAction.Status.values()[ImprovementAction.Status.values().length - 1]
                            : ImprovementAction.Status.OPEN));
        }
        return Optional.of(
                new LessonsLearned(LessonsLearned.Status.HELD, Optional.of(raised), List.of(), "findings", list, ""));
    }

    /** {@code budget.multipliedBy(percent).dividedBy(100)} is what the exact long arithmetic gives. */
    @Property(tries = 3000)
    void percentOfIsTheDurationArithmetic(@ForAll("budgets") Duration budget, @ForAll("percents") int percent) {
        Duration expected;
        try {
            expected = budget.multipliedBy(percent).dividedBy(100);
        } catch (ArithmeticException e) {
            expected = null;
        }
        if (expected == null) {
            Duration b = budget;
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> SlaClock.percentOf(b, percent))
                    .isInstanceOf(ArithmeticException.class);
        } else {
            assertThat(SlaClock.percentOf(budget, percent)).isEqualTo(expected);
        }
    }

    @Provide
    Arbitrary<Duration> budgets() {
        return Arbitraries.oneOf(
                Arbitraries.longs().between(0, 400 * 3600).map(Duration::ofSeconds),
                Arbitraries.longs().between(-5_000_000_000L, 5_000_000_000L).map(Duration::ofNanos),
                Combinators.combine(
                                Arbitraries.longs().between(Long.MIN_VALUE / 2, Long.MAX_VALUE / 2),
                                Arbitraries.longs().between(0, 999_999_999))
                        .as(Duration::ofSeconds),
                Arbitraries.of(
                        Duration.ZERO,
                        Duration.ofNanos(Long.MAX_VALUE),
                        Duration.ofNanos(Long.MIN_VALUE),
                        Duration.ofNanos(Long.MAX_VALUE / 100 + 1),
                        Duration.ofSeconds(Long.MAX_VALUE, 999_999_999)));
    }

    @Provide
    Arbitrary<Integer> percents() {
        return Arbitraries.integers().between(1, 100);
    }

    private static Optional<Instant> at(Instant raised, int hours) {
        return hours < 0 ? Optional.empty() : Optional.of(raised.plus(Duration.ofMinutes(95L * hours + 10)));
    }

    private static StoredEscalation record(Write w) {
        Instant raised = BASE.plus(Duration.ofMinutes(170L * w.raised()));
        EscalationState state = STATES.get(w.state());
        List<ExcludedSpan> excluded = new ArrayList<>();
        if (w.closedSpan() >= 0) {
            Instant from = raised.plus(Duration.ofMinutes(40L * w.closedSpan() + 5));
            excluded.add(new ExcludedSpan(
                    from, from.plus(Duration.ofMinutes(90)), ExcludedSpan.Kind.PAUSED, Optional.of("waiting")));
        }
        Optional<Instant> paused = at(raised, w.paused() < 0 ? -1 : w.paused() + 2);
        Optional<CommunicationPlan> plan = w.plan() < 0
                ? Optional.empty()
                : Optional.of(new CommunicationPlan(
                        w.plan() % 2 == 0 ? Duration.ofDays(1) : Duration.ofHours(5),
                        Channel.VIDEO_CALL,
                        raised.plus(Duration.ofMinutes(30L + 60L * w.plan())),
                        raised,
                        Optional.empty(),
                        Optional.empty(),
                        CommunicationPlan.Agreement.RECORDED));
        Optional<Instant> acknowledged = at(raised, w.acknowledged());
        EscalationFacts facts = new EscalationFacts(
                3,
                acknowledged,
                state == EscalationState.RESOLVED || state == EscalationState.CLOSED ? at(raised, 6) : Optional.empty(),
                paused,
                paused.map(p -> "customer away"),
                excluded,
                at(raised, w.plan() < 0 ? -1 : w.plan() + 1),
                Optional.empty(),
                Optional.empty(),
                0,
                0,
                false,
                at(raised, w.contact()),
                0);
        return TestRecords.record(
                EscalationId.of("E-" + w.escalation()),
                1,
                state,
                w.critical() ? Criticality.CRITICAL : Criticality.HIGH,
                raised,
                raised,
                plan,
                Optional.of(POLICY.ref()),
                facts);
    }
}
