package dev.escalation.model;

/** The channel over which the Incident Manager and the Escalation Manager meet. */
public enum Channel {
    /** A video conference. */
    VIDEO_CALL,
    /** A phone call. */
    PHONE,
    /** A meeting in person. */
    ON_SITE,
    /** Written status updates by e-mail. */
    EMAIL,
    /** A shared chat channel. */
    CHAT
}
