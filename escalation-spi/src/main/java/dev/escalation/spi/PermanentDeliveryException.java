package dev.escalation.spi;

/**
 * Thrown by a {@link Notifier} or {@link Ticketing} adapter when retrying cannot help (for example an address the
 * mail server rejects for good). The engine dead-letters the message at once instead of retrying; every other
 * exception is retried with backoff.
 */
public class PermanentDeliveryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message why (no personal data)
     * @param cause   the underlying failure, or {@code null}
     */
    public PermanentDeliveryException(String message, @org.jspecify.annotations.Nullable Throwable cause) {
        super(message, cause);
    }
}
