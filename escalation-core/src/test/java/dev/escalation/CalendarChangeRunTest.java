package dev.escalation;

import static dev.escalation.World.INA;
import static dev.escalation.World.SAM;
import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.command.Withdraw;
import dev.escalation.inmemory.InMemoryEscalationStore;
import dev.escalation.model.EscalationId;
import dev.escalation.spi.StaleVersionException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * {@code recordCalendarChange} walks every running escalation, however many pages the store's listing takes (it reads
 * 100 a page), and re-plans each; one a concurrent change keeps changing is tried once more, then left to its next
 * change, and holds back no other.
 */
class CalendarChangeRunTest {

    @Test
    void everyRunningEscalationIsRecordedAcrossPages() {
        World w = new World();
        List<EscalationId> running = new ArrayList<>();
        for (int i = 0; i < 230; i++) {
            running.add(w.escalatedOnNewCase("P-" + i));
        }
        EscalationId withdrawn = w.escalatedOnNewCase("P-withdrawn");
        w.engine.withdraw(INA, new Withdraw(withdrawn, "solved it ourselves"));

        List<EscalationId> recorded = w.engine.operations().recordCalendarChange(SAM, "company holiday");

        assertThat(recorded).containsExactlyInAnyOrderElementsOf(running);
        assertThat(w.stored(running.get(229)).version())
                .as("re-planned: a new version")
                .isEqualTo(2);
    }

    @Test
    void aConflictIsTriedOnceMoreAndTwoLeaveTheEscalationToItsNextChange() {
        InMemoryEscalationStore memory = new InMemoryEscalationStore();
        Map<EscalationId, AtomicInteger> conflictsLeft = new ConcurrentHashMap<>();
        World w = new World(b -> {}, StoreProxies.proxy(memory, (m, args) -> {
            if (m.getName().equals("changeForVendor")) {
                AtomicInteger left = conflictsLeft.get((EscalationId) args[0]);
                if (left != null && left.getAndDecrement() > 0) {
                    throw new StaleVersionException((EscalationId) args[0], 1); // a concurrent change won
                }
            }
            return null;
        }));
        EscalationId once = w.escalatedOnNewCase("P-once");
        EscalationId twice = w.escalatedOnNewCase("P-twice");
        EscalationId calm = w.escalatedOnNewCase("P-calm");
        conflictsLeft.put(once, new AtomicInteger(1));
        conflictsLeft.put(twice, new AtomicInteger(2));

        List<EscalationId> recorded = w.engine.operations().recordCalendarChange(SAM, "company holiday");

        assertThat(recorded).containsExactlyInAnyOrder(once, calm);
        assertThat(memory.findForVendor(twice).orElseThrow().version())
                .as("not re-planned")
                .isEqualTo(1);
        assertThat(memory.findForVendor(once).orElseThrow().version()).isEqualTo(2);
    }
}
