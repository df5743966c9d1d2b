package dev.escalation.benchmarks.scale;

import dev.escalation.EngineObserver;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What one node's background worker did, so that a worker that stalls or fails is seen in the JSON and the log (the
 * worker itself only logs at WARN, and the harness binds slf4j-nop): its deliveries (attempts reported on the worker's
 * thread, as an {@link EngineObserver} registered with the node's engine), its failed run parts by phase and exception
 * type ({@link EngineObserver#workerFailed}), and its <b>stalls</b>: stretches without any worker transaction longer
 * than a threshold, found by {@link #sample} (called every few hundred milliseconds by the driver's watchdog), each
 * with the worker thread's state and stack when first seen, so the cause is in the report.
 */
final class WorkerWatch implements EngineObserver {
    /** Stalls kept with their stack per node. */
    static final int STALLS_KEPT = 5;
    /** Stack frames kept per stall. */
    static final int FRAMES = 14;

    private final WatchedDataSource watched;
    private final long stallNanos;
    private final LongAdder delivered = new LongAdder();
    private final LongAdder retried = new LongAdder();
    private final LongAdder dead = new LongAdder();
    private final Map<String, LongAdder> failures = new ConcurrentHashMap<>();
    private final List<Map<String, Object>> stalls = new ArrayList<>();
    private long stallCount;
    private long stalledNanos;
    private long longestGapNanos;
    private long openStallSince = -1;
    private Map<String, Object> openStall;

    /**
     * @param watched     the node's data source (it knows the worker's last transaction and thread)
     * @param stallMillis a gap between two worker transactions longer than this is a stall
     */
    WorkerWatch(WatchedDataSource watched, long stallMillis) {
        this.watched = watched;
        this.stallNanos = stallMillis * 1_000_000L;
    }

    @Override
    public void deliveryAttempted(DeliveryTarget target, DeliveryResult result, java.time.Duration latency) {
        if (!Thread.currentThread().getName().startsWith(WatchedDataSource.WORKER_THREAD)) {
            return; // the final drain (a request thread) delivers too; only the worker's own count here
        }
        switch (result) {
            case DELIVERED -> delivered.increment();
            case RETRIED -> retried.increment();
            case DEAD_LETTERED -> dead.increment();
        }
    }

    @Override
    public void workerFailed(WorkerPhase phase, Class<? extends Throwable> failure) {
        failures.computeIfAbsent(phase + " " + failure.getName(), k -> new LongAdder())
                .increment();
    }

    /** @return side effects the worker delivered so far */
    long delivered() {
        return delivered.sum();
    }

    /** @return failed run parts so far */
    long failures() {
        return failures.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /**
     * Looks at the worker once: opens a stall (with the worker's stack) when its last transaction is older than the
     * threshold, closes it when a transaction followed.
     *
     * @param now     {@link System#nanoTime()}
     * @param started when the driver started ({@link System#nanoTime()}), for the stall's offset
     */
    synchronized void sample(long now, long started) {
        long last = watched.lastWorkerTransaction();
        if (last == 0) {
            return; // the worker has not taken a transaction yet
        }
        long gap = now - last;
        longestGapNanos = Math.max(longestGapNanos, gap);
        if (openStall != null && last > openStallSince) {
            close(last);
        }
        if (openStall == null && gap > stallNanos) {
            openStallSince = last;
            stallCount++;
            openStall = new LinkedHashMap<>();
            openStall.put("sinceSecond", round((last - started) / 1e9));
            Thread t = watched.workerThread();
            openStall.put("threadState", t == null ? "unknown" : t.getState().name());
            openStall.put("stack", t == null ? List.of() : stack(t));
            if (stalls.size() < STALLS_KEPT) {
                stalls.add(openStall);
            }
        }
    }

    /** Closes a stall still open at the end (its length up to {@code now}). */
    synchronized void finish(long now) {
        if (openStall != null) {
            close(now);
            openStall = null;
        }
    }

    private void close(long end) {
        long length = end - openStallSince;
        stalledNanos += length;
        openStall.put("seconds", round(length / 1e9));
        openStall = null;
    }

    private static List<String> stack(Thread t) {
        List<String> frames = new ArrayList<>();
        for (StackTraceElement e : t.getStackTrace()) {
            if (frames.size() >= FRAMES) {
                break;
            }
            frames.add(e.getClassName() + "." + e.getMethodName() + ":" + e.getLineNumber());
        }
        return frames;
    }

    /**
     * @param windowTx        the worker's transactions in the measured window
     * @param windowDelivered its deliveries in the measured window
     * @return the worker's figures as JSON-ready values
     */
    synchronized Map<String, Object> toMap(long windowTx, long windowDelivered) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("windowTransactions", windowTx);
        m.put("windowDelivered", windowDelivered);
        m.put("delivered", delivered.sum());
        m.put("retried", retried.sum());
        m.put("deadLettered", dead.sum());
        Map<String, Long> f = new TreeMap<>();
        failures.forEach((k, v) -> f.put(k, v.sum()));
        m.put("failedParts", f);
        m.put("longestGapSeconds", round(longestGapNanos / 1e9));
        m.put("stallThresholdSeconds", round(stallNanos / 1e9));
        m.put("stalls", stallCount);
        m.put("stalledSeconds", round(stalledNanos / 1e9));
        m.put("stallSamples", List.copyOf(stalls));
        return m;
    }

    /** @return whether the worker stalled or had a failed run part */
    synchronized boolean troubled() {
        return stallCount > 0 || failures() > 0;
    }

    private static double round(double x) {
        return Math.round(x * 1000) / 1000.0;
    }
}
