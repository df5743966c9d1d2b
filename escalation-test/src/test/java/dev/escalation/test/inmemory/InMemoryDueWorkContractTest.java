package dev.escalation.test.inmemory;

import dev.escalation.inmemory.InMemoryEscalationStore;
import dev.escalation.spi.EscalationStore;
import dev.escalation.test.DueWorkContract;

/** The outbox-and-due-work facets of the in-memory reference store pass the DueWork contract. */
class InMemoryDueWorkContractTest extends DueWorkContract {

    @Override
    protected EscalationStore createStore() {
        return new InMemoryEscalationStore();
    }
}
