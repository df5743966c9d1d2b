package dev.escalation.inmemory;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Issue #17, outbox memory: once the delivered keys were forgotten after the de-duplication window, the key table
 * holds memory only for the keys still held, not for the most it ever held. Counted: the number of keys the stripes'
 * tables are sized for, before and after forgetting.
 */
class DeliveredKeysTest {
    private static final Instant T0 = Instant.parse("2027-01-04T09:00:00Z");
    private static final int N = 100_000;
    /** What an empty key table may be sized for: every stripe below the rebuild threshold. */
    private static final int EMPTY_BOUND = DeliveredKeys.STRIPES * 64;

    @Test
    void forgottenKeysGiveTheirTableBack() {
        DeliveredKeys keys = new DeliveredKeys();
        for (int i = 0; i < N; i++) {
            Object entry = new Object();
            String key = "msg-" + i;
            assertThat(keys.claim(key, entry, T0.minus(Duration.ofDays(7)))).isTrue();
            keys.delivered(key, entry, T0.plusMillis(i));
        }
        assertThat(keys.retained()).isEqualTo(2 * N); // N keys and N delivery records
        assertThat(keys.sizedFor()).isGreaterThanOrEqualTo(N);

        assertThat(keys.forgetBefore(T0.plusMillis(N / 2), Integer.MAX_VALUE)).isEqualTo(N / 2);
        assertThat(keys.sizedFor()).as("half forgotten: not yet sparse").isGreaterThanOrEqualTo(N / 2);

        keys.forgetLazily(T0.plusMillis(N));
        assertThat(keys.retained()).isZero();
        assertThat(keys.sizedFor()).isLessThan(EMPTY_BOUND);
        assertThat(keys.rebuilds()).isGreaterThanOrEqualTo(DeliveredKeys.STRIPES);
    }

    @Test
    void aTableFollowsTheKeysHeldAcrossManyWindows() {
        DeliveredKeys keys = new DeliveredKeys();
        int live = 2_000;
        for (int i = 0; i < 20 * live; i++) {
            Object entry = new Object();
            Instant at = T0.plusSeconds(i);
            keys.claim("k" + i, entry, at.minusSeconds(live));
            keys.delivered("k" + i, entry, at);
            keys.forgetLazily(at.minusSeconds(live)); // a window of `live` deliveries
            assertThat(keys.sizedFor()).isLessThanOrEqualTo(Math.max(EMPTY_BOUND, 8 * (live + 1)));
        }
    }

    @Test
    void aKeyIsWaitingOnceDeliveredThenClaimableOnlyAfterTheWindow() {
        DeliveredKeys keys = new DeliveredKeys();
        Object first = new Object();
        Object second = new Object();
        Instant windowStart = T0.minus(Duration.ofDays(7));
        assertThat(keys.claim("k", first, windowStart)).isTrue();
        assertThat(keys.claim("k", second, windowStart)).as("waiting").isFalse();
        keys.delivered("k", first, T0);
        assertThat(keys.claim("k", second, T0))
                .as("delivered within the window")
                .isFalse();
        assertThat(keys.claim("k", second, T0.plusNanos(1)))
                .as("delivered before the window")
                .isTrue();
        keys.release("k", second);
        assertThat(keys.claim("k", first, windowStart)).isTrue();
    }

    @Test
    void concurrentClaimersShareEachKeyOnceAndForgetEverything() throws Exception {
        DeliveredKeys keys = new DeliveredKeys();
        int threads = 4;
        int perThread = 20_000;
        ConcurrentHashMap<String, Integer> winners = new ConcurrentHashMap<>();
        AtomicInteger duplicates = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int me = t;
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        String key = "shared-" + i; // every thread tries every key
                        Object entry = new Object();
                        if (keys.claim(key, entry, T0)) {
                            if (winners.putIfAbsent(key, me) != null) {
                                duplicates.incrementAndGet();
                            }
                            keys.delivered(key, entry, T0.plusMillis(i));
                        }
                        keys.forgetLazily(T0); // nothing is older than T0: forgets nothing
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(duplicates).hasValue(0);
        assertThat(winners).hasSize(perThread);
        assertThat(keys.retained()).isEqualTo(2 * perThread);
        assertThat(keys.forgetBefore(T0.plusMillis(perThread), Integer.MAX_VALUE))
                .isEqualTo(perThread);
        assertThat(keys.retained()).isZero();
        assertThat(keys.sizedFor()).isLessThan(EMPTY_BOUND);
    }
}
