package dev.escalation;

import static dev.escalation.World.INA;
import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.inmemory.InMemoryPortalMessages;
import dev.escalation.model.EscalationId;
import dev.escalation.model.PageRequest;
import dev.escalation.spi.EscalationStore;
import org.junit.jupiter.api.Test;

/**
 * The portal inbox tells a message's tenant by its escalation: an engine that has not seen the escalation lately loads
 * it. A store that answers that load with another escalation's row is at fault, and the message is not shown.
 */
class PortalInboxStoreFaultTest {

    private final InMemoryPortalMessages portal = new InMemoryPortalMessages();

    /** The escalation the message is about. */
    private EscalationId about;

    private World writerWithAMessageAbout(String caseId) {
        World writer = new World();
        EscalationId id = writer.escalatedOnNewCase(caseId);
        about = id;
        portal.store(TestRecords.messageToIna(id, writer.clock.instant()));
        return writer;
    }

    @Test
    void aMessageWhoseEscalationLoadsAsAnotherEscalationIsNotShown() {
        World writer = writerWithAMessageAbout("P-1");
        EscalationId asked = about;
        EscalationId other = writer.escalatedOnNewCase("P-2");
        EscalationStore faulty = StoreProxies.proxy(
                writer.memoryStore,
                (m, args) -> m.getName().equals("findForVendor") && args[0].equals(asked)
                        ? writer.memoryStore.findForVendor(other)
                        : null);
        World reader = new World(b -> b.portalMessages(portal), faulty);

        assertThat(reader.engine.messagesFor(INA, PageRequest.first(10)).items())
                .isEmpty();
    }

    @Test
    void withoutTheFaultTheSameMessageIsShown() {
        World writer = writerWithAMessageAbout("P-1");
        World reader = new World(b -> b.portalMessages(portal), writer.memoryStore);

        assertThat(reader.engine.messagesFor(INA, PageRequest.first(10)).items())
                .singleElement()
                .satisfies(v -> assertThat(v.escalation()).isEqualTo(about));
    }
}
