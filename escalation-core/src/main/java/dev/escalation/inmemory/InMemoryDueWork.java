package dev.escalation.inmemory;

import dev.escalation.model.CustomerId;
import dev.escalation.model.DueKind;
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
import org.jspecify.annotations.Nullable;

/**
 * The due-work facet of {@link InMemoryEscalationStore}, locked per escalation: pending items are indexed by (due
 * instant, key) in a lock-free sorted map, so finding due work never scans all escalations, and each escalation's items
 * and completed keys live in its {@link Items}, guarded by that object's monitor. Lock order: the store's escalation
 * lock, then an {@link Items} monitor, then the outbox's (never the other way round).
 */
final class InMemoryDueWork implements DueWork {

    /**
     * One pending item in compact form, its own key in the index (ordered by due instant, then key) and its claim:
     * the due instant as seconds and nanos, no key string when the key is the one {@link DueItem#keyOf} derives
     * (compared and ordered by its parts, see {@link DueKeys}); {@link #item} rebuilds an equal {@link DueItem}.
     * The claim and the data are guarded by the escalation's {@link Items} monitor. The escalation and the tenant
     * are its {@link Items}' (a {@link Foreign} item, of another escalation or tenant than its owner's first item,
     * keeps its own).
     */
    private static class Due implements Comparable<Due>, DueKeys.Parts {
        final DueKind kind;
        final String step;
        final long seconds;
        final int nanos;
        /** The key when it is not the derived one, else null. */
        final @Nullable String key;

        final Items owner;
        /** Replaced in place when erasure rewrites only the data (the index keeps this object). */
        volatile Map<String, String> data;
        /** The current claim; null while unclaimed. */
        @Nullable
        Claim claim;

        /** The compact form of {@code i}, owned by {@code owner}. */
        static Due of(DueItem i, String step, Map<String, String> data, Items owner) {
            return i.escalation().equals(owner.escalation) && i.customer().equals(owner.customer)
                    ? new Due(i, step, data, owner)
                    : new Foreign(i, step, data, owner);
        }

        Due(DueItem i, String step, Map<String, String> data, Items owner) {
            this.owner = owner;
            this.kind = i.kind();
            this.step = step;
            this.seconds = i.dueAt().getEpochSecond();
            this.nanos = i.dueAt().getNano();
            this.key = DueKeys.matches(i.key(), i.escalation().value(), kind, step, seconds, nanos) ? null : i.key();
            this.data = data;
        }

        @Override
        public EscalationId escalation() {
            return owner.escalation;
        }

        CustomerId customer() {
            return owner.customer;
        }

        @Override
        public DueKind kind() {
            return kind;
        }

        @Override
        public String step() {
            return step;
        }

        @Override
        public long seconds() {
            return seconds;
        }

        @Override
        public int nanos() {
            return nanos;
        }

        String token() {
            return claim == null ? "" : claim.token();
        }

        String key() {
            return key != null ? key : DueKeys.key(this);
        }

        boolean hasKey(String k) {
            return key != null ? key.equals(k) : DueKeys.matches(k, escalation().value(), kind, step, seconds, nanos);
        }

        Instant dueAt() {
            return Instant.ofEpochSecond(seconds, nanos);
        }

        boolean isAfter(Instant now) {
            return seconds != now.getEpochSecond() ? seconds > now.getEpochSecond() : nanos > now.getNano();
        }

        DueItem item() {
            return new DueItem(key(), escalation(), customer(), kind, step, dueAt(), data);
        }

        @Override
        public int compareTo(Due o) {
            if (seconds != o.seconds) {
                return Long.compare(seconds, o.seconds);
            }
            if (nanos != o.nanos) {
                return Integer.compare(nanos, o.nanos);
            }
            return key == null && o.key == null ? DueKeys.compareSameInstant(this, o) : key().compareTo(o.key());
        }
    }

    /** An item whose escalation or tenant is not its owner's. */
    private static final class Foreign extends Due {
        final EscalationId escalation;
        final CustomerId customer;

        Foreign(DueItem i, String step, Map<String, String> data, Items owner) {
            super(i, step, data, owner);
            this.escalation = i.escalation();
            this.customer = i.customer();
        }

        @Override
        public EscalationId escalation() {
            return escalation;
        }

        @Override
        CustomerId customer() {
            return customer;
        }
    }

    /** A claim of a pending item. */
    private record Claim(String token, Instant leaseUntil) {}

    /** The pending items and the completed keys of one escalation, and its tenant (of its first item). */
    private static final class Items {
        final EscalationId escalation;
        final CustomerId customer;
        final List<Due> pending = new ArrayList<>(2);
        /** Keys completed while the escalation exists: such an item is never planned again. */
        Set<String> completed = Set.of();
        /** Set when it left {@link #items}: writers then take a new one. */
        boolean removed;

        Items(EscalationId escalation, CustomerId customer) {
            this.escalation = escalation;
            this.customer = customer;
        }

        @Nullable
        Due find(String key) {
            for (Due e : pending) {
                if (e.hasKey(key)) {
                    return e;
                }
            }
            return null;
        }
    }

    /** Every pending item, mapped to itself (a node per item, no separate key). */
    private final ConcurrentSkipListMap<Due, Due> byDue = new ConcurrentSkipListMap<>();

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
        Items own = wanted.isEmpty()
                ? items.get(escalation)
                : items.computeIfAbsent(
                        escalation, x -> new Items(x, wanted.iterator().next().customer()));
        if (own == null) {
            return;
        }
        synchronized (own) {
            if (own.removed) { // purged meanwhile
                return;
            }
            own.pending.removeIf(e -> {
                boolean drop = e.claim == null && !wantedHas(wanted, e);
                if (drop) {
                    byDue.remove(e, e);
                }
                return drop;
            });
            for (DueItem i : wanted) {
                if (own.find(i.key()) == null && !own.completed.contains(i.key())) {
                    Due e = Due.of(i, interner.intern(i.step()), sharedData(i.data(), own), own);
                    own.pending.add(e);
                    byDue.put(e, e);
                }
            }
            if (own.pending.isEmpty() && own.completed.isEmpty()) {
                own.removed = true;
                items.remove(escalation, own);
            }
        }
    }

    private static boolean wantedHas(Collection<DueItem> wanted, Due e) {
        for (DueItem i : wanted) {
            if (e.hasKey(i.key())) {
                return true;
            }
        }
        return false;
    }

    /** {@code data}, or an equal map (same order) of a pending item of the escalation: the steps of a plan share it. */
    private static Map<String, String> sharedData(Map<String, String> data, Items own) {
        for (Due p : own.pending) {
            Map<String, String> d = p.data;
            if (d != data && d.equals(data) && sameOrder(d, data)) {
                return d;
            }
        }
        return data;
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

    @Override
    public List<DueItem> due(Instant now, int limit) {
        Objects.requireNonNull(now, "now");
        List<DueItem> result = new ArrayList<>(Math.min(limit, 128));
        for (Due e : byDue.values()) {
            if (result.size() == limit || e.isAfter(now)) {
                break;
            }
            result.add(e.item());
        }
        return result;
    }

    @Override
    public List<ClaimedDue> claim(String claimant, Instant now, Duration lease, int limit) {
        Objects.requireNonNull(claimant, "claimant");
        Objects.requireNonNull(now, "now");
        List<ClaimedDue> result = new ArrayList<>();
        for (Due e : byDue.values()) {
            if (result.size() == limit || e.isAfter(now)) {
                break;
            }
            Items own = e.owner;
            synchronized (own) {
                if (!own.removed
                        && own.pending.contains(e)
                        && (e.claim == null || !e.claim.leaseUntil().isAfter(now))) {
                    e.claim = new Claim(claimant + "#" + tokens.incrementAndGet(), now.plus(lease));
                    result.add(new ClaimedDue(e.item(), e.claim.token()));
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
            Due e = own.find(claimed.item().key());
            if (own.removed || e == null || !e.token().equals(claimed.claimToken())) {
                return false;
            }
            own.pending.remove(e);
            byDue.remove(e, e);
            if (own.completed.isEmpty()) {
                own.completed = new HashSet<>(4);
            }
            own.completed.add(claimed.item().key());
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
            Due e = own.find(claimed.item().key());
            if (e != null && e.token().equals(claimed.claimToken())) {
                e.claim = null;
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
            own.pending.forEach(e -> byDue.remove(e, e));
            own.pending.clear();
        }
    }

    /** Rewrites the pending items' data with {@code rewrite}; returns how many changed. */
    long rewriteItems(UnaryOperator<DueItem> rewrite) {
        long changed = 0;
        for (Items own : items.values()) {
            synchronized (own) {
                for (int k = 0; k < own.pending.size(); k++) {
                    Due old = own.pending.get(k);
                    DueItem before = old.item();
                    DueItem next = rewrite.apply(before);
                    if (next.equals(before)) {
                        continue;
                    }
                    changed++;
                    if (sameBesidesData(before, next)) {
                        old.data = next.data(); // in place: the index keeps its node, nothing old stays reachable
                        continue;
                    }
                    Due replaced = Due.of(next, interner.intern(next.step()), next.data(), own);
                    replaced.claim = old.claim;
                    own.pending.set(k, replaced);
                    byDue.remove(old, old);
                    byDue.put(replaced, replaced);
                }
            }
        }
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

    /** Every pending item (for exports). */
    List<DueItem> items() {
        List<DueItem> all = new ArrayList<>();
        byDue.values().forEach(e -> all.add(e.item()));
        return all;
    }

    /** How many escalations hold items or completed keys (for retention tests). */
    int escalationsHeld() {
        return items.size();
    }
}
