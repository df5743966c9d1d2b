package dev.escalation.inmemory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.model.DueKind;
import dev.escalation.model.EscalationId;
import dev.escalation.spi.DueItem;
import java.time.Instant;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * {@link DueKeys} decides and orders due keys without building them exactly as the strings of
 * {@link DueItem#keyOf} would: {@code matches} is true exactly for the derived key, {@code compareSameInstant} has
 * the sign of {@code String.compareTo}.
 */
class DueKeysProperties {

    private record P(EscalationId escalation, DueKind kind, String step, long seconds, int nanos)
            implements DueKeys.Parts {
        Instant at() {
            return Instant.ofEpochSecond(seconds, nanos);
        }

        String key() {
            return DueItem.keyOf(escalation, kind, step, at());
        }
    }

    @Provide
    Arbitrary<Instant> instants() {
        Arbitrary<Integer> nanos = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.just(0)),
                Tuple.of(1, Arbitraries.integers().between(0, 999).map(n -> n * 1_000_000)),
                Tuple.of(1, Arbitraries.integers().between(0, 999_999).map(n -> n * 1000)),
                Tuple.of(1, Arbitraries.integers().between(0, 999_999_999)));
        Arbitrary<Long> seconds = Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.longs().between(1_700_000_000L, 2_000_000_000L)),
                Tuple.of(2, Arbitraries.longs().between(-1000, 253_402_300_900L)),
                Tuple.of(1, Arbitraries.longs().between(Instant.MIN.getEpochSecond(), Instant.MAX.getEpochSecond())),
                Tuple.of(1, Arbitraries.of(0L, -1L, 59L, 60L, 86_399L, 86_400L, 253_402_300_799L, 253_402_300_800L)));
        return Combinators.combine(seconds, nanos).as(Instant::ofEpochSecond);
    }

    @Provide
    Arbitrary<String> steps() {
        return Arbitraries.of(
                "warning", "breach", "breach-repeat-1", "breach/x", "b", "", "reminder", "2027-01-01T00:00:00Z");
    }

    @Provide
    Arbitrary<EscalationId> ids() {
        return Arbitraries.of("E-1", "E-1/RESOLUTION", "E-10", "E-0c4f2a", "E-2")
                .map(EscalationId::of);
    }

    @Property(tries = 3000)
    void theDerivedKeyMatchesAndNoOtherDoes(
            @ForAll("ids") EscalationId id,
            @ForAll DueKind kind,
            @ForAll("steps") String step,
            @ForAll("instants") Instant at,
            @ForAll("ids") EscalationId otherId,
            @ForAll DueKind otherKind,
            @ForAll("steps") String otherStep,
            @ForAll("instants") Instant otherAt) {
        String key = DueItem.keyOf(id, kind, step, at);
        boolean inRange = at.getEpochSecond() >= 0 && at.getEpochSecond() <= DueKeys.LAST_FOUR_DIGIT_YEAR;
        assertThat(DueKeys.matches(key, id.value(), kind, step, at.getEpochSecond(), at.getNano()))
                .isEqualTo(inRange);
        String other = DueItem.keyOf(otherId, otherKind, otherStep, otherAt);
        assertThat(DueKeys.matches(other, id.value(), kind, step, at.getEpochSecond(), at.getNano()))
                .isEqualTo(inRange && other.equals(key));
        assertThat(DueKeys.matches(key + "x", id.value(), kind, step, at.getEpochSecond(), at.getNano()))
                .isFalse();
    }

    @Property(tries = 3000)
    void orderIsTheKeyStringsOrder(
            @ForAll("ids") EscalationId a,
            @ForAll DueKind ka,
            @ForAll("steps") String sa,
            @ForAll("ids") EscalationId b,
            @ForAll DueKind kb,
            @ForAll("steps") String sb,
            @ForAll("instants") Instant at) {
        P pa = new P(a, ka, sa, at.getEpochSecond(), at.getNano());
        P pb = new P(b, kb, sb, at.getEpochSecond(), at.getNano());
        assertThat(Integer.signum(DueKeys.compareSameInstant(pa, pb)))
                .isEqualTo(Integer.signum(pa.key().compareTo(pb.key())));
        assertThat(DueKeys.key(pa)).isEqualTo(pa.key());
    }

    @Property(tries = 3000)
    void derivedKeysCompareByTheirPartsExactly(
            @ForAll("ids") EscalationId a,
            @ForAll DueKind ka,
            @ForAll("steps") String sa,
            @ForAll("instants") Instant at,
            @ForAll("ids") EscalationId b,
            @ForAll DueKind kb,
            @ForAll("steps") String sb,
            @ForAll("instants") Instant other,
            @ForAll boolean sameInstant) {
        Instant bt = sameInstant ? at : other;
        boolean inRange = at.getEpochSecond() >= 0
                && at.getEpochSecond() <= DueKeys.LAST_FOUR_DIGIT_YEAR
                && bt.getEpochSecond() >= 0
                && bt.getEpochSecond() <= DueKeys.LAST_FOUR_DIGIT_YEAR;
        net.jqwik.api.Assume.that(inRange);
        P pa = new P(a, ka, sa, at.getEpochSecond(), at.getNano());
        assertThat(DueKeys.sameDerivedKey(pa, b, kb, sb, bt.getEpochSecond(), bt.getNano()))
                .isEqualTo(pa.key().equals(DueItem.keyOf(b, kb, sb, bt)));
    }
}
