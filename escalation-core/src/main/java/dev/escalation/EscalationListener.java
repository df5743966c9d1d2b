package dev.escalation;

/**
 * Receives {@link EscalationEvent}s. Called on the caller's thread after the change is stored, in order of the
 * entries; an exception thrown by a listener is logged and neither undoes the change nor stops other listeners.
 * Keep listeners fast; hand slow work to your own executor.
 */
@FunctionalInterface
public interface EscalationListener {

    /**
     * Called once per new progress entry.
     *
     * @param event the event
     */
    void onEvent(EscalationEvent event);
}
