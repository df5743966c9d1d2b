package dev.escalation.benchmarks.sdk;

import dev.escalation.EscalationEngine;
import dev.escalation.benchmarks.BenchJvm;
import dev.escalation.benchmarks.BenchTime;
import dev.escalation.inmemory.InMemoryEscalationStore;
import dev.escalation.model.CaseId;
import dev.escalation.model.Cause;
import dev.escalation.model.Channel;
import dev.escalation.model.CommunicationPlan;
import dev.escalation.model.ContactId;
import dev.escalation.model.Criticality;
import dev.escalation.model.CustomerId;
import dev.escalation.model.DeadlineMark;
import dev.escalation.model.DueKind;
import dev.escalation.model.EscalationId;
import dev.escalation.model.EscalationState;
import dev.escalation.model.EscalationSummary;
import dev.escalation.model.Intake;
import dev.escalation.model.Page;
import dev.escalation.model.PageRequest;
import dev.escalation.model.Party;
import dev.escalation.model.StaffId;
import dev.escalation.spi.DueItem;
import dev.escalation.spi.EscalationFacts;
import dev.escalation.spi.EscalationWrite;
import dev.escalation.spi.StoredEscalation;
import dev.escalation.test.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The overdue query, first page of 100, with {@code open} ACTIVE escalations in the in-memory store, half of them
 * with an overdue meeting. The store is filled in bulk through the store SPI ({@code EscalationStore.create} of
 * version 1 with one due item each), not through the engine: a million lifecycles through the engine would take
 * minutes of setup per fork. Due instants are spread over {@code open} minutes in a scrambled order.
 *
 * <p>{@code engineOverdue}: {@code engine.operations().overdue(staff, PageRequest.first(100))} (authorises the staff
 * member, then walks the store's overdue index; each escalation's stored facts name its meeting);
 * {@code storeDue}: {@code store.dueWork().due(now, 100)} alone (the worker's backlog, before it ran).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 6, time = 2, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 2, timeUnit = TimeUnit.SECONDS)
@Fork(
        value = 1,
        jvmArgsAppend = {BenchJvm.HEAP_MIN, BenchJvm.HEAP_MAX, BenchJvm.PRE_TOUCH, BenchJvm.LOGGING})
@Threads(1)
public class SdkOverdueBenchmark {
    private static final PageRequest FIRST = PageRequest.first(100);

    @Param({"10000", "1000000"})
    public int open;

    InMemoryEscalationStore store;
    EscalationEngine engine;
    Instant now;

    @Setup(Level.Trial)
    public void fill() {
        store = new InMemoryEscalationStore();
        Instant start = BenchTime.START;
        List<CustomerId> customers = List.of(
                CustomerId.of("acme"),
                CustomerId.of("globex"),
                CustomerId.of("initech"),
                CustomerId.of("umbrella"),
                CustomerId.of("hooli"));
        Party ina = new Party(Party.Kind.CONTACT, "ina", "Ina Incident", "ina@acme.example");
        Party eve = new Party(Party.Kind.STAFF, "eve", "Eve Escalation", "eve@vendor.example");
        CommunicationPlan plan = new CommunicationPlan(Duration.ofDays(1), Channel.VIDEO_CALL, start, start);
        for (int i = 0; i < open; i++) {
            EscalationId id = EscalationId.of("E-" + i);
            CustomerId customer = customers.get(i % customers.size());
            Instant raised = start.plusSeconds(i);
            Instant dueAt = start.plus(Duration.ofMinutes(i * 7919L % open));
            // the stored facts name the meeting as next meeting and next deadline, as the engine writes them
            EscalationFacts facts = new EscalationFacts(
                    0,
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    List.of(),
                    Optional.empty(),
                    Optional.of(dueAt),
                    Optional.of(new DeadlineMark(DueKind.NEXT_MEETING, dueAt)),
                    0,
                    0,
                    false);
            StoredEscalation escalation = new StoredEscalation(
                    id,
                    1,
                    customer,
                    CaseId.of("C-" + i),
                    EscalationState.ACTIVE,
                    ContactId.of("ina"),
                    Intake.portal(ContactId.of("ina")),
                    "Nightly load fails",
                    Cause.SOFTWARE_ERROR,
                    Criticality.HIGH,
                    Optional.empty(),
                    raised,
                    raised,
                    Optional.of(StaffId.of("eve")),
                    Optional.of(plan),
                    Optional.empty(),
                    List.of(ina, eve),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    facts,
                    Optional.empty());
            DueItem due = new DueItem(
                    DueItem.keyOf(id, DueKind.NEXT_MEETING, "reminder", dueAt),
                    id,
                    customer,
                    DueKind.NEXT_MEETING,
                    "reminder",
                    dueAt,
                    Map.of());
            store.create(new EscalationWrite(escalation, List.of(), List.of(), List.of(due)));
        }
        now = start.plus(Duration.ofMinutes(open / 2));
        engine = SdkFixture.builder(
                        MutableClock.at(now),
                        new BenchCustomers(),
                        SdkFixture.staffDirectory(),
                        new NoOpNotifier(),
                        new NoOpTicketing())
                .store(store)
                .build();
        int page = engine.operations().overdue(SdkLifecycle.SAM, FIRST).items().size();
        if (page != 100 || store.size() != open) {
            throw new IllegalStateException(
                    "expected a full page of 100 and " + open + " escalations, got " + page + " and " + store.size());
        }
        settle();
    }

    /**
     * Leaves the fill's aftermath behind before the warm-up: the fill allocates gigabytes, most of it kept, so G1 is
     * left with promoted objects to mark and mixed collections to run, and the JIT with the fill's code paths. One full
     * collection (G1's {@code System.gc()} is a full, stop-the-world collection: no concurrent cycle is left running),
     * then the query until its cost per call settles: batches of calls until two in a row are within 10 % of each
     * other (at most 20 s). Not measured. Up to the nineteenth pass the heap grew from 2 to 8 GB and this collection
     * gave memory back, so the query then ran 10–20 s at 55–100 µs (page faults on the regrown eden, ~20 µs each on
     * this host) before its steady 3.6 µs, into the measured iterations; the fork's heap is now fixed and pre-touched
     * ({@link BenchJvm}).
     */
    private void settle() {
        System.gc();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        double previous = Double.MAX_VALUE;
        int batches = 0;
        while (System.nanoTime() < deadline) {
            long t0 = System.nanoTime();
            for (int i = 0; i < SETTLE_BATCH; i++) {
                sink ^= engine.operations()
                        .overdue(SdkLifecycle.SAM, FIRST)
                        .items()
                        .size();
            }
            double perCall = (System.nanoTime() - t0) / (double) SETTLE_BATCH;
            batches++;
            if (batches >= 3 && Math.abs(perCall - previous) <= 0.1 * previous) {
                break;
            }
            previous = perCall;
        }
        System.out.printf(
                Locale.ROOT, "overdue setup: settled after %d batches of %d queries%n", batches, SETTLE_BATCH);
    }

    private static final int SETTLE_BATCH = 20_000;
    int sink;

    @Benchmark
    public Page<EscalationSummary> engineOverdue() {
        return engine.operations().overdue(SdkLifecycle.SAM, FIRST);
    }

    @Benchmark
    public List<DueItem> storeDue() {
        return store.dueWork().due(now, 100);
    }
}
