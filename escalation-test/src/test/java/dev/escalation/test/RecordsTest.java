package dev.escalation.test;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.model.CaseId;
import dev.escalation.model.CustomerId;
import dev.escalation.model.EscalationId;
import dev.escalation.spi.EscalationFacts;
import dev.escalation.spi.StoredEscalation;
import java.lang.reflect.RecordComponent;
import org.junit.jupiter.api.Test;

/** The kit's record helpers copy every component they are not asked to change. */
class RecordsTest {

    private static final StoredEscalation FULL =
            Records.fullyPopulated(EscalationId.of("E-1"), CustomerId.of("acme"), CaseId.of("C-1"), Records.T0);

    @Test
    void theFullyPopulatedFactsHoldEveryOptionalComponent() {
        for (RecordComponent c : EscalationFacts.class.getRecordComponents()) {
            Object value = value(c, FULL.facts());
            if (value instanceof java.util.Optional<?> o) {
                assertThat(o).as(c.getName()).isPresent();
            }
        }
    }

    @Test
    void withEntryCountChangesTheCountOnly() {
        EscalationFacts changed = Records.withEntryCount(FULL.facts(), 42);
        assertThat(changed.entryCount()).isEqualTo(42);
        for (RecordComponent c : EscalationFacts.class.getRecordComponents()) {
            if (!c.getName().equals("entryCount")) {
                assertThat(value(c, changed)).as(c.getName()).isEqualTo(value(c, FULL.facts()));
            }
        }
    }

    @Test
    void fromBuildsAnEqualEscalation() {
        assertThat(Records.from(FULL).build()).isEqualTo(FULL);
    }

    private static Object value(RecordComponent c, Object record) {
        try {
            return c.getAccessor().invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }
}
