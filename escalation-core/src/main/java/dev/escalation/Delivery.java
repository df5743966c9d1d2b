package dev.escalation;

import dev.escalation.internal.validation.TextRules;
import dev.escalation.model.MessageId;
import dev.escalation.spi.ClaimedMessage;
import dev.escalation.spi.DeliveryOutcome;
import dev.escalation.spi.EscalationStore;
import dev.escalation.spi.NotificationRequest;
import dev.escalation.spi.OutboxCounts;
import dev.escalation.spi.OutboxMessage;
import dev.escalation.spi.PermanentDeliveryException;
import dev.escalation.spi.TicketCommand;
import dev.escalation.spi.Ticketing;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;

/**
 * Delivers the outbox at least once, in batches: claim a batch (one statement), deliver each chain
 * ({@link OutboxMessage#chain()}) in order, release the rest of a chain after a failure, record the batch's outcomes in
 * one {@link dev.escalation.spi.Outbox#finish} call. Failures are retried with exponential backoff stored as the next
 * attempt and dead-lettered after the maximum attempts. Nothing here sleeps: a run delivers what is deliverable when
 * it starts (and what that unblocks) and returns.
 *
 * <p>Whatever an adapter throws is the failed attempt of the side effect it hit: a checked exception thrown sneakily
 * and an {@link Error} such as {@link StackOverflowError} too (a side effect that always fails so is dead-lettered, it
 * does not block the outbox). A fatal error of the JVM ({@link VirtualMachineError} other than a stack overflow) and an
 * interrupt (an adapter's, or one seen before a side effect, as the worker's stop {@code cut}) end the run, after the
 * outcomes of the batch so far are recorded (the rest released), so nothing delivered goes out again when the lease
 * runs out; the fatal error is rethrown, an interrupt reported as {@code UNAVAILABLE} with the flag set again.
 *
 * <p>A run sends a message at most once: one the store hands back within the run (a store that breaks the SPI), in a
 * later batch or twice in one, is skipped, and a batch of nothing else ends the run. Nor does it send what its lease
 * no longer holds: after a call that outlasted the lease (another instance may have claimed the rest of the batch) the
 * rest is released and the run ends; a notification whose directory reads outlasted it is not sent but counted as a
 * failed attempt (a directory always slower than the lease ends in a dead letter, not in endless releases).
 */
final class Delivery {
    private static final Logger LOG = Ports.LOG;

    private final Clock clock;
    private final EscalationStore store;
    private final NotificationDelivery notifications;
    private final Ticketing ticketing;
    private final String claimant;
    private final Duration lease;
    private final int batchSize;
    private final int maxAttempts;
    private final Duration baseBackoff;
    private final Duration maxBackoff;
    private final Observers observers;

    Delivery(EngineConfig config, NotificationDelivery notifications) {
        EngineConfig.Worker w = config.worker();
        this.clock = config.clock();
        this.store = config.store();
        this.notifications = notifications;
        this.ticketing = config.ticketing();
        this.claimant = w.claimant();
        this.lease = w.lease();
        this.batchSize = w.batchSize();
        this.maxAttempts = w.maxAttempts();
        this.baseBackoff = w.baseBackoff();
        this.maxBackoff = w.maxBackoff();
        this.observers = new Observers(config.listeners());
    }

    /**
     * Claims and delivers until nothing that was deliverable at the start is left: a batch smaller than the batch size
     * (with what the claim dead-lettered itself) ends the run, unless it opened a ticket (whose calls are claimable
     * now); {@code cut} true (or the thread's interrupt) before a side effect ends it too.
     */
    DeliveryReport deliverPending(BooleanSupplier cut) {
        Instant start = clock.instant();
        int delivered = 0;
        int retried = 0;
        int dead = 0;
        Set<MessageId> earlier = null; // the messages of this run's batches before the current one, from the second
        int[] parked = {0}; // what the current claim dead-lettered itself (a store that cannot read them back)
        // made once per run, nothing more per claim; a claim parks at most its limit (a store that tells more is
        // believed no further)
        IntConsumer parkedByClaim = n -> parked[0] += Math.max(0, Math.min(n, batchSize));
        long pendingAfterParking = Long.MAX_VALUE; // after a claim that only dead-lettered: what was left pending
        while (true) {
            // claim what was deliverable at the start; the lease still runs from now (and for the whole lease if the
            // clock went back since: never shorter, or another instance could claim and send a message again)
            Duration held = lease.plus(latency(start, clock.instant()));
            parked[0] = 0;
            List<ClaimedMessage> claimed =
                    Ports.call(() -> store.outbox().claim(claimant, start, held, batchSize, parkedByClaim));
            int parkedNow = parked[0];
            dead += parkedNow;
            if (claimed.isEmpty()) {
                if (parkedNow <= 0) {
                    break;
                }
                // the whole batch was unreadable: claim on while the pending messages become fewer (a store that
                // tells of dead letters it did not park would otherwise be claimed from for ever)
                long left = Ports.call(() -> store.outbox().counts()).pending();
                if (left >= pendingAfterParking) {
                    break;
                }
                pendingAfterParking = left;
                continue;
            }
            List<ClaimedMessage> batch = earlier == null ? distinct(claimed) : notEarlier(claimed, earlier);
            if (batch.isEmpty()) {
                // the store hands back what this run delivered or finished (it breaks rules O2 and O8 of the kit):
                // claiming on would never end, and would send the same messages again and again
                LOG.warn("delivery: the store handed back only messages this run had already claimed; run ended");
                break;
            }
            Batch b = deliver(batch, start, held, cut);
            if (b.stop != null) {
                Thread.interrupted(); // recorded with the flag cleared: a store's driver must not see it
                try {
                    Ports.call(() -> store.outbox().finish(b.outcomes, clock.instant()));
                } catch (RuntimeException e) {
                    b.stop.addSuppressed(e); // what ended the run is reported, not the store's failure after it
                }
                return stop(b.stop);
            }
            delivered += b.delivered;
            retried += b.retried;
            dead += b.dead;
            if (claimed.size() + (long) parkedNow < batchSize && !b.openedTicket || b.leaseOver) {
                // the last batch of the run (or its lease ran out): record it and count what is left in one transaction
                OutboxCounts left = Ports.call(() -> store.outbox().finishAndCount(b.outcomes, clock.instant()));
                observers.backlog(left.pending(), left.dead());
                return new DeliveryReport(delivered, retried, dead, left.pending(), left.nextAttemptAt());
            }
            Ports.call(() -> store.outbox().finish(b.outcomes, clock.instant()));
            if (earlier == null) {
                earlier = new HashSet<>();
            }
            for (ClaimedMessage c : batch) {
                earlier.add(c.message().id());
            }
        }
        OutboxCounts counts = Ports.call(() -> store.outbox().counts());
        observers.backlog(counts.pending(), counts.dead());
        return new DeliveryReport(delivered, retried, dead, counts.pending(), counts.nextAttemptAt());
    }

    /** The messages of {@code claimed} this run has not claimed before, each once, in order; adds them to earlier. */
    private static List<ClaimedMessage> notEarlier(List<ClaimedMessage> claimed, Set<MessageId> earlier) {
        List<ClaimedMessage> fresh = new ArrayList<>(claimed.size());
        for (ClaimedMessage c : claimed) {
            if (earlier.add(c.message().id())) {
                fresh.add(c);
            }
        }
        return fresh;
    }

    /**
     * The messages of a run's first claim, each once: a store that hands a message back twice in one claim (it breaks
     * rule O1 of the kit) must not make the run send it twice. A claim in the port's order, strictly ascending by
     * ({@code createdAt}, id), holds no message twice and is returned as it is (no set, no copy).
     */
    private static List<ClaimedMessage> distinct(List<ClaimedMessage> claimed) {
        OutboxMessage previous = null;
        for (ClaimedMessage c : claimed) {
            OutboxMessage m = c.message();
            if (previous != null) {
                int byTime = previous.createdAt().compareTo(m.createdAt());
                if (byTime > 0 || (byTime == 0 && previous.id().compareTo(m.id()) >= 0)) {
                    return notEarlier(claimed, new HashSet<>()); // out of order: maybe a message twice
                }
            }
            previous = m;
        }
        return claimed;
    }

    /** The outcomes of one batch. */
    private static final class Batch {
        final List<DeliveryOutcome> outcomes = new ArrayList<>();
        int delivered;
        int retried;
        int dead;
        int rendered;
        boolean openedTicket;
        /** Whether the claim's lease ran out during the batch (a slow call): what was left of it was released. */
        boolean leaseOver;
        /** What ended the batch early: a fatal error of the JVM or an interrupt; null if nothing did. */
        @Nullable
        Throwable stop;
    }

    /** Ends a run that {@code stop} ended: rethrows a fatal error; an interrupt is UNAVAILABLE, its flag set again. */
    private static DeliveryReport stop(Throwable stop) {
        if (stop instanceof VirtualMachineError fatal) {
            throw fatal;
        }
        Thread.currentThread().interrupt();
        throw new EscalationUnavailableException("delivery was interrupted; the rest is delivered later", stop);
    }

    /**
     * Whether the dispatcher's thread was interrupted during the call that threw {@code e}: the adapter threw
     * {@link InterruptedException} (which clears the flag), or anything else with the flag still set (what mail and
     * HTTP clients do). Not the side effect's failure: it is released, no attempt counted.
     */
    private static boolean interrupted(Throwable e) {
        return e instanceof InterruptedException || Thread.currentThread().isInterrupted();
    }

    private Batch deliver(List<ClaimedMessage> claimed, Instant claimedAt, Duration leased, BooleanSupplier cut) {
        Batch b = new Batch();
        Set<OutboxMessage.ChainKey> held = null; // made at the first failure: most batches have none
        NotificationDelivery.BatchCache cache = new NotificationDelivery.BatchCache();
        Instant after = null; // when the last call returned, for both uses (a notification reads it before, too)
        for (ClaimedMessage c : claimed) {
            // a call that outlasted the lease: another instance may have claimed the rest and be sending it, so it is
            // released, not sent a second time (the store ignores the outcome if the claim was superseded)
            b.leaseOver =
                    b.leaseOver || (after != null && latency(claimedAt, after).compareTo(leased) >= 0);
            if (b.stop == null && (Thread.currentThread().isInterrupted() || cut.getAsBoolean())) {
                b.stop = new InterruptedException("delivery was stopped"); // the rest is released, sent later
            }
            // a message's chain is built (a key and its recipient's text) only once a chain is held back
            if (b.stop != null
                    || b.leaseOver
                    || (held != null && held.contains(c.message().chain()))) {
                // behind a failure of its chain, after what ended the batch or its lease: not attempted
                b.outcomes.add(new DeliveryOutcome.Released(c));
                continue;
            }
            DeliveryOutcome o = deliver(c, cache, b, claimedAt, leased);
            after = clock.instant();
            b.outcomes.add(o);
            if (o instanceof DeliveryOutcome.Released) {
                continue; // interrupted: the batch ends here
            }
            if (observers.any()) {
                observe(c.message(), o, after);
            }
            if (o instanceof DeliveryOutcome.Delivered) {
                b.delivered++;
                b.openedTicket |= c.message().effect() instanceof TicketCommand.Open;
            } else {
                if (held == null) {
                    held = new HashSet<>();
                }
                held.add(c.message().chain()); // the rest of the chain waits for this one
                if (o instanceof DeliveryOutcome.Retry) {
                    b.retried++;
                } else if (o instanceof DeliveryOutcome.DeadLetter) {
                    b.dead++;
                }
            }
        }
        observers.rendered(b.rendered);
        return b;
    }

    private DeliveryOutcome deliver(
            ClaimedMessage c, NotificationDelivery.BatchCache cache, Batch b, Instant claimedAt, Duration leased) {
        OutboxMessage m = c.message();
        try {
            if (m.effect() instanceof NotificationRequest request) {
                NotificationDelivery.Prepared prepared = notifications.prepare(request, m.customer(), cache);
                if (prepared instanceof NotificationDelivery.Undeliverable u) {
                    return dead(c, u.code(), u.reason());
                }
                NotificationDelivery.Ready ready = (NotificationDelivery.Ready) prepared;
                b.rendered++;
                if (latency(claimedAt, clock.instant()).compareTo(leased) >= 0) {
                    // the directory reads outlasted the lease: another instance may be sending it now. A failed
                    // attempt, not a release, so that a directory always slower than the lease ends in a dead letter
                    b.leaseOver = true;
                    return failed(c, "directory reads outlasted the lease");
                }
                ready.notifier().send(ready.notification());
                return new DeliveryOutcome.Delivered(c, Optional.empty());
            }
            return new DeliveryOutcome.Delivered(c, ticket(c, (TicketCommand) m.effect()));
        } catch (PermanentDeliveryException e) {
            return dead(c, "PERMANENT", reason(e));
        } catch (Throwable e) { // a checked exception thrown sneakily and an Error too: this attempt failed
            if (interrupted(e) && !Ports.fatal(e)) {
                b.stop = e; // the host stops the dispatcher: delivered again later, as if not attempted
                return new DeliveryOutcome.Released(c);
            }
            if (Ports.fatal(e)) {
                b.stop = e;
            }
            return failed(c, reason(e));
        }
    }

    /** A failed attempt: retried after the backoff, dead-lettered after the maximum attempts. */
    private DeliveryOutcome failed(ClaimedMessage c, String reason) {
        OutboxMessage m = c.message();
        int attempts = m.attempts() + 1;
        if (attempts >= maxAttempts) {
            return dead(c, "ATTEMPTS_EXHAUSTED", reason + " after " + attempts + " attempts");
        }
        Instant next = clock.instant().plus(backoff(attempts));
        Ports.withMdc(
                m.escalation(),
                () -> LOG.info(
                        "side effect {} failed (attempt {}), retry at {}: {}",
                        m.idempotencyKey(),
                        attempts,
                        next,
                        reason));
        return new DeliveryOutcome.Retry(c, next, reason);
    }

    private void observe(OutboxMessage m, DeliveryOutcome o, Instant now) {
        EngineObserver.DeliveryResult result = o instanceof DeliveryOutcome.Delivered
                ? EngineObserver.DeliveryResult.DELIVERED
                : o instanceof DeliveryOutcome.Retry
                        ? EngineObserver.DeliveryResult.RETRIED
                        : EngineObserver.DeliveryResult.DEAD_LETTERED;
        EngineObserver.DeliveryTarget target = m.effect() instanceof TicketCommand
                ? EngineObserver.DeliveryTarget.TICKET
                : EngineObserver.DeliveryTarget.NOTIFICATION;
        observers.delivery(target, result, latency(m.createdAt(), now));
    }

    /**
     * {@code Duration.between(from, to)}, or zero if that is negative: from the differences of the seconds and of the
     * nanoseconds (no difference in nanoseconds, which {@code between} computes first and redoes in seconds when it
     * overflows; no negative duration made and dropped).
     */
    static Duration latency(Instant from, Instant to) {
        long seconds = to.getEpochSecond() - from.getEpochSecond(); // instants' seconds cannot overflow a long
        int nanos = to.getNano() - from.getNano();
        if (seconds < 0 || (seconds == 0 && nanos < 0)) {
            return Duration.ZERO;
        }
        return Duration.ofSeconds(seconds, nanos);
    }

    /** Calls the ticketing system; {@code Open} returns the ticket's reference, later calls get it. */
    private Optional<String> ticket(ClaimedMessage c, TicketCommand command) {
        if (command instanceof TicketCommand.Open open) {
            String reference = ticketing.open(open);
            // a control character or an unpaired surrogate is refused too: a database cannot keep it (PostgreSQL
            // stores no NUL in text, and its driver writes an unpaired surrogate as '?'), so the outcome could not be
            // recorded, or later calls would get another reference
            if (reference == null
                    || reference.isBlank()
                    || reference.length() > 256
                    || TextRules.hasControl(reference, false)
                    || TextRules.hasUnpairedSurrogate(reference)) {
                throw new IllegalStateException("the ticketing adapter returned no usable ticket reference");
            }
            return Optional.of(reference);
        } else if (command instanceof TicketCommand.AddParticipant add) {
            ticketing.addParticipant(reference(c), add);
        } else if (command instanceof TicketCommand.RemoveParticipant remove) {
            ticketing.removeParticipant(reference(c), remove);
        } else if (command instanceof TicketCommand.PostUpdate update) {
            ticketing.postUpdate(reference(c), update);
        } else {
            ticketing.changeStatus(reference(c), (TicketCommand.ChangeStatus) command);
        }
        return Optional.empty();
    }

    private static String reference(ClaimedMessage c) {
        return c.ticketReference()
                .orElseThrow(() -> new IllegalStateException("a ticket call was claimed without the ticket reference"));
    }

    private DeliveryOutcome dead(ClaimedMessage c, String code, String reason) {
        OutboxMessage m = c.message();
        Ports.withMdc(
                m.escalation(),
                () -> LOG.warn("side effect {} dead-lettered: {}: {}", m.idempotencyKey(), code, reason));
        return new DeliveryOutcome.DeadLetter(c, code, reason);
    }

    Duration backoff(int attempts) {
        Duration d = baseBackoff;
        for (int i = 1; i < attempts && d.compareTo(maxBackoff) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(maxBackoff) > 0 ? maxBackoff : d;
    }

    /** The exception's type only: adapter messages may carry personal data (addresses, texts). */
    private static String reason(Throwable e) {
        return e.getClass().getSimpleName();
    }
}
