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
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;

/**
 * The outbox facet of {@link InMemoryEscalationStore}, locked per escalation: the waiting messages of one escalation
 * live in its {@link OutboxEntry.Box}, one FIFO queue per chain ({@link OutboxMessage#chain()}), guarded by the box's
 * lock; two threads working on different escalations never wait for each other. A dead-lettered message stays in its
 * queue and so holds its chain back until it is replayed and delivered.
 *
 * <p>A claim walks every waiting message oldest first ({@link LiveIndex}, lock-free, by sequence) and takes a message
 * when it is deliverable and every older message of its chain was taken by the same claim, so one claim takes several
 * messages of a chain, in order, and cutting at the limit keeps a prefix of every chain. A box's lock is held only
 * while one of its messages is looked at, never two at a time, so claims and writes cannot deadlock.
 *
 * <p>A finish records a delivery without the box's lock: it takes the entry from its claim by compare-and-set of the
 * claim token ({@link OutboxEntry#take}), found by its idempotency key, marks it gone and leaves it for the next holder
 * of the box's lock to unlink (or unlinks a run of one box's entries itself, once, when the lock is free), so a
 * finish never waits for a thread writing the escalation. Other outcomes (retry, dead letter, release) are rare and
 * taken under the lock.
 *
 * <p>Delivered messages leave memory at once; only their idempotency key stays, for the de-duplication window, and
 * is forgotten after it, by the next write, claim or finish that sees it expired ({@link DeliveredKeys}).
 */
final class InMemoryOutbox implements Outbox {

    private final ConcurrentHashMap<EscalationId, OutboxEntry.Box> boxes = new ConcurrentHashMap<>();
    /** Every waiting entry by sequence: what a claim walks, oldest first; a list per queueing thread. */
    private final LiveIndex live = new LiveIndex();

    private final DeliveredKeys keys = new DeliveredKeys();
    private final Duration window;
    /** The window in nanoseconds, or -1 when it has none as a {@code long} (then the cutoff is always made). */
    private final long windowNanos;

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
        this.windowNanos = DeliveredKeys.nanosOf(window);
        this.tickets = tickets;
    }

    /**
     * Queues messages whose key is neither waiting nor delivered within the window; called by the store inside its
     * write (the escalation's lock held) and by due work. The window is judged at each message's {@code createdAt}.
     * The messages of one escalation that follow each other (those of one write) are queued under one hold of its
     * box's lock: a claim sees all of them or none.
     */
    void enqueue(List<OutboxMessage> messages) {
        if (messages.isEmpty()) {
            return;
        }
        keys.forgetLazily(messages.get(0).createdAt(), window, windowNanos);
        int i = 0;
        while (i < messages.size()) {
            EscalationId escalation = messages.get(i).escalation();
            i = enqueue(messages, i, boxes.computeIfAbsent(escalation, OutboxEntry.Box::new));
            // i unchanged: the box was emptied and removed meanwhile, take the new one
        }
    }

    /**
     * Queues the messages from {@code from} on that belong to {@code box}'s escalation, each unless its key was
     * delivered at or after its window's start; returns the index of the first message not looked at ({@code from}
     * if the box was removed meanwhile: nothing done).
     */
    private int enqueue(List<OutboxMessage> messages, int from, OutboxEntry.Box box) {
        box.acquire();
        try {
            if (box.removed) {
                return from;
            }
            int end = from + 1;
            while (end < messages.size() && DueItems.same(messages.get(end).escalation(), box.escalation)) {
                end++;
            }
            // a block of sequences under the box's lock (chains in sequence order): one counter write per write
            long sequence = sequences.getAndAdd(end - from);
            LiveNode.Lane home = live.home(); // this thread's list of the walk index
            OutboxEntry[] queued = new OutboxEntry[end - from]; // linked there in one hold of its monitor
            int n = 0;
            int i = from;
            Instant createdAt = null;
            Instant windowStart = null;
            for (; i < end; i++) {
                OutboxMessage m = messages.get(i);
                if (!m.createdAt().equals(createdAt)) { // the messages of one write share their instant: computed once
                    createdAt = m.createdAt();
                    windowStart = createdAt.minus(window);
                }
                OutboxEntry e = new OutboxEntry(++sequence, m, box, home);
                if (keys.claim(m.idempotencyKey(), e, windowStart)) {
                    e.queue = box.queueOf(e);
                    e.queue.addLast(e);
                    queued[n++] = e;
                }
            }
            home.addAll(queued, n);
            if (box.chains.isEmpty()) {
                box.removed = true; // duplicates only: leave no empty box behind
                boxes.remove(box.escalation, box);
            }
            return i;
        } finally {
            unlock(box);
        }
    }

    /** Unlocks {@code box}, unlinking first the entries delivered without its lock ({@link OutboxEntry.Box#unlock}). */
    private void unlock(OutboxEntry.Box box) {
        box.unlock(boxes);
    }

    @Override
    public List<ClaimedMessage> claim(String claimant, Instant now, Duration lease, int limit) {
        ClaimArguments.check(claimant, now, lease, limit);
        keys.forgetLazily(now, window, windowNanos);
        long claim = claims.incrementAndGet();
        Instant until = now.plus(lease);
        // one token per claim, shared by its messages: a message is found by its key at finish, and each claim of a
        // message has a token no other claim had (the claim's number), so a stale token still changes nothing
        String token = null;
        List<ClaimedMessage> claimed = new ArrayList<>(Math.min(limit, 64));
        for (OutboxEntry e : live) {
            if (claimed.size() == limit) {
                break;
            }
            if (e.gone || e.leaseUntil.isAfter(now) || !e.box.tryLock()) {
                // read without the lock (volatile): delivered, or leased by another claim; or another thread works
                // on the escalation's messages right now (queues, finishes or claims them): skipped without waiting,
                // as SELECT ... FOR UPDATE SKIP LOCKED would; its later messages of the chain are skipped too
                continue;
            }
            try {
                String seen = e.claimToken;
                if (seen == OutboxEntry.DELIVERED || !e.deliverable(now) || !e.box.headOrBehindClaim(e, claim)) {
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
                if (e.claimFor(seen, token, claim, until)) { // false: a finish delivered it meanwhile
                    claimed.add(new ClaimedMessage(e.message, token, carried));
                }
            } finally {
                unlock(e.box);
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
        OutboxEntry[] gone = new OutboxEntry[outcomes.size()]; // their entries: out of the walk index together
        int count = 0;
        // the box of the last delivered entries: swept once for a run of them, not once per entry
        OutboxEntry.Box marked = null;
        for (DeliveryOutcome o : outcomes) {
            OutboxMessage m = o.claimed().message();
            if (o instanceof DeliveryOutcome.Delivered d) {
                // without the box's lock: the entry is found by its key and taken from its claim by CAS, its key
                // marked delivered in the same hold of the key's stripe
                String key = m.idempotencyKey();
                OutboxEntry e = keys.deliver(key, m, o.claimed(), now);
                if (e != null) {
                    recorded++;
                    delivered(e, d);
                    gone[count] = e;
                    delivered[count++] = key;
                    if (e.box != marked) {
                        OutboxEntry.Box.sweepIfFree(marked, boxes);
                        marked = e.box;
                    }
                }
                continue;
            }
            OutboxEntry.Box box = boxes.get(m.escalation());
            if (box != null && box.recordUndelivered(o, boxes)) {
                recorded++;
            }
        }
        OutboxEntry.Box.sweepIfFree(marked, boxes);
        live.removeAll(gone, count);
        keys.recordDelivered(delivered, count, now);
        keys.forgetLazily(now, window, windowNanos);
        return recorded;
    }

    @Override
    public OutboxCounts finishAndCount(List<DeliveryOutcome> outcomes, Instant now) {
        finish(outcomes, now);
        return counts();
    }

    /**
     * A delivered entry (taken by this finish, its key marked delivered) leaves the outbox: the ticket reference an
     * {@code Open} returned is recorded first (the escalation's later ticket calls may be claimed once the entry is
     * gone), then the entry is gone and its box marked: the finish unlinks the box's run of entries once
     * ({@link OutboxEntry.Box#sweepIfFree}), or the box's next holder does, and takes the finish's entries out of the
     * walk index together. No lock held.
     */
    private void delivered(OutboxEntry e, DeliveryOutcome.Delivered d) {
        if (e.message.effect() instanceof TicketCommand.Open) {
            d.ticketReference().ifPresent(ref -> tickets.recordFirst(e.message.escalation(), ref));
        }
        e.gone = true;
        e.box.dirty = true; // after gone: a holder that sees the mark sees the entry gone
    }

    @Override
    public OutboxCounts counts() {
        return live.counts();
    }

    @Override
    public OutboxCounts countsOf(EscalationId escalation) {
        Objects.requireNonNull(escalation, "escalation");
        return OutboxTally.of(entriesOf(escalation));
    }

    /** The entries of an escalation, in sequence order (gone ones not yet unlinked included: callers skip them). */
    private List<OutboxEntry> entriesOf(EscalationId escalation) {
        OutboxEntry.Box box = boxes.get(escalation);
        return box == null ? List.of() : box.entries(boxes);
    }

    @Override
    public Page<OutboxMessage> deadLetters(PageRequest page) {
        Objects.requireNonNull(page, "page");
        List<OutboxMessage> sorted = new ArrayList<>();
        for (OutboxEntry e : live) {
            e.box.acquire();
            try {
                if (!e.gone && e.status == OutboxEntry.Status.DEAD) {
                    sorted.add(e.message);
                }
            } finally {
                unlock(e.box);
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
            e.box.acquire();
            try {
                if (!e.gone && e.message.id().equals(id)) {
                    if (e.status != OutboxEntry.Status.DEAD) {
                        return false;
                    }
                    e.revive(now);
                    return true;
                }
            } finally {
                unlock(e.box);
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
            e.box.acquire();
            try {
                if (!e.gone && e.status == OutboxEntry.Status.DEAD) {
                    e.revive(now);
                    replayed++;
                }
            } finally {
                unlock(e.box);
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
        box.acquire();
        try {
            box.removed = true;
            for (ArrayDeque<OutboxEntry> queue : box.chains) {
                for (OutboxEntry e : queue) {
                    e.gone = true;
                    live.remove(e);
                    keys.release(e.message.idempotencyKey(), e);
                }
            }
            box.clear();
        } finally {
            unlock(box);
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
            e.box.acquire();
            try {
                if (e.gone) {
                    continue;
                }
                OutboxMessage next = rewrite.apply(e.message);
                if (!next.equals(e.message)) {
                    e.message = next;
                    changed++;
                    if (e.chainDiffers(next)) {
                        e.box.rechain(e); // an erased external's address leaves the chain's key too
                    }
                }
            } finally {
                unlock(e.box);
            }
        }
        return changed;
    }

    /** The chain keys the boxes hold in memory (for tests: an erased recipient's must not stay). */
    List<OutboxMessage.ChainKey> chainKeysHeld() {
        List<OutboxMessage.ChainKey> keys = new ArrayList<>();
        boxes.values().forEach(box -> box.chainKeys(keys, boxes));
        return keys;
    }

    /** Every waiting message (for erasure scans). */
    List<OutboxMessage> waiting() {
        return live.waiting();
    }

    /**
     * What the outbox holds in memory, counted in entries: waiting messages, escalations with waiting messages, and
     * idempotency keys with their delivery records. Zero when nothing waits and every delivered key was forgotten.
     */
    int retained() {
        return live.size() + boxes.size() + keys.retained();
    }
}
