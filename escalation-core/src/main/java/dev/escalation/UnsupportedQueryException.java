package dev.escalation;

/**
 * The store cannot answer this query: filtered, sorted or counted reads ({@link DeskQuery}, a {@link CustomerQuery}
 * with filters, {@link EscalationEngine#openEscalationOfCase}) need a store that declares the {@code QUERIES}
 * capability. Not retryable: the same call fails the same way until the engine runs on such a store. The plain lists
 * ({@link CustomerQuery#all()}, {@link EscalationOperations#inbox(Actor, java.util.Set,
 * dev.escalation.model.PageRequest)}) work on every store.
 */
public final class UnsupportedQueryException extends EscalationException {
    private static final long serialVersionUID = 1L;

    UnsupportedQueryException(String message) {
        super(message);
    }

    @Override
    public String code() {
        return "UNSUPPORTED_QUERY";
    }
}
