package dev.escalation.benchmarks.peers;

import dev.escalation.benchmarks.BenchJvm;
import dev.escalation.benchmarks.CpuTime;
import dev.escalation.benchmarks.ThreadCpu;
import dev.escalation.benchmarks.jdbc.Databases;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Flowable 7.2 embedded, the same 14-command lifecycle ({@link FlowableEscalations}), on in-memory H2 ({@code db=h2},
 * the same H2 mode as the SDK's h2 backend) or on PostgreSQL ({@code db=postgres}: ESCALATION_TEST_PG_URL, its own
 * schema; run.sh leaves it out when that is unset). One engine and database per trial; each lifecycle uses a new
 * case id (the business key). On PostgreSQL the schema is primed and analyzed before measuring, as the SDK's is
 * ({@link Databases}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 8, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 12, timeUnit = TimeUnit.SECONDS)
@Fork(
        value = 1,
        jvmArgsAppend = {BenchJvm.HEAP_MIN, BenchJvm.HEAP_MAX, BenchJvm.PRE_TOUCH, BenchJvm.LOGGING})
public class FlowableLifecycleBenchmark {
    /** {@code h2} (default) or {@code postgres} by {@code -p db=…} (run.sh passes both when PostgreSQL is configured). */
    @Param({"h2"})
    public String db;

    FlowableEscalations flowable;
    final AtomicInteger cases = new AtomicInteger();
    final Instant now = Instant.parse("2027-01-12T07:00:00Z");

    @Setup(Level.Trial)
    public void setUp() {
        flowable = "postgres".equals(db) ? FlowableEscalations.postgres() : new FlowableEscalations();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        flowable.close();
    }

    @Benchmark
    @Threads(1)
    public void lifecycle_1t(CpuTime cpu) {
        long t0 = ThreadCpu.now();
        flowable.full("C-" + cases.incrementAndGet(), now);
        cpu.stop(t0);
    }

    @Benchmark
    @Threads(2)
    public void lifecycle_2t(CpuTime cpu) {
        long t0 = ThreadCpu.now();
        flowable.full("C-" + cases.incrementAndGet(), now);
        cpu.stop(t0);
    }
}
