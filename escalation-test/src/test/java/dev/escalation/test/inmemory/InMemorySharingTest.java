package dev.escalation.test.inmemory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.inmemory.InMemoryEscalationStore;
import dev.escalation.model.CaseId;
import dev.escalation.model.CustomerId;
import dev.escalation.model.EscalationId;
import dev.escalation.model.EscalationState;
import dev.escalation.spi.StoredEscalation;
import dev.escalation.test.Records;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The in-memory store keeps one instance of equal intakes across escalations and still returns records equal to
 * those written; participants (personal data) are not shared.
 */
class InMemorySharingTest {
    private static final Instant T = Instant.parse("2027-01-04T09:00:00Z");
    private static final CustomerId ACME = CustomerId.of("acme");

    @Test
    void equalIntakesAreSharedAndReadsAreEqual() {
        InMemoryEscalationStore store = new InMemoryEscalationStore();
        StoredEscalation a = Records.fullyPopulated(EscalationId.of("E-a"), ACME, CaseId.of("C-a"), T);
        StoredEscalation b = Records.fullyPopulated(EscalationId.of("E-b"), ACME, CaseId.of("C-b"), T);
        store.create(Records.creationOf(a));
        store.create(Records.creationOf(b));

        StoredEscalation readA = store.findForVendor(a.id()).orElseThrow();
        StoredEscalation readB = store.findForVendor(b.id()).orElseThrow();
        assertThat(readA.participants()).isEqualTo(a.participants()).isNotEmpty();
        assertThat(readB.participants()).isEqualTo(b.participants());
        assertThat(readB.intake()).isEqualTo(b.intake()).isSameAs(readA.intake());

        // a change keeps them shared and the record equal to the one written
        var write = Records.next(readB, EscalationState.ACKNOWLEDGED, T.plusSeconds(60), "seen");
        store.changeForVendor(b.id(), current -> dev.escalation.spi.UnitOfWork.Decision.write(write, "ok"));
        StoredEscalation changed = store.findForVendor(b.id()).orElseThrow();
        assertThat(changed).isEqualTo(write.next());
        assertThat(changed.intake()).isSameAs(readA.intake());
    }
}
