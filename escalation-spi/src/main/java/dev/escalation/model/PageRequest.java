package dev.escalation.model;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * Which page to return.
 *
 * @param after the position after which the page starts; empty for the first page
 * @param size  at most this many items, 1 to {@value #MAX_SIZE}
 */
public record PageRequest(Optional<PageCursor> after, int size) {

    /** The largest page a store must serve. */
    public static final int MAX_SIZE = 500;

    /**
     * Validates the components.
     *
     * @param after the position after which the page starts; empty for the first page
     * @param size at most this many items, 1 to {@value #MAX_SIZE}
     * @throws NullPointerException if {@code after} is null
     * @throws IllegalArgumentException if {@code size} is outside 1 to {@value #MAX_SIZE}
     */
    public PageRequest {
        requireNonNull(after, "after");
        if (size < 1 || size > MAX_SIZE) {
            throw new IllegalArgumentException("page size must be between 1 and " + MAX_SIZE + ": " + size);
        }
    }

    /**
     * The first page.
     *
     * @param size the page size
     * @return the request
     */
    public static PageRequest first(int size) {
        return new PageRequest(Optional.empty(), size);
    }

    /**
     * The page after a cursor.
     *
     * @param cursor the position
     * @param size   the page size
     * @return the request
     */
    public static PageRequest after(PageCursor cursor, int size) {
        return new PageRequest(Optional.of(cursor), size);
    }
}
