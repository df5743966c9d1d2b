package dev.escalation.model;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;

/**
 * An improvement agreed in a lessons-learned session, followed through after the escalation closes.
 *
 * <p>The owner is a staff member, a customer's contact or a plain name. Contacts and staff members are separate id
 * spaces, so an owner the engine records now carries its kind ({@link #ownerKind}: {@code CONTACT} or {@code STAFF}).
 * An owner without a kind (stored before, or a plain name nobody's id) is read with the old rule: the staff member of
 * that id if the staff directory knows one, else the customer's contact of that id, else nobody.
 *
 * @param description what will be improved (may be personal data: the customer's words)
 * @param owner       who owns it: a staff id, a contact id or a name, as the host chooses
 * @param due         when it should be done, if agreed
 * @param status      where it stands
 * @param ownerKind   whose id {@code owner} is ({@code CONTACT} or {@code STAFF}), or empty: an owner stored without a
 *                    kind or a plain name, read with the old rule
 */
public record ImprovementAction(
        String description, String owner, Optional<Instant> due, Status status, Optional<Party.Kind> ownerKind) {

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
     * @param ownerKind whose id {@code owner} is ({@code CONTACT} or {@code STAFF}), or empty
     * @throws NullPointerException if a component is null
     * @throws IllegalArgumentException if {@code ownerKind} is {@code EXTERNAL}
     */
    public ImprovementAction {
        requireNonNull(description, "description");
        requireNonNull(owner, "owner");
        requireNonNull(due, "due");
        requireNonNull(status, "status");
        requireNonNull(ownerKind, "ownerKind");
        if (ownerKind.isPresent() && ownerKind.get() == Party.Kind.EXTERNAL) {
            throw new IllegalArgumentException("an improvement action's owner is a contact or a staff member");
        }
    }

    /**
     * An action whose owner has no kind (read with the old rule, see the type's description).
     *
     * @param description what will be improved (may be personal data: the customer's words)
     * @param owner who owns it (a staff id, a contact id or a name, as the host chooses)
     * @param due when it should be done, if agreed
     * @param status where it stands
     */
    public ImprovementAction(String description, String owner, Optional<Instant> due, Status status) {
        this(description, owner, due, status, Optional.empty());
    }

    /**
     * This action with another status; the rest as it is.
     *
     * @param newStatus the status
     * @return the copy
     */
    public ImprovementAction withStatus(Status newStatus) {
        return new ImprovementAction(description, owner, due, newStatus, ownerKind);
    }

    /**
     * Whether the person of that kind and id may be this action's owner, by the stores' rule (which reads no
     * directory): the owner is their id and, if the owner has a kind, it is theirs. An owner without a kind may be
     * the contact or the staff member of its id alike (only the engine, asking the staff directory, tells which).
     *
     * @param kind the person's kind
     * @param id   the person's id
     * @return whether they may own it
     */
    public boolean mayBeOwnedBy(Party.Kind kind, String id) {
        return owner.equals(id) && (ownerKind.isEmpty() || ownerKind.get() == kind);
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
