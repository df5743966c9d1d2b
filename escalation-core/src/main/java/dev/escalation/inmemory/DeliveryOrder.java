package dev.escalation.inmemory;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The delivered keys of {@link DeliveredKeys} in the order recorded, for forgetting them oldest first: a ring of four
 * parallel arrays (key, hash, delivery instant, and that instant in epoch nanoseconds), one slot per key, guarded by this object's monitor (a leaf lock held
 * for a copy, never while a key stripe is held).
 *
 * <p>Compared with a linked queue of delivery records: forgetting reads the ring's arrays in order (neighbouring slots,
 * not a node, a record and its instant per delivery, each delivered a window ago and out of the processor's cache), and
 * whether anything is due at all is read from one field ({@link #nothingBefore}), without touching the ring: the write
 * path asks on every write, and mostly nothing is due.
 *
 * <p>Memory follows the keys held: the ring grows by doubling and is rebuilt smaller once it holds no more than an
 * eighth of its slots (emptied: {@value #MIN_CAPACITY} slots).
 */
final class DeliveryOrder {
    /** The most keys {@link #takeBefore} takes at a time. */
    static final int BATCH = 32;

    static final int MIN_CAPACITY = 16;

    /** Epoch seconds whose instants have an exact epoch nanosecond as a {@code long} (about ±285 years). */
    private static final long NANOS_SECONDS = 9_000_000_000L;
    /** {@link #due} when nothing is held: no cutoff in range is after it. */
    private static final long NOTHING = Long.MAX_VALUE;
    /** {@link #due} when the oldest key's instant is out of the exact range: the ring must be read. */
    private static final long UNKNOWN = Long.MIN_VALUE;

    private @Nullable String[] keys = new String[MIN_CAPACITY];
    private int[] hashes = new int[MIN_CAPACITY];
    private @Nullable Instant[] ats = new Instant[MIN_CAPACITY];
    /** The instants as {@link #dueOf} gives them: compared without reading an instant delivered a window ago. */
    private long[] nanos = new long[MIN_CAPACITY];
    /** The slot of the oldest key. */
    private int head;
    /** Keys held. */
    private int size;

    /**
     * The oldest key's delivery instant in epoch nanoseconds, {@link #NOTHING} when none is held, {@link #UNKNOWN} when
     * the instant has no exact {@code long}; written under the monitor, read without it.
     */
    private volatile long due = NOTHING;

    /**
     * Whether the oldest key held was delivered at or after {@code cutoff}, or none is held (then
     * {@link #takeBefore} would take nothing); read without the lock. A {@code false} is only a hint: the ring is read
     * under its lock to be sure.
     */
    boolean nothingBefore(Instant cutoff) {
        long c = dueOf(cutoff);
        return c != UNKNOWN && c <= due; // UNKNOWN: no exact nanosecond, ask the ring
    }

    /**
     * Whether nothing held was delivered before {@code now} minus the window ({@code windowNanos} its length in
     * nanoseconds, negative when unknown), as {@link #nothingBefore} of that cutoff, without making the cutoff: true
     * only when sure (false: ask {@link #nothingBefore} or the ring).
     */
    boolean nothingBefore(Instant now, long windowNanos) {
        long n = dueOf(now);
        if (n == UNKNOWN || windowNanos < 0) {
            return false;
        }
        long c = n - windowNanos;
        if (((n ^ windowNanos) & (n ^ c)) < 0 || c == UNKNOWN) {
            return false; // overflow: the cutoff has no exact nanosecond
        }
        return c <= due; // c is exactly the cutoff's epoch nanosecond
    }

    /** {@code at} in epoch nanoseconds, or {@link #UNKNOWN} when out of the exact range. */
    private static long dueOf(Instant at) {
        long s = at.getEpochSecond();
        if (s <= -NANOS_SECONDS || s >= NANOS_SECONDS) {
            return UNKNOWN;
        }
        return s * 1_000_000_000L + at.getNano();
    }

    /** Appends the first {@code count} of {@code delivered}, each with its hash and {@code at}. */
    synchronized void add(String[] delivered, int count, Instant at) {
        if (size + count > keys.length) {
            resize(capacityFor(size + count));
        }
        long n = dueOf(at);
        if (size == 0) {
            due = n;
        }
        int mask = keys.length - 1;
        int tail = (head + size) & mask;
        for (int i = 0; i < count; i++) {
            String key = delivered[i];
            keys[tail] = key;
            hashes[tail] = key.hashCode();
            ats[tail] = at;
            nanos[tail] = n;
            tail = (tail + 1) & mask;
        }
        size += count;
    }

    /**
     * Takes, oldest first, up to {@code max} keys delivered before {@code cutoff} into the arrays given (key, hash,
     * instant), stopping at the first key that is not; returns how many.
     */
    synchronized int takeBefore(Instant cutoff, int max, String[] toKeys, int[] toHashes, Instant[] toAts) {
        int mask = keys.length - 1;
        long c = dueOf(cutoff);
        int n = 0;
        while (n < max && n < size) {
            int i = (head + n) & mask;
            long at = nanos[i];
            if (at == UNKNOWN || c == UNKNOWN ? !ats[i].isBefore(cutoff) : at >= c) {
                break;
            }
            toKeys[n] = keys[i];
            toHashes[n] = hashes[i];
            toAts[n] = ats[i];
            keys[i] = null;
            ats[i] = null;
            n++;
        }
        if (n == 0) {
            return 0;
        }
        head = (head + n) & mask;
        size -= n;
        if (size == 0) {
            head = 0;
            due = NOTHING;
        } else {
            due = nanos[head];
        }
        if (keys.length > MIN_CAPACITY && size * 8 <= keys.length) {
            resize(capacityFor(size));
        }
        return n;
    }

    /** Keys held. */
    synchronized int size() {
        return size;
    }

    /** Slots of the ring (for memory tests). */
    synchronized int capacity() {
        return keys.length;
    }

    /** The ring's size for {@code n} keys: a power of two, at least twice {@code n} when shrinking allows. */
    private static int capacityFor(int n) {
        int c = MIN_CAPACITY;
        while (c < 2 * n) {
            c <<= 1;
        }
        return c;
    }

    private void resize(int capacity) {
        String[] k = new String[capacity];
        int[] h = new int[capacity];
        Instant[] a = new Instant[capacity];
        long[] t = new long[capacity];
        int mask = keys.length - 1;
        for (int n = 0; n < size; n++) {
            int i = (head + n) & mask;
            k[n] = keys[i];
            h[n] = hashes[i];
            a[n] = ats[i];
            t[n] = nanos[i];
        }
        keys = k;
        hashes = h;
        ats = a;
        nanos = t;
        head = 0;
    }
}
