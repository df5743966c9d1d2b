package dev.escalation;

import dev.escalation.model.Party;

/**
 * A person whose personal data is erased or exported ({@link EscalationOperations#erasePerson},
 * {@link EscalationOperations#exportPerson}): a customer contact or a staff member, by id. External participants are
 * erased with the escalations that name them (by retention), not one by one.
 *
 * @param kind {@link Party.Kind#CONTACT} or {@link Party.Kind#STAFF}
 * @param id   the contact's or staff member's id
 */
public record DataSubject(Party.Kind kind, String id) {

    /**
     * A customer contact.
     *
     * @param id the contact's id
     * @return the data subject
     */
    public static DataSubject contact(String id) {
        return new DataSubject(Party.Kind.CONTACT, id);
    }

    /**
     * A staff member.
     *
     * @param id the staff member's id
     * @return the data subject
     */
    public static DataSubject staff(String id) {
        return new DataSubject(Party.Kind.STAFF, id);
    }
}
