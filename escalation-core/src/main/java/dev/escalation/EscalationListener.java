package dev.escalation;

/**
 * Receives {@link EscalationEvent}s in process. Called on the caller's thread after the change is stored, in order of
 * the entries; an exception thrown by a listener (an {@link Error} too, but for the JVM's own such as
 * {@link OutOfMemoryError}) is logged by its type and neither undoes the change nor stops other listeners. Keep
 * listeners fast; hand slow work to your own executor.
 *
 * <p>A listener is not crash-safe: an event is lost if the process stops between the store's commit and the call,
 * and changes made by other engine instances are not seen. Hosts that must see every change (search indexes, data
 * warehouses, integrations) follow the store's change feed instead, with {@link EscalationOperations#changesSince} and
 * a cursor they persist after processing.
 */
@FunctionalInterface
public interface EscalationListener {

    /**
     * Called once per new timeline entry.
     *
     * @param event the event
     */
    void onEvent(EscalationEvent event);
}
