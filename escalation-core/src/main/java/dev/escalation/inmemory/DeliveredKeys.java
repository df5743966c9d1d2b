package dev.escalation.inmemory;

import dev.escalation.spi.ClaimedMessage;
import dev.escalation.spi.OutboxMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * The idempotency keys the {@link InMemoryOutbox} de-duplicates by: the key of every waiting message (mapped to its
 * waiting entry) and of every message delivered within the de-duplication window (mapped to the instant it was
 * delivered). Delivered keys are remembered in delivery order and forgotten after the window ({@link #forgetBefore}).
 *
 * <p>The keys are spread over {@value #STRIPES} stripes by hash, each a {@link KeyTable} guarded by its stripe's
 * monitor (a leaf lock: nothing else is called while it is held), so two threads rarely meet on one. A key's hash is
 * taken once per operation and chooses its stripe and its slot; the delivery order ({@link DeliveryOrder}) keeps the
 * hashes of its keys, so forgetting them reads no key string. Memory follows the number of keys held, not the largest
 * number ever held: a table that falls to an eighth of the size it had at its last rebuild is copied into a table sized
 * for what it holds ({@link KeyTable#removeAt}). The copying is paid for by the removals before it (amortised
 * constant).
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

    /** One stripe of keys: a waiting key maps to its waiting entry, a delivered one to its delivery instant. */
    private static final class Stripe {
        final KeyTable keys = new KeyTable();
    }

    private final Stripe[] stripes = new Stripe[STRIPES];
    /** Delivered keys in the order recorded; delivery instants of concurrent finishers may interleave slightly. */
    private final DeliveryOrder order = new DeliveryOrder();
    /** Held while forgetting, so two forgetters do not race on the head of {@link #order}. */
    private final ReentrantLock forgetting = new ReentrantLock();
    /** The keys taken from {@link #order} by one step of forgetting (guarded by {@link #forgetting}). */
    private final String[] takenKeys = new String[DeliveryOrder.BATCH];

    private final int[] takenHashes = new int[DeliveryOrder.BATCH];
    private final Instant[] takenAts = new Instant[DeliveryOrder.BATCH];

    DeliveredKeys() {
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new Stripe();
        }
    }

    /**
     * The stripe of a key's hash, from the high bits of a multiplicative hash: a {@link KeyTable} places keys by the
     * low bits of their hash, so a stripe chosen by those would leave all but 1 / {@value #STRIPES} of its slots empty.
     */
    private Stripe stripeOf(int hash) {
        return stripes[(hash * 0x9E3779B9) >>> (32 - STRIPE_BITS)];
    }

    /**
     * Claims {@code key} for a waiting entry unless it is waiting already or was delivered at or after
     * {@code deliveredAfter}; returns whether it was claimed.
     */
    boolean claim(String key, Object entry, Instant deliveredAfter) {
        int hash = key.hashCode();
        Stripe s = stripeOf(hash);
        synchronized (s) {
            int i = s.keys.find(key, hash);
            if (i < 0) {
                s.keys.insert(i, key, hash, entry);
                return true;
            }
            if (!(s.keys.valueAt(i) instanceof Instant at) || !at.isBefore(deliveredAfter)) {
                return false; // waiting or dead, or delivered within the window
            }
            s.keys.setValueAt(i, entry); // delivered before the window: it may be queued again
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
        int hash = key.hashCode();
        Stripe s = stripeOf(hash);
        synchronized (s) {
            int i = s.keys.find(key, hash);
            if (i < 0
                    || !(s.keys.valueAt(i) instanceof OutboxEntry e)
                    || !(e.message == message || e.message.id().equals(message.id()))
                    || !e.take(claimed, OutboxEntry.DELIVERED)) {
                return null;
            }
            s.keys.setValueAt(i, at); // the slot found once: no second look-up
            return e;
        }
    }

    /** Gives back the key of an entry that leaves the outbox undelivered (its escalation was purged). */
    void release(String key, Object entry) {
        int hash = key.hashCode();
        Stripe s = stripeOf(hash);
        synchronized (s) {
            int i = s.keys.find(key, hash);
            if (i >= 0 && Objects.equals(s.keys.valueAt(i), entry)) {
                s.keys.removeAt(i);
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
        int hash = key.hashCode();
        Stripe s = stripeOf(hash);
        synchronized (s) {
            int i = s.keys.find(key, hash);
            if (i < 0 || !Objects.equals(s.keys.valueAt(i), entry)) {
                return false;
            }
            s.keys.setValueAt(i, at);
            return true;
        }
    }

    /** Records the first {@code count} of {@code keys}, marked delivered at {@code at}, for forgetting in order. */
    void recordDelivered(String[] keys, int count, Instant at) {
        if (count > 0) {
            order.add(keys, count, at);
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
        if (order.nothingBefore(cutoff) || !forgetting.tryLock()) {
            return;
        }
        try {
            forget(cutoff, Integer.MAX_VALUE);
        } finally {
            forgetting.unlock();
        }
    }

    /**
     * As {@link #forgetLazily(Instant)} of {@code now} minus {@code window} ({@code windowNanos} its length in
     * nanoseconds, negative if it has none as a {@code long}); the cutoff is made only when something may be due.
     */
    void forgetLazily(Instant now, Duration window, long windowNanos) {
        if (!order.nothingBefore(now, windowNanos)) {
            forgetLazily(now.minus(window));
        }
    }

    /** The length of a window in nanoseconds for {@link #forgetLazily(Instant, Duration, long)}; -1 if it has none. */
    static long nanosOf(Duration window) {
        try {
            return window.isNegative() ? -1 : window.toNanos();
        } catch (ArithmeticException tooLong) {
            return -1;
        }
    }

    /** Forgets, oldest first, up to {@code limit} keys delivered before {@code cutoff}; {@link #forgetting} held. */
    private int forget(Instant cutoff, int limit) {
        int forgotten = 0;
        int taken;
        while (forgotten < limit
                && (taken = order.takeBefore(
                                cutoff,
                                Math.min(limit - forgotten, DeliveryOrder.BATCH),
                                takenKeys,
                                takenHashes,
                                takenAts))
                        > 0) {
            for (int t = 0; t < taken; t++) {
                String key = takenKeys[t];
                int hash = takenHashes[t];
                Instant at = takenAts[t];
                takenKeys[t] = null;
                takenAts[t] = null;
                Stripe s = stripeOf(hash);
                synchronized (s) {
                    int i = s.keys.find(key, hash); // mostly found by identity: the key string is not read
                    if (i >= 0 && at.equals(s.keys.valueAt(i))) {
                        s.keys.removeAt(i);
                        forgotten++;
                    }
                }
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
        return keys + order.size();
    }

    /**
     * The number of keys the stripes' tables were last sized for, summed (for memory tests): it follows the keys
     * held, within a factor of {@value KeyTable#SPARSE}, or is below {@value KeyTable#MIN_PEAK} per stripe.
     */
    int sizedFor() {
        int sum = 0;
        for (Stripe s : stripes) {
            synchronized (s) {
                sum += s.keys.peak();
            }
        }
        return sum;
    }

    /** How many times a stripe's table was rebuilt smaller (for tests). */
    int rebuilds() {
        int sum = 0;
        for (Stripe s : stripes) {
            synchronized (s) {
                sum += s.keys.rebuilds();
            }
        }
        return sum;
    }
}
