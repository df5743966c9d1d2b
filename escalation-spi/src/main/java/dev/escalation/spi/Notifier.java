package dev.escalation.spi;

/**
 * Delivers notifications (e-mail, SMS, portal messages).
 *
 * <p>The engine calls {@link #send} from its outbox dispatcher, at least once per notification: a call that throws
 * is retried later with the same {@link Notification#idempotencyKey()}; a call that returned normally is not
 * repeated unless the dispatcher's lease expired first. Throw {@link PermanentDeliveryException} when retrying
 * cannot help. Never swallow a failure: a notification that silently vanishes is lost.
 *
 * <p>Implementations must be thread-safe.
 */
public interface Notifier {

    /**
     * Delivers one notification.
     *
     * @param notification what to deliver
     * @throws PermanentDeliveryException if retrying cannot help
     * @throws RuntimeException on any other failure; the engine retries
     */
    void send(Notification notification);

    /**
     * Whether this notifier turns repeated calls with one idempotency key into one effect (optional capability).
     *
     * @return {@code false} unless overridden
     */
    default boolean deduplicatesByIdempotencyKey() {
        return false;
    }
}
