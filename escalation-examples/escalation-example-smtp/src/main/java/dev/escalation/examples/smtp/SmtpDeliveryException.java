package dev.escalation.examples.smtp;

import org.jspecify.annotations.Nullable;

/**
 * A delivery failure that may go away: the SMTP server was unreachable, timed out or answered with a transient
 * (4xx) reply. The engine retries the notification with the same idempotency key (and so the same Message-ID).
 * The message names the escalation, kind and Message-ID, never an address or text.
 */
public class SmtpDeliveryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what failed (no personal data)
     * @param cause   the Jakarta Mail failure, or {@code null} where it would carry an address (a server's reply)
     */
    public SmtpDeliveryException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
