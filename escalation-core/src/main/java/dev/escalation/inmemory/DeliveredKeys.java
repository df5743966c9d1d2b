package dev.escalation.inmemory;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * The idempotency keys of delivered messages, remembered in delivery order until they are forgotten (after the
 * de-duplication window). Not thread-safe: guarded by the {@link InMemoryOutbox}'s lock.
 */
final class DeliveredKeys {

    private record Delivered(String key, Instant at) {}

    private final Map<String, Instant> keys = new HashMap<>();
    private final ArrayDeque<Delivered> order = new ArrayDeque<>();

    boolean contains(String key) {
        return keys.containsKey(key);
    }

    void remember(String key, Instant deliveredAt) {
        keys.put(key, deliveredAt);
        order.addLast(new Delivered(key, deliveredAt));
    }

    /** Forgets up to {@code limit} keys delivered before {@code cutoff}, oldest first; returns how many. */
    int forgetBefore(Instant cutoff, int limit) {
        int forgotten = 0;
        while (forgotten < limit && !order.isEmpty() && order.peekFirst().at().isBefore(cutoff)) {
            Delivered d = order.removeFirst();
            if (keys.remove(d.key(), d.at())) {
                forgotten++;
            }
        }
        return forgotten;
    }
}
