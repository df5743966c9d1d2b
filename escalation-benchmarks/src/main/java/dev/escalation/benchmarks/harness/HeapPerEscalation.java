package dev.escalation.benchmarks.harness;

import dev.escalation.benchmarks.BenchTime;
import dev.escalation.benchmarks.peers.FlowableEscalations;
import dev.escalation.benchmarks.peers.MachineEscalations;
import dev.escalation.benchmarks.sdk.SdkFixture;
import dev.escalation.benchmarks.sdk.SdkLifecycle;
import dev.escalation.benchmarks.sdk.Texts;
import dev.escalation.test.MutableClock;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.ref.Reference;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.management.ObjectName;

/**
 * Heap per open escalation in mid-life: a 200-character message, manager appointed, plan agreed, 2 participants,
 * 2 progress entries of 100 characters. Every escalation gets its own message and progress texts (distinct
 * strings), as it would from real requests.
 *
 * <p>Method: build the subject and run one escalation (so classes, caches and static state are in the baseline),
 * collect garbage five times and read the used heap (MemoryMXBean) and a live-object class histogram; create
 * {@code n} escalations in mid-life (the SDK's outbox drained to no-op adapters every 1,000, as a dispatcher would);
 * collect garbage five times again and read both again. Bytes per escalation = (used after − used before) / n. The
 * histogram difference names the classes that hold the bytes. The subject stays reachable until after the second
 * reading.
 *
 * <p>Usage:
 * {@code java -cp benchmarks.jar dev.escalation.benchmarks.harness.HeapPerEscalation sdk|statemachine|flowable N}
 * — prints one JSON object.
 */
public final class HeapPerEscalation {

    public static void main(String[] args) throws Exception {
        String subject = args.length > 0 ? args[0] : "sdk";
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        Object keep;
        Runnable[] create = new Runnable[1];
        int[] i = {0};
        switch (subject) {
            case "sdk" -> {
                MutableClock clock = BenchTime.advancing();
                SdkFixture f = new SdkFixture("memory", clock);
                keep = f;
                create[0] = () -> {
                    int k = i[0]++;
                    SdkLifecycle.midLife(
                            f.engine,
                            clock,
                            "C-" + k,
                            "s-" + k,
                            Texts.fresh(Texts.MESSAGE, k),
                            Texts.fresh(Texts.PROGRESS, k),
                            Texts.fresh(Texts.PROGRESS, -k));
                    if (k % 1000 == 999) {
                        f.engine.deliverPending();
                    }
                };
            }
            case "statemachine" -> {
                MachineEscalations m = new MachineEscalations();
                keep = m;
                Instant now = BenchTime.START;
                create[0] = () -> {
                    int k = i[0]++;
                    m.midLife(
                            "C-" + k,
                            now,
                            Texts.fresh(Texts.MESSAGE, k),
                            Texts.fresh(Texts.PROGRESS, k),
                            Texts.fresh(Texts.PROGRESS, -k));
                };
            }
            case "flowable" -> {
                FlowableEscalations fl = new FlowableEscalations();
                keep = fl;
                Instant now = BenchTime.START;
                create[0] = () -> {
                    int k = i[0]++;
                    fl.midLife(
                            "C-" + k,
                            now,
                            Texts.fresh(Texts.MESSAGE, k),
                            Texts.fresh(Texts.PROGRESS, k),
                            Texts.fresh(Texts.PROGRESS, -k));
                };
            }
            default -> throw new IllegalArgumentException("subject: sdk, statemachine or flowable");
        }
        create[0].run(); // warm: classes, caches, first-use state belong to the baseline
        if (keep instanceof SdkFixture f) {
            f.engine.deliverPending();
        }
        long before = usedAfterGc();
        Map<String, long[]> histoBefore = histogram();
        long t0 = System.nanoTime();
        for (int k = 0; k < n; k++) {
            create[0].run();
        }
        if (keep instanceof SdkFixture f) {
            f.engine.deliverPending();
            if (f.store.outbox().counts().pending() != 0) {
                throw new IllegalStateException("outbox not drained");
            }
        }
        long seconds = (System.nanoTime() - t0) / 1_000_000_000L;
        long after = usedAfterGc();
        Map<String, long[]> histoAfter = histogram();
        Reference.reachabilityFence(keep);

        List<Map.Entry<String, long[]>> diff = new ArrayList<>();
        for (Map.Entry<String, long[]> e : histoAfter.entrySet()) {
            long[] b = histoBefore.getOrDefault(e.getKey(), new long[2]);
            diff.add(Map.entry(e.getKey(), new long[] {e.getValue()[0] - b[0], e.getValue()[1] - b[1]}));
        }
        diff.sort((a, b) -> Long.compare(b.getValue()[1], a.getValue()[1]));
        StringBuilder top = new StringBuilder();
        for (int k = 0; k < Math.min(15, diff.size()); k++) {
            Map.Entry<String, long[]> e = diff.get(k);
            if (k > 0) {
                top.append(",");
            }
            top.append(String.format(
                    Locale.ROOT,
                    "{\"class\":\"%s\",\"instancesPer\":%.2f,\"bytesPer\":%.1f}",
                    e.getKey().replace("\"", "'"),
                    e.getValue()[0] / (double) n,
                    e.getValue()[1] / (double) n));
        }
        System.out.printf(
                Locale.ROOT,
                "{\"subject\":\"%s\",\"n\":%d,\"usedBefore\":%d,\"usedAfter\":%d,"
                        + "\"bytesPerEscalation\":%.1f,\"seconds\":%d,\"jvm\":\"%s\",\"top\":[%s]}%n",
                subject,
                n,
                before,
                after,
                (after - before) / (double) n,
                seconds,
                ManagementFactory.getRuntimeMXBean()
                        .getInputArguments()
                        .toString()
                        .replace("\"", "'"),
                top);
    }

    private static long usedAfterGc() throws InterruptedException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        for (int k = 0; k < 5; k++) {
            System.gc();
            Thread.sleep(100);
        }
        return memory.getHeapMemoryUsage().getUsed();
    }

    /** The live-object class histogram (a full GC first), as class → {instances, bytes}. */
    private static Map<String, long[]> histogram() throws Exception {
        String text = (String) ManagementFactory.getPlatformMBeanServer()
                .invoke(
                        new ObjectName("com.sun.management:type=DiagnosticCommand"),
                        "gcClassHistogram",
                        new Object[] {new String[0]},
                        new String[] {String[].class.getName()});
        Map<String, long[]> result = new HashMap<>();
        for (String line : text.split("\n")) {
            String[] p = line.trim().split("\\s+");
            if (p.length >= 4 && p[0].endsWith(":")) {
                result.put(p[3], new long[] {Long.parseLong(p[1]), Long.parseLong(p[2])});
            }
        }
        return result;
    }
}
