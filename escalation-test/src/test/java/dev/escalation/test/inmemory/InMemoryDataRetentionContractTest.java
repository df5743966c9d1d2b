package dev.escalation.test.inmemory;

import dev.escalation.inmemory.InMemoryEscalationStore;
import dev.escalation.spi.EscalationStore;
import dev.escalation.test.DataRetentionContract;

/** The in-memory reference store passes the DataRetention contract (it declares the capability). */
class InMemoryDataRetentionContractTest extends DataRetentionContract {

    @Override
    protected EscalationStore createStore() {
        return new InMemoryEscalationStore();
    }
}
