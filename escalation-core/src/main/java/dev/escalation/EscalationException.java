package dev.escalation;

/**
 * The root of every exception the engine throws on purpose. Each subclass has a stable {@link #code()} a portal can
 * translate, and a message a person can read. No exception of this family has changed anything.
 */
public abstract class EscalationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    EscalationException(String message, Throwable cause) {
        super(message, cause);
    }

    EscalationException(String message) {
        super(message);
    }

    /**
     * A stable code for this kind of refusal, such as {@code "NOT_FOUND"}.
     *
     * @return the code
     */
    public abstract String code();

    /**
     * Whether the same call may succeed when tried again unchanged (the store or a directory was unavailable, or
     * another change came first).
     *
     * @return {@code false} unless overridden
     */
    public boolean isRetryable() {
        return false;
    }
}
