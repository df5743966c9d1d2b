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
 * readers stop at the first gap. Thread-safe and lock-free, kept column-wise ({@link AppendColumns}: the escalation
 * and customer references, the version with the state's ordinal, and the instant as nanoseconds from the epoch, 24
 * bytes a change, no object per change and no {@link Instant} kept). A change whose version or instant does not fit
 * these longs is kept whole in the customer column.
 */
final class ChangeFeed {

    private static final EscalationState[] STATES = EscalationState.values();
    private static final long NANOS = 1_000_000_000L;
    /** Epoch seconds whose instant fits a long of nanoseconds, with room to spare (years 1678 to 2261). */
    private static final long MAX_SECONDS = 9_000_000_000L;

    private final AppendColumns feed = new AppendColumns(2, 2);

    /** Appends the change that produced {@code s}. */
    void publish(StoredEscalation s) {
        long version = s.version();
        Instant at = s.updatedAt();
        long seconds = at.getEpochSecond();
        if (version < 0 || version >= 1L << 55 || seconds < -MAX_SECONDS || seconds > MAX_SECONDS) {
            feed.append(s.id(), new Change(s.id(), s.customer(), version, s.state(), at), null, null, 0, 0, 0);
            return;
        }
        feed.append(
                s.id(),
                s.customer(),
                null,
                null,
                version << 8 | s.state().ordinal(),
                seconds * NANOS + at.getNano(),
                0);
    }

    /** The change of a row read. */
    private static Change change(Object[] refs, long[] longs) {
        if (refs[1] instanceof Change wide) {
            return wide;
        }
        Instant at = Instant.ofEpochSecond(Math.floorDiv(longs[1], NANOS), Math.floorMod(longs[1], NANOS));
        return new Change(
                (EscalationId) refs[0], (CustomerId) refs[1], longs[0] >>> 8, STATES[(int) (longs[0] & 0xff)], at);
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
        // a position beyond the feed, or another spelling of one (+2, 02, other digits), was never issued
        if (after < 0 || after > feed.size() || !(after == 0 || cursor.equals(Long.toString(after)))) {
            throw new IllegalArgumentException("not a cursor of this store");
        }
        List<Change> changes = new ArrayList<>(Math.min(limit, 64));
        long position = after;
        Object[] refs = new Object[AppendColumns.REFS];
        long[] longs = new long[AppendColumns.LONGS];
        // a position is reserved before its change is put: stop at the first gap, it fills in a moment
        while (changes.size() < limit && feed.read(position + 1, refs, longs)) {
            changes.add(change(refs, longs));
            position++;
        }
        return new ChangeBatch(changes, position == 0 ? ChangeBatch.START : Long.toString(position));
    }
}
