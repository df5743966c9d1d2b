package dev.escalation.jdbc;

import dev.escalation.spi.AuditAnchors;
import dev.escalation.spi.EscalationStore;
import dev.escalation.spi.SubjectKeys;
import dev.escalation.test.AuditTrailContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The contract kit's {@link AuditTrailContract} on embedded H2: the JDBC store, {@link JdbcAuditAnchors}, {@link JdbcSubjectKeys}. */
class H2AuditTrailContractTest extends AuditTrailContract {

    @RegisterExtension
    static final ContractDatabase DB = ContractDatabase.h2();

    @Override
    protected EscalationStore createStore() {
        return DB.emptyStore();
    }

    @Override
    protected AuditAnchors createAnchors() {
        return new JdbcAuditAnchors(DB.pool());
    }

    @Override
    protected SubjectKeys createKeys() {
        return new JdbcSubjectKeys(DB.pool());
    }
}
