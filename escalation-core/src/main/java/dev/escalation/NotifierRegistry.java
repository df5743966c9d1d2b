package dev.escalation;

import dev.escalation.model.DeliveryChannel;
import dev.escalation.spi.Notifier;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The notifiers registered with an {@link EscalationEngineBuilder}: one per channel. Not thread-safe. */
final class NotifierRegistry {
    private final Map<DeliveryChannel, Notifier> byChannel = new EnumMap<>(DeliveryChannel.class);
    private final List<String> conflicts = new ArrayList<>();

    /**
     * Registers a notifier for each of its channels; a second notifier for a channel is reported by {@link #resolve}.
     *
     * @throws IllegalArgumentException if the notifier declares no channel
     */
    void add(Notifier notifier) {
        Set<DeliveryChannel> channels = notifier.channels();
        if (channels == null || channels.isEmpty()) {
            throw new IllegalArgumentException("notifier " + notifier.getClass().getName() + " declares no channel");
        }
        for (DeliveryChannel c : channels) {
            Notifier earlier = byChannel.putIfAbsent(c, notifier);
            if (earlier != null && earlier != notifier) {
                conflicts.add(c + " (" + earlier.getClass().getName() + " and "
                        + notifier.getClass().getName() + ")");
            }
        }
    }

    boolean isEmpty() {
        return byChannel.isEmpty();
    }

    /**
     * The notifier of each channel.
     *
     * @throws IllegalStateException if two notifiers were registered for one channel
     */
    Map<DeliveryChannel, Notifier> resolve() {
        if (!conflicts.isEmpty()) {
            throw new IllegalStateException("one notifier per channel: two notifiers were registered for " + conflicts);
        }
        return Map.copyOf(byChannel);
    }
}
