package dev.escalation.spi;

import static java.util.Objects.requireNonNull;

import dev.escalation.model.Party;

/**
 * A person by kind and id, without personal data: a notification's recipient key, the subject of an erasure.
 *
 * @param kind a contact, a staff member, or an external person (known by id only to the escalation)
 * @param id   the id ({@code ContactId}, {@code StaffId} or the external party's id)
 */
public record PartyRef(Party.Kind kind, String id) {
    /**
     * Validates the components.
     *
     * @param kind a contact, a staff member, or an external person (known by id only to the escalation)
     * @param id the id ({@code ContactId}, {@code StaffId} or the external party's id)
     * @throws NullPointerException if a component is null
     */
    public PartyRef {
        requireNonNull(kind, "kind");
        requireNonNull(id, "id");
    }

    /**
     * The reference of a party.
     *
     * @param party the party
     * @return its kind and id
     */
    public static PartyRef of(Party party) {
        return new PartyRef(party.kind(), party.id());
    }

    @Override
    public String toString() {
        return kind + ":" + id;
    }
}
