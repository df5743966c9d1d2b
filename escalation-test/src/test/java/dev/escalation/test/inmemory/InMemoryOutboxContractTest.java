package dev.escalation.test.inmemory;

import dev.escalation.inmemory.InMemoryEscalationStore;
import dev.escalation.spi.EscalationStore;
import dev.escalation.test.OutboxContract;

/** The outbox-and-due-work facets of the in-memory reference store pass the Outbox contract. */
class InMemoryOutboxContractTest extends OutboxContract {

    @Override
    protected EscalationStore createStore() {
        return new InMemoryEscalationStore();
    }
}
