package dev.escalation.inmemory;

import dev.escalation.model.CustomerId;
import dev.escalation.model.EscalationId;
import dev.escalation.model.Visibility;
import dev.escalation.spi.StoredEntry;
import dev.escalation.spi.StoredEscalation;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * One escalation of the {@link InMemoryEscalationStore}: its current version (compact, without a ticket reference:
 * reads put in the one the slot holds) and its log, guarded by its own monitor (the escalation's lock: no lock object
 * of its own, to keep it small).
 */
final class Slot {
    /** The current version; replaced whole under the lock, read without it. */
    volatile CompactRecord record;
    /**
     * Whether the create that made this slot has completed: until then the slot is in the store's map (so that a
     * create losing the race for the case can read the winner) but readers wait for its lock (see {@code
     * StoreState.visible}).
     */
    volatile boolean created;
    /** The first ticket reference delivered for the escalation; null until then. Set once, without a lock. */
    volatile @Nullable String ticket;

    private static final AtomicReferenceFieldUpdater<Slot, String> TICKET =
            AtomicReferenceFieldUpdater.newUpdater(Slot.class, String.class, "ticket");

    /** The log, kept compact ({@link CompactLog}). */
    final CompactLog log;

    /** The store's records last written or read (shared by its slots). */
    private final ReadCache cache;

    /**
     * The escalation's key in the list indexes ({@link Listings}): one instance, held by every index it is in, so a
     * move between state indexes neither makes nor searches for it. Set when indexed, under the slot's lock.
     */
    @Nullable
    ListOrder order;

    /** A slot holding {@code first} and its log {@code entries}. */
    Slot(StoredEscalation first, List<StoredEntry> entries, Interner interner, ReadCache cache) {
        this.log = new CompactLog(interner);
        this.cache = cache;
        log.append(entries, null);
        CompactRecord r = new CompactRecord(first, log, null, lastHash(entries));
        this.record = r;
        remember(r, first);
    }

    /** The hash the last of {@code entries} carries, or null (the log wrote its bytes from this string). */
    private static @Nullable String lastHash(List<StoredEntry> entries) {
        if (entries.isEmpty()) {
            return null;
        }
        StoredEntry last = entries.get(entries.size() - 1);
        return last.chain().isPresent() ? last.chain().get().hash() : null;
    }

    /**
     * Appends {@code entries} and makes {@code next} current (its chain head may be the log's); the lock is held, and
     * {@code current} is what {@link #read} returned for the current version under it.
     */
    void write(List<StoredEntry> entries, StoredEscalation next, StoredEscalation current) {
        // the head read is the log's last hash when the version's head bytes are the log's: entries linked to that
        // very string are written as following it without comparing digits
        log.append(
                entries,
                record.headIsLastHashOf(log) ? current.facts().chainHead().orElse(null) : null);
        CompactRecord r = new CompactRecord(next, log, record, lastHash(entries));
        this.record = r;
        remember(r, next);
    }

    /**
     * Keeps {@code written}, the validated record {@code r} was made of, as what reads return while {@code r} is
     * current: equal to {@code r.toStored(ticket)} when its ticket reference is the slot's (the store ignores the one
     * a write carries, so it is kept only then).
     */
    private void remember(CompactRecord r, StoredEscalation written) {
        String t = ticket;
        if (Objects.equals(written.ticketReference().orElse(null), t)) {
            cache.put(this, r, t, written);
        }
    }

    /** The current version as a stored record, with the ticket reference the slot holds now. */
    StoredEscalation read() {
        CompactRecord r = record;
        String t = ticket;
        StoredEscalation s = cache.get(this, r, t);
        if (s == null) {
            s = r.toStored(t);
            cache.put(this, r, t, s);
        }
        return s;
    }

    /** Drops this slot's record from the read cache (it left the store, or its create was refused). */
    void forgetRead() {
        cache.forget(this);
    }

    /** Records the first ticket reference delivered (later ones are ignored). */
    void recordTicket(String reference) {
        TICKET.compareAndSet(this, null, reference);
    }

    /** Rewrites the escalation and its log under the lock (erasure); not a version change, not in the feed. */
    void rewrite(UnaryOperator<StoredEscalation> record, Consumer<List<StoredEntry>> rewriteLog) {
        synchronized (this) {
            StoredEscalation next = record.apply(read());
            rewriteLog.accept(log);
            this.record = new CompactRecord(next, log); // after the log: its head may be the log's bytes
            cache.forget(this); // no version before the rewrite stays reachable from the cache
        }
    }

    /**
     * Up to {@code limit} entries after {@code afterSequence}; for a customer only the escalation's own entries
     * visible to customers, and none if the escalation is another customer's.
     */
    List<StoredEntry> entries(long afterSequence, int limit, @Nullable CustomerId customer) {
        synchronized (this) {
            if (customer != null && !record.customer.equals(customer)) {
                return List.of();
            }
            List<StoredEntry> result = new ArrayList<>(Math.min(limit, 64));
            // sequences are 1-based without gaps: entry n is at index n - 1
            for (int i = (int) Math.min(afterSequence, log.size()); i < log.size() && result.size() < limit; i++) {
                StoredEntry e = log.get(i);
                if (customer == null || e.visibility() == Visibility.CUSTOMER) {
                    result.add(e);
                }
            }
            return result;
        }
    }

    /**
     * The stored records last written or read of the {@link InMemoryEscalationStore}'s escalations, so that a read of
     * an escalation that did not change since returns the record built then (or the validated record its write was
     * given) instead of rebuilding it from the compact form and validating it again. Direct-mapped by escalation id: at
     * most {@value #SIZE} records held, whatever the store holds. Exact: an entry answers only for the same slot, the
     * same compact version (by identity: every write makes a new one) and the same ticket reference, and holds a record
     * equal to what {@link CompactRecord#toStored} builds of them. Thread-safe without a lock: entries are immutable, a
     * put that raced with a change of the slot takes itself back, and erasure and purging drop the slot's entry
     * ({@link #forget}) so that no old version with personal data stays reachable from here.
     */
    static final class ReadCache {

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
}
