package dev.escalation.spi;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * An outbox message leased to one claimant.
 *
 * @param message         the message
 * @param claimToken      proves the lease; finishing with a stale token changes nothing
 * @param ticketReference for a ticket call other than {@code Open}: the escalation's ticket reference, read at claim
 *                        time (such calls are not claimed while the escalation has none); empty otherwise
 */
public record ClaimedMessage(OutboxMessage message, String claimToken, Optional<String> ticketReference) {
    /**
     * Validates the components.
     *
     * @param message the message
     * @param claimToken proves the lease; finishing with a stale token changes nothing
     * @param ticketReference for a ticket call other than {@code Open}: the escalation's ticket reference, read at
     *     claim time (such calls are not claimed while the escalation has none); empty otherwise
     * @throws NullPointerException if a component is null
     */
    public ClaimedMessage {
        requireNonNull(message, "message");
        requireNonNull(claimToken, "claimToken");
        requireNonNull(ticketReference, "ticketReference");
    }
}
