package dev.escalation.inmemory;

import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The idempotency keys the {@link InMemoryOutbox} de-duplicates by: the key of every waiting message (mapped to its
 * waiting entry) and of every message delivered within the de-duplication window (mapped to the instant it was
 * delivered). Thread-safe without a lock on the write path: a key is claimed with one atomic map operation. Delivered
 * keys are remembered in delivery order and forgotten after the window ({@link #forgetBefore}); once forgotten
 * nothing of them stays in memory.
 */
final class DeliveredKeys {

    private record Delivered(String key, Instant at) {}

    /** A waiting key maps to its waiting entry, a delivered one to its delivery {@link Instant}. */
    private final ConcurrentHashMap<String, Object> keys = new ConcurrentHashMap<>();
    /** Delivered keys in the order recorded; delivery instants of concurrent finishers may interleave slightly. */
    private final ConcurrentLinkedQueue<Delivered> order = new ConcurrentLinkedQueue<>();
    /** Held while forgetting, so two forgetters do not race on the head of {@link #order}. */
    private final ReentrantLock forgetting = new ReentrantLock();

    /**
     * Claims {@code key} for a waiting entry unless it is waiting already or was delivered at or after
     * {@code deliveredAfter}; returns whether it was claimed.
     */
    boolean claim(String key, Object entry, Instant deliveredAfter) {
        Object prev = keys.putIfAbsent(key, entry);
        while (prev != null) {
            if (!(prev instanceof Instant at) || !at.isBefore(deliveredAfter)) {
                return false; // waiting or dead, or delivered within the window
            }
            if (keys.replace(key, prev, entry)) {
                return true; // delivered before the window: it may be queued again
            }
            prev = keys.putIfAbsent(key, entry);
        }
        return true;
    }

    /** Gives back the key of an entry that leaves the outbox undelivered (its escalation was purged). */
    void release(String key, Object entry) {
        keys.remove(key, entry);
    }

    /** Records the key of a delivered entry: it is remembered until forgotten after the window. */
    void delivered(String key, Object entry, Instant at) {
        if (keys.replace(key, entry, at)) {
            order.add(new Delivered(key, at));
        }
    }

    /** Forgets up to {@code limit} keys delivered before {@code cutoff}, oldest first; returns how many. */
    int forgetBefore(Instant cutoff, int limit) {
        forgetting.lock();
        try {
            return forget(cutoff, limit);
        } finally {
            forgetting.unlock();
        }
    }

    /**
     * Forgets the keys delivered before {@code cutoff} unless another thread is forgetting right now (then that one
     * does it; the write path never waits for it).
     */
    void forgetLazily(Instant cutoff) {
        Delivered head = order.peek();
        if (head == null || !head.at().isBefore(cutoff) || !forgetting.tryLock()) {
            return;
        }
        try {
            forget(cutoff, Integer.MAX_VALUE);
        } finally {
            forgetting.unlock();
        }
    }

    private int forget(Instant cutoff, int limit) {
        int forgotten = 0;
        Delivered d;
        while (forgotten < limit && (d = order.peek()) != null && d.at().isBefore(cutoff)) {
            order.poll();
            if (keys.remove(d.key(), d.at())) {
                forgotten++;
            }
        }
        return forgotten;
    }

    /** How many keys are held, waiting and delivered, and how many delivery records (for retention tests). */
    int retained() {
        return keys.size() + order.size();
    }
}
