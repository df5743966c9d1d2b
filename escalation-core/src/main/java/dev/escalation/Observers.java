package dev.escalation;

import java.time.Duration;
import java.util.List;

/**
 * The {@link EngineObserver}s among the engine's listeners, called safely: an observer's exception is logged and
 * ignored. Without observers every call is an empty loop.
 */
final class Observers {
    private final List<EngineObserver> observers;

    Observers(List<EscalationListener> listeners) {
        this.observers = listeners.stream()
                .filter(EngineObserver.class::isInstance)
                .map(EngineObserver.class::cast)
                .toList();
    }

    /**
     * The listeners that take events: all but observers that keep {@link EngineObserver#onEvent}'s documented no-op
     * (events are built for nobody then).
     */
    static List<EscalationListener> eventListeners(List<EscalationListener> listeners) {
        return listeners.stream().filter(l -> !ignoresEvents(l)).toList();
    }

    private static boolean ignoresEvents(EscalationListener l) {
        if (!(l instanceof EngineObserver)) {
            return false;
        }
        try {
            return l.getClass().getMethod("onEvent", EscalationEvent.class).getDeclaringClass() == EngineObserver.class;
        } catch (NoSuchMethodException | SecurityException e) {
            return false;
        }
    }

    boolean any() {
        return !observers.isEmpty();
    }

    void command(Action action, EngineObserver.CommandOutcome outcome) {
        each(o -> o.commandCompleted(action, outcome));
    }

    /** Runs a command and reports its outcome. */
    <T> T command(Action action, java.util.function.Supplier<T> command) {
        if (observers.isEmpty()) {
            return command.get();
        }
        try {
            T result = command.get();
            command(action, EngineObserver.CommandOutcome.SUCCEEDED);
            return result;
        } catch (EscalationException e) {
            command(action, EngineObserver.CommandOutcome.REFUSED);
            throw e;
        } catch (RuntimeException | Error e) {
            command(action, EngineObserver.CommandOutcome.FAILED);
            throw e;
        }
    }

    void delivery(EngineObserver.DeliveryTarget target, EngineObserver.DeliveryResult result, Duration latency) {
        each(o -> o.deliveryAttempted(target, result, latency));
    }

    void workerFailed(EngineObserver.WorkerPhase phase, Class<? extends Throwable> failure) {
        each(o -> o.workerFailed(phase, failure));
    }

    void backlog(long pending, long dead) {
        each(o -> o.backlog(pending, dead));
    }

    void validated(Action action) {
        each(o -> o.validated(action));
    }

    void hashed(int records) {
        if (records > 0) {
            each(o -> o.hashed(records));
        }
    }

    void rendered(int notifications) {
        if (notifications > 0) {
            each(o -> o.rendered(notifications));
        }
    }

    /**
     * Calls every observer; one that throws (a checked exception thrown sneakily and an {@link Error} too, unless
     * {@linkplain Ports#fatal fatal}) is logged and the others are still called.
     */
    private void each(java.util.function.Consumer<EngineObserver> call) {
        for (EngineObserver o : observers) {
            try {
                call.accept(o);
            } catch (Throwable e) {
                if (Ports.fatal(e)) {
                    throw (Error) e;
                }
                failed(o, e);
            }
        }
    }

    private static void failed(EngineObserver o, Throwable e) {
        Ports.LOG.warn(
                "observer {} failed: {}", o.getClass().getName(), e.getClass().getName());
    }
}
