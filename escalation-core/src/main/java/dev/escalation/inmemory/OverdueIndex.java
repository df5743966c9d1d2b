package dev.escalation.inmemory;

import dev.escalation.model.EscalationId;
import dev.escalation.model.PageCursor;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * The in-memory index of {@code EscalationQueries.overdue}: every open escalation that has an
 * {@link dev.escalation.model.EscalationSummary#overdueSince() overdueSince}, sorted by (overdueSince, id). A page is
 * a logarithmic search for its start and then one visit per returned entry plus one to detect the end, whatever the
 * number of escalations. A red-black tree ({@link TreeSet}): the search costs at most its height, at most
 * 2·log2(n + 1) comparisons, and the cost of a page does not depend on chance (a skip list's does). Not thread-safe:
 * the caller keeps it in step with every write and serialises writes against reads ({@link Listings} applies the
 * queued moves of writers under its overdue lock).
 */
final class OverdueIndex {

    /** An entry: since when the escalation is overdue, and its id. */
    record Key(Instant since, String id) {}

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
        Comparator<Key> order = Comparator.comparing(Key::since).thenComparing(Key::id);
        this.index = new TreeSet<>(
                visits == NONE
                        ? order
                        : (a, b) -> {
                            visits.visit();
                            return order.compare(a, b);
                        });
    }

    /** Moves an escalation from its old position (if any) to its new one (if any). */
    void move(EscalationId id, Optional<Instant> from, Optional<Instant> to) {
        if (from.equals(to)) {
            return;
        }
        from.ifPresent(at -> index.remove(new Key(at, id.value())));
        to.ifPresent(at -> index.add(new Key(at, id.value())));
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
                ? index.tailSet(new Key(after.get().at(), after.get().id()), false)
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
}
