package dev.escalation.benchmarks.scale;

import dev.escalation.DeliveryReport;
import dev.escalation.EscalationConflictException;
import dev.escalation.EscalationEngine;
import dev.escalation.EscalationReceipt;
import dev.escalation.EscalationUnavailableException;
import dev.escalation.EscalationView;
import dev.escalation.TimelineEntry;
import dev.escalation.benchmarks.sdk.SdkLifecycle;
import dev.escalation.benchmarks.sdk.Texts;
import dev.escalation.command.Acknowledge;
import dev.escalation.command.AddParticipant;
import dev.escalation.command.AgreePlan;
import dev.escalation.command.Close;
import dev.escalation.command.LogProgress;
import dev.escalation.command.RecordLessonsLearned;
import dev.escalation.command.Resolve;
import dev.escalation.command.ScheduleLessonsLearned;
import dev.escalation.model.Channel;
import dev.escalation.model.EscalationId;
import dev.escalation.model.EscalationState;
import dev.escalation.model.Page;
import dev.escalation.model.PageRequest;
import dev.escalation.model.StaffId;
import dev.escalation.model.Visibility;
import java.lang.management.ManagementFactory;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * Drives lifecycles on the nodes of one configuration and reads them back.
 *
 * <p>A lifecycle is the 14 commands of {@link SdkLifecycle#commands} (escalate, acknowledge, agree plan, 2
 * participants, 5 progress entries, resolve, schedule and record lessons learned, close), sent by one request thread
 * to its own node. A <b>contended</b> lifecycle involves a second node: both nodes escalate the same case at the same
 * moment (different submission ids, as two clicks on two nodes; exactly one escalation must result, both receipts
 * naming it), and later the two nodes log progress on the same escalation at the same moment (3 entries from the
 * driving node, 2 from the partner node's request threads). Its entries are therefore the same as a plain
 * lifecycle's, whatever the interleaving; a lost update shows as a missing entry.
 *
 * <p>A command refused with {@code EscalationConflictException}, or failing with SQLState 40001/40P01, changed nothing
 * and is sent again (counted), as a host would.
 */
final class ScaleDriver {
    private static final StaffId EVE_ID = StaffId.of("eve");
    private static final int MAX_ATTEMPTS = 10;
    private static final List<RecordLessonsLearned.Action> ACTIONS = List.of(
            new RecordLessonsLearned.Action("Add a production-size load test", "Dan Developer"),
            new RecordLessonsLearned.Action("Alert on loader heap above 80 %", "Tom Technical"));

    /** A finished lifecycle: its escalation, whether it was contended, the node that drove it. */
    record Done(EscalationId id, boolean contended, int node, String name) {}

    /**
     * The measured window.
     *
     * @param nodeWorkerTx        per node: its worker's transactions in the window
     * @param nodeWorkerDelivered per node: side effects its worker delivered in the window
     */
    record Window(
            long lifecycles,
            double seconds,
            long requestTx,
            long workerTx,
            long cpuNanos,
            long[] nodeWorkerTx,
            long[] nodeWorkerDelivered) {}

    /**
     * What the final drain did.
     *
     * @param delivered side effects it delivered
     * @param rounds    {@code deliverPending} calls
     * @param seconds   how long it took
     * @param pending   side effects still pending after it
     * @param stopped   why it stopped: {@code EMPTY} (nothing pending), {@code NO_PROGRESS} (nothing delivered for
     *                  {@link #DRAIN_IDLE}) or {@code TIME_LIMIT}
     */
    record Drain(long delivered, int rounds, double seconds, long pending, String stopped) {}

    /**
     * Final drain: how long it keeps trying without delivering anything. Longer than the engine's lease (1 minute):
     * messages a stopped worker had claimed but not finished are claimable again once their lease ran out.
     */
    static final Duration DRAIN_IDLE = Duration.ofSeconds(70);

    /** Final drain: the longest it may take. */
    static final Duration DRAIN_LIMIT = Duration.ofMinutes(3);

    /** How often the watchdog looks at the workers. */
    private static final long WATCH_MILLIS = 250;

    private final List<ScaleNode> nodes;
    private final ScaleOut.Options o;
    private final ScaleChecks checks;
    private final Clock clock = Clock.systemUTC();
    private final Queue<Done> done = new ConcurrentLinkedQueue<>();
    private final AtomicLong seq = new AtomicLong();
    private final AtomicBoolean stop = new AtomicBoolean();
    private final LongAdder completed = new LongAdder();
    private final LongAdder contended = new LongAdder();
    private final LongAdder conflicts = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder doubleOpen = new LongAdder();
    private final LongAdder interleaved = new LongAdder();
    private final LongAdder wonByPartner = new LongAdder();
    private Done calibration;
    private int expectedEntries = -1;
    private int expectedMessages = -1;

    ScaleDriver(List<ScaleNode> nodes, ScaleOut.Options o, ScaleChecks checks) {
        this.nodes = nodes;
        this.o = o;
        this.checks = checks;
    }

    /** One plain lifecycle on node 0, alone: its entry count is what every lifecycle must read back. */
    void calibrate() {
        calibration = lifecycle(0, -1, "calibration");
        expectedEntries = entries(nodes.get(0).engine, calibration.id());
    }

    int expectedEntries() {
        return expectedEntries;
    }

    int expectedMessages() {
        return expectedMessages;
    }

    List<Done> done() {
        return List.copyOf(done);
    }

    long contendedDone() {
        return contended.sum();
    }

    /** Runs the request threads: a warm-up then the measured window, or a fixed number of lifecycles. */
    Window drive() throws InterruptedException {
        int n = nodes.size();
        List<Thread> threads = new ArrayList<>();
        long[] s0 = o.lifecycles() > 0 ? snapshot() : null;
        for (int i = 0; i < n; i++) {
            for (int t = 0; t < o.threads(); t++) {
                int node = i;
                Thread th = new Thread(() -> loop(node), "node-" + i + "-request-" + t);
                th.setDaemon(true);
                threads.add(th);
            }
        }
        Thread watchdog = watchdog();
        threads.forEach(Thread::start);
        try {
            if (o.lifecycles() > 0) {
                for (Thread t : threads) {
                    t.join();
                }
                return window(s0, snapshot());
            }
            Thread.sleep((long) (o.warmupSeconds() * 1000));
            s0 = snapshot();
            Thread.sleep((long) (o.seconds() * 1000));
            long[] s1 = snapshot();
            stop.set(true);
            for (Thread t : threads) {
                t.join();
            }
            return window(s0, s1);
        } finally {
            watchdog.interrupt();
            watchdog.join();
            long end = System.nanoTime();
            nodes.forEach(node -> node.watch.finish(end));
        }
    }

    /** Looks at every node's worker every {@value #WATCH_MILLIS} ms until interrupted ({@link WorkerWatch#sample}). */
    private Thread watchdog() {
        long started = System.nanoTime();
        Thread t = new Thread(
                () -> {
                    while (!Thread.currentThread().isInterrupted()) {
                        long now = System.nanoTime();
                        nodes.forEach(node -> node.watch.sample(now, started));
                        try {
                            Thread.sleep(WATCH_MILLIS);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                },
                "scale-watchdog");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** completed, nanoTime, request tx, worker tx, CPU, then per node: worker tx, worker deliveries. */
    private long[] snapshot() {
        long req = 0;
        long worker = 0;
        long[] s = new long[5 + 2 * nodes.size()];
        for (int i = 0; i < nodes.size(); i++) {
            ScaleNode node = nodes.get(i);
            req += node.watched.requestTransactions();
            worker += node.watched.workerTransactions();
            s[5 + 2 * i] = node.watched.workerTransactions();
            s[6 + 2 * i] = node.watch.delivered();
        }
        long cpu = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
        s[0] = completed.sum();
        s[1] = System.nanoTime();
        s[2] = req;
        s[3] = worker;
        s[4] = cpu;
        return s;
    }

    private Window window(long[] a, long[] b) {
        int n = nodes.size();
        long[] tx = new long[n];
        long[] delivered = new long[n];
        for (int i = 0; i < n; i++) {
            tx[i] = b[5 + 2 * i] - a[5 + 2 * i];
            delivered[i] = b[6 + 2 * i] - a[6 + 2 * i];
        }
        return new Window(b[0] - a[0], (b[1] - a[1]) / 1e9, b[2] - a[2], b[3] - a[3], b[4] - a[4], tx, delivered);
    }

    private void loop(int node) {
        int n = nodes.size();
        while (!stop.get()) {
            long k = seq.getAndIncrement();
            if (o.lifecycles() > 0 && k >= o.lifecycles()) {
                return;
            }
            boolean isContended = n > 1 && o.contendedEvery() > 0 && k % o.contendedEvery() == 0;
            int partner = isContended ? (node + 1 + (int) ((k / o.contendedEvery()) % (n - 1))) % n : -1;
            try {
                done.add(lifecycle(node, partner, "L" + k));
                completed.increment();
                if (isContended) {
                    contended.increment();
                }
            } catch (RuntimeException e) {
                failed.increment();
                checks.detail("lifecycle L" + k + " on node-" + node + (isContended ? " (contended)" : "") + " failed: "
                        + describe(e));
            }
        }
    }

    /** One lifecycle driven by {@code self}; with {@code partner >= 0} contended with that node. */
    Done lifecycle(int self, int partner, String name) {
        EscalationEngine a = nodes.get(self).engine;
        String caseId = "C-" + name;
        EscalationId id;
        if (partner < 0) {
            EscalationReceipt r = retry(() -> SdkLifecycle.escalate(a, caseId, caseId + ".a"));
            if (!r.created()) {
                throw new IllegalStateException("case " + caseId + " already had an open escalation");
            }
            id = r.escalation();
        } else {
            EscalationEngine b = nodes.get(partner).engine;
            CompletableFuture<EscalationReceipt> theirs = CompletableFuture.supplyAsync(
                    () -> retry(() -> SdkLifecycle.escalate(b, caseId, caseId + ".b")), nodes.get(partner).partners);
            EscalationReceipt mine = retry(() -> SdkLifecycle.escalate(a, caseId, caseId + ".a"));
            EscalationReceipt other = join(theirs);
            if (!mine.escalation().equals(other.escalation()) || mine.created() == other.created()) {
                doubleOpen.increment();
                checks.detail("case " + caseId + ": node-" + self + " got " + mine.escalation() + " (created "
                        + mine.created() + "), node-" + partner + " got " + other.escalation() + " (created "
                        + other.created() + ")");
            }
            if (other.created() && !mine.created()) {
                wonByPartner.increment();
            }
            id = mine.escalation();
        }
        EscalationId x = id;
        retry(() ->
                a.acknowledge(SdkLifecycle.SAM, new Acknowledge(x, EVE_ID, "Called Ina; Eve owns the escalation.")));
        retry(() -> a.agreePlan(
                SdkLifecycle.EVE,
                new AgreePlan(
                        x,
                        Duration.ofDays(1),
                        Channel.VIDEO_CALL,
                        clock.instant().plus(Duration.ofDays(7)))));
        retry(() -> a.addParticipant(SdkLifecycle.EVE, AddParticipant.staff(x, "dan")));
        retry(() -> a.addParticipant(SdkLifecycle.EVE, AddParticipant.contact(x, "tom")));
        if (partner < 0) {
            progress(a, x, LogProgress.Kind.STATUS_UPDATE, Visibility.CUSTOMER);
            progress(a, x, LogProgress.Kind.NOTE, Visibility.INTERNAL);
            progress(a, x, LogProgress.Kind.MEETING_HELD, Visibility.CUSTOMER);
            progress(a, x, LogProgress.Kind.DECISION, Visibility.CUSTOMER);
            progress(a, x, LogProgress.Kind.STATUS_UPDATE, Visibility.CUSTOMER);
        } else {
            EscalationEngine b = nodes.get(partner).engine;
            CompletableFuture<Void> theirs = CompletableFuture.runAsync(
                    () -> {
                        progress(b, x, LogProgress.Kind.NOTE, Visibility.INTERNAL);
                        progress(b, x, LogProgress.Kind.STATUS_UPDATE, Visibility.CUSTOMER);
                    },
                    nodes.get(partner).partners);
            progress(a, x, LogProgress.Kind.STATUS_UPDATE, Visibility.CUSTOMER);
            progress(a, x, LogProgress.Kind.MEETING_HELD, Visibility.CUSTOMER);
            progress(a, x, LogProgress.Kind.DECISION, Visibility.CUSTOMER);
            join(theirs);
        }
        retry(() -> a.resolve(
                SdkLifecycle.EVE, new Resolve(x, "Patch 7.1.3 streams rows; the nightly load ran in 42 minutes.")));
        retry(() -> a.scheduleLessonsLearned(
                SdkLifecycle.EVE,
                new ScheduleLessonsLearned(x, clock.instant().plus(Duration.ofDays(7)), Duration.ofHours(1))));
        retry(() -> a.recordLessonsLearned(
                SdkLifecycle.EVE,
                new RecordLessonsLearned(
                        x, "Memory limits of the loader were not tested with production volumes.", ACTIONS)));
        EscalationView closed = retry(() -> a.close(SdkLifecycle.EVE, new Close(x, "Thank you, ACME.")));
        if (closed.state() != EscalationState.CLOSED) {
            throw new IllegalStateException("lifecycle ended in " + closed.state());
        }
        return new Done(id, partner >= 0, self, name);
    }

    private void progress(EscalationEngine e, EscalationId id, LogProgress.Kind kind, Visibility visibility) {
        retry(() -> e.logProgress(SdkLifecycle.EVE, new LogProgress(id, kind, Texts.PROGRESS, visibility)));
    }

    private <T> T retry(Supplier<T> command) {
        for (int attempt = 1; ; attempt++) {
            try {
                return command.get();
            } catch (EscalationConflictException e) {
                conflicts.increment();
                if (attempt >= MAX_ATTEMPTS) {
                    throw e;
                }
            } catch (EscalationUnavailableException e) {
                String state = sqlState(e);
                if (attempt >= MAX_ATTEMPTS || !("40001".equals(state) || "40P01".equals(state))) {
                    throw e;
                }
                conflicts.increment();
            }
        }
    }

    private static <T> T join(CompletableFuture<T> f) {
        try {
            return f.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }

    /**
     * Delivers what the stopped background workers left, from node 0: {@code deliverPending} again and again until
     * nothing is pending, or nothing was delivered for {@link #DRAIN_IDLE} (a lease of a stopped worker runs out
     * within it), or {@link #DRAIN_LIMIT} passed. One round ends early when a claim returns less than a full batch, so
     * a large backlog may take many rounds.
     */
    Drain finalDrain() {
        EscalationEngine engine = nodes.get(0).engine;
        long t0 = System.nanoTime();
        long deadline = t0 + DRAIN_LIMIT.toNanos();
        long delivered = 0;
        int rounds = 0;
        long lastProgress = t0;
        while (true) {
            DeliveryReport r = engine.deliverPending();
            rounds++;
            delivered += r.delivered();
            if (r.pending() == 0) {
                return drain(delivered, rounds, t0, 0, "EMPTY");
            }
            if (System.nanoTime() > deadline) {
                return drain(delivered, rounds, t0, r.pending(), "TIME_LIMIT");
            }
            if (r.delivered() > 0) {
                lastProgress = System.nanoTime();
                continue;
            }
            if (System.nanoTime() - lastProgress > DRAIN_IDLE.toNanos()) {
                return drain(delivered, rounds, t0, r.pending(), "NO_PROGRESS");
            }
            try {
                Thread.sleep(500); // a retry's backoff or a stopped worker's lease
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return drain(delivered, rounds, t0, r.pending(), "INTERRUPTED");
            }
        }
    }

    private static Drain drain(long delivered, int rounds, long t0, long pending, String stopped) {
        return new Drain(delivered, rounds, Math.round((System.nanoTime() - t0) / 1e6) / 1000.0, pending, stopped);
    }

    /**
     * Reads every lifecycle back (through a node other than the one that drove it) and fills the checks.
     *
     * @param outbox      every outbox row: escalation, idempotency key, status
     * @param escalations escalation rows in the database
     * @param calls       the adapters' calls per idempotency key
     */
    void readBack(List<String[]> outbox, long escalations, Map<String, Integer> calls) {
        checks.failedLifecycles = failed.sum();
        checks.doubleOpen = doubleOpen.sum();
        checks.conflicts = conflicts.sum();
        Map<String, Integer> perEscalation = new HashMap<>();
        Map<String, String> statusByKey = new HashMap<>();
        for (String[] row : outbox) {
            perEscalation.merge(row[0], 1, Integer::sum);
            if (statusByKey.put(row[1], row[2]) != null) {
                checks.detail("idempotency key " + row[1] + " twice in the outbox");
            }
        }
        expectedMessages = perEscalation.getOrDefault(calibration.id().value(), 0);
        List<Done> all = new ArrayList<>(done);
        all.add(calibration);
        for (Done d : all) {
            EscalationEngine reader = nodes.get((d.node() + 1) % nodes.size()).engine;
            String what = d.name() + " (" + d.id().value() + (d.contended() ? ", contended" : "") + ")";
            Optional<EscalationView> v = reader.find(SdkLifecycle.EVE, d.id());
            if (v.isEmpty() || v.get().state() != EscalationState.CLOSED) {
                checks.wrongState++;
                checks.detail(
                        what + " reads back as " + v.map(x -> x.state().name()).orElse("missing"));
            }
            List<TimelineEntry> log = timeline(reader, d.id());
            int entries = log.size();
            if (d.contended() && interleaved(log)) {
                interleaved.increment();
            }
            if (entries != expectedEntries) {
                checks.wrongEntryCount++;
                checks.detail(what + " has " + entries + " timeline entries, expected " + expectedEntries);
            }
            int messages = perEscalation.getOrDefault(d.id().value(), 0);
            if (messages != expectedMessages) {
                checks.wrongMessageCount++;
                checks.detail(what + " queued " + messages + " side effects, expected " + expectedMessages);
            }
        }
        if (escalations != all.size()) {
            checks.extraEscalations = Math.abs(escalations - all.size());
            checks.detail(escalations + " escalations in the database, " + all.size() + " lifecycles finished");
        }
        checks.deliveries(statusByKey, calls);
    }

    private static int entries(EscalationEngine engine, EscalationId id) {
        return timeline(engine, id).size();
    }

    private static List<TimelineEntry> timeline(EscalationEngine engine, EscalationId id) {
        List<TimelineEntry> all = new ArrayList<>();
        PageRequest page = PageRequest.first(PageRequest.MAX_SIZE);
        while (true) {
            Page<TimelineEntry> p = engine.timeline(SdkLifecycle.EVE, id, page);
            all.addAll(p.items());
            if (p.next().isEmpty()) {
                return all;
            }
            page = PageRequest.after(p.next().get(), PageRequest.MAX_SIZE);
        }
    }

    /**
     * Whether the two nodes' progress entries of a contended lifecycle interleave in its log (evidence that the
     * commands really ran at the same time): the partner's are NOTE then STATUS_UPDATE, the driver's STATUS_UPDATE,
     * MEETING_HELD, DECISION; anything but one block after the other is interleaved.
     */
    private static boolean interleaved(List<TimelineEntry> log) {
        List<String> kinds = log.stream()
                .map(e -> e.kind().name())
                .filter(k -> PROGRESS_KINDS.contains(k))
                .toList();
        return !kinds.equals(PARTNER_FIRST) && !kinds.equals(DRIVER_FIRST);
    }

    private static final List<String> PROGRESS_KINDS = List.of("NOTE", "STATUS_UPDATE", "MEETING_HELD", "DECISION");
    private static final List<String> PARTNER_FIRST =
            List.of("NOTE", "STATUS_UPDATE", "STATUS_UPDATE", "MEETING_HELD", "DECISION");
    private static final List<String> DRIVER_FIRST =
            List.of("STATUS_UPDATE", "MEETING_HELD", "DECISION", "NOTE", "STATUS_UPDATE");

    /** @return contended lifecycles whose two nodes' progress entries interleave in the log */
    long interleavedContended() {
        return interleaved.sum();
    }

    /** @return contended escalates won (created) by the partner node rather than the driving one */
    long escalatesWonByPartner() {
        return wonByPartner.sum();
    }

    private static String sqlState(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s) {
                return s.getSQLState();
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }

    private static String describe(Throwable e) {
        Throwable t = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        String m = String.valueOf(t.getMessage());
        String state = sqlState(t);
        return t.getClass().getSimpleName() + ": " + (m.length() > 300 ? m.substring(0, 300) + "…" : m)
                + (state == null ? "" : " (SQLState " + state + ")");
    }
}
