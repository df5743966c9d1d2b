package dev.escalation.inmemory;

import dev.escalation.spi.ClaimedMessage;
import dev.escalation.spi.OutboxMessage;
import java.time.Instant;
import java.util.HashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * The idempotency keys the {@link InMemoryOutbox} de-duplicates by: the key of every waiting message (mapped to its
 * waiting entry) and of every message delivered within the de-duplication window (mapped to the instant it was
 * delivered). Delivered keys are remembered in delivery order and forgotten after the window ({@link #forgetBefore}).
 *
 * <p>The keys are spread over {@value #STRIPES} stripes by hash, each a {@link HashMap} guarded by its stripe's
 * monitor (a leaf lock: nothing else is called while it is held), so two threads rarely meet on one. Memory follows
 * the number of keys held, not the largest number ever held: a hash table never gives back its grown table, so a
 * stripe that falls to an eighth of the size it had at its last rebuild is copied into a table sized for what it
 * holds ({@link Stripe#shrinkIfSparse}). The copying is paid for by the removals before it (amortised constant).
 */
final class DeliveredKeys {

    /**
     * 32 stripes: two threads meet on one for 1 / 32 of their key operations. More do not lower the lock share the
     * 2-thread benchmark measures (256 were tried), and each stripe keeps a small table once its keys are forgotten
     * (256 stripes held 96 KB after 200,000 drained lifecycles, 32 hold 18 KB).
     */
    private static final int STRIPE_BITS = 5;
    /** Stripes. */
    static final int STRIPES = 1 << STRIPE_BITS;
    /** A stripe is rebuilt once it holds less than 1 / {@value} of the keys it held at its last rebuild. */
    private static final int SPARSE = 8;
    /** Stripes with fewer keys than this at their peak are never rebuilt (their table is small anyway). */
    private static final int MIN_PEAK = 64;

    /**
     * The keys delivered at one instant (one finish), in the order recorded; {@code next} is the first one not yet
     * forgotten (guarded by {@link #forgetting}). One record per finish, not one per key.
     */
    private static final class Delivered {
        final String[] keys;
        final int count;
        final Instant at;
        int next;

        Delivered(String[] keys, int count, Instant at) {
            this.keys = keys;
            this.count = count;
            this.at = at;
        }
    }

    /** One stripe of keys: a waiting key maps to its waiting entry, a delivered one to its delivery instant. */
    private static final class Stripe {
        HashMap<String, Object> keys = new HashMap<>();
        /** The most keys held since the table was last rebuilt: what its table was grown for. */
        int peak;
        /** Rebuilds done (for tests). */
        int rebuilds;

        void grew() {
            if (keys.size() > peak) {
                peak = keys.size();
            }
        }

        void shrinkIfSparse() {
            if (peak >= MIN_PEAK && keys.size() * SPARSE < peak) {
                keys = keys.isEmpty() ? new HashMap<>() : new HashMap<>(keys);
                peak = keys.size();
                rebuilds++;
            }
        }
    }

    private final Stripe[] stripes = new Stripe[STRIPES];
    /** Delivered keys in the order recorded; delivery instants of concurrent finishers may interleave slightly. */
    private final ConcurrentLinkedQueue<Delivered> order = new ConcurrentLinkedQueue<>();
    /** Held while forgetting, so two forgetters do not race on the head of {@link #order}. */
    private final ReentrantLock forgetting = new ReentrantLock();

    DeliveredKeys() {
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new Stripe();
        }
    }

    /**
     * The stripe of a key, from the high bits of a multiplicative hash: a {@link HashMap} places keys by the low
     * bits of their hash, so a stripe chosen by those would leave all but 1 / {@value #STRIPES} of its buckets empty.
     */
    private Stripe stripeOf(String key) {
        return stripes[(key.hashCode() * 0x9E3779B9) >>> (32 - STRIPE_BITS)];
    }

    /**
     * Claims {@code key} for a waiting entry unless it is waiting already or was delivered at or after
     * {@code deliveredAfter}; returns whether it was claimed.
     */
    boolean claim(String key, Object entry, Instant deliveredAfter) {
        Stripe s = stripeOf(key);
        synchronized (s) {
            Object prev = s.keys.putIfAbsent(key, entry);
            if (prev == null) {
                s.grew();
                return true;
            }
            if (!(prev instanceof Instant at) || !at.isBefore(deliveredAfter)) {
                return false; // waiting or dead, or delivered within the window
            }
            s.keys.put(key, entry); // delivered before the window: it may be queued again
            return true;
        }
    }

    /**
     * Delivers the waiting entry of {@code key} when it holds {@code message} under the live claim of {@code claimed}:
     * takes it from the claim ({@link OutboxEntry#take}) and marks the key delivered at {@code at}, under one hold of
     * the stripe; returns the entry, or null (not waiting, another message, or not that claim's) with nothing changed.
     * The caller records the key for forgetting ({@link #recordDelivered}).
     */
    @Nullable
    OutboxEntry deliver(String key, OutboxMessage message, ClaimedMessage claimed, Instant at) {
        Stripe s = stripeOf(key);
        synchronized (s) {
            if (!(s.keys.get(key) instanceof OutboxEntry e)
                    || !(e.message == message || e.message.id().equals(message.id()))
                    || !e.take(claimed, OutboxEntry.DELIVERED)) {
                return null;
            }
            s.keys.put(key, at);
            return e;
        }
    }

    /** Gives back the key of an entry that leaves the outbox undelivered (its escalation was purged). */
    void release(String key, Object entry) {
        Stripe s = stripeOf(key);
        synchronized (s) {
            if (s.keys.remove(key, entry)) {
                s.shrinkIfSparse();
            }
        }
    }

    /** Records the key of a delivered entry: it is remembered until forgotten after the window. */
    void delivered(String key, Object entry, Instant at) {
        if (markDelivered(key, entry, at)) {
            recordDelivered(new String[] {key}, 1, at);
        }
    }

    /**
     * Marks the key of a delivered entry delivered at {@code at}; returns whether it was the entry's (then the caller
     * passes it to {@link #recordDelivered}, or it is never forgotten).
     */
    boolean markDelivered(String key, Object entry, Instant at) {
        Stripe s = stripeOf(key);
        synchronized (s) {
            return s.keys.replace(key, entry, at);
        }
    }

    /** Records the first {@code count} of {@code keys}, marked delivered at {@code at}, for forgetting in order. */
    void recordDelivered(String[] keys, int count, Instant at) {
        if (count > 0) {
            order.add(new Delivered(keys, count, at));
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
        if (head == null || !head.at.isBefore(cutoff) || !forgetting.tryLock()) {
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
        while (forgotten < limit && (d = order.peek()) != null && d.at.isBefore(cutoff)) {
            while (forgotten < limit && d.next < d.count) {
                String key = d.keys[d.next];
                d.keys[d.next++] = null;
                Stripe s = stripeOf(key);
                synchronized (s) {
                    if (s.keys.remove(key, d.at)) {
                        forgotten++;
                        s.shrinkIfSparse();
                    }
                }
            }
            if (d.next == d.count) {
                order.poll();
            }
        }
        return forgotten;
    }

    /** How many keys are held, waiting and delivered, and how many delivery records (for retention tests). */
    int retained() {
        int keys = 0;
        for (Stripe s : stripes) {
            synchronized (s) {
                keys += s.keys.size();
            }
        }
        forgetting.lock();
        try {
            for (Delivered d : order) {
                keys += d.count - d.next;
            }
        } finally {
            forgetting.unlock();
        }
        return keys;
    }

    /**
     * The number of keys the stripes' tables were last sized for, summed (for memory tests): it follows the keys
     * held, within a factor of {@value #SPARSE}, or is below {@value #MIN_PEAK} per stripe.
     */
    int sizedFor() {
        int sum = 0;
        for (Stripe s : stripes) {
            synchronized (s) {
                sum += s.peak;
            }
        }
        return sum;
    }

    /** How many times a stripe's table was rebuilt smaller (for tests). */
    int rebuilds() {
        int sum = 0;
        for (Stripe s : stripes) {
            synchronized (s) {
                sum += s.rebuilds;
            }
        }
        return sum;
    }
}
