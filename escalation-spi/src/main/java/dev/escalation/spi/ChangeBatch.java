package dev.escalation.spi;

import static java.util.Objects.requireNonNull;

import dev.escalation.spi.internal.Copies;
import java.util.List;

/**
 * A slice of the change feed.
 *
 * @param changes the changes, in feed order
 * @param cursor  an opaque cursor to pass to the next {@link EscalationStore#changesSince} call (the same cursor if
 *                nothing new was visible)
 */
public record ChangeBatch(List<Change> changes, String cursor) {

    /** The cursor of the feed's start. */
    public static final String START = "";

    /**
     * Validates and copies the components.
     *
     * @param changes the changes, in feed order
     * @param cursor an opaque cursor to pass to the next {@link EscalationStore#changesSince} call (the same cursor if
     *     nothing new was visible)
     * @throws NullPointerException if a component is null
     */
    public ChangeBatch {
        changes = Copies.list(changes, "changes");
        requireNonNull(cursor, "cursor");
    }
}
