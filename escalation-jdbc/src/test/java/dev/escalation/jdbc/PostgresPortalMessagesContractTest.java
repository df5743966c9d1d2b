package dev.escalation.jdbc;

import dev.escalation.spi.PortalMessages;
import dev.escalation.test.PortalMessagesContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The contract kit's {@link PortalMessagesContract} on PostgreSQL ({@link JdbcPortalMessages};
 * {@code ESCALATION_TEST_PG_URL}; skipped with a reason without it).
 */
class PostgresPortalMessagesContractTest extends PortalMessagesContract {

    @RegisterExtension
    static final ContractDatabase DB = ContractDatabase.postgresql("PostgresPortalMessagesContractTest");

    @Override
    protected PortalMessages createPortalMessages() {
        return DB.portalMessages();
    }
}
