package dev.escalation.model;

import static java.util.Objects.requireNonNull;

/**
 * An improvement agreed in a lessons-learned session.
 *
 * @param description what will be improved
 * @param owner       who owns it (a name or an id, as the host chooses)
 */
public record ImprovementAction(String description, String owner) {

    /**
     * Validates the components.
     *
     * @throws NullPointerException if a component is null
     */
    public ImprovementAction {
        requireNonNull(description, "description");
        requireNonNull(owner, "owner");
    }
}
