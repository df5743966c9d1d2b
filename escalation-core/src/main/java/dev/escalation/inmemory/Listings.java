package dev.escalation.inmemory;

import dev.escalation.model.CustomerId;
import dev.escalation.model.EscalationId;
import dev.escalation.model.EscalationState;
import dev.escalation.model.EscalationSummary;
import dev.escalation.model.Page;
import dev.escalation.model.PageCursor;
import dev.escalation.model.PageRequest;
import dev.escalation.spi.StoredEntry;
import dev.escalation.spi.StoredEscalation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.StampedLock;
import org.jspecify.annotations.Nullable;

/**
 * The list indexes of the {@link InMemoryEscalationStore}, by customer and by state, ordered by (raisedAt, id), the
 * {@link OverdueIndex}, and the keyset-paged listings over them. The escalations themselves are read from the store's
 * slots.
 */
final class Listings {

    private final ConcurrentHashMap<CustomerId, ConcurrentSkipListMap<ListOrder, EscalationId>> byCustomer =
            new ConcurrentHashMap<>();
    private final Map<EscalationState, ConcurrentSkipListMap<ListOrder, EscalationId>> byState =
            new EnumMap<>(EscalationState.class);
    /**
     * Moves between the state indexes hold it shared (moves of different escalations never wait for each other);
     * a list query over several states holds it exclusively while it scans their indexes one after another, so an
     * escalation moving from a not-yet-scanned index to an already-scanned one cannot be missing from the page.
     */
    private final StampedLock moves = new StampedLock();

    /**
     * The open escalations by (overdueSince, id). Writers never wait for it: they queue their moves in
     * {@link #overdueMoves} and apply the queue only if nobody else holds {@link #overdueLock}; a query applies every
     * queued move under the lock first, so it sees every write that returned before it started.
     */
    private final OverdueIndex overdue;

    private final ConcurrentLinkedQueue<Runnable> overdueMoves = new ConcurrentLinkedQueue<>();
    private final ReentrantLock overdueLock = new ReentrantLock();

    private final Map<EscalationId, Slot> slots;

    /** Indexes over the store's {@code slots}; summaries carry the ticket reference their slot holds. */
    Listings(Map<EscalationId, Slot> slots) {
        this(slots, new OverdueIndex());
    }

    /** As above, with the given (counting) overdue index. */
    Listings(Map<EscalationId, Slot> slots, OverdueIndex overdue) {
        this.overdue = overdue;
        this.slots = slots;
        for (EscalationState s : EscalationState.values()) {
            byState.put(s, new ConcurrentSkipListMap<>());
        }
    }

    /** Indexes a new escalation held by {@code slot} (its lock held). */
    void add(StoredEscalation first, Slot slot) {
        ListOrder order = orderOf(first);
        slot.order = order;
        byCustomer
                .computeIfAbsent(first.customer(), c -> new ConcurrentSkipListMap<>())
                .put(order, first.id());
        byState.get(first.state()).put(order, first.id());
        moveOverdue(first.id(), null, OverdueIndex.overdueSince(first));
    }

    /**
     * Makes a move in the overdue index when it is free (after the moves queued before), else queues it and applies
     * the queue if the index was freed meanwhile (never waits for it).
     */
    private void moveOverdue(EscalationId id, @Nullable Instant from, @Nullable Instant to) {
        if (Objects.equals(from, to)) {
            return;
        }
        // the slot is in the map: a create puts it there before indexing, a change and a purge hold its lock
        Slot slot = to != null ? slots.get(id) : null;
        if (overdueLock.tryLock()) {
            try {
                applyOverdueMoves(); // the moves queued before this one first; this one without a queued object
                overdue.move(id, slot, from, to);
            } finally {
                overdueLock.unlock();
            }
            return;
        }
        overdueMoves.add(() -> overdue.move(id, slot, from, to));
        if (overdueLock.tryLock()) { // freed meanwhile: apply the queue now, as the holder may have left before the add
            try {
                applyOverdueMoves();
            } finally {
                overdueLock.unlock();
            }
        }
    }

    /** Applies the queued moves in their order (the lock is held); a query's page then sees every returned write. */
    private void applyOverdueMoves() {
        Runnable move;
        while ((move = overdueMoves.poll()) != null) {
            move.run();
        }
    }

    /**
     * Appends {@code entries} to {@code slot} and makes {@code stored} (equal to {@code next}) current, and moves the
     * escalation to its new state's index and overdue position; the slot's lock is held. Nothing but the write when
     * neither the state nor the overdue instant changed (the list order, raisedAt and id, never changes).
     */
    void update(
            StoredEscalation current,
            StoredEscalation next,
            Slot slot,
            List<StoredEntry> entries,
            StoredEscalation stored) {
        if (current.state() == next.state()) {
            slot.write(entries, stored, current);
        } else {
            long stamp = moves.readLock();
            try {
                slot.write(entries, stored, current);
                // the key object the indexes hold already (one per escalation, shared by its customer's index)
                ListOrder order = orderOf(slot, next);
                byState.get(next.state()).put(order, next.id());
                byState.get(current.state()).remove(order);
            } finally {
                moves.unlockRead(stamp);
            }
        }
        Instant from = OverdueIndex.overdueSince(current);
        Instant to = OverdueIndex.overdueSince(next);
        moveOverdue(next.id(), from, to);
    }

    /** Removes a purged escalation held by {@code slot} (its lock held) from every index. */
    void remove(StoredEscalation s, Slot slot) {
        long stamp = moves.readLock();
        try {
            ListOrder order = orderOf(slot, s);
            byState.get(s.state()).remove(order);
            ConcurrentSkipListMap<ListOrder, EscalationId> customerIndex = byCustomer.get(s.customer());
            if (customerIndex != null) {
                customerIndex.remove(order);
            }
        } finally {
            moves.unlockRead(stamp);
        }
        moveOverdue(s.id(), OverdueIndex.overdueSince(s), null);
    }

    /** See {@link dev.escalation.spi.EscalationStore#listForCustomer(CustomerId, PageRequest)}. */
    Page<EscalationSummary> forCustomer(CustomerId customer, PageRequest page) {
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(page, "page");
        ConcurrentSkipListMap<ListOrder, EscalationId> index = byCustomer.get(customer);
        if (index == null) {
            return Page.empty();
        }
        NavigableMap<ListOrder, EscalationId> newestFirst = page.after().isPresent()
                ? index.headMap(toOrder(page.after().get()), false).descendingMap()
                : index.descendingMap();
        List<EscalationSummary> items = new ArrayList<>(page.size());
        boolean more = false;
        for (EscalationId id : newestFirst.values()) {
            Slot slot = slots.get(id);
            if (slot == null || !slot.record.customer.equals(customer)) {
                continue;
            }
            if (items.size() == page.size()) {
                more = true;
                break;
            }
            items.add(summary(slot));
        }
        return new Page<>(items, more ? Optional.of(cursorOf(items.get(items.size() - 1))) : Optional.empty());
    }

    /** See {@link dev.escalation.spi.EscalationStore#listForVendor(Set, PageRequest)}. */
    Page<EscalationSummary> forVendor(Set<EscalationState> states, PageRequest page) {
        Objects.requireNonNull(states, "states");
        Objects.requireNonNull(page, "page");
        if (states.isEmpty()) {
            throw new IllegalArgumentException("states must not be empty");
        }
        long stamp = moves.writeLock();
        try {
            // merge the tails of the state indexes after the cursor, one item more than the page to detect the end
            ConcurrentSkipListMap<ListOrder, EscalationId> merged = new ConcurrentSkipListMap<>();
            for (EscalationState s : states) {
                ConcurrentSkipListMap<ListOrder, EscalationId> index = byState.get(s);
                NavigableMap<ListOrder, EscalationId> tail = page.after().isPresent()
                        ? index.tailMap(toOrder(page.after().get()), false)
                        : index;
                int taken = 0;
                for (Map.Entry<ListOrder, EscalationId> e : tail.entrySet()) {
                    if (taken++ > page.size()) {
                        break;
                    }
                    merged.put(e.getKey(), e.getValue());
                }
            }
            List<EscalationSummary> items = new ArrayList<>(page.size());
            boolean more = false;
            for (EscalationId id : merged.values()) {
                Slot slot = slots.get(id);
                if (slot == null || !states.contains(slot.record.state)) {
                    continue;
                }
                if (items.size() == page.size()) {
                    more = true;
                    break;
                }
                items.add(summary(slot));
            }
            return new Page<>(items, more ? Optional.of(cursorOf(items.get(items.size() - 1))) : Optional.empty());
        } finally {
            moves.unlockWrite(stamp);
        }
    }

    /** The summary of the version {@code slot} holds, with the ticket reference the slot holds now. */
    private static EscalationSummary summary(Slot slot) {
        return slot.record.summary(slot.ticket);
    }

    /** The summary of {@code current}, a version {@code slot} held, with the ticket reference the slot holds now. */
    private static EscalationSummary summary(CompactRecord current, Slot slot) {
        return current.summary(slot.ticket);
    }

    /** See {@link dev.escalation.spi.EscalationQueries#overdue(Instant, PageRequest)}: a walk of the index. */
    Page<EscalationSummary> overdue(Instant now, PageRequest page) {
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(page, "page");
        overdueLock.lock();
        try {
            applyOverdueMoves();
            List<EscalationSummary> items = new ArrayList<>(page.size());
            List<OverdueIndex.Key> keys = overdue.page(now, page.after(), page.size(), k -> {
                Slot slot = k.slot();
                CompactRecord current = slot == null ? null : slot.record;
                // a purged escalation is final (no instant); a moved one is at its new position as well
                if (current == null || !k.since().equals(current.overdueSince())) {
                    return false;
                }
                if (items.size() < page.size()) {
                    items.add(summary(current, slot));
                }
                return true;
            });
            boolean more = keys.size() > page.size();
            Optional<PageCursor> next = more
                    ? Optional.of(new PageCursor(
                            keys.get(page.size() - 1).since(),
                            keys.get(page.size() - 1).id()))
                    : Optional.empty();
            return new Page<>(items, next);
        } finally {
            overdueLock.unlock();
        }
    }

    private static ListOrder orderOf(StoredEscalation s) {
        return new ListOrder(s.raisedAt(), s.id().value());
    }

    /** The key {@code slot} holds for {@code s} (equal to {@link #orderOf(StoredEscalation)}: raisedAt and id never change). */
    private static ListOrder orderOf(Slot slot, StoredEscalation s) {
        ListOrder held = slot.order;
        return held != null ? held : orderOf(s);
    }

    private static ListOrder toOrder(PageCursor c) {
        return new ListOrder(c.at(), c.id());
    }

    private static PageCursor cursorOf(EscalationSummary s) {
        return new PageCursor(s.raisedAt(), s.id().value());
    }
}
