package dev.escalation.test.inmemory;

import dev.escalation.inmemory.InMemoryEscalationStore;
import dev.escalation.spi.EscalationStore;
import dev.escalation.test.EscalationStoreContract;

/** The in-memory reference store passes the store contract. */
class InMemoryEscalationStoreContractTest extends EscalationStoreContract {

    @Override
    protected EscalationStore createStore() {
        return new InMemoryEscalationStore();
    }
}
