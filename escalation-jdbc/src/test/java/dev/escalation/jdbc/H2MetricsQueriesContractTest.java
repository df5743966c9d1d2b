package dev.escalation.jdbc;

import dev.escalation.spi.EscalationStore;
import dev.escalation.test.MetricsQueriesContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The contract kit's {@link MetricsQueriesContract} on embedded H2. */
class H2MetricsQueriesContractTest extends MetricsQueriesContract {

    @RegisterExtension
    static final ContractDatabase DB = ContractDatabase.h2();

    @Override
    protected EscalationStore createStore() {
        return DB.emptyStore();
    }
}
