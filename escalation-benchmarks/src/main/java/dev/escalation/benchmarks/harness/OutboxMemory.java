package dev.escalation.benchmarks.harness;

import dev.escalation.benchmarks.BenchTime;
import dev.escalation.benchmarks.sdk.SdkFixture;
import dev.escalation.benchmarks.sdk.SdkLifecycle;
import dev.escalation.spi.OutboxCounts;
import dev.escalation.spi.StoreCapabilities;
import dev.escalation.test.MutableClock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The in-memory outbox after many drained lifecycles: does it hold memory only for pending work?
 *
 * <p>Runs {@code n} full lifecycles (14 commands, outbox drained after each, audit trail and SLA planning on, as in
 * the lifecycle benchmark) on one in-memory store with a clock that advances one second per read (a lifecycle spans
 * about half a minute of business time, so the de-duplication window of {@link StoreCapabilities#DEFAULT_WINDOW}
 * holds the keys of roughly the last 20,000 lifecycles while they run), then moves the clock past the window (window
 * + 1 day) and runs one more lifecycle, whose messages are the outbox's next writes. At three points (after one
 * lifecycle, after {@code n}, after the move) it reads the outbox's pending count and walks the object graph
 * reachable from {@code store.outbox()} ({@link ObjectGraph}: objects and estimated bytes by class).
 *
 * <p>Met when, after the move, nothing is pending and the outbox holds no more than it did after the first lifecycle
 * plus 64 KiB: memory for pending work only, none for the delivered messages and their keys.
 *
 * <p>Usage: {@code java --add-opens … -cp benchmarks.jar dev.escalation.benchmarks.harness.OutboxMemory N} — prints
 * one JSON object.
 */
public final class OutboxMemory {
    private static final long SLACK_BYTES = 64 * 1024;

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        MutableClock clock = MutableClock.ticking(BenchTime.START, Duration.ofSeconds(1));
        SdkFixture f = new SdkFixture("memory", clock);
        long t0 = System.nanoTime();
        SdkLifecycle.full(f.engine, clock, "C-0", "s-0");
        long firstPending = f.store.outbox().counts().pending();
        ObjectGraph first = ObjectGraph.of(f.store.outbox());
        for (int i = 1; i <= n; i++) {
            SdkLifecycle.full(f.engine, clock, "C-" + (i % 64), "s-" + i);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        long peakPending = f.store.outbox().counts().pending();
        ObjectGraph peak = ObjectGraph.of(f.store.outbox());
        clock.advance(StoreCapabilities.DEFAULT_WINDOW.plusDays(1));
        SdkLifecycle.full(f.engine, clock, "C-0", "s-last");
        OutboxCounts counts = f.store.outbox().counts();
        ObjectGraph after = ObjectGraph.of(f.store.outbox());
        f.observer.requireAllCounted();
        boolean met = counts.pending() == 0 && after.bytes() <= first.bytes() + SLACK_BYTES;
        System.out.printf(
                Locale.ROOT,
                "{\"lifecycles\":%d,\"seconds\":%.1f,\"window\":\"%s\",%s,%s,%s,\"slackBytes\":%d,\"met\":%b,"
                        + "\"unreadableFields\":%d}%n",
                n,
                seconds,
                StoreCapabilities.DEFAULT_WINDOW,
                json("afterFirst", firstPending, first),
                json("afterN", peakPending, peak),
                json("afterWindow", counts.pending(), after),
                SLACK_BYTES,
                met,
                after.unreadable().size());
        if (!after.unreadable().isEmpty()) {
            System.err.println("fields not followed (add --add-opens): " + after.unreadable());
        }
    }

    private static String json(String name, long pending, ObjectGraph g) {
        StringBuilder top = new StringBuilder("[");
        List<Object[]> rows = g.top(8);
        for (int i = 0; i < rows.size(); i++) {
            Object[] r = rows.get(i);
            top.append(i == 0 ? "" : ",")
                    .append(String.format(
                            Locale.ROOT, "{\"class\":\"%s\",\"instances\":%d,\"bytes\":%d}", r[0], r[1], r[2]));
        }
        top.append(']');
        return String.format(
                Locale.ROOT,
                "\"%s\":{\"pending\":%d,\"objects\":%d,\"bytes\":%d,\"stoppedAtStore\":%d,\"top\":%s}",
                name,
                pending,
                g.objects(),
                g.bytes(),
                g.stopped(),
                top);
    }
}
