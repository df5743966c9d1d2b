package dev.escalation.test.example;

import dev.escalation.spi.Ticketing;
import dev.escalation.test.TicketView;
import dev.escalation.test.TicketingContract;
import java.util.Optional;

/** The example adapter, proven by the kit with a factory and an inspection hook: the whole of a vendor's test class. */
class MapBasedTicketingContractTest extends TicketingContract {

    @Override
    protected Ticketing createTicketing() {
        return new MapBasedTicketing();
    }

    @Override
    protected Optional<TicketView> inspect(Ticketing ticketing, String reference) {
        return ((MapBasedTicketing) ticketing).find(reference);
    }
}
