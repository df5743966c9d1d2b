package dev.escalation.command;

import dev.escalation.model.EscalationId;
import dev.escalation.model.Party;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotNull;

/**
 * Adds a stakeholder who must stay informed. A contact of the escalation's customer or a staff member is given by
 * id (name and e-mail come from the directory); an external stakeholder by name and e-mail.
 *
 * @param escalation    the escalation
 * @param kind          contact, staff or external
 * @param participantId the contact's or staff member's id (see {@link SafeId}); ignored for external stakeholders,
 *                      but refused if given and not a valid id
 * @param displayName   the external stakeholder's name (1 to 200 characters); ignored otherwise
 * @param email         the external stakeholder's e-mail address (at most 254 characters); ignored otherwise, but
 *                      refused if given and invalid
 */
public record AddParticipant(
        @NotNull @SafeId EscalationId escalation,
        @NotNull Party.Kind kind,
        @SafeId String participantId,
        @SafeText(max = 200, required = false) String displayName,
        @Email @SafeText(max = 254, required = false) String email) {

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
