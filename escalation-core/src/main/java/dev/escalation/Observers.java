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

    boolean any() {
        return !observers.isEmpty();
    }

    void command(Action action, EngineObserver.CommandOutcome outcome) {
        for (EngineObserver o : observers) {
            try {
                o.commandCompleted(action, outcome);
            } catch (RuntimeException e) {
                failed(o, e);
            }
        }
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
        for (EngineObserver o : observers) {
            try {
                o.deliveryAttempted(target, result, latency);
            } catch (RuntimeException e) {
                failed(o, e);
            }
        }
    }

    void backlog(long pending, long dead) {
        for (EngineObserver o : observers) {
            try {
                o.backlog(pending, dead);
            } catch (RuntimeException e) {
                failed(o, e);
            }
        }
    }

    void validated(Action action) {
        for (EngineObserver o : observers) {
            try {
                o.validated(action);
            } catch (RuntimeException e) {
                failed(o, e);
            }
        }
    }

    void hashed(int records) {
        if (records <= 0) {
            return;
        }
        for (EngineObserver o : observers) {
            try {
                o.hashed(records);
            } catch (RuntimeException e) {
                failed(o, e);
            }
        }
    }

    void rendered(int notifications) {
        if (notifications <= 0) {
            return;
        }
        for (EngineObserver o : observers) {
            try {
                o.rendered(notifications);
            } catch (RuntimeException e) {
                failed(o, e);
            }
        }
    }

    private static void failed(EngineObserver o, RuntimeException e) {
        Ports.LOG.warn(
                "observer {} failed: {}", o.getClass().getName(), e.getClass().getName());
    }
}
