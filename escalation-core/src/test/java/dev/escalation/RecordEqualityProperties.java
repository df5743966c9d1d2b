package dev.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.model.Criticality;
import dev.escalation.model.CustomerId;
import dev.escalation.model.EscalationId;
import dev.escalation.model.PolicyRef;
import dev.escalation.spi.ExcludedSpan;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * The hand-written {@code equals} and {@code hashCode} of {@link PlanMemo.Key} are the record's generated ones: two
 * keys are equal exactly when their thirteen components are pairwise equal, and the hash is the record's. Pairs of
 * keys built from small pools of fresh (equal, not identical) values, the second the first with none, one or two
 * components drawn again, so that equal pairs and pairs differing in one component are both frequent.
 */
class RecordEqualityProperties {
    private static final int COMPONENTS = 13;
    private static final int[] RANGES = {2, 2, 3, 2, 2, 3, 3, 3, 3, 3, 3, 3, 3};

    /** Two keys' choices: the first at random, the second the first with none, one or two components redrawn. */
    @Provide
    Arbitrary<int[][]> pairs() {
        Arbitrary<int[]> draws =
                Arbitraries.integers().between(0, 999).array(int[].class).ofSize(COMPONENTS);
        Arbitrary<Integer> redrawn = Arbitraries.of(0, 1, 1, 2);
        Arbitrary<Integer> which = Arbitraries.integers().between(0, COMPONENTS - 1);
        Arbitrary<Integer> value = Arbitraries.integers().between(0, 2);
        return Combinators.combine(draws, redrawn, which, value, which, value).as((first, n, k1, v1, k2, v2) -> {
            int[] a = new int[COMPONENTS];
            for (int i = 0; i < COMPONENTS; i++) {
                a[i] = first[i] % RANGES[i];
            }
            int[] b = a.clone();
            if (n > 0) {
                b[k1] = v1 % RANGES[k1];
            }
            if (n > 1) {
                b[k2] = v2 % RANGES[k2];
            }
            return new int[][] {a, b};
        });
    }

    @Property(tries = 2000)
    void planMemoKeyEqualityIsComponentWise(@ForAll("pairs") int[][] pair) {
        PlanMemo.Key a = key(pair[0]);
        PlanMemo.Key b = key(pair[1]);
        boolean equal = RecordEquality.check(a, b);
        int differing = 0;
        for (int i = 0; i < COMPONENTS; i++) {
            differing += pair[0][i] != pair[1][i] ? 1 : 0;
        }
        assertThat(equal).isEqualTo(differing == 0);
        Statistics.label("components differing").collect(Math.min(differing, 2));
        Statistics.label("components differing").coverage(c -> {
            c.check(0).percentage(p -> p > 10.0);
            c.check(1).percentage(p -> p > 10.0);
        });
    }

    private static Instant at(int n) {
        return Instant.ofEpochSecond(1_800_000_000L + 3_600L * n); // a fresh instance each time
    }

    private static Optional<Instant> maybe(int n) {
        return n == 0 ? Optional.empty() : Optional.of(at(n));
    }

    /** A key from fresh instances, so that equality is never identity. */
    static PlanMemo.Key key(int[] c) {
        return new PlanMemo.Key(
                new EscalationId(new String("E-" + c[0])),
                new CustomerId(new String("C-" + c[1])),
                c[2] == 0 ? Optional.empty() : Optional.of(new PolicyRef(new String("p"), c[2])),
                c[3] == 0 ? Criticality.HIGH : Criticality.CRITICAL,
                at(c[4]),
                maybe(c[5]),
                maybe(c[6]),
                maybe(c[7]),
                c[8] == 0 ? null : at(c[8]),
                c[9] == 0
                        ? List.of()
                        : List.of(new ExcludedSpan(
                                at(0), at(c[9]), ExcludedSpan.Kind.PAUSED, Optional.of(new String("away")))),
                maybe(c[10]),
                c[11] == 0 ? Optional.empty() : Optional.of(new String("reason " + c[11])),
                c[12] == 0 ? null : at(c[12]));
    }
}
