package dev.escalation.jdbc;

import dev.escalation.spi.EscalationStore;
import dev.escalation.test.DataRetentionContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The contract kit's {@link DataRetentionContract} on PostgreSQL ({@code ESCALATION_TEST_PG_URL}; skipped with a reason
 * without it).
 */
class PostgresDataRetentionContractTest extends DataRetentionContract {

    @RegisterExtension
    static final ContractDatabase DB = ContractDatabase.postgresql("PostgresDataRetentionContractTest");

    @Override
    protected EscalationStore createStore() {
        return DB.emptyStore();
    }
}
