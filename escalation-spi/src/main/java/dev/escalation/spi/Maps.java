package dev.escalation.spi;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** Defensive, order-keeping copies of maps. */
final class Maps {
    private Maps() {}

    /** The class of {@code Map.of(k, v)}. */
    private static final Class<?> MAP1 = Map.of("k", "v").getClass();

    static <V> Map<String, V> copyOrdered(Map<String, V> map, String name) {
        Objects.requireNonNull(map, name);
        if (map.isEmpty()) {
            return Map.of();
        }
        if (map.getClass() == MAP1) {
            return map; // Map.of(k, v): immutable, no nulls
        }
        if (map.size() == 1) { // most maps: one entry, no order to keep, no wrapper needed
            Map.Entry<String, V> e = map.entrySet().iterator().next();
            String key = e.getKey();
            V value = e.getValue();
            if (key == null || value == null) { // the message is built only on failure
                throw new NullPointerException(name + (key == null ? " key" : " value"));
            }
            return Map.of(key, value);
        }
        if (map instanceof CompactMap) {
            return map; // immutable, checked when made
        }
        if (map.size() <= CompactMap.MAX) {
            return CompactMap.copyOf(map, name);
        }
        LinkedHashMap<String, V> copy = new LinkedHashMap<>(map.size() * 2);
        map.forEach((k, v) ->
                copy.put(Objects.requireNonNull(k, name + " key"), Objects.requireNonNull(v, name + " value")));
        return Collections.unmodifiableMap(copy);
    }
}
