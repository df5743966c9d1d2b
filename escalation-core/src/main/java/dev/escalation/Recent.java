package dev.escalation;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A bounded map of what was seen lately, for caches whose miss costs only a lookup: shared by threads without a lock
 * on reads and writes. Two generations of at most {@code half} keys each: a new key goes into the young one; when
 * that holds more than {@code half} keys it becomes the old one and the old one is dropped. A read that finds a key
 * only in the old generation copies it into the young one. So the keys read or written among the last {@code half}
 * distinct keys are always kept, and never more than {@code 2 · half + threads} are held: an approximation of
 * least-recently-used without the access-ordered list (and its lock) of a {@code LinkedHashMap}.
 */
final class Recent<K, V> {

    private final int half;
    private volatile ConcurrentHashMap<K, V> young = new ConcurrentHashMap<>();
    private volatile ConcurrentHashMap<K, V> old = new ConcurrentHashMap<>();

    /** Keeps at least the last {@code half} distinct keys (at least 1). */
    Recent(int half) {
        if (half < 1) {
            throw new IllegalArgumentException("half must be at least 1");
        }
        this.half = half;
    }

    /** The value kept for the key, or {@code null}. */
    @Nullable
    V get(K key) {
        V v = young.get(key);
        if (v == null) {
            v = old.get(key);
            if (v != null) {
                put(key, v);
            }
        }
        return v;
    }

    /** The value kept for the key, or {@code compute}'s for it, then kept (two threads may both compute it). */
    V computeIfAbsent(K key, Function<? super K, ? extends V> compute) {
        V v = get(key);
        if (v == null) {
            v = compute.apply(key); // outside any lock: a compute may call the host (a holiday region)
            put(key, v);
        }
        return v;
    }

    /** Keeps the value for the key (replacing one kept). */
    void put(K key, V value) {
        ConcurrentHashMap<K, V> y = young;
        if (value.equals(y.get(key))) {
            return; // the common case: nothing to write
        }
        if (y.put(key, value) == null && y.size() > half) {
            rotate(y);
        }
    }

    /** How many keys are held now (both generations; a key may count twice). */
    int held() {
        return young.size() + old.size();
    }

    private synchronized void rotate(ConcurrentHashMap<K, V> full) {
        if (young == full) {
            old = full; // readers that miss the young generation in between still find its keys here
            // sized for a full generation: one that filled up once will fill up again, and a map grown from the
            // default size copies its table at every doubling on the way (issue 17)
            young = new ConcurrentHashMap<>(half);
        }
    }
}
