package dev.escalation;

import java.time.Duration;

/**
 * Observes the engine for operational metrics (the optional module {@code escalation-micrometer} implements it with
 * Micrometer meters): every command's outcome, every delivery attempt with its latency, and the outbox backlog after
 * each {@link EscalationEngine#deliverPending()}. Register it like a listener, with
 * {@link EscalationEngineBuilder#listener(EscalationListener)}: the engine recognises listeners that implement this
 * interface. Every method has an empty default; without an observer the engine calls nothing (and counts nothing
 * for it).
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

    /** A part of a run of the background worker ({@link EscalationEngine#start}). */
    enum WorkerPhase {
        /** {@link EscalationEngine#processDueWork()}. */
        DUE_WORK,
        /** {@link EscalationEngine#deliverPending()}. */
        DELIVERY,
        /** Scheduled data retention. */
        RETENTION
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

    /**
     * A command's input passed validation (its field rules, checked before the actor is resolved and before any port
     * is called); called once per such command, also when the command is refused later (not authorised, not allowed
     * now …). A command refused as invalid is not reported here.
     *
     * @param action the action
     */
    default void validated(Action action) {}

    /**
     * A command linked new records into an escalation's audit chain (with the audit trail on): called once per
     * command after its write, with the number of records hashed into the chain.
     *
     * @param records the records hashed, at least 1
     */
    default void hashed(int records) {}

    /**
     * Notifications were rendered (subject and body in the recipient's language) for delivery: called once per
     * delivery batch that rendered any, with their number (a notification rendered again for a retry counts again).
     *
     * @param notifications the notifications rendered, at least 1
     */
    default void rendered(int notifications) {}

    /**
     * A part of a background worker's run failed (the store unavailable, an adapter or a bug). The worker logs it, goes
     * on with the run's next part (a failed due-work pass does not hold back delivery) and runs again after its
     * interval. Called on the worker's thread.
     *
     * @param phase   the part that failed
     * @param failure the type of what was thrown (its message is not passed: it may carry personal data)
     */
    default void workerFailed(WorkerPhase phase, Class<? extends Throwable> failure) {}
}
