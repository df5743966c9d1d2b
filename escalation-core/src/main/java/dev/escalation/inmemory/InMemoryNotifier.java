package dev.escalation.inmemory;

import dev.escalation.model.DeliveryChannel;
import dev.escalation.spi.Capability;
import dev.escalation.spi.Notification;
import dev.escalation.spi.Notifier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A {@link Notifier} that keeps what it delivers, counts calls per idempotency key, and can be switched off to
 * simulate an outage. It de-duplicates by key: a repeated key is counted but not delivered again.
 */
public final class InMemoryNotifier implements Notifier {

    private final Object lock = new Object();
    private final List<Notification> delivered = new ArrayList<>();
    private final Map<String, Integer> calls = new HashMap<>();
    private final Set<String> deliveredKeys = new java.util.HashSet<>();
    private boolean available = true;

    private final Set<DeliveryChannel> channels;

    /** Creates an available e-mail notifier with nothing delivered. */
    public InMemoryNotifier() {
        this(DeliveryChannel.EMAIL);
    }

    /**
     * Creates an available notifier for the given channels with nothing delivered.
     *
     * @param first  a channel it delivers on
     * @param others more channels
     */
    public InMemoryNotifier(DeliveryChannel first, DeliveryChannel... others) {
        this.channels = java.util.Collections.unmodifiableSet(java.util.EnumSet.of(first, others));
    }

    @Override
    public void send(Notification notification) {
        synchronized (lock) {
            calls.merge(notification.idempotencyKey(), 1, Integer::sum);
            if (!available) {
                throw new IllegalStateException("notifier unavailable (simulated outage)");
            }
            if (deliveredKeys.add(notification.idempotencyKey())) {
                delivered.add(notification);
            }
        }
    }

    @Override
    public Set<DeliveryChannel> channels() {
        return channels;
    }

    @Override
    public Set<Capability> capabilities() {
        return Set.of(Capability.DEDUPLICATES_BY_KEY);
    }

    /**
     * Switches the simulated outage on or off. While unavailable every call throws (and is counted).
     *
     * @param available whether calls succeed
     */
    public void setAvailable(boolean available) {
        synchronized (lock) {
            this.available = available;
        }
    }

    /**
     * The notifications delivered, once per key, in delivery order.
     *
     * @return a copy
     */
    public List<Notification> delivered() {
        synchronized (lock) {
            return List.copyOf(delivered);
        }
    }

    /**
     * Calls per idempotency key, failed ones included.
     *
     * @return a copy of the counts
     */
    public Map<String, Integer> callsPerKey() {
        synchronized (lock) {
            return Map.copyOf(calls);
        }
    }
}
