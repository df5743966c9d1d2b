package dev.escalation.benchmarks.sdk;

import dev.escalation.EscalationView;
import dev.escalation.benchmarks.BenchClock;
import dev.escalation.benchmarks.CpuTime;
import dev.escalation.benchmarks.ThreadCpu;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * This SDK, full lifecycle: escalate → acknowledge → agree plan → 2 participants → 5 progress entries → resolve →
 * schedule lessons learned → record → close (14 commands), then {@code engine.deliverPending()} drains the outbox
 * to no-op notification and ticketing adapters, inside the measurement. One operation = one lifecycle.
 *
 * <p>A fresh engine and store per iteration (the in-memory store keeps closed escalations, so it grows during an
 * iteration). Each thread reuses its own case: it is free again once the escalation is closed.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx4g", "-Dorg.jboss.logging.provider=slf4j"})
public class SdkLifecycleBenchmark {

    /** Which store: {@code memory} now; {@code h2}/{@code postgres} once escalation-jdbc is wired in SdkFixture. */
    @Param({"memory"})
    public String backend;

    SdkFixture fixture;

    @Setup(Level.Iteration)
    public void setUp() {
        fixture = new SdkFixture(backend, BenchClock.advancing());
    }

    /** Fails the run if anything was left undelivered or nothing reached the adapters. */
    @TearDown(Level.Iteration)
    public void check() {
        fixture.engine.deliverPending();
        long pending = fixture.store.outbox().pendingCount();
        if (pending != 0 || fixture.notifier.sent() == 0 || fixture.ticketing.calls() == 0) {
            throw new IllegalStateException("outbox not drained: pending=" + pending + ", notifications="
                    + fixture.notifier.sent() + ", ticket calls=" + fixture.ticketing.calls());
        }
    }

    /** Per-thread case and submission ids. */
    @State(Scope.Thread)
    public static class Ids {
        private static final AtomicInteger THREADS = new AtomicInteger();
        final int thread = THREADS.incrementAndGet();
        final String caseId = "C-" + thread;
        long n;

        String submission() {
            return "t" + thread + "-" + (++n);
        }
    }

    @Benchmark
    @Threads(1)
    public EscalationView lifecycle_1t(Ids ids, CpuTime cpu) {
        long t0 = ThreadCpu.now();
        EscalationView v = SdkLifecycle.full(fixture.engine, fixture.clock, ids.caseId, ids.submission());
        cpu.stop(t0);
        return v;
    }

    @Benchmark
    @Threads(2)
    public EscalationView lifecycle_2t(Ids ids, CpuTime cpu) {
        long t0 = ThreadCpu.now();
        EscalationView v = SdkLifecycle.full(fixture.engine, fixture.clock, ids.caseId, ids.submission());
        cpu.stop(t0);
        return v;
    }
}
