package dev.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.calendar.BusinessCalendar;
import dev.escalation.model.CalendarSpec;
import dev.escalation.model.Channel;
import dev.escalation.model.CommunicationPlan;
import dev.escalation.model.Criticality;
import dev.escalation.model.CustomerId;
import dev.escalation.model.DueKind;
import dev.escalation.model.EscalationId;
import dev.escalation.model.EscalationState;
import dev.escalation.model.PolicyRef;
import dev.escalation.sla.SlaCalendar;
import dev.escalation.sla.SlaPolicy;
import dev.escalation.spi.ExcludedSpan;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * The {@link PlanMemo.Key} holds exactly what the plan reads: two escalations whose keys are equal plan equally (the
 * facts it leaves out do not change the plan), and the memoised planner, fed escalations that differ in random facts
 * one after the other (so that an entry computed from one is returned for the other when their keys are equal), plans
 * what the planner computing every time plans. Random states (all seven), criticalities, policies (with and without a
 * contact target, a customer-calendar first contact or resolution, missed meetings; none; one not registered),
 * plans, contacts, meetings, closed spans, running pauses and their reasons, instants of the write and customer
 * calendars, around the spring DST switch and Good Friday 2027.
 */
class PlanMemoKeyProperties {
    private static final Instant BASE = SlaFixtures.EASTER_WEEK;
    private static final BusinessCalendar COVERAGE = SlaFixtures.easterCoverage();
    /** A contact target, resolution in the customer's calendar, missed meetings. */
    private static final SlaPolicy CONTACT = SlaFixtures.everyStep("contact");
    /** No contact target (as the benchmarks' policy), first contact in the customer's calendar, no resolution for HIGH. */
    private static final SlaPolicy PLAIN = SlaPolicy.builder("plain", 1)
            .firstContact(Criticality.CRITICAL, Duration.ofHours(1))
            .firstContact(Criticality.HIGH, Duration.ofHours(4))
            .resolution(Criticality.CRITICAL, Duration.ofHours(16))
            .measure(DueKind.FIRST_CONTACT, SlaCalendar.CUSTOMER_CONTRACT)
            .warnAt(75)
            .repeatAfterBreach(Duration.ofHours(2), 2)
            .build();

    private static final List<Optional<PolicyRef>> POLICIES = List.of(
            Optional.empty(),
            Optional.of(CONTACT.ref()),
            Optional.of(PLAIN.ref()),
            Optional.of(new PolicyRef("unknown", 1)));
    private static final List<Optional<CalendarSpec>> SPECS = SlaFixtures.CUSTOMER_CALENDARS;
    private static final EscalationState[] STATES = EscalationState.values();
    private static final CustomerId TENANT = CustomerId.of("acme");

    /** The facts of an escalation as small numbers (so that they repeat), one per component of {@link SlaSubject}. */
    private static final int[] RANGES = {
        2, // 0 escalation
        STATES.length, // 1 state
        2, // 2 criticality
        2, // 3 raised
        POLICIES.size(), // 4 policy
        4, // 5 plan: none, three plans (two share cadence and first meeting, not agreement)
        5, // 6 acknowledged (-1..3)
        5, // 7 resolved
        5, // 8 last meeting held
        3, // 9 closed span: none, two reasons
        5, // 10 paused since
        3, // 11 pause reason: none, two texts
        5, // 12 last contact
        4, // 13 instant of the write
        3 // 14 customer calendar
    };

    /**
     * Two escalations: the first's facts at random, the second's the same but for one or two facts drawn again, so
     * that many pairs differ only in facts the plan may not read.
     */
    @Provide
    Arbitrary<int[][]> pairs() {
        List<Arbitrary<Integer>> fields = new ArrayList<>();
        for (int range : RANGES) {
            fields.add(Arbitraries.integers().between(0, range - 1));
        }
        Arbitrary<List<Integer>> facts =
                net.jqwik.api.Combinators.combine(fields).as(List::copyOf);
        Arbitrary<Integer> which = Arbitraries.integers().between(0, RANGES.length - 1);
        Arbitrary<Integer> value = Arbitraries.integers().between(0, 1000);
        return net.jqwik.api.Combinators.combine(facts, which, value, which, value, Arbitraries.of(true, false))
                .as((list, k1, v1, k2, v2, twice) -> {
                    int[] a = new int[RANGES.length];
                    for (int i = 0; i < a.length; i++) {
                        a[i] = list.get(i);
                    }
                    int[] b = a.clone();
                    b[k1] = v1 % RANGES[k1];
                    if (twice) {
                        b[k2] = v2 % RANGES[k2];
                    }
                    return new int[][] {a, b};
                });
    }

    @Property(tries = 2000)
    void escalationsWithEqualKeysPlanEqually(@ForAll("pairs") int[][] pair) {
        SlaClock clock = clock();
        DuePlanner planner = new DuePlanner(clock);
        Facts a = facts(pair[0]);
        Facts b = facts(pair[1].clone());
        b = new Facts(b.subject(), b.id(), a.now(), a.spec()); // the same write instant and calendar
        boolean open = a.subject().state().isOpen() && b.subject().state().isOpen();
        boolean equal = open && key(a, clock).equals(key(b, clock));
        Statistics.label("equal keys")
                .collect(!open ? "final" : equal ? (a.equals(b) ? "equal facts" : "equal keys, other facts") : "other");
        Statistics.label("equal keys")
                .coverage(c -> c.check("equal keys, other facts").percentage(p -> p > 5.0));
        if (!equal) {
            return;
        }
        Object planA = plan(planner, a, false);
        Object planB = plan(planner, b, false);
        assertThat(planB).as("%s / %s", a, b).isEqualTo(planA);
    }

    @Property(tries = 2000)
    void theMemoisedPlanIsTheComputedPlanAcrossKeys(@ForAll("pairs") int[][] pair) {
        SlaClock clock = clock();
        DuePlanner planner = new DuePlanner(clock);
        Facts a = facts(pair[0]);
        Facts b = facts(pair[1]);
        if (pair[1][13] % 2 == 0) {
            b = new Facts(b.subject(), b.id(), a.now(), b.spec()); // often the same write instant (pauses count to it)
        }
        Object slowA = plan(planner, a, false);
        Object slowB = plan(planner, b, false);
        assertThat(plan(planner, a, true)).as("%s", a).isEqualTo(slowA);
        assertThat(plan(planner, b, true)).as("%s after %s", b, a).isEqualTo(slowB);
        assertThat(plan(planner, a, true)).as("%s after %s", a, b).isEqualTo(slowA);
    }

    /** One escalation's facts with the write's instant and the customer's calendar. */
    record Facts(SlaSubject subject, EscalationId id, Instant now, Optional<CalendarSpec> spec) {}

    private static SlaClock clock() {
        return new SlaClock(Map.of(CONTACT.ref(), CONTACT, PLAIN.ref(), PLAIN), COVERAGE, code -> null);
    }

    private static PlanMemo.Key key(Facts f, SlaClock clock) {
        Instant pausedAt = f.subject().pausedSince().isPresent() ? f.now() : null;
        return PlanMemo.Key.of(f.subject(), f.id(), TENANT, pausedAt, clock);
    }

    /** The plan, or the exception's class and message (an unknown policy fails alike). */
    private static Object plan(DuePlanner planner, Facts f, boolean memoised) {
        Supplier<Optional<CalendarSpec>> customer = f::spec;
        try {
            return planner.plan(f.subject(), f.id(), TENANT, Optional.empty(), f.now(), customer, memoised);
        } catch (UnknownPolicyException e) {
            return e.getClass() + ": " + e.getMessage();
        }
    }

    private static Optional<Instant> at(Instant raised, int n) {
        return n == 0 ? Optional.empty() : Optional.of(raised.plus(Duration.ofMinutes(95L * (n - 1) + 10)));
    }

    private static Facts facts(int[] f) {
        EscalationId id = EscalationId.of("E-" + f[0]);
        Instant raised = BASE.plus(Duration.ofMinutes(170L * f[3]));
        Optional<CommunicationPlan> plan = switch (f[5]) {
            case 0 -> Optional.empty();
            case 1 ->
                Optional.of(new CommunicationPlan(
                        Duration.ofDays(1), Channel.VIDEO_CALL, raised.plus(Duration.ofMinutes(90)), raised));
            case 2 ->
                Optional.of(new CommunicationPlan(
                        Duration.ofDays(1),
                        Channel.PHONE,
                        raised.plus(Duration.ofMinutes(90)),
                        raised.plusSeconds(60)));
            default ->
                Optional.of(new CommunicationPlan(
                        Duration.ofHours(5), Channel.VIDEO_CALL, raised.plus(Duration.ofMinutes(150)), raised));
        };
        List<ExcludedSpan> excluded = new ArrayList<>();
        if (f[9] > 0) {
            Instant from = raised.plus(Duration.ofMinutes(45));
            excluded.add(new ExcludedSpan(
                    from,
                    from.plus(Duration.ofMinutes(90)),
                    f[9] == 1 ? ExcludedSpan.Kind.PAUSED : ExcludedSpan.Kind.RESOLVED_UNTIL_REOPENED,
                    Optional.of("waiting")));
        }
        Optional<Instant> pausedSince = at(raised, f[10] == 0 ? 0 : f[10] + 1);
        Optional<String> reason = f[11] == 0 ? Optional.empty() : Optional.of(f[11] == 1 ? "customer away" : " ");
        SlaSubject subject = new SlaSubject(
                Optional.of(id),
                STATES[f[1]],
                f[2] == 0 ? Criticality.CRITICAL : Criticality.HIGH,
                raised,
                POLICIES.get(f[4]),
                plan,
                at(raised, f[6]),
                at(raised, f[7] == 0 ? 0 : f[7] + 2),
                at(raised, f[8]),
                excluded,
                pausedSince,
                reason,
                at(raised, f[12]));
        Instant now = raised.plus(Duration.ofHours(7L * f[13]));
        return new Facts(subject, id, now, SPECS.get(f[14]));
    }
}
