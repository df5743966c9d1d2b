package dev.escalation.model;

import static java.util.Objects.requireNonNull;

/**
 * Who did something, as stored in the progress log.
 *
 * @param kind whether a customer contact, a staff member or the engine itself acted
 * @param id   the contact's or staff member's id, or {@code "system"}
 */
public record ActorRef(Kind kind, String id) {

    /** The kinds of actor. */
    public enum Kind {
        /** A customer touchpoint ({@link ContactId}). */
        CONTACT,
        /** A vendor staff member ({@link StaffId}). */
        STAFF,
        /** The engine (due work, automatic transitions). */
        SYSTEM
    }

    /** The engine as actor. */
    public static final ActorRef SYSTEM = new ActorRef(Kind.SYSTEM, "system");

    /**
     * Validates the components.
     *
     * @param kind whether a customer contact, a staff member or the engine itself acted
     * @param id the contact's or staff member's id, or {@code "system"}
     * @throws NullPointerException if a component is null
     */
    public ActorRef {
        requireNonNull(kind, "kind");
        requireNonNull(id, "id");
    }

    /**
     * A customer contact as actor.
     *
     * @param id the contact
     * @return the reference
     */
    public static ActorRef contact(ContactId id) {
        return new ActorRef(Kind.CONTACT, id.value());
    }

    /**
     * A staff member as actor.
     *
     * @param id the staff member
     * @return the reference
     */
    public static ActorRef staff(StaffId id) {
        return new ActorRef(Kind.STAFF, id.value());
    }
}
