package dev.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/** {@link Instants#iso} is {@link Instant#toString()} over the whole instant range (fast path and fallback). */
class InstantsProperties {

    @Provide
    Arbitrary<Instant> instants() {
        Arbitrary<Long> seconds = Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.longs().between(0, 253_402_300_799L)),
                Tuple.of(1, Arbitraries.longs().between(-62_167_219_200L, 0)),
                Tuple.of(1, Arbitraries.longs().between(253_402_300_700L, 253_402_400_000L)),
                Tuple.of(1, Arbitraries.longs().between(Instant.MIN.getEpochSecond(), Instant.MAX.getEpochSecond())));
        Arbitrary<Integer> nanos = Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.just(0)),
                Tuple.of(1, Arbitraries.integers().between(0, 999_999_999)));
        return seconds.flatMap(s -> nanos.map(n -> Instant.ofEpochSecond(s, n)));
    }

    @Property(tries = 5_000)
    void sameTextAsInstantToString(@ForAll("instants") Instant at) {
        assertThat(Instants.iso(at)).isEqualTo(at.toString());
    }

    @Example
    void edges() {
        for (Instant at : new Instant[] {
            Instant.EPOCH,
            Instant.ofEpochSecond(253_402_300_799L),
            Instant.ofEpochSecond(253_402_300_800L),
            Instant.parse("2000-02-29T23:59:59Z"),
            Instant.parse("2100-03-01T00:00:00Z"),
            Instant.parse("2027-01-12T07:00:00Z"),
            Instant.MIN,
            Instant.MAX
        }) {
            assertThat(Instants.iso(at)).isEqualTo(at.toString());
        }
    }
}
