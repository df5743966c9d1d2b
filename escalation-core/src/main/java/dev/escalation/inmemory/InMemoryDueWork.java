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
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The due-work facet of {@link InMemoryEscalationStore}: pending items indexed by (due instant, key), so finding
 * due work never scans all escalations.
 */
final class InMemoryDueWork implements DueWork {

    private record Order(Instant dueAt, String key) implements Comparable<Order> {
        @Override
        public int compareTo(Order o) {
            int c = dueAt.compareTo(o.dueAt);
            return c != 0 ? c : key.compareTo(o.key);
        }
    }

    private static final class Entry {
        final DueItem item;
        String claimToken = "";
        Instant leaseUntil = Instant.MIN;

        Entry(DueItem item) {
            this.item = item;
        }
    }

    private final Object lock = new Object();
    private final TreeMap<Order, Entry> pending = new TreeMap<>();
    private final Map<String, Entry> byKey = new HashMap<>();
    private final Map<EscalationId, Set<String>> byEscalation = new HashMap<>();
    private final Set<String> completed = new HashSet<>();
    private final InMemoryOutbox outbox;

    InMemoryDueWork(InMemoryOutbox outbox) {
        this.outbox = outbox;
    }

    /** Replaces the escalation's unclaimed pending items with {@code items}; known keys are left alone. */
    void replace(EscalationId escalation, Collection<DueItem> items) {
        synchronized (lock) {
            Set<String> wanted = new HashSet<>();
            for (DueItem i : items) {
                wanted.add(i.key());
            }
            Set<String> current = byEscalation.get(escalation);
            if (current != null) {
                for (String key : List.copyOf(current)) {
                    Entry e = byKey.get(key);
                    if (!wanted.contains(key) && e != null && e.claimToken.isEmpty()) {
                        remove(e);
                    }
                }
            }
            for (DueItem i : items) {
                if (!byKey.containsKey(i.key()) && !completed.contains(i.key())) {
                    Entry e = new Entry(i);
                    pending.put(new Order(i.dueAt(), i.key()), e);
                    byKey.put(i.key(), e);
                    byEscalation
                            .computeIfAbsent(escalation, x -> new HashSet<>())
                            .add(i.key());
                }
            }
        }
    }

    private void remove(Entry e) {
        pending.remove(new Order(e.item.dueAt(), e.item.key()));
        byKey.remove(e.item.key());
        Set<String> keys = byEscalation.get(e.item.escalation());
        if (keys != null) {
            keys.remove(e.item.key());
            if (keys.isEmpty()) {
                byEscalation.remove(e.item.escalation());
            }
        }
    }

    @Override
    public List<DueItem> due(Instant now, int limit) {
        Objects.requireNonNull(now, "now");
        synchronized (lock) {
            List<DueItem> result = new ArrayList<>(Math.min(limit, 128));
            for (Entry e : pending.values()) {
                if (result.size() == limit || e.item.dueAt().isAfter(now)) {
                    break;
                }
                result.add(e.item);
            }
            return result;
        }
    }

    @Override
    public List<ClaimedDue> claim(String claimant, Instant now, Duration lease, int limit) {
        Objects.requireNonNull(claimant, "claimant");
        synchronized (lock) {
            List<ClaimedDue> result = new ArrayList<>();
            for (Entry e : pending.values()) {
                if (result.size() == limit || e.item.dueAt().isAfter(now)) {
                    break;
                }
                if (!e.leaseUntil.isAfter(now)) {
                    e.claimToken = UUID.randomUUID().toString();
                    e.leaseUntil = now.plus(lease);
                    result.add(new ClaimedDue(e.item, e.claimToken));
                }
            }
            return result;
        }
    }

    @Override
    public boolean complete(ClaimedDue claimed, List<OutboxMessage> followUps) {
        synchronized (lock) {
            Entry e = byKey.get(claimed.item().key());
            if (e == null || !e.claimToken.equals(claimed.claimToken())) {
                return false;
            }
            remove(e);
            completed.add(e.item.key());
            outbox.enqueue(followUps);
            return true;
        }
    }

    @Override
    public void release(ClaimedDue claimed) {
        synchronized (lock) {
            Entry e = byKey.get(claimed.item().key());
            if (e != null && e.claimToken.equals(claimed.claimToken())) {
                e.claimToken = "";
                e.leaseUntil = Instant.MIN;
            }
        }
    }

    /** Drops every item of an escalation, claimed or not (it is being purged). */
    void dropEscalation(EscalationId escalation) {
        synchronized (lock) {
            Set<String> keys = byEscalation.get(escalation);
            if (keys != null) {
                for (String key : List.copyOf(keys)) {
                    Entry e = byKey.get(key);
                    if (e != null) {
                        remove(e);
                    }
                }
            }
        }
    }

    /** Rewrites the pending items' data with {@code rewrite}; returns how many changed. */
    long rewriteItems(java.util.function.UnaryOperator<DueItem> rewrite) {
        synchronized (lock) {
            long changed = 0;
            for (Map.Entry<Order, Entry> x : pending.entrySet()) {
                DueItem next = rewrite.apply(x.getValue().item);
                if (!next.equals(x.getValue().item)) {
                    Entry replaced = new Entry(next);
                    replaced.claimToken = x.getValue().claimToken;
                    replaced.leaseUntil = x.getValue().leaseUntil;
                    x.setValue(replaced);
                    byKey.put(next.key(), replaced);
                    changed++;
                }
            }
            return changed;
        }
    }

    /** Every pending item (for exports). */
    java.util.List<DueItem> items() {
        synchronized (lock) {
            java.util.List<DueItem> all = new java.util.ArrayList<>(pending.size());
            pending.values().forEach(e -> all.add(e.item));
            return all;
        }
    }
}
