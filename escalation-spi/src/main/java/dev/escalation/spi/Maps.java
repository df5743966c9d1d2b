package dev.escalation.spi;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** Defensive, order-keeping copies of string maps. */
final class Maps {
    private Maps() {}

    static Map<String, String> copyOrdered(Map<String, String> map, String name) {
        Objects.requireNonNull(map, name);
        if (map.isEmpty()) {
            return Map.of();
        }
        if (map.size() == 1) { // most detail maps: one entry, no order to keep, no wrapper needed
            Map.Entry<String, String> e = map.entrySet().iterator().next();
            return Map.of(
                    Objects.requireNonNull(e.getKey(), name + " key"),
                    Objects.requireNonNull(e.getValue(), name + " value"));
        }
        LinkedHashMap<String, String> copy = new LinkedHashMap<>(map.size() * 2);
        map.forEach((k, v) ->
                copy.put(Objects.requireNonNull(k, name + " key"), Objects.requireNonNull(v, name + " value")));
        return Collections.unmodifiableMap(copy);
    }
}
