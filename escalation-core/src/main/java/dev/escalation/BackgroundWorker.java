package dev.escalation;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * The engine's background work: processing due work and delivering the outbox, on the caller's thread or on the
 * optional background thread of {@link EscalationEngine#start(Duration)} (due work, then delivery, then scheduled retention, repeatedly).
 */
final class BackgroundWorker {
    private final DueFollowUps dueWork;
    private final Delivery delivery;
    private final Runnable retention;
    private final Duration shutdownTimeout;
    private final Object lock = new Object();
    private @Nullable ScheduledExecutorService worker;

    BackgroundWorker(EngineConfig config, Runnable retention) {
        this.retention = retention;
        this.shutdownTimeout = config.worker().shutdownTimeout();
        this.dueWork = new DueFollowUps(config);
        this.delivery = new Delivery(config, new NotificationDelivery(config));
    }

    DeliveryReport processDueWork() {
        return dueWork.processDueWork();
    }

    DeliveryReport deliverPending() {
        return delivery.deliverPending();
    }

    void start(@Nullable Duration interval) {
        Inputs.interval(interval);
        synchronized (lock) {
            if (worker != null) {
                throw new IllegalStateException("the background worker is already running");
            }
            ScheduledExecutorService s = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "escalation-worker");
                t.setDaemon(true);
                return t;
            });
            s.scheduleWithFixedDelay(this::runOnce, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
            worker = s;
        }
    }

    private void runOnce() {
        try {
            dueWork.processDueWork();
            delivery.deliverPending();
            retention.run();
        } catch (RuntimeException e) {
            Ports.LOG.warn("background delivery run failed: {}", e.getClass().getName());
        }
    }

    void stop() {
        ScheduledExecutorService s;
        synchronized (lock) {
            s = worker;
            worker = null;
        }
        if (s != null) {
            s.shutdown();
            try {
                if (!s.awaitTermination(shutdownTimeout.toNanos(), TimeUnit.NANOSECONDS)) {
                    s.shutdownNow();
                }
            } catch (InterruptedException e) {
                s.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
    }
}
