package dev.escalation.inmemory;

import dev.escalation.spi.DueItem;
import java.time.Instant;
import java.util.Arrays;

/**
 * The due items lately found to carry the key {@link DueItem#keyOf} derives from their parts, held by identity, so
 * that an item the engine hands to {@link InMemoryDueWork#replace} again (its plan memo returns the same items while
 * the inputs of a plan do not change) is not matched against its parts again. Direct-mapped: at most {@value #SIZE}
 * items held, whatever the store holds, placed by their parts; a collision only matches again. Exact: a
 * {@link DueItem} is immutable, so whether its key is the derived one never changes, and only items found derived are
 * held ({@link #derived} answers
 * {@link DueKeys#matches} of the item's parts). Thread-safe without a lock: a {@link DueItem} is a record (final
 * fields), so an item read through a race is complete, and a stale read only matches again. {@link #clear} drops every
 * item (erasure and purging: no item with data of an erased or purged escalation stays reachable from here).
 */
final class DerivedItems {

    /** Items held (a power of two). */
    static final int SIZE = 512;

    private final DueItem[] items = new DueItem[SIZE];

    /** Whether {@code i}'s key is the one {@link DueItem#keyOf} derives from its parts (in its own format). */
    boolean derived(DueItem i) {
        int h = index(i);
        if (items[h] == i) {
            return true;
        }
        boolean derived = matches(i);
        if (derived) {
            items[h] = i;
        }
        return derived;
    }

    /** The slow path: {@link DueKeys#matches} of the item's key and parts. */
    static boolean matches(DueItem i) {
        Instant at = i.dueAt();
        return DueKeys.matches(i.key(), i.escalation().value(), i.kind(), i.step(), at.getEpochSecond(), at.getNano());
    }

    /** Drops every item held. */
    void clear() {
        Arrays.fill(items, null);
    }

    /** How many items are held (for tests). */
    int size() {
        int n = 0;
        for (DueItem i : items) {
            if (i != null) {
                n++;
            }
        }
        return n;
    }

    /**
     * The entry of {@code i}, from its parts (no identity hash: making one writes the object's header, which costs a
     * new item more than the match it would save); equal items of other instances share the entry, one replacing the
     * other.
     */
    private static int index(DueItem i) {
        Instant at = i.dueAt();
        int h = Long.hashCode(at.getEpochSecond()) * 31 + at.getNano();
        h = h * 31 + i.kind().ordinal();
        h = h * 31 + i.step().hashCode();
        h = h * 31 + i.escalation().value().hashCode();
        return (h * 0x9E3779B9) >>> (32 - Integer.numberOfTrailingZeros(SIZE));
    }
}
