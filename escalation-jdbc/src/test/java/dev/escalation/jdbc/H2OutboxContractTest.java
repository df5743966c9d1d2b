package dev.escalation.jdbc;

import dev.escalation.spi.EscalationStore;
import dev.escalation.test.OutboxContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The contract kit's {@link OutboxContract} on embedded H2. */
class H2OutboxContractTest extends OutboxContract {

    @RegisterExtension
    static final ContractDatabase DB = ContractDatabase.h2();

    @Override
    protected EscalationStore createStore() {
        return DB.emptyStore();
    }

    @Override
    protected int statefulTries() {
        return ContractDatabase.H2_STATEFUL_TRIES;
    }
}
