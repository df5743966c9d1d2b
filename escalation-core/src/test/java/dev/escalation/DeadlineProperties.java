package dev.escalation;

import static dev.escalation.SlaFixtures.V1;
import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.calendar.BusinessCalendar;
import dev.escalation.model.ActorRef;
import dev.escalation.model.CaseId;
import dev.escalation.model.Cause;
import dev.escalation.model.ContactId;
import dev.escalation.model.Criticality;
import dev.escalation.model.CustomerId;
import dev.escalation.model.EscalationId;
import dev.escalation.model.EscalationState;
import dev.escalation.model.ProgressKind;
import dev.escalation.model.Visibility;
import dev.escalation.sla.Deadline;
import dev.escalation.spi.DueItem;
import dev.escalation.spi.EscalationRecord;
import dev.escalation.spi.ProgressEntry;
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
 * Deadlines are a pure function of (recorded history, policy version, calendar data, clock), and pauses only ever
 * push them later. Escalations are generated around the spring DST switch and Good Friday 2027.
 */
class DeadlineProperties {
    private static final Instant BASE = SlaFixtures.berlin("2027-03-22T00:00");
    private static final BusinessCalendar COVERAGE = SlaFixtures.coverage(
            SlaFixtures.holiday("2027-03-26", "Good Friday"), SlaFixtures.holiday("2027-03-29", "Easter Monday"));

    private static SlaClock clock() {
        return new SlaClock(Map.of(V1.ref(), V1), COVERAGE, null, code -> null);
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

    private static EscalationRecord record(int raisedMinute, Criticality criticality, List<int[]> pauses) {
        Instant raised = BASE.plus(Duration.ofMinutes(raisedMinute));
        List<ProgressEntry> log = new ArrayList<>();
        log.add(entry(log, raised, ProgressKind.ESCALATED, ""));
        Instant t = raised;
        for (int[] p : pauses) {
            Instant from = t.plus(Duration.ofMinutes(p[0]));
            Instant to = from.plus(Duration.ofMinutes(p[1]));
            log.add(entry(log, from, ProgressKind.CLOCK_PAUSED, "waiting for customer"));
            log.add(entry(log, to, ProgressKind.CLOCK_RESUMED, ""));
            t = to;
        }
        return new EscalationRecord(
                EscalationId.of("E-p"),
                1,
                CustomerId.of("acme"),
                CaseId.of("C-1"),
                EscalationState.REQUESTED,
                ContactId.of("ina"),
                "m",
                Cause.DATABASE_OUTAGE,
                criticality,
                Optional.empty(),
                raised,
                t,
                Optional.empty(),
                Optional.empty(),
                List.of(),
                Optional.empty(),
                Optional.empty(),
                Optional.of(V1.ref()),
                log);
    }

    private static ProgressEntry entry(List<ProgressEntry> log, Instant at, ProgressKind kind, String text) {
        return new ProgressEntry(log.size() + 1L, at, kind, ActorRef.SYSTEM, Visibility.CUSTOMER, text, Map.of());
    }

    @Property(tries = 200)
    void theSameRecordAndClockGiveTheSameDeadlinesAndSteps(
            @ForAll @IntRange(min = 0, max = 14 * 24 * 60) int raised,
            @ForAll("pauses") List<int[]> pauses,
            @ForAll @IntRange(min = 0, max = 30 * 24 * 60) int nowMinute,
            @ForAll boolean critical) {
        EscalationRecord r = record(raised, critical ? Criticality.CRITICAL : Criticality.HIGH, pauses);
        Instant now = r.raisedAt().plus(Duration.ofMinutes(nowMinute));

        List<Deadline> first = clock().deadlines(r, now);
        List<Deadline> second = clock().deadlines(r, now);

        assertThat(second).isEqualTo(first);
        assertThat(clock().plan(r)).isEqualTo(clock().plan(r));
        assertThat(first).allSatisfy(d -> assertThat(d.explain().end()).isEqualTo(d.dueAt()));
    }

    @Property(tries = 200)
    void pausingNeverMakesADeadlineEarlierAndNeverMovesAStepDueBeforeThePause(
            @ForAll @IntRange(min = 0, max = 14 * 24 * 60) int raised,
            @ForAll("pauses") List<int[]> pauses,
            @ForAll boolean critical) {
        Criticality c = critical ? Criticality.CRITICAL : Criticality.HIGH;
        EscalationRecord without = record(raised, c, List.of());
        EscalationRecord with = record(raised, c, pauses);
        Instant farFuture = without.raisedAt().plus(Duration.ofDays(400));

        List<Deadline> a = clock().deadlines(without, farFuture);
        List<Deadline> b = clock().deadlines(with, farFuture);
        assertThat(b).hasSameSizeAs(a);
        for (int i = 0; i < a.size(); i++) {
            assertThat(b.get(i).dueAt()).isAfterOrEqualTo(a.get(i).dueAt());
        }

        // steps due before the first pause keep their keys, so completed steps are never queued again
        Instant firstPause = with.progress().stream()
                .filter(e -> e.kind() == ProgressKind.CLOCK_PAUSED)
                .map(ProgressEntry::at)
                .findFirst()
                .orElse(farFuture);
        Set<String> keysWith = clock().plan(with).stream().map(DueItem::key).collect(Collectors.toSet());
        assertThat(clock().plan(without))
                .filteredOn(i -> !i.dueAt().isAfter(firstPause))
                .allSatisfy(i -> assertThat(keysWith).contains(i.key()));
    }
}
