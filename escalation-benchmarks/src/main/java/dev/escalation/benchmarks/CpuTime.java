package dev.escalation.benchmarks;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * CPU time of the measuring thread per operation, reported next to the throughput as two JMH secondary results
 * ({@code cpuNanos}, {@code cpuOps}; the report divides them). On a shared machine wall-clock throughput depends on
 * how much CPU the other tenants leave; CPU time per operation much less so. Reading the thread's CPU time costs
 * about a microsecond, so it is only used for operations that take hundreds of microseconds or more.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.EVENTS)
public class CpuTime {
    /** CPU nanoseconds spent in measured operations. */
    public long cpuNanos;
    /** Measured operations. */
    public long cpuOps;

    /**
     * @param start what {@link ThreadCpu#now()} returned before the operation
     */
    public void stop(long start) {
        cpuNanos += ThreadCpu.now() - start;
        cpuOps++;
    }
}
