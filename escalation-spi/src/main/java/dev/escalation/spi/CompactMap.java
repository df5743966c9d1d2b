package dev.escalation.spi;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * An immutable map of a few entries in insertion order, as one array of keys and values: what entry and
 * notification parameters need (a handful each), without a hash table, its nodes and a wrapper per map. Equality,
 * hash code and string form are those of every {@link Map}; every mutator throws
 * {@link UnsupportedOperationException}.
 */
final class CompactMap<V> extends AbstractMap<String, V> {
    /** The most entries kept this way (a look-up scans them). */
    static final int MAX = 16;

    /** Keys at even, values at odd indexes. */
    private final Object[] kv;

    /** The cached {@link #hashCode()}, 0 until computed (a benign race: every thread computes the same value). */
    private int hash;

    private CompactMap(Object[] kv) {
        this.kv = kv;
    }

    /** A copy of {@code map} in its iteration order; keys and values must not be null. */
    static <V> CompactMap<V> copyOf(Map<String, V> map, String name) {
        Object[] kv = new Object[map.size() * 2];
        int[] i = {0};
        map.forEach((k, v) -> {
            // the message is built only on failure (an eager "name + ..." was the hottest allocation of a lifecycle),
            // and without a message supplier per entry (two capturing lambdas per entry where escape analysis fails)
            if (k == null) {
                throw new NullPointerException(name + " key");
            }
            if (v == null) {
                throw new NullPointerException(name + " value");
            }
            kv[i[0]++] = k;
            kv[i[0]++] = v;
        });
        if (i[0] != kv.length) {
            throw new java.util.ConcurrentModificationException(name);
        }
        return new CompactMap<>(kv);
    }

    @Override
    public int size() {
        return kv.length / 2;
    }

    @Override
    public boolean isEmpty() {
        return kv.length == 0;
    }

    private int indexOf(Object key) {
        if (key != null) {
            for (int i = 0; i < kv.length; i += 2) {
                if (key.equals(kv[i])) {
                    return i;
                }
            }
        }
        return -1;
    }

    @Override
    public boolean containsKey(Object key) {
        return indexOf(key) >= 0;
    }

    @Override
    @SuppressWarnings("unchecked")
    public V get(Object key) {
        int i = indexOf(key);
        return i < 0 ? null : (V) kv[i + 1];
    }

    @Override
    @SuppressWarnings("unchecked")
    public void forEach(BiConsumer<? super String, ? super V> action) {
        for (int i = 0; i < kv.length; i += 2) {
            action.accept((String) kv[i], (V) kv[i + 1]);
        }
    }

    /**
     * As {@link Map#hashCode()} defines it, without an entry object per entry; computed once (keys are strings and
     * values immutable parameters, so it never changes; 0 is recomputed, as {@link String#hashCode()} does).
     */
    @Override
    public int hashCode() {
        int h = hash;
        if (h == 0) {
            for (int i = 0; i < kv.length; i += 2) {
                h += kv[i].hashCode() ^ kv[i + 1].hashCode();
            }
            hash = h;
        }
        return h;
    }

    /** As {@link Map#equals(Object)} defines it. */
    @Override
    public boolean equals(Object o) {
        if (o == this) {
            return true;
        }
        if (!(o instanceof Map<?, ?> other) || other.size() != size()) {
            return false;
        }
        try {
            for (int i = 0; i < kv.length; i += 2) {
                if (!kv[i + 1].equals(other.get(kv[i]))) {
                    return false;
                }
            }
        } catch (ClassCastException | NullPointerException unused) {
            return false; // as AbstractMap.equals
        }
        return true;
    }

    @Override
    public Set<Map.Entry<String, V>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public int size() {
                return kv.length / 2;
            }

            @Override
            public Iterator<Map.Entry<String, V>> iterator() {
                return new Iterator<>() {
                    private int i;

                    @Override
                    public boolean hasNext() {
                        return i < kv.length;
                    }

                    @Override
                    @SuppressWarnings("unchecked")
                    public Map.Entry<String, V> next() {
                        if (i >= kv.length) {
                            throw new NoSuchElementException();
                        }
                        Map.Entry<String, V> e = new SimpleImmutableEntry<>((String) kv[i], (V) kv[i + 1]);
                        i += 2;
                        return e;
                    }
                };
            }
        };
    }
}
