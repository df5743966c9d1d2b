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
import dev.escalation.spi.OutboxMessage.ChainKey;
import dev.escalation.spi.TicketCommand;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The outbox facet of {@link InMemoryEscalationStore}. One lock guards it. Messages that are not delivered wait in
 * one FIFO queue per chain ({@link OutboxMessage#chain()}); a dead-lettered message stays in its queue and so holds
 * its chain back until it is replayed and delivered. A claim walks each queue from its head while the messages are
 * deliverable, so one claim takes several messages of a chain, in order.
 *
 * <p>Delivered messages leave memory at once; only their idempotency key stays, for the de-duplication window, and is
 * dropped lazily after it.
 */
final class InMemoryOutbox implements Outbox {

    /** A deliverable message and the ticket reference its claim carries. */
    private record Candidate(OutboxEntry entry, Optional<String> reference) {}

    /** Ticket calls other than {@code Open} go out only with the escalation's ticket reference. */
    private static boolean needsReference(OutboxMessage m) {
        return m.effect() instanceof TicketCommand && !(m.effect() instanceof TicketCommand.Open);
    }

    private final Object lock = new Object();
    private final Map<ChainKey, ArrayDeque<OutboxEntry>> queues = new HashMap<>();
    private final Map<EscalationId, Set<ChainKey>> chainsOf = new HashMap<>();
    private final Map<MessageId, OutboxEntry> byId = new HashMap<>();
    private final Set<String> waitingKeys = new HashSet<>();
    private final DeliveredKeys deliveredKeys = new DeliveredKeys();
    private final Duration window;
    private final TicketReferences tickets;
    private long nextSequence = 1;
    private long nextToken = 1;

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
     * write. The window is judged at each message's {@code createdAt}.
     */
    void enqueue(List<OutboxMessage> messages) {
        if (messages.isEmpty()) {
            return;
        }
        synchronized (lock) {
            for (OutboxMessage m : messages) {
                deliveredKeys.forgetBefore(m.createdAt().minus(window), Integer.MAX_VALUE);
                if (waitingKeys.contains(m.idempotencyKey()) || deliveredKeys.contains(m.idempotencyKey())) {
                    continue;
                }
                OutboxEntry e = new OutboxEntry(nextSequence++, m);
                waitingKeys.add(m.idempotencyKey());
                queues.computeIfAbsent(e.chain, c -> new ArrayDeque<>(4)).addLast(e);
                chainsOf.computeIfAbsent(m.escalation(), x -> new HashSet<>(4)).add(e.chain);
                byId.put(m.id(), e);
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
            List<Candidate> eligible = new ArrayList<>();
            for (ArrayDeque<OutboxEntry> queue : queues.values()) {
                Optional<String> reference = null; // read once per chain, when a ticket call needs it
                for (OutboxEntry e : queue) {
                    if (e.status != OutboxEntry.Status.PENDING
                            || e.leaseUntil.isAfter(now)
                            || e.message.nextAttemptAt().isAfter(now)) {
                        break;
                    }
                    Optional<String> carried = Optional.empty();
                    if (needsReference(e.message)) {
                        if (reference == null) {
                            reference = tickets.get(e.message.escalation());
                        }
                        if (reference.isEmpty()) {
                            break;
                        }
                        carried = reference;
                    }
                    eligible.add(new Candidate(e, carried));
                }
            }
            // oldest first; cutting the sorted list keeps a prefix of every chain
            eligible.sort(Comparator.comparingLong(c -> c.entry().sequence));
            int n = Math.min(limit, eligible.size());
            List<ClaimedMessage> claimed = new ArrayList<>(n);
            Instant until = now.plus(lease);
            for (int i = 0; i < n; i++) {
                OutboxEntry e = eligible.get(i).entry();
                e.claimToken = claimant + "#" + nextToken++;
                e.leaseUntil = until;
                claimed.add(new ClaimedMessage(
                        e.message, e.claimToken, eligible.get(i).reference()));
            }
            return claimed;
        }
    }

    @Override
    public int finish(List<DeliveryOutcome> outcomes, Instant now) {
        Objects.requireNonNull(outcomes, "outcomes");
        Objects.requireNonNull(now, "now");
        synchronized (lock) {
            int recorded = 0;
            for (DeliveryOutcome o : outcomes) {
                OutboxEntry e = holding(o.claimed());
                if (e == null) {
                    continue;
                }
                recorded++;
                if (o instanceof DeliveryOutcome.Delivered d) {
                    delivered(e, d, now);
                } else if (o instanceof DeliveryOutcome.Retry r) {
                    e.retry(r.nextAttemptAt(), r.reason());
                } else if (o instanceof DeliveryOutcome.DeadLetter x) {
                    e.deadLetter(x.reason(), x.code());
                } else {
                    e.release(); // Released: claimable at once, no attempt counted
                }
            }
            return recorded;
        }
    }

    @Override
    public OutboxCounts finishAndCount(List<DeliveryOutcome> outcomes, Instant now) {
        synchronized (lock) {
            finish(outcomes, now);
            return counts();
        }
    }

    private void delivered(OutboxEntry e, DeliveryOutcome.Delivered d, Instant now) {
        if (e.message.effect() instanceof TicketCommand.Open) {
            d.ticketReference().ifPresent(ref -> tickets.recordFirst(e.message.escalation(), ref));
        }
        byId.remove(e.message.id());
        waitingKeys.remove(e.message.idempotencyKey());
        unqueue(e);
        deliveredKeys.remember(e.message.idempotencyKey(), now);
    }

    private void unqueue(OutboxEntry e) {
        ArrayDeque<OutboxEntry> queue = queues.get(e.chain);
        if (queue.peekFirst() == e) {
            queue.removeFirst();
        } else {
            queue.remove(e);
        }
        if (queue.isEmpty()) {
            queues.remove(e.chain);
            Set<ChainKey> chains = chainsOf.get(e.message.escalation());
            chains.remove(e.chain);
            if (chains.isEmpty()) {
                chainsOf.remove(e.message.escalation());
            }
        }
    }

    private OutboxEntry holding(ClaimedMessage claimed) {
        OutboxEntry e = byId.get(claimed.message().id());
        return e != null && e.isHeldBy(claimed) ? e : null;
    }

    @Override
    public OutboxCounts counts() {
        synchronized (lock) {
            return countOf(byId.values());
        }
    }

    @Override
    public OutboxCounts countsOf(EscalationId escalation) {
        Objects.requireNonNull(escalation, "escalation");
        synchronized (lock) {
            return countOf(entriesOf(escalation));
        }
    }

    private static OutboxCounts countOf(Iterable<OutboxEntry> entries) {
        long pending = 0;
        long dead = 0;
        Instant next = null;
        for (OutboxEntry e : entries) {
            if (e.status == OutboxEntry.Status.DEAD) {
                dead++;
            } else {
                pending++;
                if (next == null || e.message.nextAttemptAt().isBefore(next)) {
                    next = e.message.nextAttemptAt();
                }
            }
        }
        return new OutboxCounts(pending, dead, Optional.ofNullable(next));
    }

    private List<OutboxEntry> entriesOf(EscalationId escalation) {
        List<OutboxEntry> result = new ArrayList<>();
        for (ChainKey c : chainsOf.getOrDefault(escalation, Set.of())) {
            result.addAll(queues.get(c));
        }
        return result;
    }

    @Override
    public Page<OutboxMessage> deadLetters(PageRequest page) {
        Objects.requireNonNull(page, "page");
        synchronized (lock) {
            List<OutboxMessage> sorted = new ArrayList<>();
            for (OutboxEntry e : byId.values()) {
                if (e.status == OutboxEntry.Status.DEAD) {
                    sorted.add(e.message);
                }
            }
            sorted.sort(Comparator.comparing(OutboxMessage::createdAt).thenComparing(m -> m.id().value()));
            return Paging.page(sorted, page, OutboxMessage::createdAt, m -> m.id().value());
        }
    }

    @Override
    public boolean replay(MessageId id, Instant now) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(now, "now");
        synchronized (lock) {
            OutboxEntry e = byId.get(id);
            if (e == null || e.status != OutboxEntry.Status.DEAD) {
                return false;
            }
            e.revive(now);
            return true;
        }
    }

    @Override
    public int replayAll(EscalationId escalation, Instant now) {
        Objects.requireNonNull(escalation, "escalation");
        Objects.requireNonNull(now, "now");
        synchronized (lock) {
            int replayed = 0;
            for (OutboxEntry e : entriesOf(escalation)) {
                if (e.status == OutboxEntry.Status.DEAD) {
                    e.revive(now);
                    replayed++;
                }
            }
            return replayed;
        }
    }

    // ------------------------------------------------------------------ retention and erasure (store-internal)

    /** Drops every message of an escalation (it is being purged). */
    void dropEscalation(EscalationId escalation) {
        synchronized (lock) {
            for (OutboxEntry e : entriesOf(escalation)) {
                byId.remove(e.message.id());
                waitingKeys.remove(e.message.idempotencyKey());
            }
            Set<ChainKey> chains = chainsOf.remove(escalation);
            if (chains != null) {
                chains.forEach(queues::remove);
            }
        }
    }

    /** Forgets up to {@code limit} keys delivered before {@code cutoff}, oldest first; returns how many. */
    int purgeDeliveredBefore(Instant cutoff, int limit) {
        synchronized (lock) {
            return deliveredKeys.forgetBefore(cutoff, limit);
        }
    }

    /** Rewrites the waiting messages' payloads with {@code rewrite}; returns how many changed. */
    long rewritePayloads(UnaryOperator<OutboxMessage> rewrite) {
        synchronized (lock) {
            long changed = 0;
            for (OutboxEntry e : byId.values()) {
                OutboxMessage next = rewrite.apply(e.message);
                if (!next.equals(e.message)) {
                    e.message = next;
                    changed++;
                }
            }
            return changed;
        }
    }

    /** Every waiting message (for erasure scans). */
    List<OutboxMessage> waiting() {
        synchronized (lock) {
            List<OutboxMessage> all = new ArrayList<>(byId.size());
            for (OutboxEntry e : byId.values()) {
                all.add(e.message);
            }
            return all;
        }
    }
}
