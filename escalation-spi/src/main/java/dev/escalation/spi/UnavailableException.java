package dev.escalation.spi;

/**
 * Thrown by a store or a directory that cannot answer now (connection refused, timeout), and by a business calendar
 * whose holiday source fails. Retryable: the operation had no effect. Adapters wrap their own failures in it; the
 * engine reports it to the caller as retryable and applies nothing.
 */
public class UnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was unavailable (no personal data)
     * @param cause   the underlying failure, or {@code null}
     */
    public UnavailableException(String message, @org.jspecify.annotations.Nullable Throwable cause) {
        super(message, cause);
    }
}
