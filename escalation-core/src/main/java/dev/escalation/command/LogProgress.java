package dev.escalation.command;

import dev.escalation.model.EscalationId;
import dev.escalation.model.Visibility;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import org.jspecify.annotations.Nullable;

/**
 * Logs progress: a status update, a meeting held, a decision, a communication or an internal note.
 *
 * @param escalation the escalation
 * @param kind       what is logged
 * @param text       the entry (1 to 4,000 characters)
 * @param visibility whether the customer may read it; customer contacts may only log customer-visible
 *                   communications
 * @param expectedVersion the version the escalation must have for the command to apply, or {@code null} for
 *                        no precondition (see {@link ExpectsVersion})
 */
public record LogProgress(
        @NotNull @SafeId EscalationId escalation,
        @NotNull Kind kind,
        @SafeText(max = 4000) String text,
        @NotNull Visibility visibility,
        @Positive @Nullable Long expectedVersion)
        implements ExpectsVersion {
    /**
     * The command without an expected version: no precondition on the escalation's version.
     *
     * @param escalation see {@link #escalation()}
     * @param kind see {@link #kind()}
     * @param text see {@link #text()}
     * @param visibility see {@link #visibility()}
     */
    public LogProgress(EscalationId escalation, Kind kind, String text, Visibility visibility) {
        this(escalation, kind, text, visibility, null);
    }

    /**
     * This command with a precondition: it applies only while the escalation is at {@code version} (see
     * {@link ExpectsVersion}).
     *
     * @param version the version the caller last saw, such as {@code EscalationView.version()}
     * @return a copy of this command expecting that version
     */
    public LogProgress expectingVersion(long version) {
        return new LogProgress(escalation, kind, text, visibility, version);
    }

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
