package dev.escalation.benchmarks.sdk;

import dev.escalation.model.DeliveryChannel;
import dev.escalation.spi.Capability;
import dev.escalation.spi.Notification;
import dev.escalation.spi.Notifier;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;

/** A notifier that only counts what it is given: the outbox is drained, nothing is kept. */
public final class NoOpNotifier implements Notifier {
    private final LongAdder sent = new LongAdder();

    @Override
    public void send(Notification notification) {
        sent.increment();
    }

    @Override
    public Set<DeliveryChannel> channels() {
        return Set.of(DeliveryChannel.EMAIL);
    }

    @Override
    public Set<Capability> capabilities() {
        return Set.of(Capability.DEDUPLICATES_BY_KEY);
    }

    /**
     * @return notifications received
     */
    public long sent() {
        return sent.sum();
    }
}
