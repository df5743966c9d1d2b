package dev.escalation.command;

import dev.escalation.model.EscalationId;
import dev.escalation.model.Party;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import org.jspecify.annotations.Nullable;

/**
 * Removes a participant.
 *
 * <p>Contacts, staff members and external stakeholders are separate id spaces: the contact {@code eve}, the staff
 * member {@code eve} and an external stakeholder whose address is a contact's id are different people. Give
 * {@code participantKind} to name one of them ({@link #contact}, {@link #staff}, {@link #external}). Without a kind
 * the id must be unambiguous: if more than one participant has it (the Escalation Manager too), the command is refused
 * ({@code participantId.Unambiguous}) and nothing changes.
 *
 * @param escalation      the escalation
 * @param participantKind the participant's kind, or {@code null}: the one participant with that id, whatever its kind
 * @param participantId   the participant's id (for an external stakeholder: the e-mail address; at
 *                        most 254 characters, see {@link SafeId}; invisible formatting characters are accepted here
 *                        only, so that a participant 0.1.0 stored with one can be removed)
 * @param reason          why (1 to 2,000 characters)
 * @param expectedVersion the version the escalation must have for the command to apply, or {@code null} for
 *                        no precondition (see {@link ExpectsVersion})
 */
public record RemoveParticipant(
        @NotNull @SafeId EscalationId escalation,
        Party.@Nullable Kind participantKind,
        @NotNull @SafeId(max = 254, formatCharacters = true) String participantId,
        @SafeText(max = 2000) String reason,
        @Positive @Nullable Long expectedVersion)
        implements ExpectsVersion {
    /**
     * The command without a kind: the one participant with that id (refused if more than one has it).
     *
     * @param escalation see {@link #escalation()}
     * @param participantId see {@link #participantId()}
     * @param reason see {@link #reason()}
     * @param expectedVersion see {@link #expectedVersion()}
     */
    public RemoveParticipant(
            EscalationId escalation, String participantId, String reason, @Nullable Long expectedVersion) {
        this(escalation, null, participantId, reason, expectedVersion);
    }

    /**
     * The command without a kind and without an expected version: no precondition on the escalation's version.
     *
     * @param escalation see {@link #escalation()}
     * @param participantId see {@link #participantId()}
     * @param reason see {@link #reason()}
     */
    public RemoveParticipant(EscalationId escalation, String participantId, String reason) {
        this(escalation, null, participantId, reason, null);
    }

    /**
     * The command for the participant of that kind and id, without an expected version.
     *
     * @param escalation see {@link #escalation()}
     * @param participantKind see {@link #participantKind()}
     * @param participantId see {@link #participantId()}
     * @param reason see {@link #reason()}
     */
    public RemoveParticipant(
            EscalationId escalation, Party.@Nullable Kind participantKind, String participantId, String reason) {
        this(escalation, participantKind, participantId, reason, null);
    }

    /**
     * Removes the contact with that id.
     *
     * @param escalation the escalation
     * @param contact    the contact's id
     * @param reason     why
     * @return the command
     */
    public static RemoveParticipant contact(EscalationId escalation, String contact, String reason) {
        return new RemoveParticipant(escalation, Party.Kind.CONTACT, contact, reason, null);
    }

    /**
     * Removes the staff member with that id.
     *
     * @param escalation the escalation
     * @param staff      the staff member's id
     * @param reason     why
     * @return the command
     */
    public static RemoveParticipant staff(EscalationId escalation, String staff, String reason) {
        return new RemoveParticipant(escalation, Party.Kind.STAFF, staff, reason, null);
    }

    /**
     * Removes the external stakeholder with that e-mail address.
     *
     * @param escalation the escalation
     * @param email      the stakeholder's e-mail address (their id)
     * @param reason     why
     * @return the command
     */
    public static RemoveParticipant external(EscalationId escalation, String email, String reason) {
        return new RemoveParticipant(escalation, Party.Kind.EXTERNAL, email, reason, null);
    }

    /**
     * This command with a precondition: it applies only while the escalation is at {@code version} (see
     * {@link ExpectsVersion}).
     *
     * @param version the version the caller last saw, such as {@code EscalationView.version()}
     * @return a copy of this command expecting that version
     */
    public RemoveParticipant expectingVersion(long version) {
        return new RemoveParticipant(escalation, participantKind, participantId, reason, version);
    }
}
