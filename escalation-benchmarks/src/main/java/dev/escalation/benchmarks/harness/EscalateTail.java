package dev.escalation.benchmarks.harness;

import dev.escalation.EscalationReceipt;
import dev.escalation.benchmarks.BenchTime;
import dev.escalation.benchmarks.TickingClock;
import dev.escalation.benchmarks.sdk.SdkFixture;
import dev.escalation.benchmarks.sdk.SdkLifecycle;
import java.lang.management.CompilationMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which in-memory escalates are slow: the workload of {@code SdkEscalateBenchmark.escalate_1t -p backend=memory}
 * (a fresh engine and store per iteration, a fresh case and submission per call, the outbox not drained, the
 * 5-minute ticking clock) driven by hand, timing <em>every</em> call with {@code System.nanoTime} and recording around
 * it what could make it slow: the thread's CPU time (wall − CPU = time the thread was not running: preempted by
 * another process, a JIT compiler or GC thread), garbage collections and safepoints that began during the call, JIT
 * compilation time spent meanwhile (on the compiler threads), bytes the thread allocated, clock reads, the business
 * time (inside or outside coverage hours, weekend) and the call's number in its iteration (store and outbox tables
 * resize at powers of two).
 *
 * <p>Every call slower than the threshold is put in the first class that fits, in this order: {@code gc} (a
 * collection began), {@code safepoint} (another safepoint began), {@code off-cpu} (the thread was off the CPU for more
 * than a third of the call), {@code after-gap} (more than 20 µs passed between the previous call and this one: the
 * thread was switched out just before, its caches cold), {@code growth} (it allocated at least 1 KB more than the
 * median call: a hash table of the store, outbox or engine doubled, or a new chunk of the change feed — found with
 * JFR's allocation events, see README.md), {@code more-work} (25 % more allocation or more clock reads: another code
 * path), else {@code cpu} (on the CPU all along doing the usual work, only slower: caches shared with other
 * processes, frequency). Prints per iteration p50/p99/p99.9 of wall and CPU time, then the slow calls by class,
 * what p99 would be without each class, how slow calls bunch together, business-time and JIT detail, and whether
 * the same calls are slow in every iteration: call n meets the same business instant and store size in each
 * iteration, so a cause in the work repeats on the same n, while interference from outside falls on n by chance
 * (observed against binomial counts).
 *
 * <p>The probes cost about a microsecond per call outside the timed span (CPU time and allocation are read around
 * the nanoTime pair). Safepoint counts need {@code --add-exports java.management/sun.management=ALL-UNNAMED}
 * (otherwise reported as not available).
 *
 * <p>Usage: {@code java -Xms1g -Xmx4g --add-exports java.management/sun.management=ALL-UNNAMED -cp benchmarks.jar
 * dev.escalation.benchmarks.harness.EscalateTail [warm-up iterations=10] [measured iterations=5] [seconds=3]
 * [threshold µs=50] [calls.csv]}
 */
public final class EscalateTail {
    private static final int CAP = 1_000_000;
    private static final ZoneId BERLIN = SdkFixture.BERLIN;
    /** Extra bytes over the median call that mark a table grown in the call (a new hash table or chunk array). */
    private static final long GROWTH_BYTES = 1024;

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static final List<GarbageCollectorMXBean> GCS = ManagementFactory.getGarbageCollectorMXBeans();
    private static final CompilationMXBean JIT = ManagementFactory.getCompilationMXBean();
    private static final Object RUNTIME = hotspotRuntime();
    private static final Method SAFEPOINTS = safepointCount(RUNTIME);

    // one measured call per index
    private final long[] wall = new long[CAP];
    private final long[] cpu = new long[CAP];
    private final long[] alloc = new long[CAP];
    private final int[] gc = new int[CAP];
    private final int[] safepoints = new int[CAP];
    private final long[] jitMs = new long[CAP];
    private final int[] reads = new int[CAP];
    private final long[] firstRead = new long[CAP];
    private final int[] number = new int[CAP];
    private final int[] iteration = new int[CAP];
    /** Nanoseconds between the end of the previous call's probes and this call's start (the thread off the CPU?). */
    private final long[] gap = new long[CAP];

    private int calls;

    public static void main(String[] args) {
        int warmups = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int measured = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        double seconds = args.length > 2 ? Double.parseDouble(args[2]) : 3;
        long thresholdNs = (args.length > 3 ? Long.parseLong(args[3]) : 50) * 1000;
        EscalateTail tail = new EscalateTail();
        System.out.printf(
                Locale.ROOT,
                "# escalate tail: %d warm-up + %d measured iterations of %.1f s, threshold %d us, safepoints %s, load %s%n",
                warmups,
                measured,
                seconds,
                thresholdNs / 1000,
                SAFEPOINTS == null ? "not available" : "counted",
                load());
        for (int i = 0; i < warmups + measured; i++) {
            tail.iteration(i, i >= warmups, (long) (seconds * 1e9));
        }
        tail.report(thresholdNs);
        if (args.length > 4) {
            tail.csv(java.nio.file.Path.of(args[4]));
        }
    }

    /** Every measured call, one line each (for a closer look). */
    private void csv(java.nio.file.Path file) {
        StringBuilder b = new StringBuilder(
                "iteration,number,wall_ns,cpu_ns,alloc_b,gc,safepoints,jit_ms,reads,first_read_s,gap_ns\n");
        for (int i = 0; i < calls; i++) {
            b.append(iteration[i] + 1)
                    .append(',')
                    .append(number[i])
                    .append(',')
                    .append(wall[i])
                    .append(',')
                    .append(cpu[i])
                    .append(',')
                    .append(alloc[i])
                    .append(',')
                    .append(gc[i])
                    .append(',')
                    .append(safepoints[i])
                    .append(',')
                    .append(jitMs[i])
                    .append(',')
                    .append(reads[i])
                    .append(',')
                    .append(Math.floorDiv(firstRead[i], 1_000_000_000L))
                    .append(',')
                    .append(gap[i])
                    .append('\n');
        }
        try {
            java.nio.file.Files.writeString(file, b);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** One iteration: a fresh fixture, the setup escalation of the benchmark, then calls until the time is up. */
    private void iteration(int it, boolean measure, long nanos) {
        ReadClock clock = new ReadClock(BenchTime.advancingLockFree());
        SdkFixture fixture = new SdkFixture("memory", clock);
        try {
            if (!SdkLifecycle.escalate(fixture.engine, "C-open", "first-click").created()) {
                throw new IllegalStateException("setup escalation was not created");
            }
            long end = System.nanoTime() + nanos;
            String prefix = "C-1-";
            int n = 0;
            int start = calls;
            long previousEnd = 0;
            while (System.nanoTime() < end && calls < CAP) {
                String c = prefix + (++n);
                int g0 = gcCount();
                int s0 = safepoints();
                long j0 = JIT.getTotalCompilationTime();
                long a0 = THREADS.getCurrentThreadAllocatedBytes();
                long c0 = THREADS.getCurrentThreadCpuTime();
                clock.reads = 0;
                clock.first = Long.MIN_VALUE;
                long t0 = System.nanoTime();
                long before = previousEnd == 0 ? 0 : t0 - previousEnd;
                EscalationReceipt r = SdkLifecycle.escalate(fixture.engine, c, c);
                long t1 = System.nanoTime();
                long c1 = THREADS.getCurrentThreadCpuTime();
                long a1 = THREADS.getCurrentThreadAllocatedBytes();
                if (!r.created()) {
                    throw new IllegalStateException("not created: " + c);
                }
                if (!measure) {
                    previousEnd = System.nanoTime();
                    continue;
                }
                int k = calls++;
                wall[k] = t1 - t0;
                cpu[k] = c1 - c0;
                alloc[k] = a1 - a0;
                gc[k] = gcCount() - g0;
                safepoints[k] = safepoints() - s0;
                jitMs[k] = JIT.getTotalCompilationTime() - j0;
                reads[k] = clock.reads;
                firstRead[k] = clock.first;
                number[k] = n;
                iteration[k] = it;
                gap[k] = before;
                previousEnd = System.nanoTime();
            }
            if (measure) {
                printIteration(it, start, calls);
            } else {
                System.out.printf(Locale.ROOT, "warm-up %d: %d calls%n", it + 1, n);
            }
        } finally {
            fixture.close();
        }
    }

    private void printIteration(int it, int from, int to) {
        long[] w = Arrays.copyOfRange(wall, from, to);
        long[] c = Arrays.copyOfRange(cpu, from, to);
        Arrays.sort(w);
        Arrays.sort(c);
        System.out.printf(
                Locale.ROOT,
                "iteration %d: %d calls; wall p50 %.1f p99 %.1f p99.9 %.1f max %.0f us; cpu p50 %.1f p99 %.1f p99.9 %.1f us;"
                        + " load %s%n",
                it + 1,
                to - from,
                pct(w, 50) / 1e3,
                pct(w, 99) / 1e3,
                pct(w, 99.9) / 1e3,
                w[w.length - 1] / 1e3,
                pct(c, 50) / 1e3,
                pct(c, 99) / 1e3,
                pct(c, 99.9) / 1e3,
                load());
    }

    private void report(long thresholdNs) {
        int n = calls;
        long[] w = Arrays.copyOf(wall, n);
        long[] c = Arrays.copyOf(cpu, n);
        long[] a = Arrays.copyOf(alloc, n);
        int[] rd = Arrays.copyOf(reads, n);
        Arrays.sort(w);
        Arrays.sort(c);
        Arrays.sort(a);
        Arrays.sort(rd);
        long medianAlloc = a[n / 2];
        int medianReads = rd[n / 2];
        // on-CPU latency: the wall time less the time off the CPU (never more than the wall time)
        long[] on = new long[n];
        for (int i = 0; i < n; i++) {
            on[i] = Math.min(wall[i], cpu[i]);
        }
        Arrays.sort(on);
        System.out.printf(
                Locale.ROOT,
                "all measured: %d calls; wall p50 %.1f p90 %.1f p99 %.1f p99.9 %.1f p99.99 %.0f max %.0f us%n",
                n,
                pct(w, 50) / 1e3,
                pct(w, 90) / 1e3,
                pct(w, 99) / 1e3,
                pct(w, 99.9) / 1e3,
                pct(w, 99.99) / 1e3,
                w[n - 1] / 1e3);
        System.out.printf(
                Locale.ROOT,
                "  thread cpu p50 %.1f p99 %.1f p99.9 %.1f us; min(wall,cpu) p99 %.1f us (the p99 if the thread were never"
                        + " off the CPU); median call: %d B allocated, %d clock reads%n",
                pct(c, 50) / 1e3,
                pct(c, 99) / 1e3,
                pct(c, 99.9) / 1e3,
                pct(on, 99) / 1e3,
                medianAlloc,
                medianReads);

        Map<String, int[]> counts = new TreeMap<>();
        Map<String, long[]> sums = new TreeMap<>(); // wall, cpu, alloc
        int slow = 0;
        int[] dayHours = new int[4]; // coverage, outside hours weekday, weekend, unknown
        int[] allDayHours = new int[4];
        int slowJit = 0;
        int allJit = 0;
        StringBuilder worst = new StringBuilder();
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
            allDayHours[bucket(firstRead[i])]++;
            if (jitMs[i] > 0) {
                allJit++;
            }
        }
        for (int i = 0; i < n; i++) {
            if (wall[i] <= thresholdNs) {
                continue;
            }
            slow++;
            String cls = classify(i, medianAlloc, medianReads);
            counts.computeIfAbsent(cls, x -> new int[1])[0]++;
            long[] s = sums.computeIfAbsent(cls, x -> new long[3]);
            s[0] += wall[i];
            s[1] += cpu[i];
            s[2] += alloc[i];
            dayHours[bucket(firstRead[i])]++;
            if (jitMs[i] > 0) {
                slowJit++;
            }
        }
        System.out.printf(
                Locale.ROOT,
                "slow (> %d us): %d of %d calls (%.2f %%)%n",
                thresholdNs / 1000,
                slow,
                n,
                100.0 * slow / n);
        for (Map.Entry<String, int[]> e : counts.entrySet()) {
            int k = e.getValue()[0];
            long[] s = sums.get(e.getKey());
            System.out.printf(
                    Locale.ROOT,
                    "  %-10s %6d (%5.1f %% of slow, %.3f %% of calls): mean wall %.1f us, mean cpu %.1f us, mean alloc %d B%n",
                    e.getKey(),
                    k,
                    100.0 * k / Math.max(1, slow),
                    100.0 * k / n,
                    s[0] / 1e3 / k,
                    s[1] / 1e3 / k,
                    s[2] / k);
        }
        System.out.printf(
                Locale.ROOT,
                "  business time of the slow calls (all calls): coverage hours %s, weekday outside hours %s, weekend %s%n",
                share(dayHours[0], slow, allDayHours[0], n),
                share(dayHours[1], slow, allDayHours[1], n),
                share(dayHours[2], slow, allDayHours[2], n));
        System.out.printf(
                Locale.ROOT,
                "  JIT compilation time grew during %s of the slow calls (%s of all calls)%n",
                pctText(slowJit, slow),
                pctText(allJit, n));
        // p99 of the calls left when one class of slow call is taken out
        StringBuilder without = new StringBuilder("  p99 without the slow calls of a class:");
        for (String cls : counts.keySet()) {
            long[] rest = new long[n];
            int m = 0;
            for (int i = 0; i < n; i++) {
                if (wall[i] <= thresholdNs || !cls.equals(classify(i, medianAlloc, medianReads))) {
                    rest[m++] = wall[i];
                }
            }
            rest = Arrays.copyOf(rest, m);
            Arrays.sort(rest);
            without.append(String.format(Locale.ROOT, " %s %.1f us;", cls, pct(rest, 99) / 1e3));
        }
        System.out.println(without);
        int slowAfterSlow = 0;
        int slowBefore = 0;
        for (int i = 1; i < n; i++) {
            if (wall[i - 1] > thresholdNs && iteration[i - 1] == iteration[i]) {
                slowBefore++;
                if (wall[i] > thresholdNs) {
                    slowAfterSlow++;
                }
            }
        }
        System.out.printf(
                Locale.ROOT,
                "  bunching: a call is slow in %s of all cases, in %s of the cases right after a slow call%n",
                pctText(slow, n),
                pctText(slowAfterSlow, slowBefore));
        repeats(thresholdNs);
        Arrays.sort(order, (x, y) -> Long.compare(wall[y], wall[x]));
        worst.append("the 20 slowest: ");
        for (int i = 0; i < Math.min(20, n); i++) {
            int k = order[i];
            worst.append(String.format(
                    Locale.ROOT,
                    "%n  it %d #%d wall %.0f cpu %.0f us alloc %d B gc %d sp %d jit %d ms reads %d -> %s",
                    iteration[k] + 1,
                    number[k],
                    wall[k] / 1e3,
                    cpu[k] / 1e3,
                    alloc[k],
                    gc[k],
                    safepoints[k],
                    jitMs[k],
                    reads[k],
                    classify(k, medianAlloc, medianReads)));
        }
        System.out.println(worst);
    }

    /**
     * Call numbers reached in every measured iteration: in how many iterations each was slow on the CPU (no GC, not
     * off the CPU), against what chance gives at the same rate per call.
     */
    private void repeats(long thresholdNs) {
        int first = iteration[0];
        int k = iteration[calls - 1] - first + 1;
        int common = Integer.MAX_VALUE;
        int[] reached = new int[k];
        for (int i = 0; i < calls; i++) {
            reached[iteration[i] - first] = Math.max(reached[iteration[i] - first], number[i]);
        }
        for (int r : reached) {
            common = Math.min(common, r);
        }
        if (k < 2 || common < 1) {
            return;
        }
        int[] slowIn = new int[common + 1];
        long slowCalls = 0;
        for (int i = 0; i < calls; i++) {
            if (number[i] <= common && wall[i] > thresholdNs && gc[i] == 0 && wall[i] - cpu[i] <= wall[i] / 3) {
                slowIn[number[i]]++;
                slowCalls++;
            }
        }
        double p = (double) slowCalls / ((long) common * k);
        int[] observed = new int[k + 1];
        StringBuilder often = new StringBuilder();
        int listed = 0;
        for (int n = 1; n <= common; n++) {
            observed[slowIn[n]]++;
            if (slowIn[n] >= Math.min(3, k) && listed++ < 40) {
                often.append(' ').append(n);
            }
        }
        StringBuilder b = new StringBuilder(String.format(
                Locale.ROOT,
                "  same call slow again? calls 1..%d in all %d iterations, %.2f %% slow on the CPU; slow in j iterations,"
                        + " observed (expected by chance):",
                common,
                k,
                100 * p));
        double comb = 1;
        for (int j = 0; j <= k; j++) {
            double expected = common * comb * Math.pow(p, j) * Math.pow(1 - p, k - j);
            b.append(String.format(Locale.ROOT, " %d: %d (%.1f);", j, observed[j], expected));
            comb = comb * (k - j) / (j + 1);
        }
        System.out.println(b);
        System.out.println("  calls slow in >= 3 iterations (first 40):" + often);
    }

    private String classify(int i, long medianAlloc, int medianReads) {
        if (gc[i] > 0) {
            return "gc";
        }
        if (safepoints[i] > 0) {
            return "safepoint";
        }
        if (wall[i] - cpu[i] > wall[i] / 3) {
            return "off-cpu";
        }
        if (gap[i] > 20_000) {
            return "after-gap";
        }
        if (alloc[i] - medianAlloc >= GROWTH_BYTES) {
            return "growth";
        }
        if (alloc[i] > medianAlloc * 5 / 4 || reads[i] > medianReads) {
            return "more-work";
        }
        return "cpu";
    }

    /** 0 coverage hours (weekday 9–17 Berlin), 1 weekday outside, 2 weekend, 3 no clock read. */
    private static int bucket(long epochNanos) {
        if (epochNanos == Long.MIN_VALUE) {
            return 3;
        }
        ZonedDateTime t =
                Instant.ofEpochSecond(Math.floorDiv(epochNanos, 1_000_000_000L)).atZone(BERLIN);
        DayOfWeek d = t.getDayOfWeek();
        if (d == DayOfWeek.SATURDAY || d == DayOfWeek.SUNDAY) {
            return 2;
        }
        return t.getHour() >= 9 && t.getHour() < 17 ? 0 : 1;
    }

    private static String share(int slowIn, int slow, int allIn, int all) {
        return pctText(slowIn, slow) + " (" + pctText(allIn, all) + ")";
    }

    private static String pctText(int part, int whole) {
        return String.format(Locale.ROOT, "%.1f %%", 100.0 * part / Math.max(1, whole));
    }

    private static double pct(long[] sorted, double p) {
        int i = (int) Math.ceil(p / 100 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    private static int gcCount() {
        long s = 0;
        for (GarbageCollectorMXBean b : GCS) {
            s += b.getCollectionCount();
        }
        return (int) s;
    }

    private static int safepoints() {
        if (SAFEPOINTS == null) {
            return 0;
        }
        try {
            return (int) (long) (Long) SAFEPOINTS.invoke(RUNTIME);
        } catch (ReflectiveOperationException e) {
            return 0;
        }
    }

    private static Object hotspotRuntime() {
        try {
            Class<?> helper = Class.forName("sun.management.ManagementFactoryHelper");
            return helper.getMethod("getHotspotRuntimeMBean").invoke(null);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return null;
        }
    }

    private static Method safepointCount(Object runtime) {
        if (runtime == null) {
            return null;
        }
        try {
            Method m = Class.forName("sun.management.HotspotRuntimeMBean").getMethod("getSafepointCount");
            m.invoke(runtime);
            return m;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return null;
        }
    }

    private static String load() {
        try {
            String s = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg"));
            return s.substring(0, s.indexOf(' ', s.indexOf(' ', s.indexOf(' ') + 1) + 1))
                    .trim();
        } catch (java.io.IOException | RuntimeException e) {
            return "unknown";
        }
    }

    /** The benchmark's ticking clock, counting the reads of the running call and keeping the first instant read. */
    private static final class ReadClock extends Clock {
        private final TickingClock ticking;
        int reads;
        long first = Long.MIN_VALUE;

        ReadClock(TickingClock ticking) {
            this.ticking = ticking;
        }

        @Override
        public ZoneId getZone() {
            return ticking.getZone();
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return ticking.withZone(zone);
        }

        @Override
        public Instant instant() {
            Instant t = ticking.instant();
            if (reads++ == 0) {
                first = t.getEpochSecond() * 1_000_000_000L + t.getNano();
            }
            return t;
        }

        @Override
        public long millis() {
            return instant().toEpochMilli();
        }
    }
}
