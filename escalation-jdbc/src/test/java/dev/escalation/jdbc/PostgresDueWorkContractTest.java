package dev.escalation.jdbc;

import dev.escalation.spi.EscalationStore;
import dev.escalation.test.DueWorkContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The contract kit's {@link DueWorkContract} on PostgreSQL ({@code ESCALATION_TEST_PG_URL}; skipped with a reason
 * without it).
 */
class PostgresDueWorkContractTest extends DueWorkContract {

    @RegisterExtension
    static final ContractDatabase DB = ContractDatabase.postgresql("PostgresDueWorkContractTest");

    @Override
    protected EscalationStore createStore() {
        return DB.emptyStore();
    }
}
