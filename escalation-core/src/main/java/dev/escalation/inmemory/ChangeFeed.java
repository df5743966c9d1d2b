package dev.escalation.inmemory;

import dev.escalation.model.PageRequest;
import dev.escalation.spi.Change;
import dev.escalation.spi.ChangeBatch;
import dev.escalation.spi.StoredEscalation;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The change feed of the {@link InMemoryEscalationStore}: positions are reserved right after a write is applied;
 * readers stop at the first gap. Thread-safe and lock-free (an {@link AppendLog}: one reference per change).
 */
final class ChangeFeed {

    private final AppendLog<Change> feed = new AppendLog<>();

    /** Appends the change that produced {@code s}. */
    void publish(StoredEscalation s) {
        feed.append(new Change(s.id(), s.customer(), s.version(), s.state(), s.updatedAt()));
    }

    /** See {@link dev.escalation.spi.EscalationStore#changesSince(String, int)}. */
    ChangeBatch changesSince(String cursor, int limit) {
        Objects.requireNonNull(cursor, "cursor");
        if (limit < 1 || limit > PageRequest.MAX_SIZE) {
            throw new IllegalArgumentException("limit must be between 1 and " + PageRequest.MAX_SIZE + ": " + limit);
        }
        long after;
        try {
            after = cursor.isEmpty() ? 0 : Long.parseLong(cursor);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a cursor of this store", e);
        }
        if (after < 0) {
            throw new IllegalArgumentException("not a cursor of this store");
        }
        List<Change> changes = new ArrayList<>(Math.min(limit, 64));
        long position = after;
        // a position is reserved before its change is put: stop at the first gap, it fills in a moment
        while (changes.size() < limit) {
            Change c = feed.get(position + 1);
            if (c == null) {
                break;
            }
            changes.add(c);
            position++;
        }
        return new ChangeBatch(changes, position == 0 ? ChangeBatch.START : Long.toString(position));
    }
}
