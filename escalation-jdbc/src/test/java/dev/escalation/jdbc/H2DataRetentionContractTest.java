package dev.escalation.jdbc;

import dev.escalation.spi.EscalationStore;
import dev.escalation.test.DataRetentionContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The contract kit's {@link DataRetentionContract} on embedded H2. */
class H2DataRetentionContractTest extends DataRetentionContract {

    @RegisterExtension
    static final ContractDatabase DB = ContractDatabase.h2();

    @Override
    protected EscalationStore createStore() {
        return DB.emptyStore();
    }
}
