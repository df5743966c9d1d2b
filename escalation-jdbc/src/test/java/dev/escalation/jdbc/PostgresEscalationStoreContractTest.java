package dev.escalation.jdbc;

import dev.escalation.spi.EscalationStore;
import dev.escalation.test.EscalationStoreContract;
import java.util.Optional;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The contract kit's {@link EscalationStoreContract} on PostgreSQL ({@code ESCALATION_TEST_PG_URL}; skipped with a
 * reason without it).
 */
class PostgresEscalationStoreContractTest extends EscalationStoreContract {

    @RegisterExtension
    static final ContractDatabase DB = ContractDatabase.postgresql("PostgresEscalationStoreContractTest");

    @Override
    protected EscalationStore createStore() {
        return DB.emptyStore();
    }

    @Override
    protected Optional<EscalationStore> createUnavailableStore() {
        return Optional.of(DB.unavailableStore());
    }

    @Override
    protected int statefulTries() {
        return ContractDatabase.PG_STATEFUL_TRIES;
    }
}
