package dev.escalation;

import dev.escalation.model.Party;

/**
 * A person whose personal data is erased or exported ({@link EscalationOperations#erasePerson},
 * {@link EscalationOperations#exportPerson}): a customer contact or a staff member by id, or an external
 * stakeholder by e-mail address (their id as a participant: the address exactly as it was added, case included).
 *
 * @param kind {@link Party.Kind#CONTACT}, {@link Party.Kind#STAFF} or {@link Party.Kind#EXTERNAL}
 * @param id   the contact's or staff member's id; for an external stakeholder their e-mail address
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

    /**
     * An external stakeholder: a participant known by name and e-mail address only, identified by that address in
     * every escalation of every customer. The address is matched exactly, as participants are told apart:
     * {@code Zoe@partner.example} and {@code zoe@partner.example} are two participants and two data subjects.
     * Erasure puts the marker for the address wherever a party is them; it stays only as the {@code participant}
     * reference of the entries that added and removed them, which the audit chain hashes. The engine refuses an id
     * that is blank, longer than 254 characters or has a control character, line break or unpaired surrogate
     * ({@code person.id.Address}; a contact's or staff member's invalid id is {@code person.id.Id}).
     *
     * @param address the e-mail address they were added with
     * @return the data subject
     */
    public static DataSubject external(String address) {
        return new DataSubject(Party.Kind.EXTERNAL, address);
    }
}
