package dev.escalation.inmemory;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The delivered keys of {@link DeliveredKeys} in the order recorded, for forgetting them oldest first: a ring of keys
 * (key and hash, one slot per key) and a ring of delivery records (one per {@link #add}: how many keys, the instant
 * and that instant in epoch nanoseconds), both guarded by this object's monitor (a leaf lock held for a copy, never
 * while a key stripe is held).
 *
 * <p>Compared with a linked queue of delivery records: forgetting reads the rings' arrays in order (neighbouring
 * slots, not a node, a record and its instant per delivery, each delivered a window ago and out of the processor's
 * cache), compares instants as epoch nanoseconds, and whether anything is due at all is read from one field
 * ({@link #nothingBefore}), without touching the rings: the write path asks on every write, and mostly nothing is
 * due. A key costs two slots (a reference and a hash), a delivery one record, as the linked records did without
 * their node, record and array headers.
 *
 * <p>Memory follows what is held: each ring grows by doubling when full and is rebuilt smaller once it holds no more
 * than an eighth of its slots (emptied: {@value #MIN_CAPACITY} slots).
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
    /** The slot of the oldest key. */
    private int head;
    /** Keys held. */
    private int size;

    /** Per delivery record: its number of keys, its instant, and the instant as {@link #dueOf} gives it. */
    private int[] counts = new int[MIN_CAPACITY];

    private @Nullable Instant[] ats = new Instant[MIN_CAPACITY];
    private long[] nanos = new long[MIN_CAPACITY];
    /** The slot of the oldest record. */
    private int first;
    /** Records held. */
    private int records;
    /** Keys of the oldest record already taken. */
    private int takenOfFirst;

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

    /** Appends the first {@code count} of {@code delivered}, each with its hash, as one record delivered {@code at}. */
    synchronized void add(String[] delivered, int count, Instant at) {
        if (count <= 0) {
            return;
        }
        if (size + count > keys.length) {
            resizeKeys(grown(keys.length, size + count));
        }
        if (records == counts.length) {
            resizeRecords(grown(counts.length, records + 1));
        }
        int mask = keys.length - 1;
        int tail = (head + size) & mask;
        for (int i = 0; i < count; i++) {
            String key = delivered[i];
            keys[tail] = key;
            hashes[tail] = key.hashCode();
            tail = (tail + 1) & mask;
        }
        size += count;
        long n = dueOf(at);
        int r = (first + records) & (counts.length - 1);
        counts[r] = count;
        ats[r] = at;
        nanos[r] = n;
        if (records++ == 0) {
            due = n;
        }
    }

    /**
     * Takes, oldest first, up to {@code max} keys delivered before {@code cutoff} into the arrays given (key, hash,
     * instant), stopping at the first key that is not; returns how many.
     */
    synchronized int takeBefore(Instant cutoff, int max, String[] toKeys, int[] toHashes, Instant[] toAts) {
        long c = dueOf(cutoff);
        int keyMask = keys.length - 1;
        int recordMask = counts.length - 1;
        int n = 0;
        while (n < max && records > 0) {
            int r = first;
            long at = nanos[r];
            Instant instant = ats[r];
            if (at == UNKNOWN || c == UNKNOWN ? !instant.isBefore(cutoff) : at >= c) {
                break;
            }
            int take = Math.min(counts[r] - takenOfFirst, max - n);
            for (int t = 0; t < take; t++) {
                toKeys[n] = keys[head];
                toHashes[n] = hashes[head];
                toAts[n] = instant;
                keys[head] = null;
                head = (head + 1) & keyMask;
                n++;
            }
            size -= take;
            takenOfFirst += take;
            if (takenOfFirst == counts[r]) {
                ats[r] = null;
                first = (r + 1) & recordMask;
                records--;
                takenOfFirst = 0;
            }
        }
        if (n == 0) {
            return 0;
        }
        if (records == 0) {
            head = 0;
            first = 0;
            due = NOTHING;
        } else {
            due = nanos[first];
        }
        if (keys.length > MIN_CAPACITY && size * 8 <= keys.length) {
            resizeKeys(capacityFor(size));
        }
        if (counts.length > MIN_CAPACITY && records * 8 <= counts.length) {
            resizeRecords(capacityFor(records));
        }
        return n;
    }

    /** Keys held. */
    synchronized int size() {
        return size;
    }

    /** Slots of the key ring and of the record ring, summed (for memory tests). */
    synchronized int capacity() {
        return keys.length + counts.length;
    }

    /** A full ring's next size: doubled (twice more only if {@code n} needs it). */
    private static int grown(int length, int n) {
        int c = length * 2;
        while (c < n) {
            c <<= 1;
        }
        return c;
    }

    /** A shrunk ring's size for {@code n} entries: a power of two, at least twice {@code n}. */
    private static int capacityFor(int n) {
        int c = MIN_CAPACITY;
        while (c < 2 * n) {
            c <<= 1;
        }
        return c;
    }

    private void resizeKeys(int capacity) {
        String[] k = new String[capacity];
        int[] h = new int[capacity];
        int mask = keys.length - 1;
        for (int n = 0; n < size; n++) {
            int i = (head + n) & mask;
            k[n] = keys[i];
            h[n] = hashes[i];
        }
        keys = k;
        hashes = h;
        head = 0;
    }

    private void resizeRecords(int capacity) {
        int[] c = new int[capacity];
        Instant[] a = new Instant[capacity];
        long[] t = new long[capacity];
        int mask = counts.length - 1;
        for (int n = 0; n < records; n++) {
            int i = (first + n) & mask;
            c[n] = counts[i];
            a[n] = ats[i];
            t[n] = nanos[i];
        }
        counts = c;
        ats = a;
        nanos = t;
        first = 0;
    }
}
