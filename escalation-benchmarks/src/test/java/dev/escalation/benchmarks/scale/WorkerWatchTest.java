package dev.escalation.benchmarks.scale;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.escalation.EngineObserver;
import dev.escalation.benchmarks.jdbc.Databases;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/**
 * {@link WorkerWatch}: a gap without a worker transaction longer than the threshold is a stall, reported once with the
 * worker thread's stack and closed by the next transaction; failed run parts are counted by phase and type. It
 * samples the clock it is given: nothing here waits for the threshold.
 */
class WorkerWatchTest {

    @Test
    @SuppressWarnings("unchecked")
    void aGapOverTheThresholdIsOneStallWithTheWorkersStack() throws Exception {
        try (HikariDataSource pool = Databases.h2Pool(Databases.newH2Url("watch"), 1, "watch")) {
            WatchedDataSource watched = new WatchedDataSource(pool);
            WorkerWatch watch = new WorkerWatch(watched, 2000);
            long started = System.nanoTime();
            watch.sample(started, started);
            assertThat(watch.toMap(0, 0).get("stalls")).isEqualTo(0L); // no worker transaction yet: nothing to say

            CountDownLatch release = new CountDownLatch(1);
            Thread stuck = workerTransaction(watched, release); // takes a transaction, then hangs on
            long last = watched.lastWorkerTransaction();
            assertThat(watched.workerThread()).isNotNull();
            watch.sample(last + Duration.ofMillis(1500).toNanos(), started);
            assertThat(watch.troubled()).isFalse();
            watch.sample(last + Duration.ofMillis(2500).toNanos(), started);
            watch.sample(last + Duration.ofMillis(3000).toNanos(), started); // the same stall: not counted again
            assertThat(watch.troubled()).isTrue();

            release.countDown();
            stuck.join();
            workerTransaction(watched, new CountDownLatch(0)).join(); // the worker moves again: the stall ends
            long next = watched.lastWorkerTransaction();
            assertThat(next).isGreaterThan(last);
            watch.sample(System.nanoTime(), started);
            Map<String, Object> m = watch.toMap(2, 0);
            assertThat(m.get("stalls")).isEqualTo(1L);
            assertThat((double) m.get("longestGapSeconds")).isGreaterThanOrEqualTo(3.0);
            List<Map<String, Object>> samples = (List<Map<String, Object>>) m.get("stallSamples");
            assertThat(samples).hasSize(1);
            assertThat(samples.get(0)).containsKeys("sinceSecond", "seconds", "threadState", "stack");
            // from the stalled transaction to the next, in real time (under a millisecond on a fast host), rounded
            assertThat((double) samples.get(0).get("seconds"))
                    .isEqualTo(Math.round((next - last) / 1e9 * 1000) / 1000.0);
            assertThat((List<String>) samples.get(0).get("stack")).isNotEmpty();
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void failedRunPartsAreCountedByPhaseAndType() {
        WorkerWatch watch = new WorkerWatch(new WatchedDataSource(null), 2000);
        watch.workerFailed(EngineObserver.WorkerPhase.DUE_WORK, IllegalStateException.class);
        watch.workerFailed(EngineObserver.WorkerPhase.DUE_WORK, IllegalStateException.class);
        watch.workerFailed(EngineObserver.WorkerPhase.DELIVERY, AssertionError.class);

        assertThat(watch.troubled()).isTrue();
        assertThat((Map<String, Long>) watch.toMap(0, 0).get("failedParts"))
                .containsEntry("DUE_WORK java.lang.IllegalStateException", 2L)
                .containsEntry("DELIVERY java.lang.AssertionError", 1L);
    }

    /**
     * One connection checkout on a thread named like the engine's worker, which then waits for {@code then}; returns
     * once the checkout is done.
     */
    private static Thread workerTransaction(WatchedDataSource watched, CountDownLatch then) throws Exception {
        CountDownLatch done = new CountDownLatch(1);
        Thread t = new Thread(
                () -> {
                    try (Connection c = watched.getConnection()) {
                        c.isValid(1);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    } finally {
                        done.countDown();
                    }
                    try {
                        then.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                },
                WatchedDataSource.WORKER_THREAD + "-test");
        t.start();
        done.await();
        return t;
    }
}
