package dev.escalation.command;

import dev.escalation.model.EscalationId;
import dev.escalation.model.Party;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import org.jspecify.annotations.Nullable;

/**
 * Adds a stakeholder who must stay informed. A contact of the escalation's customer or a staff member is given by
 * id (name and e-mail come from the directory); an external stakeholder by name and e-mail.
 *
 * @param escalation    the escalation
 * @param kind          contact, staff or external
 * @param participantId the contact's or staff member's id (see {@link SafeId}); ignored for external stakeholders,
 *                      but refused if given and not a valid id
 * @param displayName   the external stakeholder's name (1 to 200 characters, one line); ignored otherwise
 * @param email         the external stakeholder's e-mail address (at most 254 characters); ignored otherwise, but
 *                      refused if given and invalid. It becomes their id as a participant, so it is refused, too,
 *                      with an invisible formatting character (as an id: {@code email.Id}, see {@link SafeId})
 * @param expectedVersion the version the escalation must have for the command to apply, or {@code null} for
 *                        no precondition (see {@link ExpectsVersion})
 */
public record AddParticipant(
        @NotNull @SafeId EscalationId escalation,
        @NotNull Party.Kind kind,
        @SafeId String participantId,

        @SafeText(max = 200, required = false, singleLine = true)
        String displayName,

        @Email @SafeText(max = 254, required = false) String email,
        @Positive @Nullable Long expectedVersion)
        implements ExpectsVersion {
    /**
     * The command without an expected version: no precondition on the escalation's version.
     *
     * @param escalation see {@link #escalation()}
     * @param kind see {@link #kind()}
     * @param participantId see {@link #participantId()}
     * @param displayName see {@link #displayName()}
     * @param email see {@link #email()}
     */
    public AddParticipant(
            EscalationId escalation, Party.Kind kind, String participantId, String displayName, String email) {
        this(escalation, kind, participantId, displayName, email, null);
    }

    /**
     * This command with a precondition: it applies only while the escalation is at {@code version} (see
     * {@link ExpectsVersion}).
     *
     * @param version the version the caller last saw, such as {@code EscalationView.version()}
     * @return a copy of this command expecting that version
     */
    public AddParticipant expectingVersion(long version) {
        return new AddParticipant(escalation, kind, participantId, displayName, email, version);
    }

    /**
     * Adds a contact of the escalation's customer.
     *
     * @param escalation the escalation
     * @param contact    the contact id
     * @return the command
     */
    public static AddParticipant contact(EscalationId escalation, String contact) {
        return new AddParticipant(escalation, Party.Kind.CONTACT, contact, null, null);
    }

    /**
     * Adds a staff member.
     *
     * @param escalation the escalation
     * @param staff      the staff id
     * @return the command
     */
    public static AddParticipant staff(EscalationId escalation, String staff) {
        return new AddParticipant(escalation, Party.Kind.STAFF, staff, null, null);
    }

    /**
     * Adds an external stakeholder.
     *
     * @param escalation  the escalation
     * @param displayName the name
     * @param email       the e-mail address
     * @return the command
     */
    public static AddParticipant external(EscalationId escalation, String displayName, String email) {
        return new AddParticipant(escalation, Party.Kind.EXTERNAL, null, displayName, email);
    }
}
