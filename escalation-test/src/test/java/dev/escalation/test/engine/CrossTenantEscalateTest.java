package dev.escalation.test.engine;

import static dev.escalation.test.engine.Cast.GIL;
import static dev.escalation.test.engine.Cast.INA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.escalation.EscalationNotFoundException;
import dev.escalation.command.EscalateCase;
import dev.escalation.model.CaseId;
import dev.escalation.model.Cause;
import dev.escalation.model.Criticality;
import dev.escalation.test.Scenario;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * "Escalate Case" on another customer's case that has an open escalation (which the case's own contacts would get
 * back) and with the submission id its Incident Manager used: the answer is the one for a case that does not exist,
 * the open escalation is not returned, and nothing is recorded.
 */
class CrossTenantEscalateTest {
    private final Scenario w = Cast.world();

    @Test
    void anotherCustomersOpenEscalationIsNeverReturned() {
        EscalateCase ina = new EscalateCase(Cast.C1, "Down", Cause.SOFTWARE_ERROR, Criticality.CRITICAL, "sub-1");
        w.engine().escalate(INA, ina);
        long pending = Cast.pending(w);
        for (String submission : Arrays.asList("sub-1", "sub-2", null)) {
            EscalateCase gil = new EscalateCase(Cast.C1, "Mine now", Cause.COMPLAINT, Criticality.LOW, submission);
            EscalateCase missing =
                    new EscalateCase(CaseId.of("C-404"), "Mine now", Cause.COMPLAINT, Criticality.LOW, submission);
            assertThatThrownBy(() -> w.engine().escalate(GIL, gil))
                    .isInstanceOf(EscalationNotFoundException.class)
                    .hasMessage("case C-1 was not found");
            assertThatThrownBy(() -> w.engine().escalate(GIL, missing))
                    .isInstanceOf(EscalationNotFoundException.class)
                    .hasMessage("case C-404 was not found");
        }
        assertThat(w.store().size()).isEqualTo(1);
        assertThat(Cast.pending(w)).isEqualTo(pending);
    }
}
