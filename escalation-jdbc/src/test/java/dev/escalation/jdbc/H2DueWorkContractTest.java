package dev.escalation.jdbc;

import dev.escalation.spi.EscalationStore;
import dev.escalation.test.DueWorkContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The contract kit's {@link DueWorkContract} on embedded H2. */
class H2DueWorkContractTest extends DueWorkContract {

    @RegisterExtension
    static final ContractDatabase DB = ContractDatabase.h2();

    @Override
    protected EscalationStore createStore() {
        return DB.emptyStore();
    }
}
