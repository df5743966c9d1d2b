package dev.escalation;

import static java.util.Objects.requireNonNull;

import dev.escalation.spi.internal.Copies;
import java.util.List;

/**
 * A slice of the change feed: every committed create or change of an escalation appears exactly once, in an order
 * consistent with each escalation's versions. Pass {@link #cursor()} to the next
 * {@link EscalationOperations#changesSince} call; store it only after processing the changes, so a crash repeats them
 * rather than losing them.
 *
 * @param changes the changes, in feed order
 * @param cursor  an opaque cursor to continue from (the same one when nothing new was visible)
 */
public record ChangeFeed(List<EscalationChange> changes, String cursor) {

    /** The cursor of the feed's start. */
    public static final String START = "";

    /**
     * Validates and copies the components.
     *
     * @param changes the changes, in feed order
     * @param cursor an opaque cursor to continue from (the same one when nothing new was visible)
     * @throws NullPointerException if a component is null
     */
    public ChangeFeed {
        changes = Copies.list(changes, "changes");
        requireNonNull(cursor, "cursor");
    }
}
