package dev.escalation.benchmarks.sdk;

import dev.escalation.EscalationEngine;
import dev.escalation.benchmarks.BenchJvm;
import dev.escalation.benchmarks.BenchTime;
import dev.escalation.inmemory.InMemoryEscalationStore;
import dev.escalation.inmemory.InMemoryStaffDirectory;
import dev.escalation.test.MutableClock;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code EscalationEngine.builder()…build()} with in-memory adapters in a warm JVM: clock, directories, no-op
 * notifier and ticketing, coverage calendar and hotline, and a new in-memory store (set explicitly: the builder has
 * no default). The host's directories exist already (they hold the host's data).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 2, timeUnit = TimeUnit.SECONDS)
@Fork(
        value = 1,
        jvmArgsAppend = {BenchJvm.HEAP_MIN, BenchJvm.HEAP_MAX, BenchJvm.PRE_TOUCH, BenchJvm.LOGGING})
@Threads(1)
public class SdkBuildBenchmark {
    final MutableClock clock = BenchTime.advancing();
    final BenchCustomers customers = new BenchCustomers();
    final InMemoryStaffDirectory staff = SdkFixture.staffDirectory();
    final NoOpNotifier notifier = new NoOpNotifier();
    final NoOpTicketing ticketing = new NoOpTicketing();

    @Benchmark
    public EscalationEngine build() {
        return SdkFixture.builder(clock, customers, staff, notifier, ticketing)
                .store(new InMemoryEscalationStore())
                .build();
    }
}
