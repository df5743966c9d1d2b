package dev.escalation.command;

import dev.escalation.model.EscalationId;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import org.jspecify.annotations.Nullable;

/**
 * Removes a participant.
 *
 * @param escalation    the escalation
 * @param participantId the participant's id (for an external stakeholder: the e-mail address; at
 *                      most 254 characters, see {@link SafeId})
 * @param reason        why (1 to 2,000 characters)
 * @param expectedVersion the version the escalation must have for the command to apply, or {@code null} for
 *                        no precondition (see {@link ExpectsVersion})
 */
public record RemoveParticipant(
        @NotNull @SafeId EscalationId escalation,
        @NotNull @SafeId(max = 254) String participantId,
        @SafeText(max = 2000) String reason,
        @Positive @Nullable Long expectedVersion)
        implements ExpectsVersion {
    /**
     * The command without an expected version: no precondition on the escalation's version.
     *
     * @param escalation see {@link #escalation()}
     * @param participantId see {@link #participantId()}
     * @param reason see {@link #reason()}
     */
    public RemoveParticipant(EscalationId escalation, String participantId, String reason) {
        this(escalation, participantId, reason, null);
    }

    /**
     * This command with a precondition: it applies only while the escalation is at {@code version} (see
     * {@link ExpectsVersion}).
     *
     * @param version the version the caller last saw, such as {@code EscalationView.version()}
     * @return a copy of this command expecting that version
     */
    public RemoveParticipant expectingVersion(long version) {
        return new RemoveParticipant(escalation, participantId, reason, version);
    }
}
