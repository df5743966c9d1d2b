package dev.escalation.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListSet;
import org.junit.jupiter.api.Test;

class MutableClockTest {

    private static final Instant START = Instant.parse("2027-01-12T07:00:00Z");

    @Test
    void aStandingClockMovesOnlyWhenTold() {
        MutableClock clock = MutableClock.at(START);
        assertThat(List.of(clock.instant(), clock.instant())).containsExactly(START, START);
        assertThat(clock.advance(Duration.ofMinutes(5))).isEqualTo(START.plusSeconds(300));
        clock.set(START.minusSeconds(1));
        assertThat(clock.instant()).isEqualTo(START.minusSeconds(1));
    }

    @Test
    void aTickingClockMovesByItsTickOnEveryRead() {
        MutableClock clock = MutableClock.ticking(START, Duration.ofMinutes(5));
        assertThat(List.of(clock.instant(), clock.instant(), clock.millis()))
                .containsExactly(
                        START.plus(Duration.ofMinutes(5)),
                        START.plus(Duration.ofMinutes(10)),
                        START.plus(Duration.ofMinutes(15)).toEpochMilli());
        clock.advance(Duration.ofHours(1));
        assertThat(clock.instant()).isEqualTo(START.plus(Duration.ofMinutes(80)));
    }

    @Test
    void aTickingClockGivesEveryThreadADistinctLaterInstant() throws InterruptedException {
        MutableClock clock = MutableClock.ticking(START, Duration.ofNanos(1));
        Set<Instant> seen = new ConcurrentSkipListSet<>();
        List<Thread> threads = new java.util.ArrayList<>();
        for (int t = 0; t < 4; t++) {
            Thread thread = new Thread(() -> {
                for (int i = 0; i < 1000; i++) {
                    seen.add(clock.instant());
                }
            });
            thread.start();
            threads.add(thread);
        }
        for (Thread t : threads) {
            t.join();
        }
        assertThat(new TreeSet<>(seen)).hasSize(4000).first().isEqualTo(START.plusNanos(1));
    }

    @Test
    void aTickMustBePositive() {
        assertThatThrownBy(() -> MutableClock.ticking(START, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MutableClock.ticking(START, Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
