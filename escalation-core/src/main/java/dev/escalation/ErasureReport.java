package dev.escalation;

import static java.util.Objects.requireNonNull;

import dev.escalation.model.EscalationId;
import dev.escalation.model.Party;
import dev.escalation.spi.internal.Copies;
import java.time.Instant;
import java.util.List;

/**
 * What {@link EscalationOperations#erasePerson} changed: rows per kind and the escalations it worked in. Each count is
 * of rows that changed or were removed (a second erasure of the same person reports zeros).
 *
 * @param kind        the erased person's kind (contact or staff)
 * @param id          their id, which stays everywhere (a pseudonym the host owns)
 * @param erasedAt    when (engine clock)
 * @param escalations escalation records changed (message, participants, attendees, resolution, pause reasons)
 * @param entries     progress-log entries changed (texts they wrote replaced by {@link #MARKER}; their name in
 *                    entries about them)
 * @param messages    outbox messages changed: pending, dead letters, and delivered ones the store still keeps
 * @param dueItems    pending due items changed
 * @param portalMessages portal messages addressed to them that were removed (their portal inbox, if the engine has
 *                    {@code portalMessages}; 0 without a portal channel)
 * @param touched     the escalations that concern them (raised, managed, resolved, took part, attended, wrote in, or
 *                    were named in), in id order, whether or not something in them changed
 */
public record ErasureReport(
        Party.Kind kind,
        String id,
        Instant erasedAt,
        long escalations,
        long entries,
        long messages,
        long dueItems,
        long portalMessages,
        List<EscalationId> touched) {

    /** The text that replaces what was erased. */
    public static final String MARKER = "[erased]";

    /**
     * Validates and copies the components.
     *
     * @param kind the erased person's kind (contact or staff)
     * @param id their id
     * @param erasedAt when (engine clock)
     * @param escalations escalation records changed
     * @param entries progress-log entries changed
     * @param messages outbox messages changed
     * @param dueItems pending due items changed
     * @param portalMessages portal messages addressed to them that were removed
     * @param touched the escalations that concern them, in id order
     * @throws NullPointerException if a component is null
     */
    public ErasureReport {
        requireNonNull(kind, "kind");
        requireNonNull(id, "id");
        requireNonNull(erasedAt, "erasedAt");
        touched = Copies.list(touched, "touched");
    }
}
