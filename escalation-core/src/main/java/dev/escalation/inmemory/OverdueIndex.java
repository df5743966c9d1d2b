package dev.escalation.inmemory;

import dev.escalation.model.EscalationId;
import dev.escalation.model.PageCursor;
import dev.escalation.spi.EscalationFacts;
import dev.escalation.spi.StoredEscalation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * The in-memory index of {@code EscalationQueries.overdue}: every open escalation that has an
 * {@link dev.escalation.model.EscalationSummary#overdueSince() overdueSince}, sorted by (overdueSince, id). A page is
 * a logarithmic search for its start and then one visit per returned entry plus one to detect the end, whatever the
 * number of escalations. A red-black tree ({@link TreeSet}): the search costs at most its height, at most
 * 2·log2(n + 1) comparisons, and the cost of a page does not depend on chance (a skip list's does). Each entry holds
 * the escalation's {@link Slot}, so a page reads the escalations without a look-up by id. Not thread-safe: the caller
 * keeps it in step with every write and serialises writes against reads ({@link Listings} applies the queued moves of
 * writers under its overdue lock).
 */
final class OverdueIndex {

    /** An entry: since when the escalation is overdue, its id, and its slot (null only in index-only tests). */
    record Key(Instant since, String id, @Nullable Slot slot) {}

    /** (since, id): the order of the query's pages and cursors. */
    private static final Comparator<Key> ORDER = (a, b) -> {
        int c = a.since.compareTo(b.since);
        return c != 0 ? c : a.id.compareTo(b.id);
    };

    /** Counts what a query visits (tests prove the page cost); {@link #NONE} in production. */
    interface Visits {
        /** Called once per comparison made by the index's ordering and once per entry a query iterates over. */
        void visit();
    }

    /** Counts nothing. */
    static final Visits NONE = () -> {};

    private final TreeSet<Key> index;
    private final Visits visits;

    OverdueIndex() {
        this(NONE);
    }

    OverdueIndex(Visits visits) {
        this.visits = visits;
        this.index = new TreeSet<>(
                visits == NONE
                        ? ORDER
                        : (a, b) -> {
                            visits.visit();
                            return ORDER.compare(a, b);
                        });
    }

    /**
     * Moves an escalation from its old position (if any) to its new one (if any); {@code slot} holds it (read by
     * pages; null only in tests of the index alone).
     */
    void move(EscalationId id, @Nullable Slot slot, @Nullable Instant from, @Nullable Instant to) {
        if (Objects.equals(from, to)) {
            return;
        }
        if (from != null) {
            index.remove(new Key(from, id.value(), null));
        }
        if (to != null) {
            index.add(new Key(to, id.value(), slot));
        }
    }

    /** As {@link #move(EscalationId, Slot, Optional, Optional)} without a slot (tests of the index alone). */
    void move(EscalationId id, Optional<Instant> from, Optional<Instant> to) {
        move(id, null, from.orElse(null), to.orElse(null));
    }

    /** How many escalations are indexed. */
    int size() {
        return index.size();
    }

    /**
     * The first {@code limit} entries strictly after {@code after} (or from the start) whose instant is not after
     * {@code now} and which {@code current} confirms (an entry is skipped if the escalation is gone or moved);
     * {@code limit + 1} entries at most are returned, the last one only to tell that there are more.
     */
    List<Key> page(Instant now, Optional<PageCursor> after, int limit, Predicate<Key> current) {
        NavigableSet<Key> tail = after.isPresent()
                ? index.tailSet(new Key(after.get().at(), after.get().id(), null), false)
                : index;
        List<Key> result = new ArrayList<>(limit + 1);
        for (Key k : tail) {
            visits.visit();
            if (k.since().isAfter(now)) {
                break;
            }
            if (current.test(k)) {
                result.add(k);
                if (result.size() > limit) {
                    break;
                }
            }
        }
        return result;
    }

    /**
     * {@code s.summary().overdueSince()} without building the summary (the index's key of {@code s}), or null where
     * that is empty: the earlier of the counting next deadline and the next meeting, for an open escalation. Equal to
     * the summary's rule on every input (a property test compares them).
     */
    static @Nullable Instant overdueSince(StoredEscalation s) {
        EscalationFacts f = s.facts();
        return CompactRecord.overdueSince(
                s.state(),
                f.nextMeetingAt().orElse(null),
                f.nextDeadline().orElse(null),
                f.pausedSince().orElse(null));
    }
}
