package dev.escalation.model;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;

/**
 * An improvement agreed in a lessons-learned session, followed through after the escalation closes.
 *
 * @param description what will be improved (may be personal data: the customer's words)
 * @param owner       who owns it: a staff id, a contact id or a name, as the host chooses (the engine reads an id the
 *                    staff directory knows as that staff member's, else as the customer's contact's)
 * @param due         when it should be done, if agreed
 * @param status      where it stands
 */
public record ImprovementAction(String description, String owner, Optional<Instant> due, Status status) {

    /** Where an improvement action stands. Stable codes: stores persist the name. */
    public enum Status {
        /** Agreed, not done yet. */
        OPEN,
        /** Done. */
        DONE,
        /** Dropped by agreement. */
        DROPPED
    }

    /**
     * Validates the components.
     *
     * @param description what will be improved (may be personal data: the customer's words)
     * @param owner who owns it (a staff id, a contact id or a name, as the host chooses)
     * @param due when it should be done, if agreed
     * @param status where it stands
     * @throws NullPointerException if a component is null
     */
    public ImprovementAction {
        requireNonNull(description, "description");
        requireNonNull(owner, "owner");
        requireNonNull(due, "due");
        requireNonNull(status, "status");
    }

    /**
     * An open action without a due date.
     *
     * @param description what will be improved
     * @param owner       who owns it
     */
    public ImprovementAction(String description, String owner) {
        this(description, owner, Optional.empty(), Status.OPEN);
    }
}
