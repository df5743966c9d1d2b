package dev.escalation;

import static dev.escalation.World.SAM;
import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.model.Criticality;
import dev.escalation.model.EscalationId;
import dev.escalation.sla.Deadline;
import dev.escalation.sla.SlaPolicy;
import dev.escalation.spi.DueItem;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A policy that sets no warning ({@code warnAt(0)}) plans none: no deadline shows a warning instant, and no warning
 * step is stored, neither on the planning path (the warning and the target from one walk) nor on the explaining one.
 * The smallest warning, 1 %, is planned, so the test sees warnings where there are some.
 */
class NoWarningPolicyTest {

    private static World withWarningAt(int percent) {
        SlaPolicy policy = SlaPolicy.builder("warn-" + percent, 1)
                .firstContact(Criticality.HIGH, Duration.ofHours(4))
                .resolution(Criticality.HIGH, Duration.ofHours(40))
                .warnAt(percent)
                .build();
        return new World(b -> b.slaPolicy(policy));
    }

    @Test
    void aPolicyWithoutAWarningPlansNone() {
        World w = withWarningAt(0);
        EscalationId id = w.escalated();

        List<Deadline> deadlines = w.engine.deadlines(SAM, id);
        assertThat(deadlines)
                .isNotEmpty()
                .allSatisfy(d -> assertThat(d.warningAt()).isEmpty());
        assertThat(plannedSteps(w)).isNotEmpty().doesNotContain("warning");
    }

    @Test
    void theSmallestWarningIsPlanned() {
        World w = withWarningAt(1);
        EscalationId id = w.escalated();

        assertThat(w.engine.deadlines(SAM, id))
                .isNotEmpty()
                .allSatisfy(d -> assertThat(d.warningAt()).isPresent());
        assertThat(plannedSteps(w)).contains("warning");
    }

    private static List<String> plannedSteps(World w) {
        return w.memoryStore.dueWork().due(Instant.parse("2100-01-01T00:00:00Z"), 500).stream()
                .map(DueItem::step)
                .toList();
    }
}
