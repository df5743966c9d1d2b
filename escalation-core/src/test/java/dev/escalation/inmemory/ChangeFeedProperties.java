package dev.escalation.inmemory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.escalation.TestRecords;
import dev.escalation.model.Criticality;
import dev.escalation.model.EscalationId;
import dev.escalation.model.EscalationState;
import dev.escalation.spi.Change;
import dev.escalation.spi.ChangeBatch;
import dev.escalation.spi.EscalationFacts;
import dev.escalation.spi.StoredEscalation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The {@link ChangeFeed} keeps a change's version, state and instant as longs: it reads back every change as
 * published, including versions and instants that do not fit those longs (kept whole).
 */
class ChangeFeedProperties {

    @Provide
    Arbitrary<Instant> instants() {
        return Arbitraries.oneOf(
                        Arbitraries.longs().between(-10_000_000_000L, 10_000_000_000L),
                        Arbitraries.of(
                                Instant.MIN.getEpochSecond(),
                                Instant.MAX.getEpochSecond(),
                                -9_000_000_000L,
                                9_000_000_000L,
                                -9_000_000_001L,
                                9_000_000_001L,
                                0L))
                .flatMap(s -> Arbitraries.integers().between(0, 999_999_999).map(n -> Instant.ofEpochSecond(s, n)));
    }

    @Provide
    Arbitrary<List<Instant>> lists() {
        return instants().list().ofMinSize(1).ofMaxSize(8);
    }

    @Provide
    Arbitrary<Long> versions() {
        return Arbitraries.oneOf(
                Arbitraries.longs().between(1, 1000),
                Arbitraries.of((1L << 55) - 1, 1L << 55, Long.MAX_VALUE),
                Arbitraries.longs().between(1, Long.MAX_VALUE));
    }

    @Property(tries = 300)
    void readsBackEveryChangeAsPublished(
            @ForAll("lists") List<Instant> instants, @ForAll("versions") long version, @ForAll EscalationState state) {
        ChangeFeed feed = new ChangeFeed();
        List<Change> expected = new ArrayList<>();
        for (int i = 0; i < instants.size(); i++) {
            StoredEscalation s = record("E-" + i, version, state, instants.get(i));
            feed.publish(s);
            expected.add(new Change(s.id(), s.customer(), s.version(), s.state(), s.updatedAt()));
        }

        ChangeBatch batch = feed.changesSince("", 100);

        assertThat(batch.changes()).containsExactlyElementsOf(expected);
        assertThat(batch.cursor()).isEqualTo(Integer.toString(instants.size()));
    }

    /**
     * A cursor the feed never issued is refused, as the port's contract says, not read as a position: one beyond the
     * changes published so far (a host following it would skip every change up to it), and another spelling of an
     * issued one (a sign, a leading zero, other digits).
     */
    @Example
    void aCursorTheFeedNeverIssuedIsRefused() {
        ChangeFeed feed = new ChangeFeed();
        for (int i = 0; i < 3; i++) {
            feed.publish(record("E-" + i, 1, EscalationState.REQUESTED, Instant.EPOCH));
        }
        assertThat(feed.changesSince("2", 10).changes()).hasSize(1);
        assertThat(feed.changesSince("3", 10).changes()).isEmpty();
        for (String forged : List.of("4", "999999", "+2", "02", "\u0662", "-1", "x")) {
            assertThatThrownBy(() -> feed.changesSince(forged, 10))
                    .as(forged)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    private static StoredEscalation record(String id, long version, EscalationState state, Instant at) {
        EscalationFacts facts = new EscalationFacts(
                1,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                List.of(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                0,
                0,
                false);
        return TestRecords.record(
                EscalationId.of(id),
                version,
                state,
                Criticality.HIGH,
                Instant.MIN,
                at,
                Optional.empty(),
                Optional.empty(),
                facts);
    }
}
