package dev.escalation.spring.boot;

import dev.escalation.EscalationEngine;
import java.time.Duration;
import org.springframework.context.SmartLifecycle;

/**
 * Runs the engine's background worker (due work, then delivery, then scheduled retention and audit anchoring, every
 * interval) while the application context runs. Stopping waits for a running delivery up to the engine's shutdown
 * timeout ({@code escalation.delivery.shutdown-timeout}); a delivery interrupted after that is not lost: its claim
 * expires and it is delivered again, at least once.
 *
 * <p>Phase: below the web server's lifecycles, so the worker starts before the server takes requests and stops after
 * the server has finished its graceful shutdown; side effects recorded by the last requests are then still delivered
 * by this instance if their turn comes, or by the next run of any instance.
 */
final class BackgroundDelivery implements SmartLifecycle {
    static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;

    private final EscalationEngine engine;
    private final Duration interval;
    private final Object lock = new Object();
    private boolean running;

    BackgroundDelivery(EscalationEngine engine, Duration interval) {
        this.engine = engine;
        this.interval = interval;
    }

    @Override
    public void start() {
        synchronized (lock) {
            if (!running) {
                engine.start(interval);
                running = true;
            }
        }
    }

    @Override
    public void stop() {
        synchronized (lock) {
            if (running) {
                engine.close();
                running = false;
            }
        }
    }

    @Override
    public boolean isRunning() {
        synchronized (lock) {
            return running;
        }
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
