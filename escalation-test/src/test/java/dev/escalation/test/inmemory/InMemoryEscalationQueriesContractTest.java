package dev.escalation.test.inmemory;

import dev.escalation.inmemory.InMemoryEscalationStore;
import dev.escalation.spi.EscalationStore;
import dev.escalation.test.EscalationQueriesContract;

/** The in-memory reference store passes the EscalationQueries contract (it declares the capability). */
class InMemoryEscalationQueriesContractTest extends EscalationQueriesContract {

    @Override
    protected EscalationStore createStore() {
        return new InMemoryEscalationStore();
    }
}
