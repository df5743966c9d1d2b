package dev.escalation;

import static dev.escalation.SlaFixtures.V1;
import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.calendar.BusinessCalendar;
import dev.escalation.model.Criticality;
import dev.escalation.model.EscalationId;
import dev.escalation.model.EscalationState;
import dev.escalation.sla.Deadline;
import dev.escalation.spi.DueItem;
import dev.escalation.spi.EscalationFacts;
import dev.escalation.spi.ExcludedSpan;
import dev.escalation.spi.StoredEscalation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Deadlines are a pure function of (stored facts, policy version, calendar data, clock), and pauses only ever push
 * them later. Escalations are generated around the spring DST switch and Good Friday 2027.
 */
class DeadlineProperties {
    private static final Instant BASE = SlaFixtures.berlin("2027-03-22T00:00");
    private static final BusinessCalendar COVERAGE = SlaFixtures.coverage(
            SlaFixtures.holiday("2027-03-26", "Good Friday"), SlaFixtures.holiday("2027-03-29", "Easter Monday"));

    private static SlaClock clock() {
        return new SlaClock(Map.of(V1.ref(), V1), COVERAGE, code -> null);
    }

    /** Pauses as (gap after the previous event, length) in minutes. */
    @Provide
    Arbitrary<List<int[]>> pauses() {
        return Arbitraries.integers()
                .between(0, 3000)
                .list()
                .ofSize(2)
                .map(l -> new int[] {l.get(0), 1 + l.get(1) % 600})
                .list()
                .ofMaxSize(3);
    }

    /** An escalation raised at {@code raisedMinute} whose clock was paused (and resumed) as given, as stored. */
    private static StoredEscalation record(int raisedMinute, Criticality criticality, List<int[]> pauses) {
        Instant raised = BASE.plus(Duration.ofMinutes(raisedMinute));
        List<ExcludedSpan> excluded = new ArrayList<>();
        Instant t = raised;
        for (int[] p : pauses) {
            Instant from = t.plus(Duration.ofMinutes(p[0]));
            Instant to = from.plus(Duration.ofMinutes(p[1]));
            excluded.add(new ExcludedSpan(from, to, ExcludedSpan.Kind.PAUSED, Optional.of("waiting for customer")));
            t = to;
        }
        EscalationFacts facts = new EscalationFacts(
                1 + 2L * pauses.size(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                excluded,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                0,
                0,
                false);
        return TestRecords.record(
                EscalationId.of("E-p"),
                1,
                EscalationState.REQUESTED,
                criticality,
                raised,
                t,
                Optional.empty(),
                Optional.of(V1.ref()),
                facts);
    }

    private static List<Deadline> deadlines(StoredEscalation r, Instant now) {
        return clock().deadlines(SlaSubject.of(r), now, Optional::empty);
    }

    private static List<DueItem> plan(StoredEscalation r) {
        return new DuePlanner(clock()).plan(r, r.updatedAt(), Optional::empty).items();
    }

    @Property(tries = 200)
    void theSameRecordAndClockGiveTheSameDeadlinesAndSteps(
            @ForAll @IntRange(min = 0, max = 14 * 24 * 60) int raised,
            @ForAll("pauses") List<int[]> pauses,
            @ForAll @IntRange(min = 0, max = 30 * 24 * 60) int nowMinute,
            @ForAll boolean critical) {
        StoredEscalation r = record(raised, critical ? Criticality.CRITICAL : Criticality.HIGH, pauses);
        Instant now = r.raisedAt().plus(Duration.ofMinutes(nowMinute));

        List<Deadline> first = deadlines(r, now);
        List<Deadline> second = deadlines(r, now);

        assertThat(second).isEqualTo(first);
        assertThat(plan(r)).isEqualTo(plan(r));
        assertThat(first).allSatisfy(d -> assertThat(d.explain().end()).isEqualTo(d.dueAt()));
    }

    @Property(tries = 200)
    void pausingNeverMakesADeadlineEarlierAndNeverMovesAStepDueBeforeThePause(
            @ForAll @IntRange(min = 0, max = 14 * 24 * 60) int raised,
            @ForAll("pauses") List<int[]> pauses,
            @ForAll boolean critical) {
        Criticality c = critical ? Criticality.CRITICAL : Criticality.HIGH;
        StoredEscalation without = record(raised, c, List.of());
        StoredEscalation with = record(raised, c, pauses);
        Instant farFuture = without.raisedAt().plus(Duration.ofDays(400));

        List<Deadline> a = deadlines(without, farFuture);
        List<Deadline> b = deadlines(with, farFuture);
        assertThat(b).hasSameSizeAs(a);
        for (int i = 0; i < a.size(); i++) {
            assertThat(b.get(i).dueAt()).isAfterOrEqualTo(a.get(i).dueAt());
        }

        // steps due before the first pause keep their keys, so completed steps are never queued again
        Instant firstPause = with.facts().excluded().stream()
                .map(ExcludedSpan::from)
                .findFirst()
                .orElse(farFuture);
        Set<String> keysWith = plan(with).stream().map(DueItem::key).collect(Collectors.toSet());
        assertThat(plan(without))
                .filteredOn(i -> !i.dueAt().isAfter(firstPause))
                .allSatisfy(i -> assertThat(keysWith).contains(i.key()));
    }
}
