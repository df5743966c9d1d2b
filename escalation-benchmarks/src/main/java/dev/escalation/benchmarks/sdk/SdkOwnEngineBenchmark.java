package dev.escalation.benchmarks.sdk;

import dev.escalation.EscalationView;
import dev.escalation.benchmarks.BenchJvm;
import dev.escalation.benchmarks.BenchTime;
import dev.escalation.benchmarks.CpuTime;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Control of the 2-thread bound: the in-memory lifecycle of {@link SdkLifecycleBenchmark} (14 commands, then the
 * outbox drained, validation, authorisation, audit chain, SLA planning and rendering on), but every benchmark thread
 * has its <em>own</em> engine, store, clock, adapters and observer ({@link Scope#Thread}): nothing of the SDK is
 * shared between the threads. What the CPU per lifecycle still gains from 1 to 2 threads here is the machine's own
 * (two cores sharing caches, memory bandwidth, frequency and the JVM's GC and JIT threads), not the engine's; the
 * report prints this 2t/1t ratio beside the shared engine's.
 *
 * <p>Same JVM options and the same warm-up as the lifecycle benchmark (10 × 5 s: JIT steady state, see its per
 * iteration figures in BENCHMARKS.md); shorter measurement iterations (5 × 2 s, several thousand lifecycles each on an
 * idle machine), as only the CPU per lifecycle is read. In memory only (the JDBC backends share a database by nature).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 10, time = 5, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 2, timeUnit = TimeUnit.SECONDS)
@Fork(
        value = 1,
        jvmArgsAppend = {BenchJvm.HEAP_MIN, BenchJvm.HEAP_MAX, BenchJvm.PRE_TOUCH, BenchJvm.LOGGING})
public class SdkOwnEngineBenchmark {

    /** One thread's own engine and in-memory store, new per iteration, checked as the lifecycle benchmark's. */
    @State(Scope.Thread)
    public static class OwnEngine {
        private static final AtomicInteger THREADS = new AtomicInteger();
        final int thread = THREADS.incrementAndGet();
        final String caseId = "C-" + thread;
        long n;
        SdkFixture fixture;

        @Setup(Level.Iteration)
        public void setUp() {
            fixture = new SdkFixture("memory", BenchTime.advancingLockFree());
        }

        /** Fails the run if anything was left undelivered or the engine reported no work of a kind. */
        @TearDown(Level.Iteration)
        public void check() {
            fixture.checkDrainedAndClose();
        }

        String submission() {
            return "t" + thread + "-" + (++n);
        }
    }

    @Benchmark
    @Threads(1)
    public EscalationView lifecycle_1t(OwnEngine own, CpuTime cpu, WorkCounts work) {
        return lifecycle(own, cpu, work);
    }

    @Benchmark
    @Threads(2)
    public EscalationView lifecycle_2t(OwnEngine own, CpuTime cpu, WorkCounts work) {
        return lifecycle(own, cpu, work);
    }

    /** The 14 commands and the drain on the thread's own engine; its CPU time, and its work counted outside it. */
    private static EscalationView lifecycle(OwnEngine own, CpuTime cpu, WorkCounts work) {
        return own.fixture.measuredLifecycle(own.caseId, own.submission(), cpu, work);
    }
}
