package dev.escalation.benchmarks.sdk;

import dev.escalation.EscalationView;
import dev.escalation.benchmarks.BenchJvm;
import dev.escalation.benchmarks.BenchTime;
import dev.escalation.command.LogProgress;
import dev.escalation.model.ActorRef;
import dev.escalation.model.EscalationId;
import dev.escalation.model.StaffId;
import dev.escalation.model.Visibility;
import dev.escalation.spi.EscalationFacts;
import dev.escalation.spi.EscalationWrite;
import dev.escalation.spi.StoredEntry;
import dev.escalation.spi.StoredEscalation;
import dev.escalation.spi.UnitOfWork;
import dev.escalation.test.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of one command on an escalation whose log is long: {@code engine.logProgress} (a customer-visible status
 * update: validation, authorisation, the unit of work, a new entry, notifications and a ticket update queued) on
 * escalations whose log has {@value #SHORT_LOG} entries and on escalations whose log has {@value #LONG_LOG}. Commands
 * read the escalation's stored facts, never its log, so both should cost the same; the target is a long-log cost of
 * at most 1.2× the short-log cost.
 *
 * <p>How it measures. Every iteration prepares {@link #pairs} fresh escalations of each size in mid-life (escalated,
 * appointed, plan agreed, 2 participants, progress logged), then the measured operation runs one command on each of
 * them, <b>interleaving</b> the two sizes (a short-log escalation, then a long-log one, swapping which goes first
 * every pair) and timing each command on its own. So every command runs on a log of exactly {@value #SHORT_LOG} or
 * {@value #LONG_LOG} entries, both sizes share the store, the JIT state, the machine's noise and the outbox's size,
 * and their ratio compares like with like. The per-size figures are auxiliary counters of {@link Times}: the mean
 * and the median per command ({@code report.py} divides the sums); the primary score (single shot) is the time of the
 * whole interleaved loop. The setup's garbage is collected before each measurement.
 *
 * <p>The long logs are filled through the store SPI: after the escalate, one unit of work appends the entries a
 * host's staff would have written (internal notes of 100 characters, by the Escalation Manager) in one transaction,
 * keeping the stored facts consistent ({@code entryCount}); the mid-life commands that follow go through the engine
 * and rebuild the escalation's due items. 2,000 commands through the engine per escalation would make the setup of
 * the PostgreSQL backend take minutes per iteration.
 *
 * <p>Backends ({@code -p backend=}): {@code memory} (a new in-memory store per iteration), {@code h2} and
 * {@code postgres} (one schema per trial, as {@link SdkFixture}). The outbox is drained after each prepared pair, as
 * a host's dispatcher would drain it between commands, so it is empty when the measurement starts.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5)
@Measurement(iterations = 5)
@Fork(
        value = 1,
        jvmArgsAppend = {BenchJvm.HEAP_MIN, BenchJvm.HEAP_MAX, BenchJvm.PRE_TOUCH, BenchJvm.LOGGING})
@Threads(1)
public class LongLogBenchmark {
    /** Entries of a short log. */
    public static final int SHORT_LOG = 10;
    /** Entries of a long log. */
    public static final int LONG_LOG = 2_000;
    /**
     * Entries the engine writes from the escalate to mid-life: the escalate and the 6 of
     * {@link SdkLifecycle#toMidLife} (checked for every prepared escalation).
     */
    static final int MID_LIFE_ENTRIES = 7;

    private static final ActorRef EVE = ActorRef.staff(StaffId.of("eve"));

    /** {@code memory} (default), {@code h2} or {@code postgres}, as in {@link SdkLifecycleBenchmark}. */
    @Param({"memory"})
    public String backend;

    /** Escalations of each size per iteration: one measured command each. */
    int pairs;

    SdkFixture fixture;
    MutableClock clock;
    final List<EscalationId> shortLogs = new ArrayList<>();
    final List<EscalationId> longLogs = new ArrayList<>();
    int cases;

    /**
     * Per-size time of the measured commands, as JMH auxiliary counters (summed over the iterations; the report
     * divides): the mean ({@code …Nanos} / {@code …Ops}), and the median and 90th percentile of each iteration's
     * commands ({@code …MedianNanos}, {@code …P90Nanos} / {@code iterations}), which a stray pause of a few
     * milliseconds in one command (a GC, another process on a shared machine) does not move.
     */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Times {
        /** Nanoseconds of the commands on short logs. */
        public long shortNanos;
        /** Commands on short logs. */
        public long shortOps;
        /** Nanoseconds of the commands on long logs. */
        public long longNanos;
        /** Commands on long logs. */
        public long longOps;
        /** The median nanoseconds of the iteration's commands on short logs. */
        public long shortMedianNanos;
        /** The median nanoseconds of the iteration's commands on long logs. */
        public long longMedianNanos;
        /** The 90th percentile of the iteration's commands on short logs, nanoseconds. */
        public long shortP90Nanos;
        /** The 90th percentile of the iteration's commands on long logs, nanoseconds. */
        public long longP90Nanos;
        /** Iterations (the divisor of the medians and percentiles). */
        public long iterations;

        @Setup(Level.Iteration)
        public void reset() {
            shortNanos = 0;
            shortOps = 0;
            longNanos = 0;
            longOps = 0;
            shortMedianNanos = 0;
            longMedianNanos = 0;
            shortP90Nanos = 0;
            longP90Nanos = 0;
            iterations = 0;
        }

        void record(long[] shortTimes, long[] longTimes) {
            for (int i = 0; i < shortTimes.length; i++) {
                shortNanos += shortTimes[i];
                longNanos += longTimes[i];
            }
            shortOps += shortTimes.length;
            longOps += longTimes.length;
            long[] shortSorted = sorted(shortTimes);
            long[] longSorted = sorted(longTimes);
            shortMedianNanos += median(shortSorted);
            longMedianNanos += median(longSorted);
            shortP90Nanos += shortSorted[(shortSorted.length * 9 - 1) / 10];
            longP90Nanos += longSorted[(longSorted.length * 9 - 1) / 10];
            iterations++;
        }

        private static long[] sorted(long[] times) {
            long[] sorted = times.clone();
            Arrays.sort(sorted);
            return sorted;
        }

        private static long median(long[] sorted) {
            int n = sorted.length;
            return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        }
    }

    @Setup(Level.Trial)
    public void openStore() {
        pairs = "memory".equals(backend) ? 200 : 20;
        if (!"memory".equals(backend)) {
            newFixture();
        }
    }

    @Setup(Level.Iteration)
    public void prepare() {
        if ("memory".equals(backend)) {
            if (fixture != null) {
                fixture.close();
            }
            newFixture();
        }
        shortLogs.clear();
        longLogs.clear();
        for (int i = 0; i < pairs; i++) {
            shortLogs.add(escalationWithLog(SHORT_LOG));
            longLogs.add(escalationWithLog(LONG_LOG));
            // as a host's dispatcher would, between the commands: the outbox stays short
            fixture.engine.deliverPending();
        }
        // PostgreSQL: planner statistics of the set-up's tables, once, as the other PostgreSQL benchmarks after priming
        fixture.analyze();
        // the setup's garbage is collected here, not in a measured command
        System.gc();
    }

    private void newFixture() {
        // Tuesday 10:00 Berlin, 100 ms per clock read: an iteration spans minutes to hours of business time
        clock = MutableClock.ticking(BenchTime.START.plus(Duration.ofHours(2)), Duration.ofMillis(100));
        fixture = new SdkFixture(backend, clock);
    }

    /** Fails the run unless every prepared escalation took exactly one measured command. */
    @TearDown(Level.Iteration)
    public void check() {
        for (EscalationId id : shortLogs) {
            requireEntries(id, SHORT_LOG + 1);
        }
        for (EscalationId id : longLogs) {
            requireEntries(id, LONG_LOG + 1);
        }
    }

    @TearDown(Level.Trial)
    public void closeStore() {
        fixture.close();
    }

    /** One command on each prepared escalation, the two log sizes interleaved, each command timed on its own. */
    @Benchmark
    public long logProgress(Times times) {
        long[] shortTimes = new long[pairs];
        long[] longTimes = new long[pairs];
        long versions = 0;
        for (int i = 0; i < pairs; i++) {
            boolean shortFirst = i % 2 == 0;
            EscalationId first = shortFirst ? shortLogs.get(i) : longLogs.get(i);
            EscalationId second = shortFirst ? longLogs.get(i) : shortLogs.get(i);
            long t0 = System.nanoTime();
            EscalationView a = command(first);
            long t1 = System.nanoTime();
            EscalationView b = command(second);
            long t2 = System.nanoTime();
            shortTimes[i] = shortFirst ? t1 - t0 : t2 - t1;
            longTimes[i] = shortFirst ? t2 - t1 : t1 - t0;
            versions += a.version() + b.version();
        }
        times.record(shortTimes, longTimes);
        return versions;
    }

    private EscalationView command(EscalationId id) {
        return fixture.engine.logProgress(
                SdkLifecycle.EVE,
                new LogProgress(id, LogProgress.Kind.STATUS_UPDATE, Texts.PROGRESS, Visibility.CUSTOMER));
    }

    /** A new escalation in mid-life whose log holds exactly {@code entries} entries. */
    private EscalationId escalationWithLog(int entries) {
        String caseId = "C-log-" + (++cases);
        EscalationId id = SdkLifecycle.escalate(fixture.engine, caseId, caseId).escalation();
        // the filler goes in before the mid-life commands: they rebuild the due items a unit of work sets
        appendNotes(id, entries - MID_LIFE_ENTRIES);
        SdkLifecycle.toMidLife(fixture.engine, clock, id, Texts.PROGRESS, Texts.PROGRESS);
        requireEntries(id, entries);
        return id;
    }

    /** Appends {@code count} internal notes in one unit of work of the store, keeping the facts' entry count. */
    private void appendNotes(EscalationId id, int count) {
        if (count <= 0) {
            return;
        }
        Instant at = clock.instant();
        fixture.store.changeForVendor(id, (UnitOfWork<Boolean>) current -> {
            long first = current.facts().entryCount() + 1;
            List<StoredEntry> notes = new ArrayList<>(count);
            for (int k = 0; k < count; k++) {
                notes.add(new StoredEntry(
                        first + k,
                        at,
                        dev.escalation.model.ProgressKind.NOTE,
                        EVE,
                        Visibility.INTERNAL,
                        Optional.of(Texts.fresh(Texts.PROGRESS, first + k)),
                        Map.of(),
                        Optional.empty()));
            }
            StoredEscalation next = withEntries(current, current.facts().entryCount() + count, at);
            return UnitOfWork.Decision.write(new EscalationWrite(next, notes, List.of(), List.of()), true);
        });
    }

    private void requireEntries(EscalationId id, long expected) {
        long stored = fixture.store
                .findForVendor(id)
                .orElseThrow(() -> new IllegalStateException("escalation " + id + " is gone"))
                .facts()
                .entryCount();
        if (stored != expected) {
            throw new IllegalStateException("escalation " + id + " has " + stored + " entries, expected " + expected);
        }
    }

    /** The next version of {@code c} with {@code entryCount} entries, everything else as it is. */
    private static StoredEscalation withEntries(StoredEscalation c, long entryCount, Instant at) {
        EscalationFacts f = c.facts();
        EscalationFacts facts = new EscalationFacts(
                entryCount,
                f.acknowledgedAt(),
                f.resolvedAt(),
                f.pausedSince(),
                f.pauseReason(),
                f.excluded(),
                f.lastMeetingHeldAt(),
                f.nextMeetingAt(),
                f.nextDeadline(),
                f.openImprovementActions(),
                f.invitations(),
                f.legacy());
        return new StoredEscalation(
                c.id(),
                c.version() + 1,
                c.customer(),
                c.caseId(),
                c.state(),
                c.raisedBy(),
                c.intake(),
                c.message(),
                c.cause(),
                c.criticality(),
                c.submissionKey(),
                c.raisedAt(),
                at,
                c.manager(),
                c.plan(),
                c.proposal(),
                c.participants(),
                c.resolution(),
                c.lessonsLearned(),
                c.policy(),
                c.hotline(),
                facts,
                c.ticketReference());
    }
}
