package dev.escalation;

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
 * {@link DueItem#keyOf} writes the due instant without {@code DateTimeFormatter}; the key stays byte-identical to
 * {@code escalation/kind/step/dueAt} with {@link Instant#toString()}, over the whole instant range (four-digit years
 * and beyond, before 1970, every fraction length).
 */
class DueKeyProperties {

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

    @Property(tries = 5000)
    void theKeyIsTheConcatenation(
            @ForAll("instants") Instant dueAt, @ForAll DueKind kind, @ForAll("steps") String step) {
        EscalationId id = EscalationId.of("E-0c4f2a");
        assertThat(DueItem.keyOf(id, kind, step, dueAt)).isEqualTo(id.value() + "/" + kind + "/" + step + "/" + dueAt);
    }

    @Provide
    Arbitrary<String> steps() {
        return Arbitraries.of("warning", "breach", "repeat-1", "meeting-reminder", "action-due-3", "");
    }
}
