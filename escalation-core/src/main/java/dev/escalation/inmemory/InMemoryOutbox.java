package dev.escalation.inmemory;

import dev.escalation.model.EscalationId;
import dev.escalation.model.MessageId;
import dev.escalation.model.Page;
import dev.escalation.model.PageRequest;
import dev.escalation.spi.ClaimedMessage;
import dev.escalation.spi.DeliveryOutcome;
import dev.escalation.spi.Outbox;
import dev.escalation.spi.OutboxCounts;
import dev.escalation.spi.OutboxMessage;
import dev.escalation.spi.TicketCommand;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;

/**
 * The outbox facet of {@link InMemoryEscalationStore}, locked per escalation: the waiting messages of one escalation
 * live in its {@link OutboxEntry.Box}, one FIFO queue per chain ({@link OutboxMessage#chain()}), guarded by the box's lock; two
 * threads working on different escalations never wait for each other. A dead-lettered message stays in its queue and
 * so holds its chain back until it is replayed and delivered.
 *
 * <p>A claim walks every waiting message oldest first (a lock-free index by sequence) and takes a message when it is
 * deliverable and every older message of its chain was taken by the same claim, so one claim takes several messages
 * of a chain, in order, and cutting at the limit keeps a prefix of every chain. A box's lock is held only while
 * one of its messages is looked at, never two at a time, so claims and writes cannot deadlock.
 *
 * <p>Delivered messages leave memory at once; only their idempotency key stays, for the de-duplication window, and
 * is forgotten after it, by the next write, claim or finish that sees it expired ({@link DeliveredKeys}).
 */
final class InMemoryOutbox implements Outbox {

    private final ConcurrentHashMap<EscalationId, OutboxEntry.Box> boxes = new ConcurrentHashMap<>();
    /** Every waiting entry by sequence: what a claim walks, oldest first (the entry is its own key: no boxed long). */
    private final ConcurrentSkipListSet<OutboxEntry> live = new ConcurrentSkipListSet<>(OutboxEntry.BY_SEQUENCE);

    private final DeliveredKeys keys = new DeliveredKeys();
    private final Duration window;
    private final TicketReferences tickets;
    private final AtomicLong sequences = new AtomicLong();
    private final AtomicLong claims = new AtomicLong();

    /** Where the outbox reads and records ticket references (the store's table of them). */
    interface TicketReferences {
        Optional<String> get(EscalationId escalation);

        void recordFirst(EscalationId escalation, String reference);
    }

    InMemoryOutbox(Duration window, TicketReferences tickets) {
        this.window = window;
        this.tickets = tickets;
    }

    /**
     * Queues messages whose key is neither waiting nor delivered within the window; called by the store inside its
     * write (the escalation's lock held) and by due work. The window is judged at each message's {@code createdAt}.
     */
    void enqueue(List<OutboxMessage> messages) {
        if (messages.isEmpty()) {
            return;
        }
        Instant createdAt = messages.get(0).createdAt();
        Instant windowStart = createdAt.minus(window);
        keys.forgetLazily(windowStart);
        for (OutboxMessage m : messages) {
            if (!m.createdAt().equals(createdAt)) { // the messages of one write share their instant: computed once
                createdAt = m.createdAt();
                windowStart = createdAt.minus(window);
            }
            while (!enqueue(m, windowStart, boxes.computeIfAbsent(m.escalation(), x -> new OutboxEntry.Box()))) {
                // the box was emptied and removed meanwhile: take the new one
            }
        }
    }

    /**
     * Queues one message in {@code box} unless its key was delivered at or after {@code windowStart}; false if the
     * box was removed meanwhile (nothing done).
     */
    private boolean enqueue(OutboxMessage m, Instant windowStart, OutboxEntry.Box box) {
        box.lock.lock();
        try {
            if (box.removed) {
                return false;
            }
            // the sequence is taken under the box's lock: a chain's queue is in sequence order
            OutboxEntry e = new OutboxEntry(sequences.incrementAndGet(), m, box);
            if (keys.claim(m.idempotencyKey(), e, windowStart)) {
                e.queue = box.chains.computeIfAbsent(e.chain, c -> new ArrayDeque<>(4));
                e.queue.addLast(e);
                live.add(e);
            } else if (box.chains.isEmpty()) {
                box.removed = true; // a duplicate only: leave no empty box behind
                boxes.remove(m.escalation(), box);
            }
            return true;
        } finally {
            box.lock.unlock();
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
        keys.forgetLazily(now.minus(window));
        long claim = claims.incrementAndGet();
        Instant until = now.plus(lease);
        // one token per claim, shared by its messages: a message is found by its id at finish, and each claim of a
        // message has a token no other claim had (the claim's number), so a stale token still changes nothing
        String token = null;
        List<ClaimedMessage> claimed = new ArrayList<>(Math.min(limit, 64));
        for (OutboxEntry e : live) {
            if (claimed.size() == limit) {
                break;
            }
            if (e.gone || e.leaseUntil.isAfter(now) || !e.box.lock.tryLock()) {
                // read without the lock (volatile): delivered, or leased by another claim; or another thread works
                // on the escalation's messages right now (queues, finishes or claims them): skipped without waiting,
                // as SELECT ... FOR UPDATE SKIP LOCKED would; its later messages of the chain are skipped too
                continue;
            }
            try {
                if (!e.deliverable(now) || !e.box.headOrBehindClaim(e, claim)) {
                    continue;
                }
                Optional<String> carried = Optional.empty();
                if (e.needsReference()) {
                    carried = tickets.get(e.message.escalation());
                    if (carried.isEmpty()) {
                        continue;
                    }
                }
                if (token == null) {
                    token = claimant + "#" + claim;
                }
                e.claim = claim;
                e.claimToken = token;
                e.leaseUntil = until;
                claimed.add(new ClaimedMessage(e.message, e.claimToken, carried));
            } finally {
                e.box.lock.unlock();
            }
        }
        return claimed;
    }

    @Override
    public int finish(List<DeliveryOutcome> outcomes, Instant now) {
        Objects.requireNonNull(outcomes, "outcomes");
        Objects.requireNonNull(now, "now");
        int recorded = 0;
        String[] delivered = new String[outcomes.size()]; // the keys delivered here: one delivery record for them all
        int count = 0;
        for (DeliveryOutcome o : outcomes) {
            OutboxMessage m = o.claimed().message();
            OutboxEntry.Box box = boxes.get(m.escalation());
            if (box == null) {
                continue;
            }
            box.lock.lock();
            try {
                OutboxEntry e = box.find(m);
                if (e == null || !e.isHeldBy(o.claimed())) {
                    continue;
                }
                recorded++;
                if (o instanceof DeliveryOutcome.Delivered d) {
                    String key = delivered(e, d, now);
                    if (key != null) {
                        delivered[count++] = key;
                    }
                } else if (o instanceof DeliveryOutcome.Retry r) {
                    e.retry(r.nextAttemptAt(), r.reason());
                } else if (o instanceof DeliveryOutcome.DeadLetter x) {
                    e.deadLetter(x.reason(), x.code());
                } else {
                    e.release(); // Released: claimable at once, no attempt counted
                }
            } finally {
                box.lock.unlock();
            }
        }
        keys.recordDelivered(delivered, count, now);
        keys.forgetLazily(now.minus(window));
        return recorded;
    }

    @Override
    public OutboxCounts finishAndCount(List<DeliveryOutcome> outcomes, Instant now) {
        finish(outcomes, now);
        return counts();
    }

    /**
     * A delivered entry leaves the outbox; its key is marked delivered and returned for the caller to record for
     * forgetting ({@link DeliveredKeys#recordDelivered}), or null if the key was not the entry's. The box's lock is held.
     */
    private String delivered(OutboxEntry e, DeliveryOutcome.Delivered d, Instant now) {
        if (e.message.effect() instanceof TicketCommand.Open) {
            d.ticketReference().ifPresent(ref -> tickets.recordFirst(e.message.escalation(), ref));
        }
        unqueue(e);
        String key = e.message.idempotencyKey();
        return keys.markDelivered(key, e, now) ? key : null;
    }

    /** Takes an entry out of its chain, the walk index and (when it was the last) the boxes. Lock held. */
    private void unqueue(OutboxEntry e) {
        e.gone = true;
        live.remove(e);
        OutboxEntry.Box box = e.box;
        ArrayDeque<OutboxEntry> queue = e.queue;
        if (queue.peekFirst() == e) {
            queue.removeFirst();
        } else {
            queue.remove(e);
        }
        if (queue.isEmpty()) {
            box.chains.remove(e.chain);
            if (box.chains.isEmpty()) {
                box.removed = true;
                boxes.remove(e.message.escalation(), box);
            }
        }
    }

    @Override
    public OutboxCounts counts() {
        return OutboxEntry.countOf(live);
    }

    @Override
    public OutboxCounts countsOf(EscalationId escalation) {
        Objects.requireNonNull(escalation, "escalation");
        return OutboxEntry.countOf(entriesOf(escalation));
    }

    /** The waiting entries of an escalation, in sequence order. */
    private List<OutboxEntry> entriesOf(EscalationId escalation) {
        OutboxEntry.Box box = boxes.get(escalation);
        if (box == null) {
            return List.of();
        }
        List<OutboxEntry> result = new ArrayList<>();
        box.lock.lock();
        try {
            box.chains.values().forEach(result::addAll);
        } finally {
            box.lock.unlock();
        }
        result.sort(Comparator.comparingLong(e -> e.sequence));
        return result;
    }

    @Override
    public Page<OutboxMessage> deadLetters(PageRequest page) {
        Objects.requireNonNull(page, "page");
        List<OutboxMessage> sorted = new ArrayList<>();
        for (OutboxEntry e : live) {
            e.box.lock.lock();
            try {
                if (!e.gone && e.status == OutboxEntry.Status.DEAD) {
                    sorted.add(e.message);
                }
            } finally {
                e.box.lock.unlock();
            }
        }
        sorted.sort(Comparator.comparing(OutboxMessage::createdAt).thenComparing(m -> m.id().value()));
        return Paging.page(sorted, page, OutboxMessage::createdAt, m -> m.id().value());
    }

    @Override
    public boolean replay(MessageId id, Instant now) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(now, "now");
        for (OutboxEntry e : live) {
            e.box.lock.lock();
            try {
                if (!e.gone && e.message.id().equals(id)) {
                    if (e.status != OutboxEntry.Status.DEAD) {
                        return false;
                    }
                    e.revive(now);
                    return true;
                }
            } finally {
                e.box.lock.unlock();
            }
        }
        return false;
    }

    @Override
    public int replayAll(EscalationId escalation, Instant now) {
        Objects.requireNonNull(escalation, "escalation");
        Objects.requireNonNull(now, "now");
        int replayed = 0;
        for (OutboxEntry e : entriesOf(escalation)) {
            e.box.lock.lock();
            try {
                if (!e.gone && e.status == OutboxEntry.Status.DEAD) {
                    e.revive(now);
                    replayed++;
                }
            } finally {
                e.box.lock.unlock();
            }
        }
        return replayed;
    }

    // ------------------------------------------------------------------ retention and erasure (store-internal)

    /** Drops every message of an escalation (it is being purged). */
    void dropEscalation(EscalationId escalation) {
        OutboxEntry.Box box = boxes.remove(escalation);
        if (box == null) {
            return;
        }
        box.lock.lock();
        try {
            box.removed = true;
            for (ArrayDeque<OutboxEntry> queue : box.chains.values()) {
                for (OutboxEntry e : queue) {
                    e.gone = true;
                    live.remove(e);
                    keys.release(e.message.idempotencyKey(), e);
                }
            }
            box.chains.clear();
        } finally {
            box.lock.unlock();
        }
    }

    /** Forgets up to {@code limit} keys delivered before {@code cutoff}, oldest first; returns how many. */
    int purgeDeliveredBefore(Instant cutoff, int limit) {
        return keys.forgetBefore(cutoff, limit);
    }

    /** Rewrites the waiting messages' payloads with {@code rewrite}; returns how many changed. */
    long rewritePayloads(UnaryOperator<OutboxMessage> rewrite) {
        long changed = 0;
        for (OutboxEntry e : live) {
            e.box.lock.lock();
            try {
                if (e.gone) {
                    continue;
                }
                OutboxMessage next = rewrite.apply(e.message);
                if (!next.equals(e.message)) {
                    e.message = next;
                    changed++;
                }
            } finally {
                e.box.lock.unlock();
            }
        }
        return changed;
    }

    /** Every waiting message (for erasure scans). */
    List<OutboxMessage> waiting() {
        List<OutboxMessage> all = new ArrayList<>();
        for (OutboxEntry e : live) {
            if (!e.gone) { // volatile reads: a snapshot
                all.add(e.message);
            }
        }
        return all;
    }

    /**
     * What the outbox holds in memory, counted in entries: waiting messages, escalations with waiting messages, and
     * idempotency keys with their delivery records. Zero when nothing waits and every delivered key was forgotten.
     */
    int retained() {
        return live.size() + boxes.size() + keys.retained();
    }
}
