package dev.escalation;

import static dev.escalation.World.INA;
import static dev.escalation.World.SAM;
import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.model.Criticality;
import dev.escalation.model.DueKind;
import dev.escalation.model.EscalationId;
import dev.escalation.model.EscalationSummary;
import dev.escalation.model.PageRequest;
import dev.escalation.sla.SlaPolicy;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A contact's list shows a summary's next deadline only if the escalation's own policy version shows contacts that
 * kind, when the versions an engine knows disagree on it. Two edges of that rule: an escalation under a version this
 * engine does not know (written by another engine on the same store), and one without a policy at all.
 */
class ContactSummaryPolicyVersionTest {

    /** Shows contacts every kind. */
    private static final SlaPolicy OPEN = SlaPolicy.builder("open", 1)
            .firstContact(Criticality.HIGH, Duration.ofHours(4))
            .resolution(Criticality.HIGH, Duration.ofHours(40))
            .customerVisible(DueKind.FIRST_CONTACT, DueKind.RESOLUTION, DueKind.NEXT_MEETING)
            .build();

    /** Shows contacts the first contact only: neither the resolution target nor the next meeting. */
    private static SlaPolicy closed(String id) {
        return SlaPolicy.builder(id, 1)
                .firstContact(Criticality.HIGH, Duration.ofHours(4))
                .resolution(Criticality.HIGH, Duration.ofHours(40))
                .customerVisible(DueKind.FIRST_CONTACT)
                .build();
    }

    private static EscalationSummary listedFor(World w, EscalationId id) {
        return w.engine.escalationsOfCustomer(INA, CustomerQuery.all(), PageRequest.first(10)).items().stream()
                .filter(s -> s.id().equals(id))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void underAVersionThisEngineDoesNotKnowTheNextDeadlineIsHidden() {
        SlaPolicy legacy = closed("legacy");
        World writer = new World(b -> b.slaPolicy(OPEN).slaPolicies(legacy));
        EscalationId id = writer.acknowledged();
        writer.engine.operations().migratePolicy(SAM, id, legacy.ref());
        assertThat(writer.stored(id).facts().nextDeadline())
                .hasValueSatisfying(d -> assertThat(d.kind()).isEqualTo(DueKind.RESOLUTION));

        World reader = new World(b -> b.slaPolicy(OPEN).slaPolicies(closed("standard")), writer.memoryStore);

        assertThat(listedFor(reader, id).nextDeadline()).isEmpty();
        assertThat(listedFor(writer, id).nextDeadline())
                .as("its writer knows the version: hidden too")
                .isEmpty();
    }

    @Test
    void withoutAPolicyTheNextMeetingIsShown() {
        World writer = new World();
        EscalationId id = writer.active();
        assertThat(writer.stored(id).facts().nextDeadline())
                .hasValueSatisfying(d -> assertThat(d.kind()).isEqualTo(DueKind.NEXT_MEETING));

        World reader = new World(b -> b.slaPolicy(OPEN).slaPolicies(closed("standard")), writer.memoryStore);

        assertThat(listedFor(reader, id).nextDeadline())
                .isEqualTo(writer.stored(id).facts().nextDeadline());
        assertThat(writer.engine.deadlines(INA, id))
                .as("the contact's deadlines without a policy: the next meeting")
                .extracting(d -> d.kind())
                .containsExactly(DueKind.NEXT_MEETING);
    }
}
