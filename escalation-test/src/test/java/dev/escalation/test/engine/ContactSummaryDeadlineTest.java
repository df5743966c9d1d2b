package dev.escalation.test.engine;

import static dev.escalation.test.engine.Cast.INA;
import static dev.escalation.test.engine.Cast.SAM;
import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.CustomerQuery;
import dev.escalation.command.Acknowledge;
import dev.escalation.command.EscalateCase;
import dev.escalation.model.CaseId;
import dev.escalation.model.Cause;
import dev.escalation.model.Criticality;
import dev.escalation.model.DeadlineMark;
import dev.escalation.model.DueKind;
import dev.escalation.model.EscalationId;
import dev.escalation.model.EscalationSummary;
import dev.escalation.model.PageRequest;
import dev.escalation.model.StaffId;
import dev.escalation.sla.Deadline;
import dev.escalation.sla.SlaPolicy;
import dev.escalation.test.Scenario;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A contact's lists show no deadline that {@code deadlines} hides from the contact (the policy's customer-facing kinds,
 * {@link SlaPolicy#isCustomerVisible}): the summary's next deadline (and so its overdue instant) is left out when its
 * kind is internal, as the resolution target is by default; staff see it.
 */
class ContactSummaryDeadlineTest {

    /** Ina's escalation of C-1, acknowledged: first contact met, the (internal) resolution target is next. */
    private static EscalationId acknowledged(Scenario w) {
        EscalationId id = w.engine().escalate(INA, SlaFixtures.critical()).escalation();
        w.engine().acknowledge(SAM, new Acknowledge(id, StaffId.of("eve"), "Called Ina"));
        return id;
    }

    private static Set<DueKind> shownTo(Scenario w, EscalationId id) {
        return w.engine().deadlines(INA, id).stream().map(Deadline::kind).collect(Collectors.toSet());
    }

    private static EscalationSummary listedFor(Scenario w, dev.escalation.Actor actor) {
        List<EscalationSummary> items = w.engine()
                .escalationsOfCustomer(actor, CustomerQuery.all(), PageRequest.first(10))
                .items();
        assertThat(items).hasSize(1);
        return items.get(0);
    }

    @Test
    void anInternalNextDeadlineIsNotInTheContactsListsButInTheDesks() {
        Scenario w = Cast.world(b -> b.slaPolicy(SlaFixtures.V1));
        EscalationId id = acknowledged(w);
        DeadlineMark next = Cast.stored(w, id).facts().nextDeadline().orElseThrow();
        assertThat(next.kind()).isEqualTo(DueKind.RESOLUTION);
        assertThat(shownTo(w, id)).doesNotContain(DueKind.RESOLUTION);

        EscalationSummary listed = listedFor(w, INA);
        assertThat(listed.nextDeadline()).as("ina's list").isEmpty();
        assertThat(listed.overdueSince()).isEmpty();
        assertThat(w.engine()
                        .openEscalationOfCase(INA, CaseId.of("C-1"))
                        .orElseThrow()
                        .nextDeadline())
                .as("ina's open escalation of C-1")
                .isEmpty();
        assertThat(w.engine()
                        .openEscalationOfCase(SAM, CaseId.of("C-1"))
                        .orElseThrow()
                        .nextDeadline())
                .as("the desk's")
                .contains(next);
        assertThat(w.engine()
                        .operations()
                        .inbox(SAM, Set.of(), PageRequest.first(10))
                        .items())
                .singleElement()
                .satisfies(s -> assertThat(s.nextDeadline()).contains(next));
    }

    /** Shows contacts the resolution target too. */
    private static final SlaPolicy OPEN = SlaPolicy.builder("open", 1)
            .firstContact(Criticality.CRITICAL, Duration.ofHours(1))
            .resolution(Criticality.CRITICAL, Duration.ofHours(16))
            .customerVisible(DueKind.FIRST_CONTACT, DueKind.RESOLUTION, DueKind.NEXT_MEETING)
            .build();

    @Test
    void aCustomerVisibleNextDeadlineIsInTheContactsLists() {
        Scenario w = Cast.world(b -> b.slaPolicy(OPEN));
        EscalationId id = acknowledged(w);
        DeadlineMark next = Cast.stored(w, id).facts().nextDeadline().orElseThrow();
        assertThat(shownTo(w, id)).contains(DueKind.RESOLUTION);

        assertThat(listedFor(w, INA).nextDeadline()).contains(next);
        assertThat(w.engine()
                        .openEscalationOfCase(INA, CaseId.of("C-1"))
                        .orElseThrow()
                        .nextDeadline())
                .contains(next);
    }

    @Test
    void whenTheRegisteredVersionsDisagreeTheEscalationsOwnVersionDecides() {
        Scenario w = Cast.world(b -> b.slaPolicy(OPEN).slaPolicies(SlaFixtures.V1));
        EscalationId open = acknowledged(w);
        w.after(Duration.ofMinutes(1));
        EscalationId standard = w.engine()
                .escalate(
                        INA,
                        new EscalateCase(Cast.C2, "Slow", Cause.PERFORMANCE_DEGRADATION, Criticality.CRITICAL, null))
                .escalation();
        w.engine().acknowledge(SAM, new Acknowledge(standard, StaffId.of("eve"), "Called Ina"));
        w.engine().operations().migratePolicy(SAM, standard, SlaFixtures.V1.ref());
        assertThat(Cast.stored(w, standard).facts().nextDeadline().map(DeadlineMark::kind))
                .contains(DueKind.RESOLUTION);
        assertThat(shownTo(w, open)).contains(DueKind.RESOLUTION);
        assertThat(shownTo(w, standard)).doesNotContain(DueKind.RESOLUTION);

        Map<EscalationId, Optional<DeadlineMark>> listed =
                w.engine().escalationsOfCustomer(INA, CustomerQuery.all(), PageRequest.first(10)).items().stream()
                        .collect(Collectors.toMap(EscalationSummary::id, EscalationSummary::nextDeadline));

        assertThat(listed)
                .containsOnlyKeys(open, standard)
                .containsEntry(open, Cast.stored(w, open).facts().nextDeadline())
                .containsEntry(standard, Optional.empty());
    }
}
