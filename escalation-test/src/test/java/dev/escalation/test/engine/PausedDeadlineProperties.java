package dev.escalation.test.engine;

import static dev.escalation.test.engine.Cast.EVE;
import static dev.escalation.test.engine.Cast.INA;
import static dev.escalation.test.engine.Cast.SAM;
import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.calendar.BusinessCalendar;
import dev.escalation.calendar.Interval;
import dev.escalation.command.Acknowledge;
import dev.escalation.command.PauseClock;
import dev.escalation.command.ResumeClock;
import dev.escalation.model.Criticality;
import dev.escalation.model.DueKind;
import dev.escalation.model.EscalationId;
import dev.escalation.model.StaffId;
import dev.escalation.sla.Deadline;
import dev.escalation.sla.SlaCalendar;
import dev.escalation.spi.DueItem;
import dev.escalation.test.Scenario;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * The resolution deadline through any sequence of pauses and resumes, at any minute of the week: after each command
 * it is the policy's target counted on the coverage calendar from when the escalation was raised, around every pause
 * so far (a running one up to now), computed here with the calendar's own {@code plus}; and it reads paused exactly
 * while a pause runs. The stored due work agrees: nothing of the deadline is planned while a pause runs, and
 * otherwise its warning and breach are planned at the instants the view shows.
 */
class PausedDeadlineProperties {

    private static final Instant FAR = Instant.parse("2030-01-01T00:00:00Z");

    private static final BusinessCalendar COVERAGE = SlaFixtures.coverage(SlaFixtures.holiday("2027-01-20", "Day off"));

    @Provide
    Arbitrary<List<Integer>> gaps() {
        Arbitrary<Integer> minutes = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.integers().between(1, 120)),
                Tuple.of(2, Arbitraries.integers().between(1, 3 * 24 * 60)));
        return minutes.list().ofMinSize(1).ofMaxSize(8);
    }

    @Property(tries = 150)
    void theResolutionDeadlineIsTheTargetCountedAroundEveryPause(
            @ForAll("gaps") List<Integer> gaps, @ForAll("starts") Instant raised) {
        Scenario w = Cast.world(b -> b.slaPolicy(SlaFixtures.V1).coverage(COVERAGE));
        w.clock().set(raised);
        EscalationId id = w.engine().escalate(INA, SlaFixtures.critical()).escalation();
        Instant now = raised.plus(Duration.ofMinutes(5));
        w.clock().set(now);
        w.engine().acknowledge(SAM, new Acknowledge(id, StaffId.of("eve"), "Called Ina"));
        Duration target =
                SlaFixtures.V1.target(DueKind.RESOLUTION, Criticality.CRITICAL).orElseThrow();
        List<Interval> pauses = new ArrayList<>();
        Instant pausedSince = null;
        for (int gap : gaps) {
            Instant probe = now.plus(Duration.ofMinutes(gap / 2)); // between two commands: a running pause grows
            w.clock().set(probe);
            check(w, id, raised, target, pauses, pausedSince, probe);
            now = now.plus(Duration.ofMinutes(gap));
            w.clock().set(now);
            if (pausedSince == null) {
                w.engine().pauseClock(EVE, new PauseClock(id, "waiting for logs"));
                pausedSince = now;
            } else {
                w.engine().resumeClock(EVE, new ResumeClock(id, "logs received"));
                pauses.add(Interval.of(pausedSince, now, "waiting for logs"));
                pausedSince = null;
            }
            check(w, id, raised, target, pauses, pausedSince, now);
        }
    }

    private static void check(
            Scenario w,
            EscalationId id,
            Instant raised,
            Duration target,
            List<Interval> pauses,
            Instant pausedSince,
            Instant now) {
        List<Interval> counted = new ArrayList<>(pauses);
        if (pausedSince != null) {
            counted.add(Interval.of(pausedSince, now, "waiting for logs"));
        }
        Deadline d = w.engine().deadlines(SAM, id).stream()
                .filter(x -> x.kind() == DueKind.RESOLUTION)
                .findFirst()
                .orElseThrow();
        assertThat(d.calendar()).contains(SlaCalendar.VENDOR_COVERAGE);
        assertThat(d.paused()).as("at %s", now).isEqualTo(pausedSince != null);
        assertThat(d.dueAt())
                .as("raised %s, pauses %s, now %s", raised, counted, now)
                .isEqualTo(COVERAGE.plus(raised, target, counted));
        assertThat(d.explain().paused())
                .isEqualTo(COVERAGE.between(raised, d.dueAt()).minus(target));
        // the stored plan: nothing of the deadline fires while paused; else its warning and breach at the view's
        List<DueItem> planned = w.store().dueWork().due(FAR, 500).stream()
                .filter(i -> i.escalation().equals(id) && i.kind() == DueKind.RESOLUTION)
                .toList();
        if (pausedSince != null) {
            assertThat(planned).as("planned while paused at %s", now).isEmpty();
        } else {
            assertThat(planned)
                    .filteredOn(i -> i.step().equals("breach"))
                    .extracting(DueItem::dueAt)
                    .containsExactly(d.dueAt());
            assertThat(planned)
                    .filteredOn(i -> i.step().equals("warning"))
                    .extracting(DueItem::dueAt)
                    .containsExactly(d.warningAt().orElseThrow());
        }
    }

    /** Any minute of a week in January 2027, a Wednesday holiday in it. */
    @Provide
    Arbitrary<Instant> starts() {
        Instant monday = SlaFixtures.berlin("2027-01-18T00:00");
        return Arbitraries.integers().between(-3 * 24 * 60, 4 * 24 * 60).map(m -> monday.plus(Duration.ofMinutes(m)));
    }
}
