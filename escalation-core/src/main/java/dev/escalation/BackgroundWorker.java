package dev.escalation;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;

/**
 * The engine's background work: processing due work and delivering the outbox, on the caller's thread or on the
 * optional background thread of {@link EscalationEngine#start(Duration)} (due work, then delivery, then scheduled
 * retention, repeatedly).
 *
 * <p>The parts of a background run fail apart: a due-work pass that throws is logged and reported
 * ({@link EngineObserver#workerFailed}), and delivery still runs; nothing a part throws, {@link Error}s included, ends
 * the background thread (a task of a {@link ScheduledExecutorService} that throws is never run again, silently).
 *
 * <p>A run that outlasts the shutdown timeout is cut off: its thread is interrupted and it starts no further part, so
 * nothing is delivered once {@link #stop()} has returned, not even when the part in flight ignored the interrupt (a
 * JDBC driver, a mail client) and returned after it. Within a part, due work and delivery stop before their next item
 * (due work also before completing the item in flight) and release the rest of their batch, which the next start or
 * another instance processes at once.
 */
final class BackgroundWorker {
    private final DueFollowUps dueWork;
    private final Delivery delivery;
    private final Runnable retention;
    private final Observers observers;
    private final Duration shutdownTimeout;
    private final Object lock = new Object();
    private @Nullable ScheduledExecutorService worker;
    private @Nullable Thread thread; // the worker's one thread: stop() returns once it has ended
    private @Nullable AtomicBoolean cut; // set when stop() gives up waiting: the running run starts no further part

    BackgroundWorker(EngineConfig config, Runnable retention) {
        this.retention = retention;
        this.observers = new Observers(config.listeners());
        this.shutdownTimeout = config.worker().shutdownTimeout();
        this.dueWork = new DueFollowUps(config);
        this.delivery = new Delivery(config, new NotificationDelivery(config));
    }

    DeliveryReport processDueWork() {
        return dueWork.processDueWork(() -> false);
    }

    DeliveryReport deliverPending() {
        return delivery.deliverPending(() -> false);
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
                synchronized (lock) {
                    thread = t;
                }
                return t;
            });
            AtomicBoolean cutOff = new AtomicBoolean();
            BooleanSupplier isCut = cutOff::get;
            Runnable due = () -> dueWork.processDueWork(isCut); // made once: nothing allocated per run
            Runnable deliver = () -> delivery.deliverPending(isCut);
            s.scheduleWithFixedDelay(
                    () -> runOnce(cutOff, due, deliver), 0, interval.toMillis(), TimeUnit.MILLISECONDS);
            worker = s;
            cut = cutOff;
        }
    }

    /** One background run: each part runs even if the one before failed, none once the run was cut off. */
    private void runOnce(AtomicBoolean cutOff, Runnable due, Runnable deliver) {
        part(cutOff, EngineObserver.WorkerPhase.DUE_WORK, due);
        part(cutOff, EngineObserver.WorkerPhase.DELIVERY, deliver);
        part(cutOff, EngineObserver.WorkerPhase.RETENTION, retention);
    }

    private void part(AtomicBoolean cutOff, EngineObserver.WorkerPhase phase, Runnable part) {
        if (cutOff.get()) {
            return;
        }
        try {
            part.run();
        } catch (Throwable e) { // anything escaping would end the scheduled runs for good
            Ports.LOG.warn(
                    "background worker: {} failed: {}", phase, e.getClass().getName());
            observers.workerFailed(phase, e.getClass());
        }
    }

    /**
     * Stops the runs: waits up to the shutdown timeout for a running one to end, then (up to the timeout again) for the
     * worker thread itself (an executor counts as terminated a moment before its thread has ended).
     */
    void stop() {
        ScheduledExecutorService s;
        Thread t;
        AtomicBoolean cutOff;
        synchronized (lock) {
            s = worker;
            worker = null;
            t = thread;
            thread = null;
            cutOff = cut;
            cut = null;
        }
        if (s != null && cutOff != null) {
            s.shutdown();
            try {
                if (!s.awaitTermination(shutdownTimeout.toNanos(), TimeUnit.NANOSECONDS)) {
                    cutOff.set(true); // before the interrupt: a part that returns after it is the run's last
                    s.shutdownNow();
                } else if (t != null) { // terminated: the thread only runs its exit now
                    t.join(Math.max(1, shutdownTimeout.toMillis()));
                }
            } catch (InterruptedException e) {
                cutOff.set(true);
                s.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
    }
}
