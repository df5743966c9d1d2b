package dev.escalation;

/**
 * The store or a directory could not answer. Nothing was applied; the call may be tried again later.
 */
public final class EscalationUnavailableException extends EscalationException {
    private static final long serialVersionUID = 1L;

    EscalationUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public String code() {
        return "UNAVAILABLE";
    }

    @Override
    public boolean isRetryable() {
        return true;
    }
}
