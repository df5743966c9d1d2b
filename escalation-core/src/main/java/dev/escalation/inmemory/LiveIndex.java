package dev.escalation.inmemory;

import dev.escalation.spi.OutboxCounts;
import dev.escalation.spi.OutboxMessage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.function.Consumer;

/**
 * The {@link InMemoryOutbox}'s index of waiting entries by sequence, split into {@value #STRIPES} skip lists by the
 * thread that queues an entry, so two threads queueing at once do not insert at the tail of one list (where every
 * insert writes the same few nodes and both cores keep taking their cache lines from each other). An entry stays in
 * the list it was added to ({@link OutboxEntry#home}), whichever thread removes it.
 *
 * <p>{@link #iterator} merges the lists by sequence: it yields every entry in the order one list by sequence would,
 * oldest first, so a claim sees the outbox in the order messages were queued. Like one list's iterator it is weakly
 * consistent: an entry added or removed during the walk may or may not be seen, an entry present throughout is seen
 * exactly once.
 */
final class LiveIndex implements Iterable<OutboxEntry> {

    /** Lists: a power of two; threads are spread by their id, so a few threads rarely share one. */
    static final int STRIPES = 4;

    private final ConcurrentSkipListSet<OutboxEntry>[] stripes;

    @SuppressWarnings({"unchecked", "rawtypes"}) // a generic array
    LiveIndex() {
        stripes = new ConcurrentSkipListSet[STRIPES];
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new ConcurrentSkipListSet<>(OutboxEntry.BY_SEQUENCE);
        }
    }

    /** The list the calling thread adds to (set as the entry's {@link OutboxEntry#home} when it is created). */
    ConcurrentSkipListSet<OutboxEntry> home() {
        return stripes[(int) Thread.currentThread().getId() & (STRIPES - 1)];
    }

    /** List {@code i} (tests place entries in chosen lists with it). */
    ConcurrentSkipListSet<OutboxEntry> stripe(int i) {
        return stripes[i];
    }

    /** Adds an entry to its {@link OutboxEntry#home} list. */
    void add(OutboxEntry e) {
        e.home.add(e);
    }

    /** Removes an entry from its {@link OutboxEntry#home} list. */
    void remove(OutboxEntry e) {
        e.home.remove(e);
    }

    /** Entries held, summed over the lists (not atomic: a snapshot for retention tests). */
    int size() {
        int n = 0;
        for (ConcurrentSkipListSet<OutboxEntry> s : stripes) {
            n += s.size();
        }
        return n;
    }

    /** Every entry, list by list, not in sequence order (for counts and scans where order does not matter). */
    void forEachUnordered(Consumer<OutboxEntry> action) {
        for (ConcurrentSkipListSet<OutboxEntry> s : stripes) {
            if (s.isEmpty()) {
                continue; // no iterator made
            }
            for (OutboxEntry e : s) {
                action.accept(e);
            }
        }
    }

    /** The counts of the entries held: pending, dead and the earliest next attempt (walked list by list). */
    OutboxCounts counts() {
        OutboxEntry.Tally t = new OutboxEntry.Tally();
        forEachUnordered(t);
        return t.counts();
    }

    /** The messages of the entries not gone, oldest first (volatile reads: a snapshot). */
    List<OutboxMessage> waiting() {
        List<OutboxMessage> all = new ArrayList<>();
        for (OutboxEntry e : this) {
            if (!e.gone) {
                all.add(e.message);
            }
        }
        return all;
    }

    /** The lists' entries merged by sequence, oldest first. */
    @Override
    public Iterator<OutboxEntry> iterator() {
        // only the lists holding entries are merged; one of them is walked as it is (a list that was empty when
        // looked at is left out, as an entry added after the walk started may be)
        ConcurrentSkipListSet<OutboxEntry> only = null;
        int held = 0;
        for (ConcurrentSkipListSet<OutboxEntry> s : stripes) {
            if (!s.isEmpty()) {
                only = s;
                held++;
            }
        }
        if (held <= 1) {
            return only == null ? Collections.emptyIterator() : only.iterator();
        }
        return new Merged(stripes);
    }

    /** A merge of the lists' iterators: the head of each is kept and the smallest sequence taken next. */
    private static final class Merged implements Iterator<OutboxEntry> {
        private final Iterator<OutboxEntry>[] its;
        private final OutboxEntry[] heads;

        @SuppressWarnings({"unchecked", "rawtypes"}) // a generic array
        Merged(ConcurrentSkipListSet<OutboxEntry>[] stripes) {
            its = new Iterator[stripes.length];
            heads = new OutboxEntry[stripes.length];
            for (int i = 0; i < stripes.length; i++) {
                if (!stripes[i].isEmpty()) { // no iterator made for an empty list: its head stays null
                    its[i] = stripes[i].iterator();
                    heads[i] = its[i].hasNext() ? its[i].next() : null;
                }
            }
        }

        @Override
        public boolean hasNext() {
            for (OutboxEntry h : heads) {
                if (h != null) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public OutboxEntry next() {
            int min = -1;
            for (int i = 0; i < heads.length; i++) {
                OutboxEntry h = heads[i];
                if (h != null && (min < 0 || h.sequence < heads[min].sequence)) {
                    min = i;
                }
            }
            if (min < 0) {
                throw new NoSuchElementException();
            }
            OutboxEntry e = heads[min];
            heads[min] = its[min].hasNext() ? its[min].next() : null;
            return e;
        }
    }
}
