package dev.escalation;

import static dev.escalation.World.SAM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.escalation.model.CustomerId;
import dev.escalation.spi.MetricSelection;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/**
 * The limits of a metrics query at and around their edges: a period of at least a minute that makes at most
 * {@value MetricSelection#MAX_PERIODS} periods (the last one may be short), and at most
 * {@value MetricSelection#MAX_CUSTOMERS} customers. A query inside them gets a report; one outside is refused naming
 * the field and the rule. The span is built from the number of periods it must make, so the oracle does not repeat
 * the engine's arithmetic.
 */
class MetricsQueryBoundsProperties {
    private static final Instant FROM = Instant.parse("2027-01-11T00:00:00Z");

    private final World w = new World();

    @Property(tries = 1000)
    void aPeriodIsAcceptedExactlyWhenItMakesAtMostTheMaximumNumberOfPeriods(
            @ForAll @LongRange(min = 60, max = 400 * 86_400L) long periodSeconds,
            @ForAll("periods") int periods,
            @ForAll @LongRange(min = 1, max = 400 * 86_400L) long lastPeriodSeconds) {
        long last = Math.min(lastPeriodSeconds, periodSeconds); // the last period: 1 second up to a whole one
        Instant to = FROM.plusSeconds((periods - 1) * periodSeconds + last);
        MetricsQuery query = MetricsQuery.between(FROM, to).per(Duration.ofSeconds(periodSeconds));

        if (periods <= MetricSelection.MAX_PERIODS) {
            assertThat(w.engine.operations().metrics(SAM, query).query()).isEqualTo(query);
        } else {
            assertRefused(query, "query.period", "Range");
        }
    }

    /** Any number of periods up to a few beyond the limit, half of them within three of it. */
    @Provide
    Arbitrary<Integer> periods() {
        return Arbitraries.oneOf(
                Arbitraries.integers().between(1, MetricSelection.MAX_PERIODS + 50),
                Arbitraries.integers().between(MetricSelection.MAX_PERIODS - 3, MetricSelection.MAX_PERIODS + 3));
    }

    @Property(tries = 300)
    void aPeriodShorterThanAMinuteOrWithAFractionOfASecondIsRefused(
            @ForAll @LongRange(min = 0, max = 59) long seconds,
            @ForAll @IntRange(min = 0, max = 999_999_999) int nanos) {
        Duration period = Duration.ofSeconds(seconds, nanos);
        MetricsQuery query =
                MetricsQuery.between(FROM, FROM.plus(Duration.ofDays(1))).per(period);
        assertRefused(query, "query.period", "Range");
        if (nanos > 0) {
            assertRefused(query.per(period.plusMinutes(1)), "query.period", "Range");
        }
    }

    @Property(tries = 200)
    void atMostTheMaximumNumberOfCustomersIsAccepted(
            @ForAll @IntRange(min = 0, max = MetricSelection.MAX_CUSTOMERS + 20) int count) {
        Set<CustomerId> customers = IntStream.range(0, count)
                .mapToObj(i -> CustomerId.of("customer-" + i))
                .collect(Collectors.toSet());
        MetricsQuery query =
                MetricsQuery.between(FROM, FROM.plus(Duration.ofDays(1))).customers(customers);

        if (count <= MetricSelection.MAX_CUSTOMERS) {
            assertThat(w.engine.operations().metrics(SAM, query).query()).isEqualTo(query);
        } else {
            assertRefused(query, "query.customers", "Size");
        }
    }

    private void assertRefused(MetricsQuery query, String field, String rule) {
        assertThatThrownBy(() -> w.engine.operations().metrics(SAM, query))
                .isInstanceOfSatisfying(
                        InvalidCommandException.class,
                        e -> assertThat(e.violations()).singleElement().satisfies(v -> {
                            assertThat(v.field()).isEqualTo(field);
                            assertThat(v.rule()).isEqualTo(rule);
                        }));
    }
}
