package dev.escalation.spi;

import dev.escalation.model.EscalationId;

/**
 * A side effect the engine records together with a state change and delivers later, at least once: either a
 * {@link NotificationRequest} or a {@link TicketCommand}.
 */
public sealed interface SideEffect permits NotificationRequest, TicketCommand {

    /**
     * The stable key of this effect. A repeated delivery carries the same key, so an adapter that de-duplicates
     * by key turns at-least-once into exactly one effect.
     *
     * @return the key, unique per effect
     */
    String idempotencyKey();

    /**
     * The escalation this effect belongs to.
     *
     * @return the escalation id
     */
    EscalationId escalation();
}
