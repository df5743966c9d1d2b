package dev.escalation.jdbc;

import dev.escalation.spi.EscalationStore;
import dev.escalation.test.MetricsQueriesContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The contract kit's {@link MetricsQueriesContract} on PostgreSQL ({@code ESCALATION_TEST_PG_URL}; skipped with a
 * reason without it).
 */
class PostgresMetricsQueriesContractTest extends MetricsQueriesContract {

    @RegisterExtension
    static final ContractDatabase DB = ContractDatabase.postgresql("PostgresMetricsQueriesContractTest");

    @Override
    protected EscalationStore createStore() {
        return DB.emptyStore();
    }
}
