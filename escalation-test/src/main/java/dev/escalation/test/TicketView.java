package dev.escalation.test;

import static java.util.Objects.requireNonNull;

import dev.escalation.model.TicketStatus;
import java.util.List;

/**
 * What {@link TicketingContract} needs to see of a ticket in the ticketing system: read through the contract's
 * inspection hook {@link TicketingContract#inspect}, from the system's own API or its test double. The port itself has
 * no read method (the engine never reads tickets back).
 *
 * @param reference    the ticket's reference, as {@link dev.escalation.spi.Ticketing#open} returned it
 * @param status       its status
 * @param participants the participants' e-mail addresses, in the order added, each once
 * @param updates      the texts of the updates (notes), in the order posted
 */
public record TicketView(String reference, TicketStatus status, List<String> participants, List<String> updates) {

    /**
     * Validates and copies the components.
     *
     * @param reference    the ticket's reference
     * @param status       its status
     * @param participants the participants' e-mail addresses
     * @param updates      the updates' texts
     * @throws NullPointerException if a component is null
     */
    public TicketView {
        requireNonNull(reference, "reference");
        requireNonNull(status, "status");
        participants = List.copyOf(participants);
        updates = List.copyOf(updates);
    }
}
