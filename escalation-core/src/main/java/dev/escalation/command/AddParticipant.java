package dev.escalation.command;

import dev.escalation.model.EscalationId;
import dev.escalation.model.Party;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * Adds a stakeholder who must stay informed. A contact of the escalation's customer or a staff member is given by
 * id (name and e-mail come from the directory); an external stakeholder by name and e-mail.
 *
 * @param escalation    the escalation
 * @param kind          contact, staff or external
 * @param participantId the contact's or staff member's id; ignored for external stakeholders
 * @param displayName   the external stakeholder's name (1 to 200 characters); ignored otherwise
 * @param email         the external stakeholder's e-mail address; ignored otherwise
 */
public record AddParticipant(
        @NotNull EscalationId escalation,
        @NotNull Party.Kind kind,
        @Size(max = 128) String participantId,
        @Size(max = 200) String displayName,
        @Email @Size(max = 254) String email) {

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
