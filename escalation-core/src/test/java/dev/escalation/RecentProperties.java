package dev.escalation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * {@link Recent}, the bounded lock-free map behind the engine's remembered customers and Incident Managers: over random
 * sequences of reads and writes it answers like a plain map for every key among the last {@code half} distinct keys
 * touched, never answers a value that was not the last one written for the key, and never holds more than
 * {@code 2 · half} keys.
 */
class RecentProperties {

    /** One step: a write of {@code value} for {@code key}, or a read of {@code key} when {@code value} is negative. */
    record Step(int key, int value) {}

    @Provide
    Arbitrary<List<Step>> steps() {
        return Arbitraries.integers()
                .between(0, 40)
                .flatMap(k -> Arbitraries.integers().between(-3, 5).map(v -> new Step(k, v)))
                .list()
                .ofMaxSize(400);
    }

    @Property(tries = 1_000)
    void keepsTheRecentKeysAndNothingStale(
            @ForAll("steps") List<Step> steps, @ForAll @IntRange(min = 1, max = 12) int half) {
        Recent<Integer, Integer> recent = new Recent<>(half);
        Map<Integer, Integer> model = new HashMap<>();
        LinkedHashSet<Integer> touched = new LinkedHashSet<>(); // least recently touched first
        for (Step s : steps) {
            if (s.value() >= 0) {
                recent.put(s.key(), s.value());
                model.put(s.key(), s.value());
            } else {
                Integer got = recent.get(s.key());
                if (got != null) {
                    assertThat(got).as("only the last value written").isEqualTo(model.get(s.key()));
                }
                if (!model.containsKey(s.key())) {
                    continue; // a miss touches nothing
                }
                boolean recentlyTouched = new ArrayList<>(touched)
                        .subList(Math.max(0, touched.size() - half), touched.size())
                        .contains(s.key());
                if (recentlyTouched) {
                    assertThat(got)
                            .as("key %s among the last %s touched", s.key(), half)
                            .isEqualTo(model.get(s.key()));
                }
                if (got == null) {
                    continue;
                }
            }
            touched.remove(s.key());
            touched.add(s.key());
            assertThat(recent.held()).isLessThanOrEqualTo(2 * half + 2);
        }
    }

    @Test
    void threadsWritingAndReadingAtOnceSeeOnlyWrittenValuesAndStayBounded() throws Exception {
        Recent<Integer, Integer> recent = new Recent<>(64);
        int threads = 4;
        CountDownLatch start = new CountDownLatch(1);
        AtomicInteger wrong = new AtomicInteger();
        List<Thread> all = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int offset = t;
            Thread th = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < 200_000; i++) {
                    int key = (i * 7 + offset) % 5_000;
                    recent.put(key, key * 3); // every writer writes the same value for a key
                    Integer got = recent.get((key + 13) % 5_000);
                    if (got != null && got != ((key + 13) % 5_000) * 3) {
                        wrong.incrementAndGet();
                    }
                }
            });
            th.start();
            all.add(th);
        }
        start.countDown();
        for (Thread th : all) {
            th.join();
        }
        assertThat(wrong).hasValue(0);
        assertThat(recent.held()).isLessThanOrEqualTo(2 * 64 + threads);
    }

    @Test
    void refusesAnEmptyBound() {
        assertThatThrownBy(() -> new Recent<Integer, Integer>(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
