package dev.escalation.test.inmemory;

import dev.escalation.inmemory.InMemoryTicketing;
import dev.escalation.spi.Ticketing;
import dev.escalation.test.TicketView;
import dev.escalation.test.TicketingContract;
import java.util.Optional;

/** The in-memory reference ticketing passes the ticketing contract, its simulated outage included. */
class InMemoryTicketingContractTest extends TicketingContract {

    @Override
    protected Ticketing createTicketing() {
        return new InMemoryTicketing();
    }

    @Override
    protected Optional<TicketView> inspect(Ticketing ticketing, String reference) {
        return ((InMemoryTicketing) ticketing)
                .ticket(reference)
                .map(t -> new TicketView(t.reference(), t.status(), t.participants(), t.updates()));
    }

    @Override
    protected Optional<Ticketing> createUnavailableTicketing() {
        InMemoryTicketing down = new InMemoryTicketing();
        down.setAvailable(false);
        return Optional.of(down);
    }
}
