package dev.escalation.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.escalation.model.ActorRef;
import dev.escalation.model.EntryParam;
import dev.escalation.model.ProgressKind;
import dev.escalation.model.StaffId;
import dev.escalation.model.Visibility;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Entry parameters kept as compact maps behave as the ordered unmodifiable maps they replace. */
class CompactMapTest {

    private static LinkedHashMap<String, EntryParam> params(int n) {
        LinkedHashMap<String, EntryParam> m = new LinkedHashMap<>();
        for (int i = n; i > 0; i--) { // not alphabetical: the order given is kept
            m.put("p" + i, i % 2 == 0 ? new EntryParam.Count(i) : new EntryParam.Text("text " + i));
        }
        return m;
    }

    private static StoredEntry entry(Map<String, EntryParam> params) {
        return new StoredEntry(
                1,
                Instant.parse("2027-01-12T10:00:00Z"),
                ProgressKind.NOTE,
                ActorRef.staff(StaffId.of("eve")),
                Visibility.INTERNAL,
                Optional.empty(),
                params,
                Optional.empty());
    }

    @Test
    void keeps_order_content_equality_hash_and_string_form() {
        for (int n : new int[] {2, 3, 7, 16}) {
            LinkedHashMap<String, EntryParam> source = params(n);
            Map<String, EntryParam> copy = entry(source).params();
            Map<String, EntryParam> reference = Collections.unmodifiableMap(new LinkedHashMap<>(source));

            assertThat(copy).isInstanceOf(CompactMap.class);
            assertThat(new ArrayList<>(copy.keySet())).containsExactlyElementsOf(reference.keySet());
            assertThat(new ArrayList<>(copy.values())).containsExactlyElementsOf(reference.values());
            assertThat(copy).isEqualTo(reference).isEqualTo(new HashMap<>(source));
            assertThat(reference).isEqualTo(copy);
            assertThat(copy.hashCode()).isEqualTo(reference.hashCode());
            assertThat(copy.toString()).isEqualTo(reference.toString());
            assertThat(copy.size()).isEqualTo(n);
            assertThat(copy.get("p2")).isEqualTo(new EntryParam.Count(2));
            assertThat(copy.get("nope")).isNull();
            assertThat(copy.get(null)).isNull();
            assertThat(copy.containsKey("p1")).isTrue();
            assertThat(copy.containsKey("p0")).isFalse();
            List<String> seen = new ArrayList<>();
            copy.forEach((k, v) -> seen.add(k));
            assertThat(seen).containsExactlyElementsOf(reference.keySet());
            assertThat(entry(copy).params()).as("copied once").isSameAs(copy);
        }
    }

    @Test
    void differs_from_other_content_and_is_not_modifiable() {
        Map<String, EntryParam> copy = entry(params(3)).params();
        LinkedHashMap<String, EntryParam> other = params(3);
        other.put("p3", new EntryParam.Text("changed"));
        assertThat(copy).isNotEqualTo(other).isNotEqualTo(params(2)).isNotEqualTo(Map.of(1, 2, 3, 4, 5, 6));

        assertThatThrownBy(() -> copy.put("x", new EntryParam.Count(1)))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> copy.remove("p1")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(copy::clear).isInstanceOf(UnsupportedOperationException.class);
        Iterator<Map.Entry<String, EntryParam>> it = copy.entrySet().iterator();
        it.next();
        assertThatThrownBy(it::remove).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> copy.entrySet().iterator().next().setValue(new EntryParam.Count(1)))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void refuses_null_keys_and_values() {
        LinkedHashMap<String, EntryParam> withNullValue = params(3);
        withNullValue.put("p9", null);
        assertThatThrownBy(() -> entry(withNullValue))
                .isInstanceOf(NullPointerException.class)
                .hasMessageEndingWith(" value");
        LinkedHashMap<String, EntryParam> withNullKey = params(3);
        withNullKey.put(null, new EntryParam.Count(1));
        assertThatThrownBy(() -> entry(withNullKey))
                .isInstanceOf(NullPointerException.class)
                .hasMessageEndingWith(" key");
    }
}
