package dev.escalation.spi.internal;

import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Immutable copies of a record's list, set and map components that name what is {@code null}: a
 * {@link NullPointerException} whose message is the component ({@code "participants"}), the component and the index
 * of a list's element ({@code "participants[2]"}), {@code "customers element"} for a set's element, and
 * {@code "names key"} or {@code "names value"} for a map's. The copies are those of {@code List.copyOf},
 * {@code Set.copyOf} and {@code Map.copyOf} (an immutable collection is taken as it is, without a copy); the
 * {@code null} is looked for only after one of them refused the collection, so a collection without {@code null} costs
 * what the copy costs. One implementation for the SPI's records and the engine's (the model's records, which depend
 * on no package of the SPI, have their own copy of {@link #list}). Not API: it may change in any release.
 */
public final class Copies {
    private Copies() {}

    /**
     * {@code List.copyOf(list)}, naming a {@code null}.
     *
     * @param <E> the element type
     * @param list the component
     * @param name the component's name
     * @return an unmodifiable list of the elements in iteration order ({@code list} itself if it is one)
     * @throws NullPointerException if {@code list} is null (message {@code name}) or an element is (message
     *     {@code name[index]})
     */
    public static <E> List<E> list(Collection<? extends E> list, String name) {
        Objects.requireNonNull(list, name);
        try {
            return List.copyOf(list);
        } catch (NullPointerException e) {
            throw named(list, name, true, e);
        }
    }

    /**
     * {@code Set.copyOf(set)}, naming a {@code null}.
     *
     * @param <E> the element type
     * @param set the component
     * @param name the component's name
     * @return an unmodifiable set of the elements ({@code set} itself if it is one)
     * @throws NullPointerException if {@code set} is null (message {@code name}) or an element is (message
     *     {@code name element})
     */
    public static <E> Set<E> set(Collection<? extends E> set, String name) {
        Objects.requireNonNull(set, name);
        try {
            return Set.copyOf(set);
        } catch (NullPointerException e) {
            throw named(set, name, false, e);
        }
    }

    /**
     * An unmodifiable copy of a set of enum constants, in their declaration order (the same on every run).
     *
     * @param <E> the enum type
     * @param set the component
     * @param name the component's name
     * @return {@code Set.of()} if {@code set} is empty, else an unmodifiable {@link EnumSet}
     * @throws NullPointerException if {@code set} is null (message {@code name}) or an element is (message
     *     {@code name element})
     */
    public static <E extends Enum<E>> Set<E> enumSet(Collection<E> set, String name) {
        Objects.requireNonNull(set, name);
        if (set.isEmpty()) {
            return Set.of();
        }
        try {
            return Collections.unmodifiableSet(EnumSet.copyOf(set));
        } catch (NullPointerException e) {
            throw named(set, name, false, e);
        }
    }

    /**
     * {@code Map.copyOf(map)}, naming a {@code null}.
     *
     * @param <K> the key type
     * @param <V> the value type
     * @param map the component
     * @param name the component's name
     * @return an unmodifiable map of the entries ({@code map} itself if it is one)
     * @throws NullPointerException if {@code map} is null (message {@code name}), a key is (message
     *     {@code name key}) or a value is (message {@code name value})
     */
    public static <K, V> Map<K, V> map(Map<? extends K, ? extends V> map, String name) {
        Objects.requireNonNull(map, name);
        try {
            return Map.copyOf(map);
        } catch (NullPointerException e) {
            throw named(map, name, e);
        }
    }

    /** The exception naming the first {@code null} element, or {@code cause} if none is (the collection's own). */
    private static NullPointerException named(
            Collection<?> c, String name, boolean indexed, NullPointerException cause) {
        int i = 0;
        for (Object o : c) {
            if (o == null) {
                return new NullPointerException(indexed ? name + "[" + i + "]" : name + " element");
            }
            i++;
        }
        return cause;
    }

    /** The exception naming the first {@code null} key or value, or {@code cause} if none is (the map's own). */
    private static NullPointerException named(Map<?, ?> map, String name, NullPointerException cause) {
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (e.getKey() == null || e.getValue() == null) {
                return new NullPointerException(name + (e.getKey() == null ? " key" : " value"));
            }
        }
        return cause;
    }
}
