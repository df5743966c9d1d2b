package dev.escalation.inmemory;

import dev.escalation.inmemory.DueItems.Claim;
import dev.escalation.inmemory.DueItems.Due;
import dev.escalation.model.DueKind;
import dev.escalation.model.EscalationId;
import dev.escalation.spi.ClaimedDue;
import dev.escalation.spi.DueItem;
import dev.escalation.spi.DueWork;
import dev.escalation.spi.OutboxMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;

/**
 * The due-work facet of {@link InMemoryEscalationStore}, locked per escalation: each escalation's pending items and
 * completed keys live in its {@link DueItems}, guarded by that object's monitor, and a lock-free sorted map indexes
 * each escalation once, by its earliest pending item (due instant, key), so finding due work never scans all
 * escalations nor holds a node per item: a query merges the items of the escalations the index yields, in order.
 * Lock order: the store's escalation lock, then a {@link DueItems} monitor, then the outbox's (never the other way
 * round).
 */
final class InMemoryDueWork implements DueWork {

    /** Each escalation's earliest pending item, mapped to itself (a node per escalation, no separate key). */
    private final ConcurrentSkipListMap<Due, Due> byDue = new ConcurrentSkipListMap<>();

    private final ConcurrentHashMap<EscalationId, DueItems> items = new ConcurrentHashMap<>();
    private final AtomicLong tokens = new AtomicLong();
    private final InMemoryOutbox outbox;

    private final Interner interner;

    /** The wanted items lately found to carry their derived key (the engine hands most of them in again). */
    private final DerivedItems derivedItems = new DerivedItems();

    /** Whether the fast paths are on (off only in tests that compare them with the full comparison). */
    private final boolean fast;

    InMemoryDueWork(InMemoryOutbox outbox, Interner interner) {
        this(outbox, interner, true);
    }

    /** As above; {@code fast} false: every wanted item matched and compared in full (the slow path, for tests). */
    InMemoryDueWork(InMemoryOutbox outbox, Interner interner, boolean fast) {
        this.outbox = outbox;
        this.interner = interner;
        this.fast = fast;
    }

    /** Replaces the escalation's unclaimed pending items with {@code wanted}; known keys are left alone. */
    void replace(EscalationId escalation, Collection<DueItem> wanted) {
        DueItems own = wanted.isEmpty()
                ? items.get(escalation)
                : items.computeIfAbsent(
                        escalation,
                        x -> new DueItems(x, wanted.iterator().next().customer()));
        if (own == null) {
            return;
        }
        long derived = DueItems.derivedKeys(wanted, fast ? derivedItems : null); // outside the lock
        synchronized (own) {
            if (own.removed) { // purged meanwhile
                return;
            }
            Due[] pending = own.pending;
            if (fast && DueItems.sameKeys(pending, wanted, derived)) {
                return; // the same items again (most commands): nothing to change
            }
            List<Due> next = null; // made only when something changes
            for (int k = 0; k < pending.length; k++) {
                Due e = pending[k];
                if (e.claim() == null && !DueItems.wantedHas(wanted, derived, e)) {
                    next = next != null ? next : kept(pending, k);
                } else if (next != null) {
                    next.add(e);
                }
            }
            Map<String, String> lastData = null; // the steps of a deadline come with one map: compacted once
            Object compact = null;
            int n = 0;
            for (DueItem i : wanted) {
                boolean d = (derived & DueItems.bit(n++)) != 0;
                if (!DueItems.isIn(i, d, next, pending) && !own.completed.contains(i.key())) {
                    next = next != null ? next : kept(pending, pending.length);
                    if (i.data() != lastData) {
                        lastData = i.data();
                        compact = sharedData(DueData.compact(lastData, interner), next);
                    }
                    next.add(Due.of(i, step(i, next), compact, own, n <= 64 ? d : null)); // beyond: not looked at
                }
            }
            if (next != null) {
                publish(own, next.toArray(new Due[0]));
            }
            if (own.pending.length == 0 && own.completed.isEmpty()) {
                own.removed = true;
                items.remove(escalation, own);
            }
        }
    }

    /** The first {@code n} items of {@code pending}, in a list with room for more. */
    private static List<Due> kept(Due[] pending, int n) {
        List<Due> kept = new ArrayList<>(pending.length + 4);
        for (int k = 0; k < n; k++) {
            kept.add(pending[k]);
        }
        return kept;
    }

    /** Publishes the new pending items of {@code own} (sorted here) and moves its index entry; under its monitor. */
    private void publish(DueItems own, Due[] next) {
        Arrays.sort(next);
        Due[] before = own.pending;
        own.pending = next;
        Due head = next.length == 0 ? null : next[0];
        Due old = before.length == 0 ? null : before[0]; // the entry the index holds
        if (head != old) {
            if (head != null) {
                byDue.put(head, head); // first the new entry: a concurrent query never misses the escalation
            }
            if (old != null) {
                byDue.remove(old, old);
            }
        }
    }

    /**
     * The kind and step of {@code i}, shared: that of an item of {@code pending} with the same kind and step (the
     * escalation's items mostly keep their steps from plan to plan), else the interner's.
     */
    private DueItems.Step step(DueItem i, List<Due> pending) {
        DueKind kind = i.kind();
        String step = i.step();
        for (int k = 0, n = pending.size(); k < n; k++) {
            DueItems.Step what = pending.get(k).what;
            if (what.kind() == kind && what.step().equals(step)) {
                return what; // interned when that item was made
            }
        }
        return step(i);
    }

    /** The kind and step of {@code i}, shared. */
    private DueItems.Step step(DueItem i) {
        return interner.intern(new DueItems.Step(i.kind(), interner.intern(i.step())));
    }

    /** {@code data}, or the same data of another item of the escalation: the steps of a deadline share it. */
    private static Object sharedData(Object data, List<Due> pending) {
        for (Due p : pending) {
            Object d = p.data;
            if (d != data && DueData.same(d, data)) {
                return d;
            }
        }
        return data;
    }

    /** Visits a pending item in (due instant, key) order; returns whether it counts toward the limit. */
    private interface Visitor {
        boolean visit(Due e);
    }

    /** One escalation's items in a merge, from its {@link #next} item on. */
    private static final class Cursor implements Comparable<Cursor> {
        final Due[] items;
        int next;

        Cursor(Due[] items) {
            this.items = items;
        }

        @Override
        public int compareTo(Cursor o) {
            return items[next].compareTo(o.items[o.next]);
        }
    }

    /**
     * Visits the pending items not after {@code now} in (due instant, key) order until {@code limit} visits counted:
     * a merge of the escalations' items, taking an escalation from the index only once its earliest item is next.
     */
    private void merge(Instant now, int limit, Visitor visitor) {
        Iterator<Due> heads = byDue.keySet().iterator();
        Due head = heads.hasNext() ? heads.next() : null;
        if (head == null || head.isAfter(now)) {
            return; // the usual case of a poll: nothing due, nothing allocated
        }
        PriorityQueue<Cursor> queue = new PriorityQueue<>();
        Set<DueItems> taken = Collections.newSetFromMap(new IdentityHashMap<>());
        int counted = 0;
        while (counted < limit) {
            while (head != null
                    && !head.isAfter(now)
                    && (queue.isEmpty() || head.compareTo(queue.peek().items[queue.peek().next]) <= 0)) {
                Due[] pending = head.owner.pending;
                if (taken.add(head.owner) && pending.length > 0) {
                    queue.add(new Cursor(pending));
                }
                head = heads.hasNext() ? heads.next() : null;
            }
            Cursor c = queue.poll();
            if (c == null || c.items[c.next].isAfter(now)) {
                return;
            }
            if (visitor.visit(c.items[c.next])) {
                counted++;
            }
            if (++c.next < c.items.length) {
                queue.add(c);
            }
        }
    }

    @Override
    public List<DueItem> due(Instant now, int limit) {
        Objects.requireNonNull(now, "now");
        ClaimArguments.checkLimit(limit);
        List<DueItem> result = new ArrayList<>(Math.min(limit, 128));
        merge(now, limit, e -> result.add(e.item()));
        return result;
    }

    @Override
    public List<ClaimedDue> claim(String claimant, Instant now, Duration lease, int limit) {
        ClaimArguments.check(claimant, now, lease, limit);
        List<ClaimedDue> result = new ArrayList<>();
        merge(now, limit, e -> {
            DueItems own = e.owner;
            synchronized (own) {
                if (!own.removed
                        && own.holds(e)
                        && (e.claim() == null || !e.claim().leaseUntil().isAfter(now))) {
                    Claim claim = new Claim(claimant + "#" + tokens.incrementAndGet(), now.plus(lease));
                    e.claim(claim);
                    result.add(new ClaimedDue(e.item(), claim.token()));
                    return true;
                }
                return false;
            }
        });
        return result;
    }

    @Override
    public boolean complete(ClaimedDue claimed, List<OutboxMessage> followUps) {
        DueItems own = items.get(claimed.item().escalation());
        if (own == null) {
            return false;
        }
        synchronized (own) {
            Due e = own.find(claimed.item().key());
            if (own.removed || e == null || !e.token().equals(claimed.claimToken())) {
                return false;
            }
            publish(own, without(own.pending, e));
            if (own.completed.isEmpty()) {
                own.completed = new HashSet<>(4);
            }
            own.completed.add(claimed.item().key());
            outbox.enqueue(followUps); // with the item's completion, under the escalation's monitor
            return true;
        }
    }

    private static Due[] without(Due[] pending, Due e) {
        Due[] next = new Due[pending.length - 1];
        int n = 0;
        for (Due p : pending) {
            if (p != e) {
                next[n++] = p;
            }
        }
        return next;
    }

    @Override
    public void release(ClaimedDue claimed) {
        DueItems own = items.get(claimed.item().escalation());
        if (own == null) {
            return;
        }
        synchronized (own) {
            Due e = own.find(claimed.item().key());
            if (e != null && e.token().equals(claimed.claimToken())) {
                e.claim(null);
            }
        }
    }

    /** Drops every item of an escalation, claimed or not, and its completed keys (it is being purged). */
    void dropEscalation(EscalationId escalation) {
        derivedItems.clear(); // no item of a purged escalation stays reachable
        DueItems own = items.remove(escalation);
        if (own == null) {
            return;
        }
        synchronized (own) {
            own.removed = true;
            publish(own, new Due[0]);
        }
    }

    /** Rewrites the pending items' data with {@code rewrite}; returns how many changed. */
    long rewriteItems(UnaryOperator<DueItem> rewrite) {
        long changed = 0;
        for (DueItems own : items.values()) {
            synchronized (own) {
                Due[] next = own.pending.clone();
                boolean moved = false;
                for (int k = 0; k < next.length; k++) {
                    Due old = next[k];
                    DueItem before = old.item();
                    DueItem after = rewrite.apply(before);
                    if (after.equals(before)) {
                        continue;
                    }
                    changed++;
                    Object data = DueData.compact(after.data(), interner);
                    if (sameBesidesData(before, after)) {
                        old.data = data; // in place: the index keeps its node, nothing old stays reachable
                        continue;
                    }
                    Due replaced = Due.of(after, step(after), data, own, null);
                    replaced.claim(old.claim());
                    next[k] = replaced;
                    moved = true;
                }
                if (moved) {
                    publish(own, next);
                }
            }
        }
        derivedItems.clear(); // no item with the data before the rewrite stays reachable from here
        return changed;
    }

    private static boolean sameBesidesData(DueItem a, DueItem b) {
        return a.key().equals(b.key())
                && a.escalation().equals(b.escalation())
                && a.customer().equals(b.customer())
                && a.kind() == b.kind()
                && a.step().equals(b.step())
                && a.dueAt().equals(b.dueAt());
    }

    /** Every pending item (for exports), in (due instant, key) order. */
    List<DueItem> items() {
        return due(Instant.MAX, Integer.MAX_VALUE);
    }

    /** How many wanted items the identity cache of derived keys holds (for tests: erasure and purging clear it). */
    int derivedItemsHeld() {
        return derivedItems.size();
    }

    /** How many escalations hold items or completed keys (for retention tests). */
    int escalationsHeld() {
        return items.size();
    }
}
