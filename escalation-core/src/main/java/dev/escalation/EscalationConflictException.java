package dev.escalation;

import dev.escalation.model.EscalationId;

/**
 * Somebody else changed the escalation between this call's read and its write. Nothing was applied; reload and
 * decide again (retryable).
 */
public final class EscalationConflictException extends EscalationException {
    private static final long serialVersionUID = 1L;

    private final transient EscalationId escalation;

    EscalationConflictException(EscalationId escalation, Throwable cause) {
        super("escalation " + escalation + " was changed by someone else meanwhile; reload it and try again", cause);
        this.escalation = escalation;
    }

    /**
     * The escalation.
     *
     * @return its id
     */
    public EscalationId escalation() {
        return escalation;
    }

    @Override
    public String code() {
        return "CONFLICT";
    }

    @Override
    public boolean isRetryable() {
        return true;
    }
}
