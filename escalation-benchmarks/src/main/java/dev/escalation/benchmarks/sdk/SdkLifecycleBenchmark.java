package dev.escalation.benchmarks.sdk;

import dev.escalation.EscalationView;
import dev.escalation.benchmarks.BenchJvm;
import dev.escalation.benchmarks.BenchTime;
import dev.escalation.benchmarks.CpuTime;
import dev.escalation.benchmarks.ThreadCpu;
import dev.escalation.benchmarks.jdbc.CountingDataSource;
import dev.escalation.benchmarks.jdbc.TxCounts;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
 * This SDK, full lifecycle: escalate → acknowledge → agree plan → 2 participants → 5 progress entries → resolve →
 * schedule lessons learned → record → close (14 commands), then {@code engine.deliverPending()} drains the outbox
 * to no-op notification and ticketing adapters, inside the measurement. One operation = one lifecycle.
 *
 * <p>A fresh engine and store per iteration (the in-memory store keeps closed escalations, so it grows during an
 * iteration; {@code h2}: a new in-memory database); {@code postgres}: one engine and schema per trial, primed and
 * analyzed once before the first iteration, as Flowable's ({@link SdkFixture#livesForTrial}).
 * JDBC backends also report their transactions ({@link TxCounts}): per user command, and the dispatcher's apart. Each
 * thread reuses its own case: it is free again once the escalation is closed.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 10, time = 5, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 8, timeUnit = TimeUnit.SECONDS)
@Fork(
        value = 1,
        jvmArgsAppend = {BenchJvm.HEAP_MIN, BenchJvm.HEAP_MAX, BenchJvm.PRE_TOUCH, BenchJvm.LOGGING})
public class SdkLifecycleBenchmark {

    /**
     * Which store: {@code memory}, {@code h2} (in-memory H2, same mode as Flowable's) or {@code postgres}
     * (ESCALATION_TEST_PG_URL). Only {@code memory} by default, so the CI smoke check stays in memory; run.sh passes
     * {@code -p backend=memory,h2,postgres} (without postgres when ESCALATION_TEST_PG_URL is unset).
     */
    @Param({"memory"})
    public String backend;

    SdkFixture fixture;

    /** PostgreSQL: one fixture for the trial ({@link SdkFixture#livesForTrial}). */
    @Setup(Level.Trial)
    public void openTrial() {
        if (SdkFixture.livesForTrial(backend)) {
            fixture = new SdkFixture(backend, BenchTime.advancingLockFree());
        }
    }

    /** A fresh fixture (memory, H2); PostgreSQL keeps the trial's. */
    @Setup(Level.Iteration)
    public void setUp() {
        if (!SdkFixture.livesForTrial(backend)) {
            fixture = new SdkFixture(backend, BenchTime.advancingLockFree());
        }
    }

    /**
     * Fails the run if anything was left undelivered, nothing reached the adapters, or the engine reported no
     * validation, no audit hash, no rendered notification or no delivery ({@link CountingObserver}).
     */
    @TearDown(Level.Iteration)
    public void check() {
        if (SdkFixture.livesForTrial(backend)) {
            fixture.checkDrained();
        } else {
            fixture.checkDrainedAndClose();
        }
    }

    @TearDown(Level.Trial)
    public void closeTrial() {
        if (SdkFixture.livesForTrial(backend)) {
            fixture.close();
        }
    }

    /** Per-thread case and submission ids. */
    @State(Scope.Thread)
    public static class Ids {
        private static final AtomicInteger THREADS = new AtomicInteger();
        final int thread = THREADS.incrementAndGet();
        final String caseId = "C-" + thread;
        long n;

        String submission() {
            return "t" + thread + "-" + (++n);
        }
    }

    @Benchmark
    @Threads(1)
    public EscalationView lifecycle_1t(Ids ids, CpuTime cpu, TxCounts tx, WorkCounts work) {
        return lifecycle(ids, cpu, tx, work);
    }

    @Benchmark
    @Threads(2)
    public EscalationView lifecycle_2t(Ids ids, CpuTime cpu, TxCounts tx, WorkCounts work) {
        return lifecycle(ids, cpu, tx, work);
    }

    /**
     * The 14 commands, then the outbox drain, both measured. With a JDBC store the calling thread's transactions are
     * read before, between and after, so command and dispatcher transactions are reported separately. The work the
     * engine reports to the {@link CountingObserver} on this thread is added to {@code work} (outside the CPU time).
     */
    private EscalationView lifecycle(Ids ids, CpuTime cpu, TxCounts tx, WorkCounts work) {
        CountingDataSource.Counts counts = fixture.counting == null ? null : fixture.counting.mine();
        if (counts == null) {
            return fixture.measuredLifecycle(ids.caseId, ids.submission(), cpu, work);
        }
        CountingObserver.Tally tally = fixture.observer.mine();
        CountingObserver.Tally before = tally.copy();
        long t0 = ThreadCpu.now();
        long tx0 = counts.transactions;
        long w0 = counts.writeTransactions;
        EscalationView v = SdkLifecycle.commands(fixture.engine, fixture.clock, ids.caseId, ids.submission());
        long tx1 = counts.transactions;
        long w1 = counts.writeTransactions;
        fixture.engine.deliverPending();
        long tx2 = counts.transactions;
        cpu.stop(t0);
        work.add(before, tally);
        tx.txCommand += tx1 - tx0;
        tx.txCommandWrite += w1 - w0;
        tx.txDispatch += tx2 - tx1;
        tx.txUserCommands += SdkLifecycle.COMMANDS;
        return v;
    }
}
