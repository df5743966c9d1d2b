package dev.escalation;

import static java.util.Objects.requireNonNull;

import dev.escalation.model.ActorRef;
import dev.escalation.model.ContactId;
import dev.escalation.model.StaffId;

/**
 * The person on whose behalf a call is made, as authenticated by the host. The engine authorises this actor on
 * every call against the customer and staff directories.
 *
 * @param kind a customer contact or a staff member
 * @param id   the contact's or staff member's id
 */
public record Actor(Kind kind, String id) {

    /** Customer side or vendor side. */
    public enum Kind {
        /** A customer touchpoint; sees only its own customer's escalations. */
        CONTACT,
        /** A vendor staff member; works across customers. */
        STAFF
    }

    /**
     * Validates the components.
     *
     * @param kind a customer contact or a staff member
     * @param id the contact's or staff member's id
     * @throws NullPointerException if a component is null
     */
    public Actor {
        requireNonNull(kind, "kind");
        requireNonNull(id, "id");
    }

    /**
     * A customer contact.
     *
     * @param id the contact id
     * @return the actor
     */
    public static Actor contact(String id) {
        return new Actor(Kind.CONTACT, ContactId.of(id).value());
    }

    /**
     * A staff member.
     *
     * @param id the staff id
     * @return the actor
     */
    public static Actor staff(String id) {
        return new Actor(Kind.STAFF, StaffId.of(id).value());
    }

    ActorRef ref() {
        return new ActorRef(kind == Kind.CONTACT ? ActorRef.Kind.CONTACT : ActorRef.Kind.STAFF, id);
    }

    @Override
    public String toString() {
        return (kind == Kind.CONTACT ? "contact " : "staff member ") + id;
    }
}
