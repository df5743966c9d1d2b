package dev.escalation.inmemory;

import dev.escalation.model.EscalationId;
import dev.escalation.model.MessageId;
import dev.escalation.model.Page;
import dev.escalation.model.PageRequest;
import dev.escalation.spi.ClaimedMessage;
import dev.escalation.spi.Outbox;
import dev.escalation.spi.OutboxMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The outbox facet of {@link InMemoryEscalationStore}. One lock guards it. Live messages (neither completed nor
 * dead-lettered) wait in one FIFO queue per (escalation, target): only a queue's head can be claimed, which is the
 * ordering rule of {@link Outbox}, and a claim looks at the heads only, so draining stays cheap however long the
 * queues are.
 */
final class InMemoryOutbox implements Outbox {

    private static final class Entry {
        final long sequence;
        final Group group;
        OutboxMessage message;
        String claimToken = "";
        Instant leaseUntil = Instant.MIN;

        Entry(long sequence, OutboxMessage message) {
            this.sequence = sequence;
            this.message = message;
            this.group = new Group(message.escalation(), message.target());
        }
    }

    private record Group(EscalationId escalation, OutboxMessage.Target target) {}

    private final Object lock = new Object();
    private final Map<Group, ArrayDeque<Entry>> queues = new HashMap<>();
    private final Map<MessageId, Entry> liveById = new HashMap<>();
    private final TreeMap<Long, Entry> dead = new TreeMap<>();
    private final Set<String> keys = new HashSet<>();
    private long nextSequence = 1;
    private long nextToken = 1;

    /** Queues messages whose key is new; called by the store inside its write. */
    void enqueue(List<OutboxMessage> messages) {
        if (messages.isEmpty()) {
            return;
        }
        synchronized (lock) {
            for (OutboxMessage m : messages) {
                if (keys.add(m.idempotencyKey())) {
                    Entry e = new Entry(nextSequence++, m);
                    queues.computeIfAbsent(e.group, g -> new ArrayDeque<>(4)).addLast(e);
                    liveById.put(m.id(), e);
                }
            }
        }
    }

    @Override
    public List<ClaimedMessage> claim(String claimant, Instant now, Duration lease, int limit) {
        Objects.requireNonNull(claimant, "claimant");
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(lease, "lease");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive: " + limit);
        }
        synchronized (lock) {
            List<Entry> heads = new ArrayList<>(Math.min(queues.size(), 64));
            for (ArrayDeque<Entry> queue : queues.values()) {
                Entry head = queue.peekFirst();
                if (head != null
                        && !head.leaseUntil.isAfter(now)
                        && !head.message.nextAttemptAt().isAfter(now)) {
                    heads.add(head);
                }
            }
            if (heads.size() > 1) {
                heads.sort(Comparator.comparingLong(e -> e.sequence));
            }
            int n = Math.min(limit, heads.size());
            List<ClaimedMessage> claimed = new ArrayList<>(n);
            Instant until = now.plus(lease);
            for (int i = 0; i < n; i++) {
                Entry e = heads.get(i);
                e.claimToken = claimant + "#" + nextToken++;
                e.leaseUntil = until;
                claimed.add(new ClaimedMessage(e.message, e.claimToken));
            }
            return claimed;
        }
    }

    @Override
    public void complete(ClaimedMessage claimed) {
        synchronized (lock) {
            Entry e = liveById.remove(claimed.message().id());
            if (e != null) {
                unqueue(e);
            }
        }
    }

    private void unqueue(Entry e) {
        ArrayDeque<Entry> queue = queues.get(e.group);
        if (queue.peekFirst() == e) {
            queue.removeFirst();
        } else {
            queue.remove(e);
        }
        if (queue.isEmpty()) {
            queues.remove(e.group);
        }
    }

    @Override
    public boolean retryLater(ClaimedMessage claimed, Instant nextAttemptAt, String reason) {
        synchronized (lock) {
            Entry e = holding(claimed);
            if (e == null) {
                return false;
            }
            OutboxMessage m = e.message;
            e.message = new OutboxMessage(
                    m.id(),
                    m.customer(),
                    m.effect(),
                    m.createdAt(),
                    nextAttemptAt,
                    m.attempts() + 1,
                    Optional.of(reason));
            e.claimToken = "";
            e.leaseUntil = Instant.MIN;
            return true;
        }
    }

    @Override
    public boolean deadLetter(ClaimedMessage claimed, String reason) {
        synchronized (lock) {
            Entry e = holding(claimed);
            if (e == null) {
                return false;
            }
            OutboxMessage m = e.message;
            e.message = new OutboxMessage(
                    m.id(),
                    m.customer(),
                    m.effect(),
                    m.createdAt(),
                    m.nextAttemptAt(),
                    m.attempts() + 1,
                    Optional.of(reason));
            e.claimToken = "";
            e.leaseUntil = Instant.MIN;
            liveById.remove(m.id());
            unqueue(e);
            dead.put(e.sequence, e);
            return true;
        }
    }

    private Entry holding(ClaimedMessage claimed) {
        Entry e = liveById.get(claimed.message().id());
        return e != null && e.claimToken.equals(claimed.claimToken()) ? e : null;
    }

    @Override
    public Page<OutboxMessage> deadLetters(PageRequest page) {
        synchronized (lock) {
            List<OutboxMessage> sorted = new ArrayList<>(dead.size());
            for (Entry e : dead.values()) {
                sorted.add(e.message);
            }
            sorted.sort(Comparator.comparing(OutboxMessage::createdAt).thenComparing(m -> m.id().value()));
            return Paging.page(sorted, page, OutboxMessage::createdAt, m -> m.id().value());
        }
    }

    @Override
    public boolean replay(MessageId id, Instant now) {
        synchronized (lock) {
            Iterator<Entry> it = dead.values().iterator();
            while (it.hasNext()) {
                Entry e = it.next();
                if (e.message.id().equals(id)) {
                    it.remove();
                    OutboxMessage m = e.message;
                    e.message =
                            new OutboxMessage(m.id(), m.customer(), m.effect(), m.createdAt(), now, 0, m.lastError());
                    // back into its queue at its original position, so the order per group holds
                    ArrayDeque<Entry> queue = queues.computeIfAbsent(e.group, g -> new ArrayDeque<>(4));
                    List<Entry> ordered = new ArrayList<>(queue);
                    ordered.add(e);
                    ordered.sort(Comparator.comparingLong(x -> x.sequence));
                    queue.clear();
                    queue.addAll(ordered);
                    liveById.put(m.id(), e);
                    return true;
                }
            }
            return false;
        }
    }

    @Override
    public long pendingCount() {
        synchronized (lock) {
            return liveById.size();
        }
    }
}
