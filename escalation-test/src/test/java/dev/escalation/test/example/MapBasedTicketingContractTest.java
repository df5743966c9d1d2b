package dev.escalation.test.example;

import dev.escalation.spi.Ticketing;
import dev.escalation.test.TicketingContract;

/** The example adapter, proven by the kit with one factory method: the whole of a vendor's test class. */
class MapBasedTicketingContractTest extends TicketingContract {

    @Override
    protected Ticketing createTicketing() {
        return new MapBasedTicketing();
    }
}
