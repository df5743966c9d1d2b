package dev.escalation.inmemory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** Rows appended column-wise, also by two threads at once, read back whole and in their positions. */
class AppendColumnsTest {

    @Test
    void readsBackEveryRowAcrossChunks() {
        AppendColumns rows = new AppendColumns(3, 2);
        for (int i = 1; i <= 10_000; i++) {
            assertThat(rows.append("r" + i, i, i % 3 == 0 ? null : "x", "ignored", i * 2L, -i, 99))
                    .isEqualTo(i);
        }
        Object[] refs = new Object[AppendColumns.REFS];
        long[] longs = new long[AppendColumns.LONGS];
        for (int i = 1; i <= 10_000; i++) {
            assertThat(rows.read(i, refs, longs)).isTrue();
            assertThat(refs[0]).isEqualTo("r" + i);
            assertThat(refs[1]).isEqualTo(i);
            assertThat(refs[2]).isEqualTo(i % 3 == 0 ? null : "x");
            assertThat(longs[0]).isEqualTo(i * 2L);
            assertThat(longs[1]).isEqualTo(-i);
        }
        assertThat(rows.read(0, refs, longs)).isFalse();
        assertThat(rows.read(10_001, refs, longs)).isFalse();
        assertThat(rows.size()).isEqualTo(10_000);
    }

    @Test
    void twoWritersLoseNothing() throws Exception {
        AppendColumns rows = new AppendColumns(1, 1);
        CountDownLatch start = new CountDownLatch(1);
        Thread[] writers = new Thread[2];
        for (int w = 0; w < 2; w++) {
            int id = w;
            writers[w] = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                for (int i = 0; i < 20_000; i++) {
                    rows.append(id + ":" + i, null, null, null, id * 100_000L + i, 0, 0);
                }
            });
            writers[w].start();
        }
        start.countDown();
        for (Thread t : writers) {
            t.join();
        }
        Object[] refs = new Object[AppendColumns.REFS];
        long[] longs = new long[AppendColumns.LONGS];
        Set<String> seen = new HashSet<>();
        for (long p = 1; p <= rows.size(); p++) {
            assertThat(rows.read(p, refs, longs)).isTrue();
            String[] parts = ((String) refs[0]).split(":");
            assertThat(longs[0]).isEqualTo(Long.parseLong(parts[0]) * 100_000L + Long.parseLong(parts[1]));
            seen.add((String) refs[0]);
        }
        assertThat(seen).hasSize(40_000);
    }
}
