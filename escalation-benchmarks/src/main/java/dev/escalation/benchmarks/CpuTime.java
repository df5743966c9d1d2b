package dev.escalation.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
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
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** CPU nanoseconds spent in measured operations. */
    public long cpuNanos;
    /** Measured operations. */
    public long cpuOps;

    /**
     * The calling thread's CPU time (static: a public instance method returning a value would become a counter).
     *
     * @return nanoseconds
     */
    public static long now() {
        return THREADS.getCurrentThreadCpuTime();
    }

    /**
     * @param start what {@link #now()} returned before the operation
     */
    public void stop(long start) {
        cpuNanos += THREADS.getCurrentThreadCpuTime() - start;
        cpuOps++;
    }
}
