package dev.escalation.model;

import static java.util.Objects.requireNonNull;

/**
 * A person an escalation involves: a participant, a notification recipient or a meeting attendee.
 * The engine resolves contacts and staff from the directories when it records the party, so an adapter
 * never needs a directory to deliver.
 *
 * @param kind        contact, staff or an external stakeholder
 * @param id          the contact's or staff member's id; for an external party its e-mail address
 * @param displayName the name to show
 * @param email       where to reach the party
 */
public record Party(Kind kind, String id, String displayName, String email) {

    /** Where a party comes from. */
    public enum Kind {
        /** A customer touchpoint. */
        CONTACT,
        /** A vendor staff member. */
        STAFF,
        /** Someone known only by name and e-mail address. */
        EXTERNAL
    }

    /**
     * Validates the components.
     *
     * @param kind contact, staff or an external stakeholder
     * @param id the contact's or staff member's id; for an external party its e-mail address
     * @param displayName the name to show
     * @param email where to reach the party
     * @throws NullPointerException if a component is null
     */
    public Party {
        requireNonNull(kind, "kind");
        requireNonNull(id, "id");
        requireNonNull(displayName, "displayName");
        requireNonNull(email, "email");
    }
}
