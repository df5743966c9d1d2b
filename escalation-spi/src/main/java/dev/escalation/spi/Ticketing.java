package dev.escalation.spi;

import java.util.Set;

/**
 * The ticketing system that tracks the escalated case: one ticket per escalation, participants as watchers, updates
 * as notes.
 *
 * <p>The engine calls these methods from its outbox dispatcher, at least once each, in order per escalation: a call
 * that throws is retried later with the same idempotency key, and later calls for the same escalation wait (also
 * while a call is dead-lettered). {@link #open} returns the ticket's reference, which the engine stores with the
 * escalation and passes to every later call. Adding a participant the ticket already has, or removing one it does
 * not have, changes nothing. Throw {@link PermanentDeliveryException} when retrying cannot help; never swallow a
 * failure.
 *
 * <p>Implementations must be thread-safe.
 */
public interface Ticketing {

    /**
     * Opens the escalation's ticket or links the case's existing one. Called again with the same key (a retry after
     * a lost answer), it returns the same reference and opens nothing new.
     *
     * @param command what to open
     * @return the ticket's reference in the ticketing system (at most 256 characters, not blank, without control
     *     characters or unpaired surrogates; the engine refuses another answer as a failure of the call, which it
     *     retries)
     */
    String open(TicketCommand.Open command);

    /**
     * Adds a participant.
     *
     * @param ticket  the ticket's reference, as {@link #open} returned it
     * @param command who
     */
    void addParticipant(String ticket, TicketCommand.AddParticipant command);

    /**
     * Removes a participant.
     *
     * @param ticket  the ticket's reference
     * @param command who
     */
    void removeParticipant(String ticket, TicketCommand.RemoveParticipant command);

    /**
     * Posts an update.
     *
     * @param ticket  the ticket's reference
     * @param command the update
     */
    void postUpdate(String ticket, TicketCommand.PostUpdate command);

    /**
     * Changes the ticket's status. A note that is not blank (why, such as the resolution) goes on the ticket as an
     * update would, after the updates before it, its text unchanged; a blank note adds nothing but the status.
     *
     * @param ticket  the ticket's reference
     * @param command the status and its note
     */
    void changeStatus(String ticket, TicketCommand.ChangeStatus command);

    /**
     * Optional capabilities: {@link Capability#DEDUPLICATES_BY_KEY}.
     *
     * @return the declared capabilities; none by default
     */
    default Set<Capability> capabilities() {
        return Set.of();
    }
}
