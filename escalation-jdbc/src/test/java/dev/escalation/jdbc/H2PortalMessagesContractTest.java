package dev.escalation.jdbc;

import dev.escalation.spi.PortalMessages;
import dev.escalation.test.PortalMessagesContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The contract kit's {@link PortalMessagesContract} on embedded H2 ({@link JdbcPortalMessages}). */
class H2PortalMessagesContractTest extends PortalMessagesContract {

    @RegisterExtension
    static final ContractDatabase DB = ContractDatabase.h2();

    @Override
    protected PortalMessages createPortalMessages() {
        return DB.portalMessages();
    }
}
