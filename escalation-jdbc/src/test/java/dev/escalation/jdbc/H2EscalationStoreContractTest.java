package dev.escalation.jdbc;

import dev.escalation.spi.EscalationStore;
import dev.escalation.test.EscalationStoreContract;
import java.util.Optional;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The contract kit's {@link EscalationStoreContract} on embedded H2. */
class H2EscalationStoreContractTest extends EscalationStoreContract {

    @RegisterExtension
    static final ContractDatabase DB = ContractDatabase.h2();

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
        return ContractDatabase.H2_STATEFUL_TRIES;
    }
}
