package dev.escalation;

import dev.escalation.model.EscalationId;
import java.util.List;

/**
 * {@link EscalationOperations#erasePerson} was refused: the person is involved in escalations that are still open
 * (not closed or withdrawn). Erase them after those escalations are closed or withdrawn (for staff: after another
 * manager was appointed and the escalation closed). Nothing was changed. Not retryable as is.
 */
public final class PersonInOpenEscalationException extends EscalationException {
    private static final long serialVersionUID = 1L;

    private final transient List<EscalationId> open;

    PersonInOpenEscalationException(List<EscalationId> open) {
        super("the person is involved in " + open.size() + " open escalation(s): " + open);
        this.open = List.copyOf(open);
    }

    /**
     * The open escalations that block the erasure.
     *
     * @return their ids, in id order
     */
    public List<EscalationId> open() {
        return open;
    }

    @Override
    public String code() {
        return "PERSON_IN_OPEN_ESCALATION";
    }
}
