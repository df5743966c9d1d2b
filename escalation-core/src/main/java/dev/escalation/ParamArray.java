package dev.escalation;

import dev.escalation.model.EntryParam;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * A few parameters in insertion order as one array of names and values: what the audit chain hands to
 * {@code StoredEntry} and {@code NotificationRequest} (which copy it with {@link #forEach}), in place of a
 * {@code LinkedHashMap} with a node per parameter. {@link #put} keeps a {@code LinkedHashMap}'s semantics (a new name
 * is appended, a known one replaced in place); there is no removal.
 */
final class ParamArray extends AbstractMap<String, EntryParam> {
    /** Names at even, values at odd indexes. */
    private Object[] kv;

    private int n;

    ParamArray(int expected) {
        kv = new Object[Math.max(2, expected * 2)];
    }

    /** A copy of {@code params} in their order, with room for {@code more}. */
    static ParamArray copyOf(Map<String, EntryParam> params, int more) {
        ParamArray copy = new ParamArray(params.size() + more);
        params.forEach(copy::append);
        return copy;
    }

    /** Appends a name not held yet (the caller knows it: the names of one map). */
    void append(String name, EntryParam value) {
        if (n == kv.length) {
            kv = Arrays.copyOf(kv, kv.length * 2);
        }
        kv[n++] = name;
        kv[n++] = value;
    }

    @Override
    public EntryParam put(String name, EntryParam value) {
        int i = indexOf(name);
        if (i < 0) {
            append(name, value);
            return null;
        }
        EntryParam old = (EntryParam) kv[i + 1];
        kv[i + 1] = value;
        return old;
    }

    private int indexOf(Object name) {
        for (int i = 0; i < n; i += 2) {
            if (kv[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public int size() {
        return n / 2;
    }

    @Override
    public boolean containsKey(Object name) {
        return indexOf(name) >= 0;
    }

    @Override
    public EntryParam get(Object name) {
        int i = indexOf(name);
        return i < 0 ? null : (EntryParam) kv[i + 1];
    }

    @Override
    public void forEach(BiConsumer<? super String, ? super EntryParam> action) {
        for (int i = 0; i < n; i += 2) {
            action.accept((String) kv[i], (EntryParam) kv[i + 1]);
        }
    }

    @Override
    public Set<Map.Entry<String, EntryParam>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public int size() {
                return n / 2;
            }

            @Override
            public Iterator<Map.Entry<String, EntryParam>> iterator() {
                return new Iterator<>() {
                    private int i;

                    @Override
                    public boolean hasNext() {
                        return i < n;
                    }

                    @Override
                    public Map.Entry<String, EntryParam> next() {
                        if (i >= n) {
                            throw new NoSuchElementException();
                        }
                        Map.Entry<String, EntryParam> e =
                                new SimpleImmutableEntry<>((String) kv[i], (EntryParam) kv[i + 1]);
                        i += 2;
                        return e;
                    }
                };
            }
        };
    }
}
