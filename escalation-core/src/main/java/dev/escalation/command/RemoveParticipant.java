package dev.escalation.command;

import dev.escalation.model.EscalationId;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * Removes a participant.
 *
 * @param escalation    the escalation
 * @param participantId the participant's id (for an external stakeholder: the e-mail address)
 * @param reason        why (1 to 2,000 characters)
 */
public record RemoveParticipant(
        @NotNull EscalationId escalation,
        @NotBlank @Size(max = 254) String participantId,
        @NotBlank @Size(max = 2000) String reason) {}
