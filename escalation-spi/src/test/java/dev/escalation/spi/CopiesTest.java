package dev.escalation.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.escalation.model.StaffRole;
import dev.escalation.spi.internal.Copies;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@link Copies}: an immutable collection is taken without a copy, as {@code List.copyOf} takes it (the records'
 * hot path is unchanged); a {@code null} component or element is named.
 */
class CopiesTest {

    @Test
    void anImmutableCollectionIsTakenAsItIs() {
        List<String> list = List.of("a", "b", "c");
        Set<String> set = Set.of("a", "b", "c");
        Map<String, Integer> map = Map.of("a", 1, "b", 2);
        assertThat(Copies.list(list, "l")).isSameAs(list);
        assertThat(Copies.set(set, "s")).isSameAs(set);
        assertThat(Copies.map(map, "m")).isSameAs(map);
    }

    @Test
    void aMutableCollectionIsCopied() {
        List<String> list = new ArrayList<>(List.of("a", "b"));
        List<String> copy = Copies.list(list, "l");
        list.add("c");
        assertThat(copy).containsExactly("a", "b");
        assertThat(Copies.enumSet(
                        new ArrayList<>(List.of(StaffRole.HEAD_OF_SUPPORT, StaffRole.SUPPORT_MANAGEMENT)), "roles"))
                .as("in declaration order")
                .containsExactly(StaffRole.SUPPORT_MANAGEMENT, StaffRole.HEAD_OF_SUPPORT);
        assertThat(Copies.enumSet(List.<StaffRole>of(), "roles")).isEmpty();
    }

    @Test
    void aNullIsNamed() {
        assertThatThrownBy(() -> Copies.list(null, "participants")).hasMessage("participants");
        assertThatThrownBy(() -> Copies.list(Arrays.asList("a", "b", null, null), "participants"))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("participants[2]");
        assertThatThrownBy(() -> Copies.set(new HashSet<>(Arrays.asList("a", null)), "customers"))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("customers element");
        assertThatThrownBy(() -> Copies.enumSet(Arrays.asList(StaffRole.HEAD_OF_SUPPORT, null), "roles"))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("roles element");
        Map<String, String> nullKey = new HashMap<>();
        nullKey.put(null, "v");
        Map<String, String> nullValue = new HashMap<>();
        nullValue.put("k", null);
        assertThatThrownBy(() -> Copies.map(nullKey, "names"))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("names key");
        assertThatThrownBy(() -> Copies.map(nullValue, "names"))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("names value");
    }
}
