package dev.escalation.spi;

import dev.escalation.model.EscalationId;

/**
 * Thrown by {@link EscalationStore#changeForCustomer} or {@link EscalationStore#changeForVendor} when a store that does
 * not serialise the changes of one escalation finds that the stored version is not the one the write expected: somebody
 * else changed the escalation first. The store is unchanged; nothing of the write, not even its outbox messages,
 * was applied.
 */
public class StaleVersionException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient EscalationId escalation;
    private final transient long expectedVersion;

    /**
     * Creates the exception.
     *
     * @param escalation      the escalation
     * @param expectedVersion the version the write expected to replace
     */
    public StaleVersionException(EscalationId escalation, long expectedVersion) {
        super("escalation " + escalation + " is no longer at version " + expectedVersion);
        this.escalation = escalation;
        this.expectedVersion = expectedVersion;
    }

    /**
     * The escalation.
     *
     * @return its id
     */
    public EscalationId escalation() {
        return escalation;
    }

    /**
     * The version the write expected to replace.
     *
     * @return the version
     */
    public long expectedVersion() {
        return expectedVersion;
    }
}
