package dev.escalation.test.inmemory;

import dev.escalation.inmemory.InMemoryEscalationStore;
import dev.escalation.spi.EscalationStore;
import dev.escalation.test.EscalationStoreContracts;

/** The in-memory reference store passes every store contract (store, outbox, due work, queries, retention). */
class InMemoryEscalationStoreContractsTest extends EscalationStoreContracts {

    @Override
    protected EscalationStore createStore() {
        return new InMemoryEscalationStore();
    }
}
