package dev.escalation.command;

import dev.escalation.model.EscalationId;
import jakarta.validation.constraints.NotNull;

/**
 * Removes a participant.
 *
 * @param escalation    the escalation
 * @param participantId the participant's id (for an external stakeholder: the e-mail address; at
 *                      most 254 characters, see {@link SafeId})
 * @param reason        why (1 to 2,000 characters)
 */
public record RemoveParticipant(
        @NotNull @SafeId EscalationId escalation,
        @NotNull @SafeId(max = 254) String participantId,
        @SafeText(max = 2000) String reason) {}
