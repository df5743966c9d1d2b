package dev.escalation.inmemory;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Shares equal immutable values the {@link InMemoryEscalationStore} keeps many times over (actors, parameter
 * keys and values other than free text and instants): the first instance stored is handed out for every equal one
 * after it, and gets a small number ({@link #id}) that {@link CompactLog} writes instead of a reference. Bounded (at
 * most {@value #MAX} values; once full, values are kept as given and get no number) and thread-safe; exact, as only
 * immutable values with value equality are shared, and a read returns a value equal to the one written. Values are
 * never removed, so a number names the same value for the life of the store.
 */
final class Interner {

    /** The most values shared. */
    static final int MAX = 4096;

    /** A shared value and its number. */
    private record Shared(Object value, int id) {}

    private final ConcurrentHashMap<Object, Shared> values = new ConcurrentHashMap<>();
    /** The shared values by number (published before their {@link Shared} is put in {@link #values}). */
    private final AtomicReferenceArray<Object> byId = new AtomicReferenceArray<>(MAX);

    private int count;

    /** The shared instance equal to {@code value} ({@code value} itself when it is the first or the table is full). */
    @SuppressWarnings("unchecked")
    <T> T intern(T value) {
        Shared shared = shared(value);
        return shared == null ? value : (T) shared.value;
    }

    /** The number of the shared instance equal to {@code value}, sharing it if it is new; -1 when the table is full. */
    int id(Object value) {
        Shared shared = shared(value);
        return shared == null ? -1 : shared.id;
    }

    /** The shared value numbered {@code id} (a number {@link #id} returned). */
    Object byId(int id) {
        return byId.get(id);
    }

    private Shared shared(Object value) {
        Shared shared = values.get(value);
        if (shared != null || values.size() >= MAX) {
            return shared;
        }
        synchronized (this) {
            shared = values.get(value);
            if (shared == null && count < MAX) {
                shared = new Shared(value, count);
                byId.set(count++, value);
                values.put(value, shared);
            }
            return shared;
        }
    }

    /** How many values are shared (for tests). */
    int size() {
        return values.size();
    }
}
