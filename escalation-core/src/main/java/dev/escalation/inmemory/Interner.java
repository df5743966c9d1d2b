package dev.escalation.inmemory;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Shares equal immutable values the {@link InMemoryEscalationStore} keeps many times over (actors, parameter
 * keys and values other than free text and instants): the first instance stored is handed out for every equal one after it. Bounded (at
 * most {@value #MAX} values; once full, values are kept as given) and thread-safe; exact, as only immutable values
 * with value equality are shared, and a read returns a value equal to the one written.
 */
final class Interner {

    /** The most values shared. */
    static final int MAX = 4096;

    private final ConcurrentHashMap<Object, Object> values = new ConcurrentHashMap<>();

    /** The shared instance equal to {@code value} ({@code value} itself when it is the first or the table is full). */
    @SuppressWarnings("unchecked")
    <T> T intern(T value) {
        Object shared = values.get(value);
        if (shared != null) {
            return (T) shared;
        }
        if (values.size() >= MAX) {
            return value;
        }
        shared = values.putIfAbsent(value, value);
        return shared == null ? value : (T) shared;
    }

    /** How many values are shared (for tests). */
    int size() {
        return values.size();
    }
}
