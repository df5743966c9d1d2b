package dev.escalation.spi;

import static java.util.Objects.requireNonNull;

import dev.escalation.model.EscalationId;
import dev.escalation.model.TicketStatus;
import java.util.List;

/**
 * What the ticketing system currently holds for an escalation.
 *
 * @param ticketId     the ticketing system's id of the ticket
 * @param escalation   the escalation
 * @param status       the ticket's status
 * @param participants the participants' e-mail addresses, each once, in the order added
 * @param updates      the texts of the posted updates, in the order posted
 */
public record TicketSnapshot(
        String ticketId,
        EscalationId escalation,
        TicketStatus status,
        List<String> participants,
        List<String> updates) {

    /**
     * Validates and copies the components.
     *
     * @throws NullPointerException if a component or element is null
     */
    public TicketSnapshot {
        requireNonNull(ticketId, "ticketId");
        requireNonNull(escalation, "escalation");
        requireNonNull(status, "status");
        participants = List.copyOf(participants);
        updates = List.copyOf(updates);
    }
}
