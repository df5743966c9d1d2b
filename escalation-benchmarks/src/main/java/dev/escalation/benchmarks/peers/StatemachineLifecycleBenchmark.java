package dev.escalation.benchmarks.peers;

import dev.escalation.benchmarks.BenchJvm;
import dev.escalation.benchmarks.CpuTime;
import dev.escalation.benchmarks.ThreadCpu;
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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Spring Statemachine 4.0.2, the same 14-command lifecycle ({@link MachineEscalations}): a machine per escalation
 * from the factory, stopped and dropped when closed.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 10, time = 5, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 3, timeUnit = TimeUnit.SECONDS)
@Fork(
        value = 1,
        jvmArgsAppend = {BenchJvm.HEAP_MIN, BenchJvm.HEAP_MAX, BenchJvm.PRE_TOUCH, BenchJvm.LOGGING})
public class StatemachineLifecycleBenchmark {
    MachineEscalations machines;
    final AtomicInteger cases = new AtomicInteger();
    final Instant now = Instant.parse("2027-01-12T07:00:00Z");

    @Setup(Level.Trial)
    public void setUp() {
        machines = new MachineEscalations();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        machines.close();
    }

    @Benchmark
    @Threads(1)
    public void lifecycle_1t(CpuTime cpu) {
        long t0 = ThreadCpu.now();
        machines.full("C-" + cases.incrementAndGet(), now);
        cpu.stop(t0);
    }

    @Benchmark
    @Threads(2)
    public void lifecycle_2t(CpuTime cpu) {
        long t0 = ThreadCpu.now();
        machines.full("C-" + cases.incrementAndGet(), now);
        cpu.stop(t0);
    }
}
