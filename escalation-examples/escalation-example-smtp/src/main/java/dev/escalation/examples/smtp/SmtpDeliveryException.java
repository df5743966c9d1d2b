package dev.escalation.examples.smtp;

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
     * @param cause   the Jakarta Mail failure
     */
    public SmtpDeliveryException(String message, Throwable cause) {
        super(message, cause);
    }
}
