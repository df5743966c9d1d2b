package dev.escalation.benchmarks;

/**
 * The JVM options of every forked benchmark ({@code @Fork(jvmArgsAppend = ...)}), in one place so that subjects and
 * peers run on the same heap.
 *
 * <p>The heap is fixed and touched before the benchmark starts ({@link #HEAP_MIN} = {@link #HEAP_MAX},
 * {@link #PRE_TOUCH}). Without it, G1 commits memory as the heap grows (and gives it back after a full collection),
 * and the first write to each newly committed 4 KiB page is a page fault charged to whichever thread touches it: a
 * benchmark thread allocating into a fresh eden region, or the collector's threads promoting into fresh old regions
 * inside a pause. On the virtual machines these benchmarks have run on, such a fault costs ~20 µs (measured: ~50,000
 * minor faults per second of a thread that did nothing else), so a trial whose heap grows measures the host's memory
 * provisioning, not the code: the overdue query at 1,000,000 open escalations read 55–100 µs for 10–20 s after its
 * fill and 3.6 µs afterwards, with the same code, data and page. A fixed, pre-touched heap costs a few seconds of
 * start-up per fork and leaves the measured iterations free of first-touch faults (0.001 per escalate, from 0.5).
 */
public final class BenchJvm {
    /** Initial heap: equal to {@link #HEAP_MAX}, so G1 neither grows nor shrinks it. */
    public static final String HEAP_MIN = "-Xms4g";

    /** Maximum heap. */
    public static final String HEAP_MAX = "-Xmx4g";

    /** Touch every page of the heap at start-up, before the first benchmark iteration. */
    public static final String PRE_TOUCH = "-XX:+AlwaysPreTouch";

    /** Hibernate Validator's logging through SLF4J (as the SDK's users configure it). */
    public static final String LOGGING = "-Dorg.jboss.logging.provider=slf4j";

    private BenchJvm() {}
}
