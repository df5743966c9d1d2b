package dev.escalation.jdbc;

import dev.escalation.spi.EscalationStore;
import dev.escalation.test.EscalationQueriesContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The contract kit's {@link EscalationQueriesContract} on PostgreSQL ({@code ESCALATION_TEST_PG_URL}; skipped with a
 * reason without it).
 */
class PostgresEscalationQueriesContractTest extends EscalationQueriesContract {

    @RegisterExtension
    static final ContractDatabase DB = ContractDatabase.postgresql("PostgresEscalationQueriesContractTest");

    @Override
    protected EscalationStore createStore() {
        return DB.emptyStore();
    }
}
