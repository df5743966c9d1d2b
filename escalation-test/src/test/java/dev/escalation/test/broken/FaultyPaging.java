package dev.escalation.test.broken;

import dev.escalation.model.Page;
import dev.escalation.model.PageCursor;
import dev.escalation.model.PageRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** Keyset paging over a list already sorted ascending by (at, id). */
final class FaultyPaging {
    private FaultyPaging() {}

    static <T> Page<T> page(List<T> sorted, PageRequest request, Function<T, Instant> at, Function<T, String> id) {
        List<T> items = new ArrayList<>(Math.min(request.size(), sorted.size()));
        boolean more = false;
        for (T t : sorted) {
            if (request.after().isPresent()
                    && !isAfter(at.apply(t), id.apply(t), request.after().get())) {
                continue;
            }
            if (items.size() == request.size()) {
                more = true;
                break;
            }
            items.add(t);
        }
        Optional<PageCursor> next = more
                ? Optional.of(
                        new PageCursor(at.apply(items.get(items.size() - 1)), id.apply(items.get(items.size() - 1))))
                : Optional.empty();
        return new Page<>(items, next);
    }

    static boolean isAfter(Instant at, String id, PageCursor cursor) {
        int c = at.compareTo(cursor.at());
        return c > 0 || (c == 0 && id.compareTo(cursor.id()) > 0);
    }
}
