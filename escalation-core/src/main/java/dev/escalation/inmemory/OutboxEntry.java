package dev.escalation.inmemory;

import dev.escalation.model.EscalationId;
import dev.escalation.spi.ClaimedMessage;
import dev.escalation.spi.DeliveryOutcome;
import dev.escalation.spi.OutboxMessage;
import dev.escalation.spi.OutboxMessage.ChainKey;
import dev.escalation.spi.TicketCommand;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * One waiting message of the {@link InMemoryOutbox}, with its status and claim; guarded by the lock of its
 * escalation's {@link Box}, except its claim token: every change of the token is a compare-and-set, so a finish
 * takes the entry from its claim without the box's lock ({@link #take}), and exactly one of two racing finishes, or
 * of a finish and a claim after the lease ran out, wins.
 */
final class OutboxEntry extends ChainedNode {

    enum Status {
        PENDING,
        DEAD
    }

    /**
     * The claim token of an entry taken by a finish that delivered it (compared by reference: no claim's token is this
     * instance); it is never claimed again, and {@link #gone} follows.
     */
    @SuppressWarnings("StringOperationCanBeSimplified") // a distinct instance, never equal by reference to a token
    static final String DELIVERED = new String("delivered");

    private static final VarHandle TOKEN;
    private static final VarHandle MESSAGE;
    private static final VarHandle STATUS;
    private static final VarHandle LEASE;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            TOKEN = lookup.findVarHandle(OutboxEntry.class, "claimToken", String.class);
            MESSAGE = lookup.findVarHandle(OutboxEntry.class, "message", OutboxMessage.class);
            STATUS = lookup.findVarHandle(OutboxEntry.class, "status", Status.class);
            LEASE = lookup.findVarHandle(OutboxEntry.class, "leaseUntil", Instant.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Orders entries by {@link #sequence} (unique per entry): the outbox's walk index. */
    static final Comparator<OutboxEntry> BY_SEQUENCE = (a, b) -> Long.compare(a.sequence, b.sequence);

    /** The escalation's box: its lock guards every mutable field here. */
    final Box box;
    /** The queue of its chain in the box, set when queued (no look-up by chain key when claimed or finished). */
    ArrayDeque<OutboxEntry> queue;
    /** Volatile: counts read it without the box's lock. */
    volatile OutboxMessage message;
    /** Volatile: counts read it without the box's lock. */
    volatile Status status;
    /** The live claim's token, "" when unclaimed, {@link #DELIVERED} once delivered; changed only by CAS. */
    volatile String claimToken;

    /** Read without the box's lock by a claim's walk, as a hint only (checked again under the lock). */
    volatile Instant leaseUntil;
    /** The claim (a number unique per claim call) that took it last; 0 before its first claim. */
    long claim;
    /** Delivered or dropped: no longer in the outbox (a claim that found it before may not take it). */
    volatile boolean gone;

    /** {@code sequence}: the order of the outbox (claims are oldest first); within a chain the order of the chain. */
    OutboxEntry(long sequence, OutboxMessage message, Box box, LiveNode.Lane home) {
        super(sequence, home);
        // the volatile fields' first values as plain stores: the entry reaches other threads only through a lock
        // release (a key stripe's, the box's) or the volatile link that publishes it in its lane, each after these
        MESSAGE.set(this, message);
        STATUS.set(this, Status.PENDING);
        TOKEN.set(this, "");
        LEASE.set(this, Instant.MIN);
        this.box = box;
        chainOf(message);
    }

    /** The chain's key, equal to the message's {@link OutboxMessage#chain()} when queued (for a box's index). */
    ChainKey chainKey() {
        return chainKey(box.escalation);
    }

    /** Ticket calls other than {@code Open} go out only with the escalation's ticket reference. */
    boolean needsReference() {
        OutboxMessage m = message;
        return m.effect() instanceof TicketCommand && !(m.effect() instanceof TicketCommand.Open);
    }

    /**
     * Takes this pending entry from {@code claimed} when that is its live claim, setting its token to {@code next}
     * ({@link #DELIVERED}, or "" for an outcome recorded under the box's lock); false if another claim or finish has
     * it. Needs no lock: the token changes only by compare-and-set, so one finish of a claim wins, and a claim that
     * re-takes the entry after its lease ran out either wins before the finish or finds it taken.
     */
    boolean take(ClaimedMessage claimed, String next) {
        String held = claimed.claimToken();
        while (true) {
            String t = claimToken;
            if (gone || status != Status.PENDING || t.isEmpty() || t == DELIVERED || !(t == held || t.equals(held))) {
                return false;
            }
            if (TOKEN.compareAndSet(this, t, next)) {
                return true;
            }
        }
    }

    /**
     * Claims the entry for {@code token} if its token is still {@code seen} (read by the claim under the box's lock);
     * false if a finish took it meanwhile.
     */
    boolean claimFor(String seen, String token, long claimNumber, Instant until) {
        if (seen == DELIVERED || !TOKEN.compareAndSet(this, seen, token)) {
            return false;
        }
        claim = claimNumber;
        LEASE.setRelease(this, until); // under the box's lock; read without it only as a hint
        return true;
    }

    /** Whether a claim at {@code now} may take it (pending, not leased, due); its chain is checked apart. */
    boolean deliverable(Instant now) {
        return !gone
                && status == Status.PENDING
                && !leaseUntil.isAfter(now)
                && !message.nextAttemptAt().isAfter(now);
    }

    /** Ends the claim (the box's lock held, the entry taken): claimable again once it is pending and due. */
    void release() {
        TOKEN.setVolatile(this, "");
        leaseUntil = Instant.MIN;
        claim = 0;
    }

    /** A failed attempt to be tried again at {@code next}. */
    void retry(Instant next, String reason) {
        message = copy(message, next, message.attempts() + 1, Optional.of(reason), Optional.empty());
        release();
    }

    /** A failed attempt that is not tried again until replayed; the entry keeps holding its chain back. */
    void deadLetter(String reason, String code) {
        message =
                copy(message, message.nextAttemptAt(), message.attempts() + 1, Optional.of(reason), Optional.of(code));
        status = Status.DEAD;
        release();
    }

    /** A dead letter replayed: pending again, due at {@code now}, attempts counted from zero. */
    void revive(Instant now) {
        status = Status.PENDING;
        message = copy(message, now, 0, message.lastError(), Optional.empty());
        release();
    }

    private static OutboxMessage copy(
            OutboxMessage m, Instant next, int attempts, Optional<String> error, Optional<String> deadCode) {
        return new OutboxMessage(m.id(), m.customer(), m.effect(), m.createdAt(), next, attempts, error, deadCode);
    }

    /**
     * The waiting messages of one escalation, by chain; its lock guards them and their entries. A delivered entry
     * (marked {@link #gone} without the lock) stays linked in its chain until a holder of the lock sweeps it out
     * ({@link #dirty}); every reader of the chains skips gone entries.
     */
    @SuppressWarnings("serial") // never serialised
    static final class Box extends BoxLock {
        /** Chains a box finds by a scan of {@link #chains} (no key made); beyond this many, by {@link #index}. */
        private static final int SCAN = 16;

        final EscalationId escalation;
        /**
         * The queues of the chains with entries linked (never an empty one once the lock is released); a queue's chain
         * is that of its entries. Few per escalation (a ticket chain and one per recipient and channel): found by a
         * scan comparing the keys, without hashing a key or a map node per chain.
         */
        final List<ArrayDeque<OutboxEntry>> chains = new ArrayList<>(4);
        /** The queues by chain while there are more than {@link #SCAN}; null otherwise. */
        private @Nullable Map<ChainKey, ArrayDeque<OutboxEntry>> index;
        /** Set when the box left the outbox's boxes: writers then take a new one. */
        boolean removed;
        /**
         * Set (after an entry's {@link #gone}) by a finish that delivered an entry without the lock: the next holder
         * of the lock, or the finish itself when the lock is free, unlinks the gone entries before unlocking, and
         * checks the flag again after unlocking ({@link InMemoryOutbox}), so no gone entry is left linked.
         */
        volatile boolean dirty;

        Box(EscalationId escalation) {
            this.escalation = escalation;
        }

        /**
         * Unlocks the box, unlinking first the entries delivered without its lock ({@link #dirty}); a delivery that
         * marked the box after the check and found the lock held is unlinked by a new try after unlocking. A box left
         * empty leaves {@code boxes}.
         */
        void unlock(ConcurrentHashMap<EscalationId, Box> boxes) {
            while (true) {
                if (dirty) {
                    sweep(boxes);
                }
                unlock();
                if (!dirty || !tryLock()) {
                    return;
                }
            }
        }

        /**
         * Unlinks the gone entries of {@code box} (marked {@link #dirty}) when its lock is free; when it is held, its
         * holder does it before unlocking (or a new try after). Null: nothing.
         */
        static void sweepIfFree(@Nullable Box box, ConcurrentHashMap<EscalationId, Box> boxes) {
            if (box != null && box.tryLock()) {
                box.unlock(boxes); // sweeps
            }
        }

        /**
         * Records a retry, dead letter or release of a message of the box under its lock; false if the message is not
         * waiting under the outcome's claim (nothing changed).
         */
        boolean recordUndelivered(DeliveryOutcome o, ConcurrentHashMap<EscalationId, Box> boxes) {
            acquire();
            try {
                OutboxEntry e = find(o.claimed().message());
                if (e == null || !e.take(o.claimed(), "")) {
                    return false;
                }
                if (o instanceof DeliveryOutcome.Retry r) {
                    e.retry(r.nextAttemptAt(), r.reason());
                } else if (o instanceof DeliveryOutcome.DeadLetter x) {
                    e.deadLetter(x.reason(), x.code());
                } else {
                    e.release(); // Released: claimable at once, no attempt counted
                }
                return true;
            } finally {
                unlock(boxes);
            }
        }

        /** The queue of {@code e}'s chain, a new (empty) one if it has none: the caller links {@code e} at once. */
        ArrayDeque<OutboxEntry> queueOf(OutboxEntry e) {
            if (index != null) {
                return index.computeIfAbsent(e.chainKey(), k -> add(new ArrayDeque<>(4)));
            }
            for (int i = 0; i < chains.size(); i++) {
                ArrayDeque<OutboxEntry> queue = chains.get(i);
                OutboxEntry first = queue.peekFirst();
                if (first != null && sameChain(first, e)) {
                    return queue;
                }
            }
            ArrayDeque<OutboxEntry> queue = add(new ArrayDeque<>(4));
            if (chains.size() > SCAN) {
                index = new HashMap<>();
                for (ArrayDeque<OutboxEntry> q : chains) {
                    index.put((q == queue ? e : q.peekFirst()).chainKey(), q);
                }
            }
            return queue;
        }

        /**
         * Moves {@code e}'s chain to the chain its rewritten message names (an erasure replaces an external
         * recipient's address by a marker in every message of their chain): every entry of its queue takes the new
         * parts, the queue keeps its entries and their order, and the index (if any) forgets the old key, so no
         * erased address stays in memory. Another queue may have the new key already (two erased recipients): the
         * two stay separate chains, the index keeps the first. Lock held.
         */
        void rechain(OutboxEntry e) {
            ArrayDeque<OutboxEntry> queue = e.queue;
            ChainKey before = index == null ? null : e.chainKey();
            OutboxMessage m = e.message;
            for (OutboxEntry x : queue) {
                x.chainOf(m);
            }
            if (index != null) {
                index.remove(before, queue);
                index.putIfAbsent(e.chainKey(), queue);
            }
        }

        /** Adds the chain keys the box holds (its entries' and its index's) to {@code into}, under its lock (tests). */
        void chainKeys(Collection<ChainKey> into, ConcurrentHashMap<EscalationId, Box> boxes) {
            acquire();
            try {
                chains.forEach(q -> q.forEach(x -> into.add(x.chainKey())));
                if (index != null) {
                    into.addAll(index.keySet());
                }
            } finally {
                unlock(boxes);
            }
        }

        private ArrayDeque<OutboxEntry> add(ArrayDeque<OutboxEntry> queue) {
            chains.add(queue);
            return queue;
        }

        /** Unlinks every entry (the box is being removed); lock held. */
        void clear() {
            chains.clear();
            index = null;
        }

        /** Unlinks the gone entries, and the box itself from {@code boxes} when that leaves it empty; lock held. */
        private void sweep(ConcurrentHashMap<EscalationId, Box> boxes) {
            dirty = false; // before reading the entries: a later delivery marks the box again
            int kept = 0;
            for (int i = 0; i < chains.size(); i++) {
                ArrayDeque<OutboxEntry> queue = chains.get(i);
                OutboxEntry first = queue.peekFirst(); // not null: only a sweep unlinks, and it drops emptied queues
                while (!queue.isEmpty() && queue.peekFirst().gone) {
                    queue.removeFirst(); // delivered in chain order: the gone entries are mostly the head
                }
                if (!queue.isEmpty()) {
                    queue.removeIf(e -> e.gone); // a finish may mark the head gone meanwhile: emptiness decided after
                }
                if (!queue.isEmpty()) {
                    chains.set(kept++, queue);
                } else if (index != null && first != null) {
                    index.remove(first.chainKey(), queue); // a rechained queue may share its key (see rechain)
                }
            }
            chains.subList(kept, chains.size()).clear();
            if (index != null && chains.size() <= SCAN) {
                index = null;
            }
            if (chains.isEmpty() && !removed) {
                removed = true;
                boxes.remove(escalation, this);
            }
        }

        /** The entries of the box in sequence order, copied under its lock ({@code boxes}: see {@link #unlock}). */
        List<OutboxEntry> entries(ConcurrentHashMap<EscalationId, Box> boxes) {
            List<OutboxEntry> result = new ArrayList<>();
            acquire();
            try {
                chains.forEach(result::addAll);
            } finally {
                unlock(boxes);
            }
            result.sort(BY_SEQUENCE);
            return result;
        }

        /** The entry of a message in its chain, or null; the heads of the chains first (what is finished mostly). */
        OutboxEntry find(OutboxMessage m) {
            for (ArrayDeque<OutboxEntry> queue : chains) {
                OutboxEntry head = queue.peekFirst();
                if (head != null && (head.message == m || head.message.id().equals(m.id()))) {
                    return head;
                }
            }
            for (ArrayDeque<OutboxEntry> queue : chains) {
                for (OutboxEntry e : queue) {
                    if (!e.gone && e.message.id().equals(m.id())) {
                        return e;
                    }
                }
            }
            return null;
        }

        /** Whether every message before {@code e} in its chain was delivered or taken by claim {@code claim}. */
        boolean headOrBehindClaim(OutboxEntry e, long claim) {
            for (OutboxEntry p : e.queue) {
                if (p == e) {
                    return true;
                }
                if (p.claim != claim && !p.gone) {
                    return false;
                }
            }
            return false;
        }
    }
}
