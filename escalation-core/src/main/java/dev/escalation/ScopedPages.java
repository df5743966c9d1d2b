package dev.escalation;

import dev.escalation.model.Page;
import dev.escalation.model.PageCursor;
import dev.escalation.model.PageRequest;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Pages read from a port that answers one scope (a customer's escalations, a recipient's messages) but may break it:
 * the engine keeps the rows of the scope only, and never passes on a port's cursor that is not the last kept row's,
 * since that cursor names the position of a row of another scope (its instant and id): a row the port returned and
 * the engine dropped, or one the port itself read and dropped (a port that filters its page after paging). The next
 * cursor is made of the last row kept, which the port's own order (by instant, then id) continues from; a page holding
 * no row of the scope is skipped here, up to {@value #MAX_READS} reads per call (a port that keeps answering other
 * scopes gives an empty last page, not an endless loop).
 */
final class ScopedPages {
    /** The most pages one call reads from a port that answers other scopes' rows only. */
    static final int MAX_READS = 64;

    private ScopedPages() {}

    /**
     * @param name     which read, for the warning logged when rows are dropped ({@link StoreRows#dropped})
     * @param page     what the caller asked for
     * @param read     one read of the port (through {@link Workflow#call}: its failures are typed)
     * @param mine     whether a row belongs to the caller's scope
     * @param cursorOf the cursor of a row, as the port makes it
     * @return the caller's rows of the page, at most {@code page.size()}, with a cursor that names only their rows
     */
    static <T> Page<T> read(
            String name,
            PageRequest page,
            Function<PageRequest, Page<T>> read,
            Predicate<T> mine,
            Function<T, PageCursor> cursorOf) {
        PageRequest at = page;
        for (int reads = 0; reads < MAX_READS; reads++) {
            PageRequest current = at;
            Page<T> raw = Workflow.call(() -> read.apply(current));
            List<T> own = raw.items().stream().limit(page.size()).filter(mine).toList();
            long checked = Math.min(raw.items().size(), page.size());
            if (own.size() < checked) {
                StoreRows.dropped(name, checked - own.size());
            }
            if (own.isEmpty() && raw.next().isPresent() && !raw.next().equals(current.after())) {
                at = PageRequest.after(raw.next().get(), page.size()); // other scopes' rows only: read on here
                continue;
            }
            // never the port's cursor: a port that filtered its page afterwards names the last row it read in it
            Optional<PageCursor> next = own.isEmpty() || raw.next().isEmpty()
                    ? Optional.empty()
                    : Optional.of(cursorOf.apply(own.get(own.size() - 1)));
            boolean kept = own.size() == raw.items().size() && next.equals(raw.next()); // the port kept to its scope
            return StoreRows.movedOn(name, page, kept ? raw : new Page<>(own, next));
        }
        return new Page<>(List.of(), Optional.empty());
    }
}
