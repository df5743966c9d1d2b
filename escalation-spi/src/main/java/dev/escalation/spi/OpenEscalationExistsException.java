package dev.escalation.spi;

import dev.escalation.model.CaseId;
import dev.escalation.model.EscalationId;

/**
 * Thrown by {@link EscalationStore#create} when the case already has an open escalation. Nothing was written.
 */
public class OpenEscalationExistsException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient CaseId caseId;
    private final transient EscalationId existing;

    /**
     * Creates the exception.
     *
     * @param caseId   the case
     * @param existing its open escalation
     */
    public OpenEscalationExistsException(CaseId caseId, EscalationId existing) {
        super("case " + caseId + " already has the open escalation " + existing);
        this.caseId = caseId;
        this.existing = existing;
    }

    /**
     * The case.
     *
     * @return its id
     */
    public CaseId caseId() {
        return caseId;
    }

    /**
     * The open escalation of the case.
     *
     * @return its id
     */
    public EscalationId existing() {
        return existing;
    }
}
