package dev.escalation.examples.redmine;

import org.jspecify.annotations.Nullable;

/**
 * A Redmine call failed in a way that may go away: the server was unreachable or timed out, or answered with a
 * 5xx, 408, 409, 425 or 429 status. The engine retries the ticket command with the same idempotency key.
 * Failures that cannot succeed on retry are {@link dev.escalation.spi.PermanentDeliveryException}s instead.
 *
 * <p>The message names the HTTP method, the path (never a query string, which may hold an e-mail address) and
 * the status; it never contains personal data.
 */
public class RedmineException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The HTTP status, or 0 if no response arrived. */
    private final int status;

    /**
     * Creates the exception.
     *
     * @param message what failed (no personal data)
     * @param status  the HTTP status, or {@code 0} if no response arrived
     * @param cause   the underlying failure, or {@code null}
     */
    public RedmineException(String message, int status, @Nullable Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    /**
     * The HTTP status Redmine answered with.
     *
     * @return the status, or {@code 0} if no response arrived (connection refused, time-out)
     */
    public int status() {
        return status;
    }
}
