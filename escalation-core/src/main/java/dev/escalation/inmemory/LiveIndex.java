package dev.escalation.inmemory;

import dev.escalation.spi.OutboxCounts;
import dev.escalation.spi.OutboxMessage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The {@link InMemoryOutbox}'s index of waiting entries by sequence, split into {@value #STRIPES} lists
 * ({@link LiveNode.Lane}s) by the thread that queues an entry, so two threads queueing at once do not insert at the
 * tail of one list (where every insert writes the same few places and both cores keep taking their cache lines from
 * each other). An entry stays in the list it was added to ({@link OutboxEntry#home}), whichever thread removes it.
 *
 * <p>A lane is a doubly linked list through the entries themselves ({@link LiveNode#next}, {@link
 * LiveNode#prev}): adding or removing an entry is a few field writes under the lane's monitor, with no node or
 * comparator call. Entries are queued in sequence blocks taken in order, so an entry is linked at the tail or a few
 * places before it. Walkers read the links without the monitor: {@code next} is volatile, and an unlinked entry keeps
 * its {@code next}, so a walker standing on it goes on to entries that followed it (the list is sorted, so every
 * {@code next} leads to a larger sequence, and an entry linked throughout the walk is reached).
 *
 * <p>{@link #iterator} merges the lists by sequence: it yields every entry in the order one list by sequence would,
 * oldest first, so a claim sees the outbox in the order messages were queued. It is weakly consistent: an entry added
 * or removed during the walk may or may not be seen, an entry present throughout is seen exactly once.
 */
final class LiveIndex implements Iterable<OutboxEntry> {

    /** Lists: a power of two; threads are spread by their id, so a few threads rarely share one. */
    static final int STRIPES = 4;

    /** One lane's walk: follows {@code next}, skipping entries unlinked by the time it reaches them. */
    private static final class Walk implements Iterator<OutboxEntry> {
        private @Nullable LiveNode next;

        Walk(LiveNode.Lane lane) {
            next = skip(lane.first());
        }

        private static @Nullable LiveNode skip(@Nullable LiveNode e) {
            while (e != null && !e.linked) {
                e = e.next;
            }
            return e;
        }

        @Override
        public boolean hasNext() {
            return next != null;
        }

        @Override
        public OutboxEntry next() {
            LiveNode e = next;
            if (e == null) {
                throw new NoSuchElementException();
            }
            next = skip(e.next);
            return (OutboxEntry) e;
        }
    }

    private final LiveNode.Lane[] stripes;

    LiveIndex() {
        stripes = new LiveNode.Lane[STRIPES];
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new LiveNode.Lane();
        }
    }

    /** The list the calling thread adds to (set as the entry's {@link OutboxEntry#home} when it is created). */
    LiveNode.Lane home() {
        return stripes[(int) Thread.currentThread().getId() & (STRIPES - 1)];
    }

    /** List {@code i} (tests place entries in chosen lists with it). */
    LiveNode.Lane stripe(int i) {
        return stripes[i];
    }

    /** Removes an entry from its {@link OutboxEntry#home} list (nothing if it was removed before). */
    void remove(OutboxEntry e) {
        e.home.remove(e);
    }

    /** Removes the first {@code n} of {@code entries}: one hold of a list's monitor per run of entries in that list. */
    void removeAll(OutboxEntry[] entries, int n) {
        int i = 0;
        while (i < n) {
            i = entries[i].home.removeRun(entries, i, n);
        }
    }

    /** Entries held, summed over the lists (not atomic: a snapshot for retention tests). */
    int size() {
        int n = 0;
        for (LiveNode.Lane s : stripes) {
            n += s.size();
        }
        return n;
    }

    /** Every entry, list by list, not in sequence order (for counts and scans where order does not matter). */
    void forEachUnordered(Consumer<OutboxEntry> action) {
        for (LiveNode.Lane s : stripes) {
            for (LiveNode e = Walk.skip(s.first()); e != null; e = Walk.skip(e.next)) {
                action.accept((OutboxEntry) e);
            }
        }
    }

    /** The counts of the entries held: pending, dead and the earliest next attempt (walked list by list). */
    OutboxCounts counts() {
        OutboxTally.Tally t = new OutboxTally.Tally();
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
        LiveNode.Lane only = null;
        int held = 0;
        for (LiveNode.Lane s : stripes) {
            if (!s.isEmpty()) {
                only = s;
                held++;
            }
        }
        if (held <= 1) {
            return only == null ? Collections.emptyIterator() : new Walk(only);
        }
        return new Merged(stripes);
    }

    /** A merge of the lists' walks: the head of each is kept and the smallest sequence taken next. */
    private static final class Merged implements Iterator<OutboxEntry> {
        private final Iterator<OutboxEntry>[] its;
        private final OutboxEntry[] heads;

        @SuppressWarnings({"unchecked", "rawtypes"}) // a generic array
        Merged(LiveNode.Lane[] stripes) {
            its = new Iterator[stripes.length];
            heads = new OutboxEntry[stripes.length];
            for (int i = 0; i < stripes.length; i++) {
                if (!stripes[i].isEmpty()) { // no walk made for an empty list: its head stays null
                    its[i] = new Walk(stripes[i]);
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
