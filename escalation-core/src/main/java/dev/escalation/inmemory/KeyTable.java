package dev.escalation.inmemory;

import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * One stripe's table of {@link DeliveredKeys}: idempotency keys to their value (a waiting entry, or the instant the
 * key was delivered), by open addressing with linear probing in three parallel arrays (hash, key, value). Compared
 * with a {@link java.util.HashMap}: no node per key, a key's slot found once and its value changed in place (a
 * delivery is one probe, not a look-up and a put), and a key found by its hash and identity without reading the key
 * string (a forgotten key, delivered long ago, is no longer in the processor's cache). Removal shifts the following
 * entries of the probe run back, so no tombstones are left behind.
 *
 * <p>The table keeps at most half its slots used (grown by doubling), and is rebuilt smaller once it holds less than
 * 1 / {@value #SPARSE} of the keys it held at its peak since the last rebuild ({@link #peak}), or once it is empty, so
 * its memory follows the keys held. Not thread-safe: its stripe's monitor guards it.
 */
final class KeyTable {
    /** Rebuilt once it holds less than 1 / {@value} of its peak. */
    static final int SPARSE = 8;
    /** Tables that never held this many keys are not rebuilt smaller (they are small anyway). */
    static final int MIN_PEAK = 64;

    private static final int MIN_CAPACITY = 16;

    private int[] hashes;
    private @Nullable String[] keys;
    private @Nullable Object[] values;
    private int size;
    /** The most keys held since the table was last rebuilt: what its table was grown for. */
    private int peak;
    /** Rebuilds done (for tests). */
    private int rebuilds;

    KeyTable() {
        allocate(MIN_CAPACITY);
    }

    private void allocate(int capacity) {
        hashes = new int[capacity];
        keys = new String[capacity];
        values = new Object[capacity];
    }

    /** The slot where probing for {@code hash} starts. */
    private int home(int hash) {
        return (hash ^ (hash >>> 16)) & (keys.length - 1);
    }

    /**
     * The slot of {@code key} ({@code hash} its {@link String#hashCode}), or {@code -(slot + 1)} of the empty slot
     * where it would go. The key string is read only when another key of the same hash sits in a slot.
     */
    int find(String key, int hash) {
        int mask = keys.length - 1;
        int i = home(hash);
        while (true) {
            String k = keys[i];
            if (k == null) {
                return -(i + 1);
            }
            if (k == key || (hashes[i] == hash && k.equals(key))) {
                return i;
            }
            i = (i + 1) & mask;
        }
    }

    /** The value at slot {@code i} (from {@link #find}). */
    Object valueAt(int i) {
        return values[i];
    }

    /** Sets the value at an occupied slot {@code i}. */
    void setValueAt(int i, Object value) {
        values[i] = value;
    }

    /** Puts a key that {@link #find} did not find, at its empty slot {@code -(missing + 1)}; may grow the table. */
    void insert(int missing, String key, int hash, Object value) {
        int i = -(missing + 1);
        hashes[i] = hash;
        keys[i] = key;
        values[i] = value;
        size++;
        if (size > peak) {
            peak = size;
        }
        if (size * 2 > keys.length) {
            rehash(keys.length * 2);
        }
    }

    /** Removes the key at occupied slot {@code i}, shifting back the rest of its probe run; may shrink the table. */
    void removeAt(int i) {
        int mask = keys.length - 1;
        int gap = i;
        int j = i;
        while (true) {
            j = (j + 1) & mask;
            String k = keys[j];
            if (k == null) {
                break;
            }
            int h = home(hashes[j]);
            // the entry at j may move into the gap when its home is not cyclically within (gap, j]
            if (((j - h) & mask) >= ((j - gap) & mask)) {
                hashes[gap] = hashes[j];
                keys[gap] = k;
                values[gap] = values[j];
                gap = j;
            }
        }
        keys[gap] = null;
        values[gap] = null;
        hashes[gap] = 0;
        size--;
        if (size == 0 && keys.length > MIN_CAPACITY) {
            allocate(MIN_CAPACITY); // emptied: nothing to copy, and no grown table kept for no key
            peak = 0;
            rebuilds++;
        } else if (peak >= MIN_PEAK && size * SPARSE < peak) {
            rehash(capacityFor(size));
            peak = size;
            rebuilds++;
        }
    }

    private static int capacityFor(int n) {
        int c = MIN_CAPACITY;
        while (c < 2 * n + 1) {
            c <<= 1;
        }
        return c;
    }

    private void rehash(int capacity) {
        int[] oldHashes = hashes;
        String[] oldKeys = keys;
        Object[] oldValues = values;
        allocate(capacity);
        int mask = capacity - 1;
        for (int s = 0; s < oldKeys.length; s++) {
            String k = oldKeys[s];
            if (k != null) {
                int i = home(oldHashes[s]);
                while (keys[i] != null) {
                    i = (i + 1) & mask;
                }
                hashes[i] = oldHashes[s];
                keys[i] = k;
                values[i] = oldValues[s];
            }
        }
    }

    int size() {
        return size;
    }

    int peak() {
        return peak;
    }

    int rebuilds() {
        return rebuilds;
    }

    /** The slots (for tests: the table's memory follows the keys held). */
    int capacity() {
        return keys.length;
    }

    @Override
    public String toString() {
        return "KeyTable" + Arrays.toString(keys);
    }
}
