package dev.escalation.command;

import dev.escalation.model.EscalationId;
import dev.escalation.model.Visibility;
import jakarta.validation.constraints.NotNull;

/**
 * Logs progress: a status update, a meeting held, a decision, a communication or an internal note.
 *
 * @param escalation the escalation
 * @param kind       what is logged
 * @param text       the entry (1 to 4,000 characters)
 * @param visibility whether the customer may read it; customer contacts may only log customer-visible
 *                   communications
 */
public record LogProgress(
        @NotNull @SafeId EscalationId escalation,
        @NotNull Kind kind,
        @SafeText(max = 4000) String text,
        @NotNull Visibility visibility) {

    /** What a progress entry records. */
    public enum Kind {
        /** A status update. */
        STATUS_UPDATE,
        /** A meeting of the communication plan took place; the next one becomes due one period later. */
        MEETING_HELD,
        /** A decision. */
        DECISION,
        /** A communication with the customer or internally. */
        COMMUNICATION,
        /** A note. */
        NOTE
    }
}
