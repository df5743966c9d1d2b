package dev.escalation.model;

/** How a notification should reach its recipient. A notifier may support only some channels. */
public enum DeliveryChannel {
    /** E-mail. */
    EMAIL,
    /** Text message or page to a phone. */
    SMS,
    /** A message shown in the portal. */
    PORTAL
}
