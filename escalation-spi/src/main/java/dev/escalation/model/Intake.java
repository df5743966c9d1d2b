package dev.escalation.model;

import static java.util.Objects.requireNonNull;

/**
 * How an escalation reached the vendor: pressed in the portal by the Incident Manager, or recorded by staff on the
 * Incident Manager's behalf (for example a call to the hotline outside business hours).
 *
 * @param channel    how it came in
 * @param recordedBy who recorded it: the Incident Manager for {@link Channel#PORTAL}, a staff member otherwise
 */
public record Intake(Channel channel, ActorRef recordedBy) {

    /** The way in. Stable codes: stores persist the name. */
    public enum Channel {
        /** The customer portal's "Escalate Case". */
        PORTAL,
        /** A call to the vendor's hotline, recorded by staff. */
        HOTLINE_CALL
    }

    /**
     * Validates the components.
     *
     * @param channel how it came in
     * @param recordedBy who recorded it: the Incident Manager for {@link Channel#PORTAL}, a staff member otherwise
     * @throws NullPointerException if a component is null
     */
    public Intake {
        requireNonNull(channel, "channel");
        requireNonNull(recordedBy, "recordedBy");
    }

    /**
     * The portal intake by the escalating contact.
     *
     * @param contact the Incident Manager
     * @return the intake
     */
    public static Intake portal(ContactId contact) {
        return new Intake(Channel.PORTAL, ActorRef.contact(contact));
    }
}
