package dev.escalation.test.broken;

import dev.escalation.model.EscalationId;
import dev.escalation.model.MessageId;
import dev.escalation.model.Page;
import dev.escalation.model.PageCursor;
import dev.escalation.model.PageRequest;
import dev.escalation.spi.ClaimedMessage;
import dev.escalation.spi.Outbox;
import dev.escalation.spi.OutboxMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The outbox facet of {@link FaultyStore}. One lock guards it; the queue holds only messages that are
 * neither completed nor dead-lettered, so claiming stays cheap while the outbox is drained.
 */
final class FaultyOutbox implements Outbox {

    private final Set<Fault> faults;

    FaultyOutbox(Set<Fault> faults) {
        this.faults = faults;
    }

    private static final class Entry {
        final long sequence;
        OutboxMessage message;
        String claimToken = "";
        Instant leaseUntil = Instant.MIN;

        Entry(long sequence, OutboxMessage message) {
            this.sequence = sequence;
            this.message = message;
        }
    }

    private record Group(EscalationId escalation, OutboxMessage.Target target) {}

    private final Object lock = new Object();
    private final TreeMap<Long, Entry> live = new TreeMap<>();
    private final Map<MessageId, Entry> liveById = new HashMap<>();
    private final TreeMap<Long, Entry> dead = new TreeMap<>();
    private final Set<String> keys = new HashSet<>();
    private long nextSequence = 1;

    /** Queues messages whose key is new; called by the store inside its write. */
    void enqueue(List<OutboxMessage> messages) {
        if (messages.isEmpty()) {
            return;
        }
        synchronized (lock) {
            for (OutboxMessage m : messages) {
                if (keys.add(m.idempotencyKey()) || faults.contains(Fault.REQUEUES_IDEMPOTENCY_KEY)) {
                    Entry e = new Entry(nextSequence++, m);
                    live.put(e.sequence, e);
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
            List<ClaimedMessage> claimed = new ArrayList<>(Math.min(limit, live.size()));
            Set<Group> blocked = null;
            for (Entry e : live.values()) {
                if (claimed.size() == limit) {
                    break;
                }
                Group group = new Group(e.message.escalation(), e.message.target());
                if (blocked != null && blocked.contains(group) && !faults.contains(Fault.IGNORES_ORDER_PER_TARGET)) {
                    continue;
                }
                if (blocked == null) {
                    blocked = new HashSet<>();
                }
                blocked.add(group); // later messages of this group wait for this one
                boolean leased = e.leaseUntil.isAfter(now) && !faults.contains(Fault.CLAIMS_OUTBOX_TWICE);
                if (!leased && !e.message.nextAttemptAt().isAfter(now)) {
                    e.claimToken = UUID.randomUUID().toString();
                    e.leaseUntil = now.plus(lease);
                    claimed.add(new ClaimedMessage(e.message, e.claimToken));
                }
            }
            return claimed;
        }
    }

    @Override
    public void complete(ClaimedMessage claimed) {
        synchronized (lock) {
            if (faults.contains(Fault.COMPLETE_ONLY_RELEASES)) {
                Entry held = liveById.get(claimed.message().id());
                if (held != null) {
                    held.claimToken = "";
                    held.leaseUntil = Instant.MIN;
                }
                return;
            }
            Entry e = liveById.remove(claimed.message().id());
            if (e != null) {
                live.remove(e.sequence);
            }
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
            Instant next = faults.contains(Fault.RETURNS_FAILED_BEFORE_NEXT_ATTEMPT) ? m.createdAt() : nextAttemptAt;
            e.message = new OutboxMessage(
                    m.id(), m.customer(), m.effect(), m.createdAt(), next, m.attempts() + 1, Optional.of(reason));
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
            live.remove(e.sequence);
            liveById.remove(m.id());
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
            sorted.sort(java.util.Comparator.comparing(OutboxMessage::createdAt).thenComparing(m -> m.id().value()));
            return FaultyPaging.page(sorted, page, OutboxMessage::createdAt, m -> m.id().value());
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
                    int attempts = faults.contains(Fault.REPLAY_KEEPS_ATTEMPTS) ? m.attempts() : 0;
                    e.message = new OutboxMessage(
                            m.id(), m.customer(), m.effect(), m.createdAt(), now, attempts, m.lastError());
                    live.put(e.sequence, e);
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
            return live.size();
        }
    }

    /** Cursor helper shared with the store. */
    static PageCursor cursorOf(OutboxMessage m) {
        return new PageCursor(m.createdAt(), m.id().value());
    }
}
