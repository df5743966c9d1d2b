package dev.escalation;

import dev.escalation.model.DeliveryChannel;
import dev.escalation.spi.CustomerDirectory;
import dev.escalation.spi.Notifier;
import dev.escalation.spi.PortalMessages;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The notifiers registered with an {@link EscalationEngineBuilder}: one per channel. Not thread-safe. */
final class NotifierRegistry {
    private final Map<DeliveryChannel, Notifier> byChannel = new EnumMap<>(DeliveryChannel.class);
    private final List<String> conflicts = new ArrayList<>();
    private Optional<PortalMessages> portal = Optional.empty();

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

    /** Turns the built-in notifier of {@link DeliveryChannel#PORTAL} on, storing into {@code messages}. */
    void portal(PortalMessages messages) {
        this.portal = Optional.of(messages);
    }

    Optional<PortalMessages> portal() {
        return portal;
    }

    boolean isEmpty() {
        return byChannel.isEmpty() && portal.isEmpty();
    }

    /**
     * The notifier of each channel, the built-in portal notifier included.
     *
     * @throws IllegalStateException if two notifiers were registered for one channel
     */
    Map<DeliveryChannel, Notifier> resolve(Clock clock, CustomerDirectory customers) {
        List<String> all = new ArrayList<>(conflicts);
        Map<DeliveryChannel, Notifier> resolved = new EnumMap<>(byChannel);
        if (portal.isPresent()
                && resolved.put(DeliveryChannel.PORTAL, new PortalNotifier(portal.get(), clock, customers)) != null) {
            all.add(DeliveryChannel.PORTAL + " ("
                    + byChannel.get(DeliveryChannel.PORTAL).getClass().getName()
                    + " and the built-in notifier of portalMessages(…))");
        }
        if (!all.isEmpty()) {
            throw new IllegalStateException("one notifier per channel: two notifiers were registered for " + all);
        }
        return Map.copyOf(resolved);
    }
}
