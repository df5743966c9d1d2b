package dev.escalation.spi;

import dev.escalation.model.EscalationId;

/**
 * Thrown by {@link EscalationStore#create} when the customer already has an escalation created by the same submission
 * key (a repeated "Escalate Case" request). Nothing was written.
 */
public class SubmissionExistsException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient EscalationId existing;

    /**
     * Creates the exception.
     *
     * @param existing the escalation the key created
     */
    public SubmissionExistsException(EscalationId existing) {
        super("the submission already created escalation " + existing);
        this.existing = existing;
    }

    /**
     * The escalation the submission key created.
     *
     * @return its id
     */
    public EscalationId existing() {
        return existing;
    }
}
