package dev.escalation;

import dev.escalation.model.ActorRef;
import dev.escalation.model.ContactId;
import dev.escalation.model.StaffId;

/**
 * The person on whose behalf a call is made, as authenticated by the host. The engine authorises this actor on
 * every call against the customer and staff directories.
 *
 * <p>Like commands, an actor accepts any components when built directly; the engine checks it on every call before
 * it calls any port, and refuses a {@code null} kind or id, or an id that is blank in Unicode terms, longer than 128
 * characters or contains control characters, unpaired surrogates or invisible formatting characters (Unicode Cf),
 * with an {@link InvalidCommandException} (field {@code "actor.kind"} or {@code "actor.id"}, rule {@code "NotNull"}
 * or {@code "Id"}). The factories {@link #contact(String)} and {@link #staff(String)} check the id at once.
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
     * A customer contact.
     *
     * @param id the contact id
     * @return the actor
     * @throws NullPointerException if {@code id} is null
     * @throws IllegalArgumentException if {@code id} is not a valid {@link ContactId}
     */
    public static Actor contact(String id) {
        return new Actor(Kind.CONTACT, ContactId.of(id).value());
    }

    /**
     * A staff member.
     *
     * @param id the staff id
     * @return the actor
     * @throws NullPointerException if {@code id} is null
     * @throws IllegalArgumentException if {@code id} is not a valid {@link StaffId}
     */
    public static Actor staff(String id) {
        return new Actor(Kind.STAFF, StaffId.of(id).value());
    }

    ActorRef ref() {
        return new ActorRef(kind == Kind.CONTACT ? ActorRef.Kind.CONTACT : ActorRef.Kind.STAFF, id);
    }

    @Override
    public String toString() {
        return (kind == Kind.CONTACT ? "contact " : kind == Kind.STAFF ? "staff member " : "actor ") + id;
    }
}
