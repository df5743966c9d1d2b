package dev.escalation.benchmarks.sdk;

import dev.escalation.EscalationReceipt;
import dev.escalation.benchmarks.BenchTime;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * Labelled beside {@link SdkEscalateBenchmark#escalate_1t} (in memory only): the same timed call, but the outbox is
 * drained between calls, untimed, every {@value #DRAIN_EVERY}th invocation's setup, as a host's delivery thread would
 * drain it. {@code escalate_1t} leaves every call's four side effects in the outbox for the whole iteration, so its
 * store retains about 7.7 KB per call instead of about 3.1 KB (the eighth pass's heap reading), and the garbage
 * collector copies that surviving heap during the measurement. Comparing the two shows how much of escalate's tail
 * is the undrained outbox of the benchmark rather than the call. Everything the call does is unchanged (validation,
 * authorisation, audit chain, planning, hotline advice, outbox writes).
 */
@State(Scope.Benchmark)
public class SdkEscalateDrainedBenchmark extends EscalateLatencySettings {

    /** Calls between two drains of the outbox. */
    static final int DRAIN_EVERY = 64;

    SdkFixture fixture;

    @Setup(Level.Iteration)
    public void setUp() {
        fixture = new SdkFixture("memory", BenchTime.advancingLockFree());
    }

    @TearDown(Level.Iteration)
    public void tearDown() {
        fixture.close();
    }

    /** The host's delivery thread, untimed: drains the outbox before every {@value #DRAIN_EVERY}th call. */
    @State(Scope.Thread)
    public static class Dispatcher {
        int calls;

        @Setup(Level.Invocation)
        public void drain(SdkEscalateDrainedBenchmark benchmark) {
            if (++calls % DRAIN_EVERY == 0) {
                benchmark.fixture.engine.deliverPending();
            }
        }
    }

    @Benchmark
    @Threads(1)
    public EscalationReceipt escalateDrained_1t(SdkEscalateBenchmark.Ids ids, Dispatcher dispatcher) {
        String c = ids.next();
        return SdkLifecycle.escalate(fixture.engine, c, c);
    }
}
