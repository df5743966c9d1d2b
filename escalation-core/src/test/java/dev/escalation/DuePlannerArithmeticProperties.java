package dev.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/** The planner's repeat instants and cached repeat steps equal what the JDK's and the plain constructors give. */
class DuePlannerArithmeticProperties {

    @Property(tries = 2000)
    void repeatInstantIsDurationMultipliedBy(
            @ForAll @LongRange(min = -4_000_000_000L, max = 4_000_000_000L) long epochSecond,
            @ForAll @IntRange(min = 0, max = 999_999_999) int nano,
            @ForAll @LongRange(min = 0, max = 10_000_000L) long everySeconds,
            @ForAll @IntRange(min = 0, max = 999_999_999) int everyNanos,
            @ForAll @IntRange(min = 0, max = 50) int i) {
        Instant at = Instant.ofEpochSecond(epochSecond, nano);
        Duration every = Duration.ofSeconds(everySeconds, everyNanos);
        assertThat(DuePlanner.times(at, every, i)).isEqualTo(at.plus(every.multipliedBy(i)));
    }

    @Test
    void cachedRepeatStepsEqualNewOnes() {
        for (int n = -1; n < 20; n++) {
            assertThat(DueStep.repeat(n)).isEqualTo(new DueStep("breach-repeat-" + n, DueStep.Recipients.NEXT_LEVEL));
            assertThat(DueStep.missedRepeat(n))
                    .isEqualTo(new DueStep("missed-repeat-" + n, DueStep.Recipients.NEXT_LEVEL));
        }
    }
}
