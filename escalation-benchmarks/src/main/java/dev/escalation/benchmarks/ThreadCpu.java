package dev.escalation.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/** The calling thread's CPU time (kept out of {@link CpuTime}, whose public methods JMH would report as counters). */
public final class ThreadCpu {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private ThreadCpu() {}

    /**
     * @return the calling thread's CPU time in nanoseconds
     */
    public static long now() {
        return THREADS.getCurrentThreadCpuTime();
    }
}
