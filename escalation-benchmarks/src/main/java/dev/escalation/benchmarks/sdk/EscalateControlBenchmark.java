package dev.escalation.benchmarks.sdk;

import java.util.Arrays;
import java.util.Locale;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Control of the escalate tail: what this host does to the latency distribution of a microsecond operation that runs
 * no SDK code. Same mode, warm-up, measurement, fork and heap as {@link SdkEscalateBenchmark#escalate_1t}; the op is
 * pure CPU work ({@link Blackhole#consumeCPU}) of about escalate's median duration plus {@code bytes} of short-lived
 * allocation (escalate's {@code gc.alloc.rate.norm}, as {@code chunks} arrays handed to the blackhole, so the young
 * collections run as often as under escalate). Nothing is retained between calls.
 *
 * <p>The CPU work is calibrated before every iteration in {@code @Setup(Level.Iteration)} (not measured): the number
 * of {@code consumeCPU} tokens whose whole op (work plus allocation) has a median of {@code targetMicros}, so the
 * control follows the host's speed the way escalate's median does. Its p99/p50 is the host's own tail for such an op;
 * escalate's p99 ÷ the control's p99 in the same JMH invocation is what the SDK adds.
 */
@State(Scope.Benchmark)
public class EscalateControlBenchmark extends EscalateLatencySettings {

    /** The median the calibration aims at, µs (escalate's in-memory p50 of the last full run: 15.0 µs). */
    @Param({"15"})
    public double targetMicros;

    /** Bytes allocated and dropped per op (escalate's {@code gc.alloc.rate.norm}, in memory, 1 thread). */
    @Param({"15500"})
    public int bytes;

    /** The allocation in this many arrays (escalate allocates a few hundred small objects). */
    @Param({"200"})
    public int chunks;

    long tokens = 1_000;
    int chunkLength;
    int lastLength;
    boolean calibrated;

    /**
     * Sets {@link #tokens} so that the whole op (work plus allocation) has a median of {@link #targetMicros}: before
     * every iteration (not measured), so that the later iterations calibrate the compiled op.
     */
    @Setup(Level.Iteration)
    public void calibrate() {
        // arrays are 8-byte aligned with a 16-byte header (compressed class pointers): chunks - 1 arrays of the
        // aligned share and one array of the rest, so exactly `bytes` per op
        int share = Math.max(16, bytes / chunks / 8 * 8);
        chunkLength = share - 16;
        lastLength = Math.max(0, bytes - share * (chunks - 1) - 16);
        Blackhole bh = new Blackhole(
                "Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.");
        for (int round = 0; round < (calibrated ? 3 : 8); round++) {
            double median = medianMicros(bh, 1_000);
            tokens = Math.max(1, Math.round(tokens * targetMicros / median));
        }
        calibrated = true;
        double median = medianMicros(bh, 2_000);
        System.out.printf(
                Locale.ROOT,
                "control: %d tokens, %d B in %d arrays per op, median %.2f µs (target %.1f)%n",
                tokens,
                share * (chunks - 1) + lastLength + 16,
                chunks,
                median,
                targetMicros);
        bh.evaporate("Yes, I am Stephen Hawking, and know a thing or two about black holes.");
    }

    private double medianMicros(Blackhole bh, int calls) {
        long[] t = new long[calls];
        for (int i = 0; i < calls; i++) {
            long t0 = System.nanoTime();
            op(bh);
            t[i] = System.nanoTime() - t0;
        }
        Arrays.sort(t);
        return t[calls / 2] / 1_000.0;
    }

    private void op(Blackhole bh) {
        int half = chunks / 2;
        for (int i = 0; i < half; i++) {
            bh.consume(new byte[chunkLength]);
        }
        Blackhole.consumeCPU(tokens);
        for (int i = half + 1; i < chunks; i++) {
            bh.consume(new byte[chunkLength]);
        }
        bh.consume(new byte[lastLength]);
    }

    /** Pure CPU work of escalate's median plus escalate's allocation, no SDK code. */
    @Benchmark
    @Threads(1)
    public void control_1t(Blackhole bh) {
        op(bh);
    }
}
