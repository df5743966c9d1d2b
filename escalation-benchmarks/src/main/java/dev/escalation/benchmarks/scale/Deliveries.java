package dev.escalation.benchmarks.scale;

import dev.escalation.model.DeliveryChannel;
import dev.escalation.spi.Capability;
import dev.escalation.spi.Notification;
import dev.escalation.spi.Notifier;
import dev.escalation.spi.TicketCommand;
import dev.escalation.spi.Ticketing;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The recipient side of every app node: one notifier and one ticketing adapter shared by all engine instances of a
 * run (as one mail server and one ticket system would be), counting each call per idempotency key. Nothing is
 * de-duplicated here: a key called twice is counted twice, so the harness sees what the engines really did.
 *
 * <p>A {@link Fault} can be planted (tests only): once {@linkplain #arm() armed}, the notifier silently drops one
 * notification (returns normally without recording it: a lost delivery) or records one twice (a duplicate).
 */
public final class Deliveries {
    /** A fault planted in the notifier, so a test can prove the checks catch it. */
    public enum Fault {
        /** No fault. */
        NONE,
        /** The first notification after {@link #arm()} vanishes: accepted, never recorded. */
        DROP_ONE,
        /** The first notification after {@link #arm()} is recorded twice. */
        DUPLICATE_ONE
    }

    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final Fault fault;
    private final AtomicBoolean armed = new AtomicBoolean();
    private final AtomicBoolean faultUsed = new AtomicBoolean();
    private final Notifier notifier = new RecordingNotifier();
    private final Ticketing ticketing = new RecordingTicketing();

    public Deliveries(Fault fault) {
        this.fault = fault;
    }

    /** Arms the planted fault (if any) from now on. */
    public void arm() {
        armed.set(true);
    }

    /** @return whether the planted fault has struck */
    public boolean faultStruck() {
        return faultUsed.get();
    }

    /** @return the notifier every node is built with */
    public Notifier notifier() {
        return notifier;
    }

    /** @return the ticketing adapter every node is built with */
    public Ticketing ticketing() {
        return ticketing;
    }

    /** @return calls per idempotency key so far (a snapshot) */
    public Map<String, Integer> callsByKey() {
        Map<String, Integer> out = new HashMap<>();
        calls.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    private void record(String key) {
        calls.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
    }

    private void recordNotification(String key) {
        if (fault != Fault.NONE && armed.get() && faultUsed.compareAndSet(false, true)) {
            if (fault == Fault.DROP_ONE) {
                return; // the planted fault: accepted and lost
            }
            record(key); // DUPLICATE_ONE: once more than sent
        }
        record(key);
    }

    private final class RecordingNotifier implements Notifier {
        @Override
        public void send(Notification notification) {
            recordNotification(notification.idempotencyKey());
        }

        @Override
        public Set<DeliveryChannel> channels() {
            return Set.of(DeliveryChannel.EMAIL);
        }

        @Override
        public Set<Capability> capabilities() {
            return Set.of(Capability.DEDUPLICATES_BY_KEY);
        }
    }

    private final class RecordingTicketing implements Ticketing {
        @Override
        public String open(TicketCommand.Open command) {
            record(command.idempotencyKey());
            return "T-" + command.escalation().value();
        }

        @Override
        public void addParticipant(String ticket, TicketCommand.AddParticipant command) {
            record(command.idempotencyKey());
        }

        @Override
        public void removeParticipant(String ticket, TicketCommand.RemoveParticipant command) {
            record(command.idempotencyKey());
        }

        @Override
        public void postUpdate(String ticket, TicketCommand.PostUpdate command) {
            record(command.idempotencyKey());
        }

        @Override
        public void changeStatus(String ticket, TicketCommand.ChangeStatus command) {
            record(command.idempotencyKey());
        }

        @Override
        public Set<Capability> capabilities() {
            return Set.of(Capability.DEDUPLICATES_BY_KEY);
        }
    }
}
