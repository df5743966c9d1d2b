package dev.escalation.test.inmemory;

import dev.escalation.inmemory.InMemoryNotifier;
import dev.escalation.model.Party;
import dev.escalation.spi.Notifier;
import dev.escalation.test.NotifierContract;
import dev.escalation.test.ReceivedNotification;
import java.util.List;
import java.util.Optional;

/** The in-memory reference notifier passes the notifier contract; its delivered list is the inspection hook. */
class InMemoryNotifierContractTest extends NotifierContract {

    private InMemoryNotifier notifier;

    @Override
    protected Notifier createNotifier() {
        notifier = new InMemoryNotifier();
        return notifier;
    }

    @Override
    protected List<ReceivedNotification> receivedBy(Party recipient) {
        return notifier.delivered().stream()
                .filter(n -> n.recipient().equals(recipient))
                .map(ReceivedNotification::of)
                .toList();
    }

    @Override
    protected Optional<Notifier> createUnavailableNotifier() {
        // the simulated outage of the same instance, so receivedBy would see a delivery that slipped through
        InMemoryNotifier down = notifier;
        down.setAvailable(false);
        return Optional.of(down);
    }
}
