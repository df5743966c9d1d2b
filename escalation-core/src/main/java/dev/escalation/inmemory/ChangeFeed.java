package dev.escalation.inmemory;

import dev.escalation.model.CustomerId;
import dev.escalation.model.EscalationId;
import dev.escalation.model.EscalationState;
import dev.escalation.model.PageRequest;
import dev.escalation.spi.Change;
import dev.escalation.spi.ChangeBatch;
import dev.escalation.spi.StoredEscalation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The change feed of the {@link InMemoryEscalationStore}: positions are reserved right after a write is applied;
 * readers stop at the first gap. Thread-safe and lock-free, kept column-wise ({@link AppendColumns}: the escalation,
 * customer, instant and state references and the version, 24 bytes a change, no object per change).
 */
final class ChangeFeed {

    private final AppendColumns feed = new AppendColumns(4, 1);

    /** Appends the change that produced {@code s}. */
    void publish(StoredEscalation s) {
        feed.append(s.id(), s.customer(), s.updatedAt(), s.state(), s.version(), 0, 0);
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
        Object[] refs = new Object[AppendColumns.REFS];
        long[] longs = new long[AppendColumns.LONGS];
        // a position is reserved before its change is put: stop at the first gap, it fills in a moment
        while (changes.size() < limit && feed.read(position + 1, refs, longs)) {
            changes.add(new Change(
                    (EscalationId) refs[0], (CustomerId) refs[1], longs[0], (EscalationState) refs[3], (Instant)
                            refs[2]));
            position++;
        }
        return new ChangeBatch(changes, position == 0 ? ChangeBatch.START : Long.toString(position));
    }
}
