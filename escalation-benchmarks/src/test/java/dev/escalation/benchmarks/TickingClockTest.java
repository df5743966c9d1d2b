package dev.escalation.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class TickingClockTest {
    private static final Instant START = Instant.parse("2027-01-12T07:00:00Z");
    private static final Duration TICK = Duration.ofMinutes(5);

    @Test
    void oneThreadReadsEveryTickInOrder() {
        TickingClock clock = TickingClock.of(START, TICK);
        for (int k = 1; k <= 5 * TickingClock.BLOCK + 3; k++) {
            assertThat(clock.instant()).isEqualTo(START.plus(TICK.multipliedBy(k)));
        }
    }

    @Test
    void aZoneCopySharesTheTicks() {
        TickingClock clock = TickingClock.of(START, TICK);
        clock.instant();
        assertThat(clock.withZone(java.time.ZoneId.of("Europe/Berlin")).instant())
                .isEqualTo(START.plus(TICK.multipliedBy(2)));
    }

    @Test
    void threadsNeverReadTheSameInstantAndEachReadsIncreasingInstants() throws Exception {
        readConcurrently(3, 20_000);
    }

    /**
     * More threads than {@link PerThread} has slots, so some fall back to its thread-local: every read is still
     * distinct and each thread's reads increase (that two threads sharing a slot get blocks of their own is
     * {@code PerThreadTest}'s).
     */
    @Test
    void threadsBeyondTheSlotsForBlocksStillReadDistinctIncreasingInstants() throws Exception {
        readConcurrently(70, 2 * TickingClock.BLOCK + 5);
    }

    private static void readConcurrently(int threads, int reads) throws Exception {
        TickingClock clock = TickingClock.of(START, TICK);
        List<List<Instant>> seen = new ArrayList<>();
        List<Thread> running = new ArrayList<>();
        CountDownLatch go = new CountDownLatch(1);
        for (int t = 0; t < threads; t++) {
            List<Instant> mine = new ArrayList<>(reads);
            seen.add(mine);
            Thread th = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                for (int i = 0; i < reads; i++) {
                    mine.add(clock.instant());
                }
            });
            th.start();
            running.add(th);
        }
        go.countDown();
        for (Thread th : running) {
            th.join();
        }
        Set<Instant> all = new HashSet<>();
        for (List<Instant> mine : seen) {
            assertThat(mine).hasSize(reads).isSorted().doesNotHaveDuplicates();
            all.addAll(mine);
        }
        assertThat(all).hasSize(threads * reads);
    }

    @Test
    void aThreadWhoseBlockFellMoreThanABlockBehindTakesANewOne() throws Exception {
        TickingClock clock = TickingClock.of(START, TICK);
        assertThat(clock.instant()).isEqualTo(START.plus(TICK)); // this thread holds block 1
        Thread other = new Thread(() -> {
            for (int i = 0; i < 2 * TickingClock.BLOCK; i++) { // blocks 2 and 3
                clock.instant();
            }
        });
        other.start();
        other.join();
        // two blocks taken since this thread's: the rest of block 1 is dropped, block 4 begins
        assertThat(clock.instant()).isEqualTo(START.plus(TICK.multipliedBy(3L * TickingClock.BLOCK + 1)));
    }

    @Test
    void aThreadOneBlockBehindKeepsItsBlock() throws Exception {
        TickingClock clock = TickingClock.of(START, TICK);
        clock.instant(); // block 1
        Thread other = new Thread(() -> {
            for (int i = 0; i < TickingClock.BLOCK; i++) { // block 2
                clock.instant();
            }
        });
        other.start();
        other.join();
        assertThat(clock.instant()).isEqualTo(START.plus(TICK.multipliedBy(2)));
    }

    @Test
    void afterCatchingUpAThreadReadsLaterThanEveryInstantReadOnAnyThread() throws Exception {
        TickingClock clock = TickingClock.of(START, TICK);
        clock.instant(); // block 1
        List<Instant> theirs = new ArrayList<>();
        Thread other = new Thread(() -> {
            for (int i = 0; i < TickingClock.BLOCK - 1; i++) { // most of block 2
                theirs.add(clock.instant());
            }
        });
        other.start();
        other.join();
        Instant latest = theirs.get(theirs.size() - 1);
        // without catching up, this thread still reads in its own block, behind what the other thread read
        assertThat(clock.instant()).isBefore(latest);

        clock.catchUp();
        Instant next = clock.instant();
        assertThat(next).isAfter(latest);
        assertThat(clock.instant()).isAfter(next); // and goes on increasing
    }
}
