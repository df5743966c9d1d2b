package dev.escalation.test.inmemory;

import dev.escalation.inmemory.InMemoryPortalMessages;
import dev.escalation.spi.PortalMessages;
import dev.escalation.test.PortalMessagesContract;

/** The in-memory portal messages pass the portal-messages contract (rules M1 to M6). */
class InMemoryPortalMessagesContractTest extends PortalMessagesContract {

    @Override
    protected PortalMessages createPortalMessages() {
        return new InMemoryPortalMessages();
    }
}
