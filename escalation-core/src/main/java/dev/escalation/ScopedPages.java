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
 * the engine keeps the rows of the scope only, and never passes on the port's cursor when it dropped a row, since that
 * cursor names the position of a row of another scope (its instant and id). The next cursor is then made of the last
 * row kept, which the port's own order (by instant, then id) continues from; a page holding only other scopes' rows is
 * skipped here, up to {@value #MAX_READS} reads per call (a port that keeps answering other scopes gives an empty
 * last page, not an endless loop).
 */
final class ScopedPages {
    /** The most pages one call reads from a port that answers other scopes' rows only. */
    static final int MAX_READS = 64;

    private ScopedPages() {}

    /**
     * @param page     what the caller asked for
     * @param read     one read of the port (through {@link Workflow#call}: its failures are typed)
     * @param mine     whether a row belongs to the caller's scope
     * @param cursorOf the cursor of a row, as the port makes it
     * @return the caller's rows of the page, at most {@code page.size()}, with a cursor that names only their rows
     */
    static <T> Page<T> read(
            PageRequest page,
            Function<PageRequest, Page<T>> read,
            Predicate<T> mine,
            Function<T, PageCursor> cursorOf) {
        PageRequest at = page;
        for (int reads = 0; reads < MAX_READS; reads++) {
            PageRequest current = at;
            Page<T> raw = Workflow.call(() -> read.apply(current));
            if (raw.items().size() <= page.size() && raw.items().stream().allMatch(mine)) {
                return raw; // the port kept to its scope
            }
            List<T> own = raw.items().stream().limit(page.size()).filter(mine).toList();
            if (!own.isEmpty() || raw.next().isEmpty() || raw.next().equals(current.after())) {
                Optional<PageCursor> next = own.isEmpty() || raw.next().isEmpty()
                        ? Optional.empty()
                        : Optional.of(cursorOf.apply(own.get(own.size() - 1)));
                return new Page<>(own, next);
            }
            at = PageRequest.after(raw.next().get(), page.size()); // other scopes' rows only: read on here
        }
        return new Page<>(List.of(), Optional.empty());
    }
}
