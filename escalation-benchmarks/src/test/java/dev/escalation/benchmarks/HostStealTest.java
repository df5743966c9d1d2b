package dev.escalation.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.Result;

class HostStealTest {

    @Test
    void readsTheCountersOfTheCpuLineAndTheShareOfSteal() {
        long[] from = HostSteal.parse("cpu  100 10 20 800 5 0 5 60 0 0");
        long[] to = HostSteal.parse("cpu  300 10 40 900 5 0 5 140 7 0");
        assertThat(from).containsExactly(100, 10, 20, 800, 5, 0, 5, 60);
        // 200 user + 20 system + 100 idle + 80 steal = 400 ticks, of them 80 stolen (guest time is inside user)
        assertThat(HostSteal.share(from, to)).isEqualTo(20.0);
    }

    @Test
    void anythingButACpuLineOrNoTimePassedGivesNoShare() {
        assertThat(HostSteal.parse("cpu0 1 2 3 4 5 6 7 8")).isEmpty();
        assertThat(HostSteal.parse("intr 1 2 3")).isEmpty();
        long[] once = HostSteal.parse("cpu  1 2 3 4 5 6 7 8");
        assertThat(HostSteal.share(once, once)).isNaN();
        assertThat(HostSteal.share(new long[0], once)).isNaN();
    }

    @Test
    void theProfilerReportsOneShareInPercentPerIteration() {
        HostSteal profiler = new HostSteal();
        profiler.beforeIteration(null, null);
        // /proc/stat counts in ticks of 10 ms: a fixed loop that ends within one tick read no time passed (NaN) on a
        // fast host, so burn for 50 ms of wall time (five ticks of every CPU's total, idle included)
        double burnt = 0;
        long until = System.nanoTime() + 50_000_000L;
        for (int i = 0; System.nanoTime() < until; i++) {
            burnt += Math.sqrt(i);
        }
        Result<?> r = profiler.afterIteration(null, null, null).iterator().next();
        assertThat(burnt).isPositive();
        assertThat(r.getLabel()).isEqualTo("·steal");
        assertThat(r.getScoreUnit()).isEqualTo("%");
        assertThat(r.getScore()).isBetween(0.0, 100.0); // on Linux /proc/stat is there, and some time passed
    }
}
