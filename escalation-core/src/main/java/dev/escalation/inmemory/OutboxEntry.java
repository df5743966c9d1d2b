package dev.escalation.inmemory;

import dev.escalation.spi.ClaimedMessage;
import dev.escalation.spi.OutboxCounts;
import dev.escalation.spi.OutboxMessage;
import dev.escalation.spi.OutboxMessage.ChainKey;
import dev.escalation.spi.TicketCommand;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One waiting message of the {@link InMemoryOutbox}, with its status and claim; guarded by the lock of its
 * escalation's {@link Box}.
 */
final class OutboxEntry {

    enum Status {
        PENDING,
        DEAD
    }

    /** Orders entries by {@link #sequence} (unique per entry): the outbox's walk index. */
    static final Comparator<OutboxEntry> BY_SEQUENCE = (a, b) -> Long.compare(a.sequence, b.sequence);

    /** The order of the outbox (claims are oldest first); within a chain the order of the chain. */
    final long sequence;
    /** The chain, as the message named it when queued (erasure may rewrite the message, not its place). */
    final ChainKey chain;
    /** The escalation's box: its lock guards every mutable field here. */
    final Box box;
    /** The queue of its chain in the box, set when queued (no look-up by chain key when claimed or finished). */
    ArrayDeque<OutboxEntry> queue;

    /** Volatile: counts read it without the box's lock. */
    volatile OutboxMessage message;
    /** Volatile: counts read it without the box's lock. */
    volatile Status status = Status.PENDING;

    String claimToken = "";
    volatile Instant leaseUntil = Instant.MIN;
    /** The claim (a number unique per claim call) that took it last; 0 before its first claim. */
    long claim;
    /** Delivered or dropped: no longer in the outbox (a claim that found it before may not take it). */
    volatile boolean gone;

    OutboxEntry(long sequence, OutboxMessage message, Box box) {
        this.sequence = sequence;
        this.message = message;
        this.box = box;
        this.chain = message.chain();
    }

    /** Ticket calls other than {@code Open} go out only with the escalation's ticket reference. */
    boolean needsReference() {
        OutboxMessage m = message;
        return m.effect() instanceof TicketCommand && !(m.effect() instanceof TicketCommand.Open);
    }

    /** Whether {@code claimed} is the live claim of this pending entry. */
    boolean isHeldBy(ClaimedMessage claimed) {
        return !gone
                && status == Status.PENDING
                && !claimToken.isEmpty()
                && (claimToken == claimed.claimToken() || claimToken.equals(claimed.claimToken()));
    }

    /** Whether a claim at {@code now} may take it (pending, not leased, due); its chain is checked apart. */
    boolean deliverable(Instant now) {
        return !gone
                && status == Status.PENDING
                && !leaseUntil.isAfter(now)
                && !message.nextAttemptAt().isAfter(now);
    }

    /** Ends the claim: the entry is claimable again once it is pending and due. */
    void release() {
        claimToken = "";
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

    /** The counts of {@code entries}: pending, dead and the earliest next attempt of a pending one. */
    static OutboxCounts countOf(Iterable<OutboxEntry> entries) {
        long pending = 0;
        long dead = 0;
        Instant next = null;
        for (OutboxEntry e : entries) {
            // read without the lock (volatile fields): a count is a snapshot, and the finishing thread sees its own
            if (e.gone) {
                continue;
            }
            if (e.status == Status.DEAD) {
                dead++;
            } else {
                pending++;
                Instant at = e.message.nextAttemptAt();
                if (next == null || at.isBefore(next)) {
                    next = at;
                }
            }
        }
        return new OutboxCounts(pending, dead, Optional.ofNullable(next));
    }

    /** The waiting messages of one escalation, by chain; its lock guards them and their entries. */
    static final class Box {
        /** Guards the box and its entries; a claim skips a box another thread holds ({@link ReentrantLock#tryLock}). */
        final ReentrantLock lock = new ReentrantLock();

        final Map<ChainKey, ArrayDeque<OutboxEntry>> chains = new HashMap<>(4);
        /** Set when the box left the outbox's boxes: writers then take a new one. */
        boolean removed;

        /** The entry of a message in its chain, or null; the heads of the chains first (what is finished mostly). */
        OutboxEntry find(OutboxMessage m) {
            for (ArrayDeque<OutboxEntry> queue : chains.values()) {
                OutboxEntry head = queue.peekFirst();
                if (head != null && (head.message == m || head.message.id().equals(m.id()))) {
                    return head;
                }
            }
            for (ArrayDeque<OutboxEntry> queue : chains.values()) {
                for (OutboxEntry e : queue) {
                    if (e.message.id().equals(m.id())) {
                        return e;
                    }
                }
            }
            return null;
        }

        /** Whether every message before {@code e} in its chain was taken by claim {@code claim}. */
        boolean headOrBehindClaim(OutboxEntry e, long claim) {
            for (OutboxEntry p : e.queue) {
                if (p == e) {
                    return true;
                }
                if (p.claim != claim) {
                    return false;
                }
            }
            return false;
        }
    }
}
