package dev.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.model.Criticality;
import dev.escalation.model.DueKind;
import dev.escalation.model.EscalationId;
import dev.escalation.sla.SlaPolicy;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The next deadline an escalation carries (its listings sort and filter by it) is the earliest unmet one; of two due at
 * the same instant, the first in the order the targets are computed (first contact, resolution, customer contact),
 * whatever else changes.
 */
class NextDeadlineTieTest {

    @Test
    void ofTwoDeadlinesDueAtTheSameInstantTheFirstContactIsNext() {
        SlaPolicy tie = SlaPolicy.builder("tie", 1)
                .firstContact(Criticality.HIGH, Duration.ofHours(4))
                .resolution(Criticality.HIGH, Duration.ofHours(4))
                .build();
        World w = new World(b -> b.slaPolicy(tie));
        EscalationId id = w.escalated();

        assertThat(w.stored(id).facts().nextDeadline())
                .hasValueSatisfying(d -> assertThat(d.kind()).isEqualTo(DueKind.FIRST_CONTACT));
        assertThat(w.engine.deadlines(World.SAM, id))
                .as("both due at the same instant")
                .extracting(dev.escalation.sla.Deadline::dueAt)
                .containsOnly(w.stored(id).facts().nextDeadline().orElseThrow().at());
    }
}
