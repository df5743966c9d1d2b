package dev.escalation.inmemory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.model.DueKind;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * {@link DueItems.Step}'s written-out equals and hashCode (a key of the store's interner) behave as a record's: equal
 * exactly when kind and step are equal, equal steps with equal hash codes. Steps from a small alphabet, as distinct
 * but equal strings, so that equal pairs are frequent.
 */
class DueStepProperties {

    @Provide
    Arbitrary<String> steps() {
        return Arbitraries.of("", "a", "b", "warn", "warn1").map(s -> new String(s.toCharArray()));
    }

    @Property(tries = 2000)
    void equalExactlyWhenKindAndStepAre(
            @ForAll DueKind k1, @ForAll("steps") String s1, @ForAll DueKind k2, @ForAll("steps") String s2) {
        DueItems.Step a = new DueItems.Step(k1, s1);
        DueItems.Step b = new DueItems.Step(k2, s2);

        assertThat(a.equals(b)).isEqualTo(k1 == k2 && s1.equals(s2));
        assertThat(a.equals(a)).isTrue();
        assertThat(a.equals(null)).isFalse();
        assertThat(a.equals(s1)).isFalse();
        if (a.equals(b)) {
            assertThat(a.hashCode()).isEqualTo(b.hashCode());
        }
    }
}
