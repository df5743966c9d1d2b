package dev.escalation;

import java.time.Duration;

/**
 * Observes the engine for operational metrics (the optional module {@code escalation-micrometer} implements it with
 * Micrometer meters): every command's outcome, every delivery attempt with its latency, and the outbox backlog after
 * each {@link EscalationEngine#deliverPending()}. Register it like a listener, with
 * {@link EscalationEngineBuilder#listener(EscalationListener)}: the engine recognises listeners that implement this
 * interface. Every method has an empty default; without an observer the engine calls nothing.
 *
 * <p>Called on the engine caller's thread after the fact; an exception thrown by an observer is logged and changes
 * nothing. Keep observers fast (a counter increment), and never block. No personal data is passed.
 */
public interface EngineObserver extends EscalationListener {

    /** How a command ended. */
    enum CommandOutcome {
        /** The change was stored. */
        SUCCEEDED,
        /** Refused with an {@link EscalationException} (invalid, not authorised, not allowed now, not found …). */
        REFUSED,
        /** Failed otherwise (a port unavailable, a bug). */
        FAILED
    }

    /** What a delivery attempt delivered. */
    enum DeliveryTarget {
        /** A notification to a person. */
        NOTIFICATION,
        /** A call of the ticketing system. */
        TICKET
    }

    /** How a delivery attempt ended. */
    enum DeliveryResult {
        /** Delivered. */
        DELIVERED,
        /** Failed; retried later. */
        RETRIED,
        /** Given up: dead-lettered. */
        DEAD_LETTERED
    }

    /**
     * Domain events are not needed for metrics: ignored unless overridden.
     *
     * @param event the event
     */
    @Override
    default void onEvent(EscalationEvent event) {}

    /**
     * A command ended (every user action, {@link Action#ESCALATE} included; reads are not commands).
     *
     * @param action  the action
     * @param outcome how it ended
     */
    default void commandCompleted(Action action, CommandOutcome outcome) {}

    /**
     * A side effect was attempted.
     *
     * @param target  notification or ticket call
     * @param result  how the attempt ended
     * @param latency from when the side effect was queued (its command's instant) to the end of the attempt, on the
     *                engine's clock
     */
    default void deliveryAttempted(DeliveryTarget target, DeliveryResult result, Duration latency) {}

    /**
     * The outbox after a delivery run: side effects still pending (retries included) and dead letters.
     *
     * @param pending     pending side effects
     * @param deadLetters dead-lettered side effects
     */
    default void backlog(long pending, long deadLetters) {}
}
