package dev.escalation.benchmarks.sdk;

import dev.escalation.Action;
import dev.escalation.EngineObserver;
import dev.escalation.benchmarks.PerThread;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Counts the work the engine reports through {@link EngineObserver}: commands whose input passed validation, audit
 * records hashed into a chain, notifications rendered and side effects delivered. The engine calls an observer on
 * the caller's thread, so each thread counts into a {@link Tally} of its own (no shared counter between the
 * benchmark threads; found by {@link PerThread}); {@link #total()} adds them up.
 */
public final class CountingObserver implements EngineObserver {

    /** One thread's counts. */
    public static final class Tally {
        /** Commands whose input passed validation. */
        public long validated;
        /** Audit-chain records hashed. */
        public long hashed;
        /** Notifications rendered. */
        public long rendered;
        /** Side effects delivered (delivery attempts that ended delivered). */
        public long delivered;
        /** Delivery attempts that did not deliver (retried or dead-lettered). */
        public long failed;

        void add(Tally t) {
            validated += t.validated;
            hashed += t.hashed;
            rendered += t.rendered;
            delivered += t.delivered;
            failed += t.failed;
        }

        /** @return a copy */
        public Tally copy() {
            Tally t = new Tally();
            t.add(this);
            return t;
        }

        @Override
        public String toString() {
            return "validated=" + validated + ", hashed=" + hashed + ", rendered=" + rendered + ", delivered="
                    + delivered + ", failed deliveries=" + failed;
        }
    }

    private final List<Tally> all = new CopyOnWriteArrayList<>();
    private final PerThread<Tally> mine = new PerThread<>(() -> {
        Tally t = new Tally();
        all.add(t);
        return t;
    });

    /** @return the calling thread's counts (live: they grow as the engine works on this thread) */
    public Tally mine() {
        return mine.get();
    }

    /** @return the sum over all threads (a snapshot; exact once the threads are done) */
    public Tally total() {
        Tally sum = new Tally();
        all.forEach(sum::add);
        return sum;
    }

    /**
     * @throws IllegalStateException naming the counts that are zero: the lifecycle must validate, hash, render and
     *     deliver, or it does not measure what it claims to
     */
    public void requireAllCounted() {
        Tally t = total();
        StringBuilder zero = new StringBuilder();
        if (t.validated == 0) zero.append(" validations");
        if (t.hashed == 0) zero.append(" hashes");
        if (t.rendered == 0) zero.append(" rendered-notifications");
        if (t.delivered == 0) zero.append(" deliveries");
        if (t.failed != 0)
            zero.append(" (and failed deliveries: ").append(t.failed).append(')');
        if (zero.length() > 0) {
            throw new IllegalStateException("the lifecycle did not do all its work; zero:" + zero + " (" + t + ")");
        }
    }

    @Override
    public void validated(Action action) {
        mine.get().validated++;
    }

    @Override
    public void hashed(int records) {
        mine.get().hashed += records;
    }

    @Override
    public void rendered(int notifications) {
        mine.get().rendered += notifications;
    }

    @Override
    public void deliveryAttempted(DeliveryTarget target, DeliveryResult result, Duration latency) {
        Tally t = mine.get();
        if (result == DeliveryResult.DELIVERED) {
            t.delivered++;
        } else {
            t.failed++;
        }
    }
}
