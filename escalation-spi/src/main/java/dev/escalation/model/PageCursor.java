package dev.escalation.model;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * A keyset position in a list ordered by ({@code at}, {@code id}) in the list's direction. The next page holds the
 * items strictly after this position, so pages stay complete and stable while items are added. Lists sorted by an
 * instant that an item may lack (the next deadline) place such items last, with {@code at} = {@link Instant#MAX}.
 *
 * @param at the ordering instant of the last item of the previous page
 * @param id the id of that item (its {@code value()} text)
 */
public record PageCursor(Instant at, String id) {

    /**
     * Validates the components.
     *
     * @param at the ordering instant of the last item of the previous page
     * @param id the id of that item (its {@code value()} text)
     * @throws NullPointerException if a component is null
     */
    public PageCursor {
        requireNonNull(at, "at");
        requireNonNull(id, "id");
    }
}
