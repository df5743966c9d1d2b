package dev.escalation.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * A JMH profiler ({@code -prof dev.escalation.benchmarks.HostSteal}) that reports, per iteration, the share of the
 * machine's CPU time the hypervisor <em>stole</em>: time a virtual CPU was ready to run while the host ran something
 * else ({@code steal} of the {@code cpu} line of {@code /proc/stat}, over all of that line's time). On a virtual
 * machine that shares its host, this is the other tenants' weight. The guest kernel leaves stolen time out of a
 * thread's CPU time when it accounts steal (Linux {@code CONFIG_PARAVIRT_TIME_ACCOUNTING}), so {@link CpuTime}
 * figures are not inflated by it directly; a busy host still slows the CPU time per operation through the shared
 * cores' caches and memory, which is why the report prints the share beside the figures. Secondary result
 * {@code ·steal} in percent (averaged over iterations); {@code NaN} where {@code /proc/stat} is not readable.
 */
public final class HostSteal implements InternalProfiler {

    private static final Path PROC_STAT = Path.of("/proc/stat");

    private long[] before = new long[0];

    @Override
    public String getDescription() {
        return "share of the machine's CPU time stolen by the hypervisor (/proc/stat)";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        before = read();
    }

    @Override
    @SuppressWarnings("rawtypes") // JMH's interface declares the raw Result
    public Collection<? extends Result> afterIteration(
            BenchmarkParams benchmarkParams, IterationParams iterationParams, IterationResult result) {
        return List.of(new ScalarResult("·steal", share(before, read()), "%", AggregationPolicy.AVG));
    }

    /**
     * The steal share in percent between two readings of the {@code cpu} line ({@code NaN} if either is missing or
     * no time passed).
     */
    static double share(long[] from, long[] to) {
        if (from.length < 8 || to.length < 8) {
            return Double.NaN;
        }
        long total = 0;
        for (int i = 0; i < 8; i++) { // user nice system idle iowait irq softirq steal (guest time is inside user)
            total += to[i] - from[i];
        }
        return total <= 0 ? Double.NaN : 100.0 * (to[7] - from[7]) / total;
    }

    /** The first eight counters of the {@code cpu} line of {@code /proc/stat}, or none. */
    static long[] read() {
        try {
            return parse(Files.readAllLines(PROC_STAT).get(0));
        } catch (IOException | RuntimeException e) {
            return new long[0];
        }
    }

    /** The counters of a {@code cpu} line ({@code "cpu  1 2 3 …"}); none if it is not one. */
    static long[] parse(String line) {
        String[] f = line.trim().split("\\s+");
        if (f.length < 9 || !f[0].equals("cpu")) {
            return new long[0];
        }
        long[] v = new long[8];
        for (int i = 0; i < 8; i++) {
            v[i] = Long.parseLong(f[i + 1]);
        }
        return v;
    }
}
