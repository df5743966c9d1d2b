package dev.escalation.jdbc;

import dev.escalation.spi.EscalationStore;
import dev.escalation.test.EscalationQueriesContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The contract kit's {@link EscalationQueriesContract} on embedded H2. */
class H2EscalationQueriesContractTest extends EscalationQueriesContract {

    @RegisterExtension
    static final ContractDatabase DB = ContractDatabase.h2();

    @Override
    protected EscalationStore createStore() {
        return DB.emptyStore();
    }
}
