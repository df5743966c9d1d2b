package dev.escalation.jdbc;

import dev.escalation.model.Page;
import dev.escalation.model.PageCursor;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** Keyset pages: queries fetch one row more than the page size to know whether a next page exists. */
final class Pages {
    private Pages() {}

    static <T> Page<T> of(List<T> fetched, int size, Function<T, PageCursor> cursor) {
        if (fetched.size() <= size) {
            return new Page<>(fetched, Optional.empty());
        }
        List<T> items = fetched.subList(0, size);
        return new Page<>(items, Optional.of(cursor.apply(items.get(size - 1))));
    }
}
