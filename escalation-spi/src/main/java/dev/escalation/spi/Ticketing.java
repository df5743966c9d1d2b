package dev.escalation.spi;

import dev.escalation.model.EscalationId;
import java.util.Optional;

/**
 * The ticketing system that tracks the escalated case: one ticket per escalation, participants as watchers,
 * updates as notes.
 *
 * <p>The engine calls the command methods from its outbox dispatcher, at least once each, in order per escalation:
 * a call that throws is retried later with the same idempotency key, and later calls for the same escalation wait.
 * Adding a participant the ticket already has, or removing one it does not have, changes nothing. Throw
 * {@link PermanentDeliveryException} when retrying cannot help; never swallow a failure.
 *
 * <p>Implementations must be thread-safe.
 */
public interface Ticketing {

    /**
     * Opens the escalation's ticket or links the case's existing one.
     *
     * @param command what to open
     */
    void open(TicketCommand.Open command);

    /**
     * Adds a participant.
     *
     * @param command who
     */
    void addParticipant(TicketCommand.AddParticipant command);

    /**
     * Removes a participant.
     *
     * @param command who
     */
    void removeParticipant(TicketCommand.RemoveParticipant command);

    /**
     * Posts an update.
     *
     * @param command the update
     */
    void postUpdate(TicketCommand.PostUpdate command);

    /**
     * Changes the ticket's status.
     *
     * @param command the status
     */
    void changeStatus(TicketCommand.ChangeStatus command);

    /**
     * Reads what the ticketing system holds for an escalation.
     *
     * @param escalation the escalation
     * @return the ticket, or empty if none was opened
     */
    Optional<TicketSnapshot> find(EscalationId escalation);

    /**
     * Whether this adapter turns repeated calls with one idempotency key into one effect (optional capability).
     *
     * @return {@code false} unless overridden
     */
    default boolean deduplicatesByIdempotencyKey() {
        return false;
    }
}
