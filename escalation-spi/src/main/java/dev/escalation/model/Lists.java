package dev.escalation.model;

import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * {@code List.copyOf} naming a {@code null}: the model's own copy of {@code Copies.list} of
 * {@code dev.escalation.spi.internal}, as the model depends on no package of the SPI (like {@link Maps}).
 */
final class Lists {
    private Lists() {}

    /**
     * {@code List.copyOf(list)}: an immutable list is taken as it is; a {@code null} is looked for only after the
     * copy refused the list.
     *
     * @param <E> the element type
     * @param list the component
     * @param name the component's name
     * @return an unmodifiable list of the elements ({@code list} itself if it is one)
     * @throws NullPointerException if {@code list} is null (message {@code name}) or an element is (message
     *     {@code name[index]})
     */
    static <E> List<E> copyOf(Collection<? extends E> list, String name) {
        Objects.requireNonNull(list, name);
        try {
            return List.copyOf(list);
        } catch (NullPointerException e) {
            int i = 0;
            for (Object o : list) {
                if (o == null) {
                    throw new NullPointerException(name + "[" + i + "]");
                }
                i++;
            }
            throw e; // no null in it: the list's own failure
        }
    }
}
