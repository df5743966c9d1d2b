package dev.escalation.benchmarks.sdk;

import dev.escalation.EscalationReceipt;
import dev.escalation.benchmarks.BenchTime;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * Latency of the "Escalate Case" button (SampleTime: p50/p99 from the JMH histogram): a fresh case and a fresh
 * submission id per call, so every call creates an escalation (validation, authorisation, idempotency look-ups,
 * hotline advice, progress log, 4 side effects into the outbox). The outbox is not drained here: delivery runs on
 * another thread in a real host, and the lifecycle benchmark measures it. Fresh engine and store per iteration
 * (PostgreSQL: per trial, primed and analyzed once, {@link SdkFixture#livesForTrial}).
 *
 * <p>{@code escalateExisting_1t} is the other path, labelled: a double click, where the case already has an open
 * escalation and the existing one is returned.
 */
@State(Scope.Benchmark)
public class SdkEscalateBenchmark extends EscalateLatencySettings {

    /** {@code memory} (default), {@code h2} or {@code postgres} by {@code -p backend=…}, as in {@link SdkLifecycleBenchmark}. */
    @Param({"memory"})
    public String backend;

    SdkFixture fixture;

    /** PostgreSQL: one fixture for the trial ({@link SdkFixture#livesForTrial}). */
    @Setup(Level.Trial)
    public void openTrial() {
        if (SdkFixture.livesForTrial(backend)) {
            fixture = newFixture();
        }
    }

    /** A fresh fixture (memory, H2); PostgreSQL keeps the trial's. */
    @Setup(Level.Iteration)
    public void setUp() {
        if (!SdkFixture.livesForTrial(backend)) {
            fixture = newFixture();
        }
    }

    private SdkFixture newFixture() {
        SdkFixture f = new SdkFixture(backend, BenchTime.advancingLockFree());
        EscalationReceipt first = SdkLifecycle.escalate(f.engine, "C-open", "first-click");
        if (!first.created()) {
            throw new IllegalStateException("setup escalation was not created");
        }
        return f;
    }

    @TearDown(Level.Iteration)
    public void tearDown() {
        if (!SdkFixture.livesForTrial(backend)) {
            fixture.close();
        }
    }

    @TearDown(Level.Trial)
    public void closeTrial() {
        if (SdkFixture.livesForTrial(backend)) {
            fixture.close();
        }
    }

    /** Per-thread fresh case ids. */
    @State(Scope.Thread)
    public static class Ids {
        private static final AtomicInteger THREADS = new AtomicInteger();
        final String prefix = "C-" + THREADS.incrementAndGet() + "-";
        long n;

        String next() {
            return prefix + (++n);
        }
    }

    @Benchmark
    @Threads(1)
    public EscalationReceipt escalate_1t(Ids ids) {
        String c = ids.next();
        return SdkLifecycle.escalate(fixture.engine, c, c);
    }

    @Benchmark
    @Threads(2)
    public EscalationReceipt escalate_2t(Ids ids) {
        String c = ids.next();
        return SdkLifecycle.escalate(fixture.engine, c, c);
    }

    /** Labelled: the double-click path (the case has an open escalation; the existing one is returned). */
    @Benchmark
    @Threads(1)
    public EscalationReceipt escalateExisting_1t(Ids ids) {
        return SdkLifecycle.escalate(fixture.engine, "C-open", ids.next());
    }
}
