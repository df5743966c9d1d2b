package dev.escalation.model;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * One page of a keyset-paged list.
 *
 * @param items the items, in list order
 * @param next  the cursor of the next page; empty when this is the last page
 * @param <T>   the item type
 */
public record Page<T>(List<T> items, Optional<PageCursor> next) {

    /**
     * Validates and copies the components.
     *
     * @param items the items, in list order
     * @param next the cursor of the next page; empty when this is the last page
     * @throws NullPointerException if a component or item is null
     */
    public Page {
        items = Lists.copyOf(items, "items");
        requireNonNull(next, "next");
    }

    /**
     * An empty last page.
     *
     * @param <T> the item type
     * @return the page
     */
    public static <T> Page<T> empty() {
        return new Page<>(List.of(), Optional.empty());
    }

    /**
     * The same page with each item mapped.
     *
     * @param mapper the mapping
     * @param <R>    the new item type
     * @return the mapped page
     */
    public <R> Page<R> map(Function<? super T, ? extends R> mapper) {
        return new Page<>(items.stream().<R>map(mapper).toList(), next);
    }
}
