package dev.escalation.spi;

import dev.escalation.model.DeliveryChannel;
import java.util.Set;

/**
 * Delivers rendered notifications on one or more channels (e-mail, SMS, portal messages). The host configures one
 * notifier per channel; a notification goes to the notifier of its channel.
 *
 * <p>The engine calls {@link #send} from its outbox dispatcher, at least once per notification: a call that throws
 * is retried later with the same {@link Notification#idempotencyKey()}; a call that returned normally is not repeated
 * unless the dispatcher's lease expired first. Throw {@link PermanentDeliveryException} when retrying cannot help.
 * Never swallow a failure: a notification that silently vanishes is lost.
 *
 * <p>Implementations must be thread-safe.
 */
public interface Notifier {

    /**
     * Delivers one notification.
     *
     * @param notification what to deliver; its channel is one of {@link #channels()}
     * @throws PermanentDeliveryException if retrying cannot help
     * @throws RuntimeException on any other failure; the engine retries
     */
    void send(Notification notification);

    /**
     * The channels this notifier delivers on.
     *
     * @return the channels; by default e-mail
     */
    default Set<DeliveryChannel> channels() {
        return Set.of(DeliveryChannel.EMAIL);
    }

    /**
     * Optional capabilities: {@link Capability#DEDUPLICATES_BY_KEY}.
     *
     * @return the declared capabilities; none by default
     */
    default Set<Capability> capabilities() {
        return Set.of();
    }
}
