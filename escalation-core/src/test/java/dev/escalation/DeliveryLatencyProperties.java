package dev.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The delivery latency reported to observers (the fast path: seconds and nanoseconds apart) is what
 * {@code Duration.between} gave, zero when negative (the slow path): for instants anywhere in {@link Instant}'s range
 * (so the nanosecond difference overflows), a second or less apart in either direction, and equal.
 */
class DeliveryLatencyProperties {
    @Property(tries = 3000)
    void latency_is_between_or_zero(@ForAll("from") Instant from, @ForAll("apart") long[] apart) {
        Instant to;
        try {
            to = from.plusSeconds(apart[0]).plusNanos(apart[1]);
        } catch (java.time.DateTimeException e) {
            return; // beyond Instant's range: no such pair exists
        }
        Duration between = Duration.between(from, to);
        assertThat(Delivery.latency(from, to)).isEqualTo(between.isNegative() ? Duration.ZERO : between);
    }

    @Provide
    Arbitrary<Instant> from() {
        return Combinators.combine(
                        Arbitraries.oneOf(
                                Arbitraries.longs().between(Instant.MIN.getEpochSecond(), Instant.MAX.getEpochSecond()),
                                Arbitraries.longs().between(1_700_000_000L, 1_900_000_000L)),
                        Arbitraries.integers().between(0, 999_999_999))
                .as(Instant::ofEpochSecond);
    }

    @Provide
    Arbitrary<long[]> apart() {
        Arbitrary<Long> seconds = Arbitraries.oneOf(
                Arbitraries.longs().between(-1, 1),
                Arbitraries.longs().between(-100_000, 100_000),
                Arbitraries.longs().between(-Instant.MAX.getEpochSecond(), Instant.MAX.getEpochSecond()));
        Arbitrary<Long> nanos = Arbitraries.longs().between(-1_999_999_999L, 1_999_999_999L);
        return Combinators.combine(seconds, nanos).as((s, n) -> new long[] {s, n});
    }
}
