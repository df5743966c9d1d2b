package dev.escalation.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Each thread gets one value of its own, made once, whether its id's slot is free or another thread holds it. */
class PerThreadTest {

    private record Made(long thread, int number) {}

    /** Values that name the thread they were made on and count the values made. */
    private static PerThread<Made> numbered(AtomicInteger made) {
        return new PerThread<>(() -> new Made(Thread.currentThread().getId(), made.incrementAndGet()));
    }

    @Test
    void aThreadGetsTheSameValueOnEveryCall() {
        AtomicInteger made = new AtomicInteger();
        PerThread<Made> values = numbered(made);
        Made first = values.get();
        for (int i = 0; i < 100; i++) {
            assertThat(values.get()).isSameAs(first);
        }
        assertThat(made).hasValue(1);
    }

    /** Two threads whose ids meet in one slot: the second does not get the first one's value, it gets its own. */
    @Test
    void aThreadWhoseSlotIsTakenGetsAValueOfItsOwn() throws Exception {
        AtomicInteger made = new AtomicInteger();
        PerThread<Made> values = numbered(made);
        List<Made> seen = new CopyOnWriteArrayList<>();
        Runnable twice = () -> {
            seen.add(values.get());
            seen.add(values.get());
        };
        Map<Long, Thread> bySlot = new HashMap<>();
        Thread first = null;
        Thread second = null;
        while (second == null) { // at most SLOTS + 1 threads until two ids share a slot
            Thread t = new Thread(twice);
            Thread earlier = bySlot.putIfAbsent(t.getId() & (PerThread.SLOTS - 1), t);
            if (earlier != null) {
                first = earlier;
                second = t;
            }
        }
        first.start();
        first.join();
        second.start();
        second.join();
        assertThat(seen)
                .extracting(Made::thread)
                .containsExactly(first.getId(), first.getId(), second.getId(), second.getId());
        assertThat(seen.get(1)).isSameAs(seen.get(0));
        assertThat(seen.get(3)).isSameAs(seen.get(2));
        assertThat(made).hasValue(2);
    }

    @Test
    void manyThreadsEachGetOneValueOfTheirOwn() throws Exception {
        AtomicInteger made = new AtomicInteger();
        PerThread<Made> values = numbered(made);
        int threads = 3 * PerThread.SLOTS;
        List<Thread> running = new ArrayList<>();
        List<Boolean> own = new CopyOnWriteArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread th = new Thread(() -> {
                Made m = values.get();
                own.add(m.thread() == Thread.currentThread().getId() && values.get() == m);
            });
            th.start();
            running.add(th);
        }
        for (Thread th : running) {
            th.join();
        }
        assertThat(own).hasSize(threads).containsOnly(true);
        assertThat(made).hasValue(threads);
    }
}
