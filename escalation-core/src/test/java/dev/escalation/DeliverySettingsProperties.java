package dev.escalation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * The builder's delivery settings (lease, backoff) are checked when they are set: a value the builder takes never
 * fails the engine later, at the first delivery or the first retry (a lease of {@code Long.MAX_VALUE} seconds made
 * every {@code deliverPending} fail as {@code UNAVAILABLE}, "try again later", and a backoff that large threw a raw
 * {@link ArithmeticException} from the first failed delivery). A value out of range is an
 * {@link IllegalArgumentException} naming the setting, and the builder keeps what it had.
 */
class DeliverySettingsProperties {
    private static final Duration HUGE = Duration.ofSeconds(Long.MAX_VALUE, 999_999_999);

    @Property(tries = 60)
    void aLeaseTheBuilderTakesNeverFailsADeliveryLater(@ForAll("durations") Duration lease) {
        EscalationEngineBuilder probe = EscalationEngine.builder();
        Throwable refused = catchAny(() -> probe.delivery(lease, 1, 3));
        if (refused != null) {
            assertThat(refused).isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("lease ");
            assertThat(probe.lease).isEqualTo(Duration.ofMinutes(1));
            return;
        }
        deliversWithFailuresAndRetries(new World(b -> b.delivery(lease, 1, 3)));
        assertThat(lease).as("the documented range").isBetween(Duration.ofSeconds(1), Duration.ofDays(3_650));
    }

    @Property(tries = 100)
    void aBackoffTheBuilderTakesNeverFailsARetryLater(
            @ForAll("durations") Duration base, @ForAll("durations") Duration max) {
        EscalationEngineBuilder probe = EscalationEngine.builder();
        Throwable refused = catchAny(() -> probe.backoff(base, max));
        if (refused != null) {
            assertThat(refused).isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("backoff ");
            assertThat(probe.baseBackoff).isEqualTo(Duration.ofSeconds(5));
            assertThat(probe.maxBackoff).isEqualTo(Duration.ofHours(1));
            return;
        }
        deliversWithFailuresAndRetries(new World(b -> b.backoff(base, max).delivery(Duration.ofMinutes(1), 500, 100)));
    }

    /**
     * A notifier down for a while, then up again: every delivery run answers with its report (failed attempts are
     * retried after the backoff), none throws.
     */
    private static void deliversWithFailuresAndRetries(World w) {
        w.escalated();
        w.notifier.setAvailable(false);
        assertThatCode(() -> {
                    for (int i = 0; i < 6; i++) {
                        w.engine.deliverPending();
                        w.engine.processDueWork();
                        w.clock.advance(Duration.ofDays(8));
                    }
                    w.notifier.setAvailable(true);
                    w.engine.deliverPending();
                })
                .as("delivery runs with failed attempts and retries")
                .doesNotThrowAnyException();
    }

    private static Throwable catchAny(Runnable r) {
        try {
            r.run();
            return null;
        } catch (RuntimeException e) {
            return e;
        }
    }

    @Provide
    Arbitrary<Duration> durations() {
        return Arbitraries.frequencyOf(
                Tuple.of(
                        4,
                        Arbitraries.of(
                                Duration.ZERO,
                                Duration.ofNanos(1),
                                Duration.ofMillis(999),
                                Duration.ofSeconds(1),
                                Duration.ofMinutes(1),
                                Duration.ofDays(1),
                                Duration.ofDays(1).plusNanos(1),
                                Duration.ofDays(7),
                                Duration.ofDays(7).plusNanos(1),
                                Duration.ofDays(3_650),
                                Duration.ofDays(3_650).plusNanos(1),
                                Duration.ofDays(365L * 10_000),
                                ChronoUnit.FOREVER.getDuration(),
                                HUGE)),
                Tuple.of(2, Arbitraries.longs().between(1, Long.MAX_VALUE).map(Duration::ofSeconds)),
                Tuple.of(1, Arbitraries.longs().between(1, 86_400L * 7).map(Duration::ofSeconds)));
    }
}
