package dev.escalation.jdbc;

import dev.escalation.spi.EscalationStore;
import dev.escalation.test.OutboxContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The contract kit's {@link OutboxContract} on PostgreSQL ({@code ESCALATION_TEST_PG_URL}; skipped with a reason
 * without it).
 */
class PostgresOutboxContractTest extends OutboxContract {

    @RegisterExtension
    static final ContractDatabase DB = ContractDatabase.postgresql("PostgresOutboxContractTest");

    @Override
    protected EscalationStore createStore() {
        return DB.emptyStore();
    }

    @Override
    protected int statefulTries() {
        return ContractDatabase.PG_STATEFUL_TRIES;
    }
}
