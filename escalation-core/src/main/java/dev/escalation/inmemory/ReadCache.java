package dev.escalation.inmemory;

import dev.escalation.model.EscalationId;
import dev.escalation.spi.StoredEscalation;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.jspecify.annotations.Nullable;

/**
 * The stored records last written or read of the {@link InMemoryEscalationStore}'s escalations, so that a read of an
 * escalation that did not change since returns the record built then (or the validated record its write was given)
 * instead of rebuilding it from the compact form and validating it again. Direct-mapped by escalation id: at most
 * {@value #SIZE} records held, whatever the store holds. Exact: an entry answers only for the same slot, the same
 * compact version (by identity: every write makes a new one) and the same ticket reference, and holds a record equal
 * to what {@link CompactRecord#toStored} builds of them. Thread-safe without a lock: entries are immutable, a put
 * that raced with a change of the slot takes itself back, and erasure and purging drop the slot's entry
 * ({@link #forget}) so that no old version with personal data stays reachable from here.
 */
final class ReadCache {

    /** Entries (a power of two). */
    static final int SIZE = 256;

    private static final int SHIFT = 32 - Integer.numberOfTrailingZeros(SIZE);

    /** One slot's version as a stored record. */
    private static final class Entry {
        final Slot slot;
        final CompactRecord record;
        final @Nullable String ticket;
        final StoredEscalation stored;

        Entry(Slot slot, CompactRecord record, @Nullable String ticket, StoredEscalation stored) {
            this.slot = slot;
            this.record = record;
            this.ticket = ticket;
            this.stored = stored;
        }
    }

    private final AtomicReferenceArray<Entry> entries = new AtomicReferenceArray<>(SIZE);

    private static int index(EscalationId id) {
        return (id.hashCode() * 0x9E3779B9) >>> SHIFT;
    }

    /** The record held for exactly this slot, version and ticket reference; null if none. */
    @Nullable
    StoredEscalation get(Slot slot, CompactRecord record, @Nullable String ticket) {
        Entry e = entries.get(index(record.id));
        return e != null && e.slot == slot && e.record == record && e.ticket == ticket ? e.stored : null;
    }

    /**
     * Holds {@code stored}, a record equal to {@code record.toStored(ticket)}, for the slot; taken back at once if
     * the slot's version or ticket reference changed meanwhile (a write or an erasure after the caller's read).
     */
    void put(Slot slot, CompactRecord record, @Nullable String ticket, StoredEscalation stored) {
        int i = index(record.id);
        Entry e = new Entry(slot, record, ticket, stored);
        entries.set(i, e);
        if (slot.record != record || slot.ticket != ticket) {
            entries.compareAndSet(i, e, null);
        }
    }

    /** Drops the slot's entry (its record was rewritten or removed). */
    void forget(Slot slot) {
        int i = index(slot.record.id);
        Entry e = entries.get(i);
        if (e != null && e.slot == slot) {
            entries.compareAndSet(i, e, null);
        }
    }
}
