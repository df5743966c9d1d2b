package dev.escalation.inmemory;

import dev.escalation.model.EscalationId;
import dev.escalation.spi.ClaimedDue;
import dev.escalation.spi.DueItem;
import dev.escalation.spi.DueWork;
import dev.escalation.spi.OutboxMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;

/**
 * The due-work facet of {@link InMemoryEscalationStore}, locked per escalation: pending items are indexed by (due
 * instant, key) in a lock-free sorted map, so finding due work never scans all escalations, and each escalation's items
 * and completed keys live in its {@link Items}, guarded by that object's monitor. Lock order: the store's escalation
 * lock, then an {@link Items} monitor, then the outbox's (never the other way round).
 */
final class InMemoryDueWork implements DueWork {

    private record Order(Instant dueAt, String key) implements Comparable<Order> {
        @Override
        public int compareTo(Order o) {
            int c = dueAt.compareTo(o.dueAt);
            return c != 0 ? c : key.compareTo(o.key);
        }
    }

    /** One pending item and its claim; guarded by its escalation's {@link Items} monitor. */
    private static final class Entry {
        final DueItem item;
        final Items owner;
        String claimToken = "";
        Instant leaseUntil = Instant.MIN;

        Entry(DueItem item, Items owner) {
            this.item = item;
            this.owner = owner;
        }
    }

    /** The pending items and the completed keys of one escalation. */
    private static final class Items {
        final List<Entry> pending = new ArrayList<>(2);
        /** Keys completed while the escalation exists: such an item is never planned again. */
        Set<String> completed = Set.of();
        /** Set when it left {@link #items}: writers then take a new one. */
        boolean removed;

        Entry find(String key) {
            for (Entry e : pending) {
                if (e.item.key().equals(key)) {
                    return e;
                }
            }
            return null;
        }
    }

    private final ConcurrentSkipListMap<Order, Entry> byDue = new ConcurrentSkipListMap<>();
    private final ConcurrentHashMap<EscalationId, Items> items = new ConcurrentHashMap<>();
    private final AtomicLong tokens = new AtomicLong();
    private final InMemoryOutbox outbox;

    private final Interner interner;

    InMemoryDueWork(InMemoryOutbox outbox, Interner interner) {
        this.outbox = outbox;
        this.interner = interner;
    }

    /** Replaces the escalation's unclaimed pending items with {@code wanted}; known keys are left alone. */
    void replace(EscalationId escalation, Collection<DueItem> wanted) {
        Items own = wanted.isEmpty() ? items.get(escalation) : items.computeIfAbsent(escalation, x -> new Items());
        if (own == null) {
            return;
        }
        synchronized (own) {
            if (own.removed) { // purged meanwhile
                return;
            }
            if (!own.pending.isEmpty()) {
                Set<String> keys = new HashSet<>();
                wanted.forEach(i -> keys.add(i.key()));
                own.pending.removeIf(e -> {
                    boolean drop = !keys.contains(e.item.key()) && e.claimToken.isEmpty();
                    if (drop) {
                        byDue.remove(orderOf(e.item), e);
                    }
                    return drop;
                });
            }
            for (DueItem i : wanted) {
                if (own.find(i.key()) == null && !own.completed.contains(i.key())) {
                    Entry e = new Entry(compact(i, own), own);
                    own.pending.add(e);
                    byDue.put(orderOf(i), e);
                }
            }
            if (own.pending.isEmpty() && own.completed.isEmpty()) {
                own.removed = true;
                items.remove(escalation, own);
            }
        }
    }

    /**
     * {@code i} sharing its step with equal steps of the store and its data with an equal pending item of the
     * escalation (the steps of a plan carry the same data); {@code i} itself when nothing is shared. An equal item.
     */
    private DueItem compact(DueItem i, Items own) {
        String step = interner.intern(i.step());
        Map<String, String> data = i.data();
        for (Entry p : own.pending) {
            if (p.item.data() != data && p.item.data().equals(data) && sameOrder(p.item.data(), data)) {
                data = p.item.data();
                break;
            }
        }
        return step == i.step() && data == i.data()
                ? i
                : new DueItem(i.key(), i.escalation(), i.customer(), i.kind(), step, i.dueAt(), data);
    }

    private static boolean sameOrder(Map<String, String> a, Map<String, String> b) {
        Iterator<String> k = b.keySet().iterator();
        for (String key : a.keySet()) {
            if (!key.equals(k.next())) {
                return false;
            }
        }
        return true;
    }

    private static Order orderOf(DueItem i) {
        return new Order(i.dueAt(), i.key());
    }

    @Override
    public List<DueItem> due(Instant now, int limit) {
        Objects.requireNonNull(now, "now");
        List<DueItem> result = new ArrayList<>(Math.min(limit, 128));
        for (Entry e : byDue.values()) {
            if (result.size() == limit || e.item.dueAt().isAfter(now)) {
                break;
            }
            result.add(e.item);
        }
        return result;
    }

    @Override
    public List<ClaimedDue> claim(String claimant, Instant now, Duration lease, int limit) {
        Objects.requireNonNull(claimant, "claimant");
        Objects.requireNonNull(now, "now");
        List<ClaimedDue> result = new ArrayList<>();
        for (Entry e : byDue.values()) {
            if (result.size() == limit || e.item.dueAt().isAfter(now)) {
                break;
            }
            synchronized (e.owner) {
                if (!e.owner.removed && e.owner.pending.contains(e) && !e.leaseUntil.isAfter(now)) {
                    e.claimToken = claimant + "#" + tokens.incrementAndGet();
                    e.leaseUntil = now.plus(lease);
                    result.add(new ClaimedDue(e.item, e.claimToken));
                }
            }
        }
        return result;
    }

    @Override
    public boolean complete(ClaimedDue claimed, List<OutboxMessage> followUps) {
        Items own = items.get(claimed.item().escalation());
        if (own == null) {
            return false;
        }
        synchronized (own) {
            Entry e = own.find(claimed.item().key());
            if (own.removed || e == null || !e.claimToken.equals(claimed.claimToken())) {
                return false;
            }
            own.pending.remove(e);
            byDue.remove(orderOf(e.item), e);
            if (own.completed.isEmpty()) {
                own.completed = new HashSet<>(4);
            }
            own.completed.add(e.item.key());
            outbox.enqueue(followUps); // with the item's completion, under the escalation's monitor
            return true;
        }
    }

    @Override
    public void release(ClaimedDue claimed) {
        Items own = items.get(claimed.item().escalation());
        if (own == null) {
            return;
        }
        synchronized (own) {
            Entry e = own.find(claimed.item().key());
            if (e != null && e.claimToken.equals(claimed.claimToken())) {
                e.claimToken = "";
                e.leaseUntil = Instant.MIN;
            }
        }
    }

    /** Drops every item of an escalation, claimed or not, and its completed keys (it is being purged). */
    void dropEscalation(EscalationId escalation) {
        Items own = items.remove(escalation);
        if (own == null) {
            return;
        }
        synchronized (own) {
            own.removed = true;
            own.pending.forEach(e -> byDue.remove(orderOf(e.item), e));
            own.pending.clear();
        }
    }

    /** Rewrites the pending items' data with {@code rewrite}; returns how many changed. */
    long rewriteItems(UnaryOperator<DueItem> rewrite) {
        long changed = 0;
        for (Items own : items.values()) {
            synchronized (own) {
                for (int k = 0; k < own.pending.size(); k++) {
                    Entry old = own.pending.get(k);
                    DueItem next = rewrite.apply(old.item);
                    if (!next.equals(old.item)) {
                        Entry replaced = new Entry(next, own);
                        replaced.claimToken = old.claimToken;
                        replaced.leaseUntil = old.leaseUntil;
                        own.pending.set(k, replaced);
                        byDue.replace(orderOf(old.item), old, replaced);
                        changed++;
                    }
                }
            }
        }
        return changed;
    }

    /** Every pending item (for exports). */
    List<DueItem> items() {
        List<DueItem> all = new ArrayList<>();
        byDue.values().forEach(e -> all.add(e.item));
        return all;
    }

    /** How many escalations hold items or completed keys (for retention tests). */
    int escalationsHeld() {
        return items.size();
    }
}
