package dev.escalation.jdbc;

import static dev.escalation.jdbc.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.model.CustomerId;
import dev.escalation.model.DueKind;
import dev.escalation.model.EscalationId;
import dev.escalation.model.EscalationState;
import dev.escalation.model.EscalationSummary;
import dev.escalation.model.PageRequest;
import dev.escalation.model.Visibility;
import dev.escalation.spi.ClaimedDue;
import dev.escalation.spi.ClaimedMessage;
import dev.escalation.spi.DueItem;
import dev.escalation.spi.EscalationRecord;
import dev.escalation.spi.OpenEscalationExistsException;
import dev.escalation.spi.OutboxMessage;
import dev.escalation.spi.ProgressEntry;
import dev.escalation.spi.StaleVersionException;
import dev.escalation.spi.TicketCommand;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Two application instances (two stores over two separate connection pools) on one database, racing each other.
 * Durations of the big runs are logged (see the surefire output files).
 */
abstract class ConcurrencyTestBase extends StoreTestSupport {
    private static final Logger LOG = LoggerFactory.getLogger(ConcurrencyTestBase.class);
    private static final Duration LONG_LEASE = Duration.ofMinutes(5);
    private static final long TIMEOUT_SECONDS = 150;

    private JdbcEscalationStore instanceA;
    private JdbcEscalationStore instanceB;
    private ExecutorService threads;

    @BeforeAll
    void twoInstances() {
        threads = Executors.newCachedThreadPool();
        if (!databaseAvailable()) {
            return;
        }
        instanceA =
                JdbcEscalationStore.builder(database.newPool("instance-a", 6)).build();
        instanceB =
                JdbcEscalationStore.builder(database.newPool("instance-b", 6)).build();
    }

    @AfterAll
    void stopThreads() {
        threads.shutdownNow();
    }

    private JdbcEscalationStore instance(int i) {
        return i % 2 == 0 ? instanceA : instanceB;
    }

    private <T> List<T> runAll(List<Callable<T>> tasks) throws Exception {
        List<Future<T>> futures = new ArrayList<>();
        for (Callable<T> task : tasks) {
            futures.add(threads.submit(task));
        }
        List<T> results = new ArrayList<>();
        for (Future<T> future : futures) {
            results.add(future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS));
        }
        return results;
    }

    /** Calls {@code attempt} until its result passes {@code done} or the timeout ends; polls, never sleeps blindly. */
    private static <T> T pollUntil(Supplier<T> attempt, Predicate<T> done, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            T result = attempt.get();
            if (done.test(result)) {
                return result;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not reached within " + timeout + "; last result " + result);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
    }

    private static OutboxMessage note(EscalationRecord r, String key) {
        return Fixtures.message(r.customer().value(), Fixtures.notification(r.id(), key), T0);
    }

    // ------------------------------------------------------------------------------------- one open escalation

    @Test
    void fiftyConcurrentEscalationsOfOneCaseFromTwoInstancesOpenExactlyOne() throws Exception {
        int racers = 50;
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<String>> tasks = new ArrayList<>();
        for (int i = 0; i < racers; i++) {
            int n = i;
            tasks.add(() -> {
                EscalationRecord mine = Fixtures.raised("acme", "E-race-" + n, "C-race", T0.plusMillis(n));
                start.await();
                try {
                    instance(n).insert(mine, List.of(note(mine, "escalated-" + n)), List.of());
                    return "won:" + mine.id();
                } catch (OpenEscalationExistsException e) {
                    return "lost:" + e.existing();
                }
            });
        }
        long began = System.nanoTime();
        List<Future<String>> futures = tasks.stream().map(threads::submit).toList();
        start.countDown();
        List<String> outcomes = new ArrayList<>();
        for (Future<String> f : futures) {
            outcomes.add(f.get(TIMEOUT_SECONDS, TimeUnit.SECONDS));
        }
        LOG.info(
                "[{}] {} concurrent inserts of one case on two pools took {} ms",
                databaseName(),
                racers,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began));

        List<String> winners =
                outcomes.stream().filter(o -> o.startsWith("won:")).toList();
        assertThat(winners).hasSize(1);
        String winner = winners.get(0).substring(4);
        assertThat(outcomes.stream().filter(o -> o.startsWith("lost:")))
                .hasSize(racers - 1)
                .allMatch(o -> o.equals("lost:" + winner));
        assertThat(store.listByCustomer(CustomerId.of("acme"), PageRequest.first(100))
                        .items())
                .extracting(EscalationSummary::id)
                .containsExactly(EscalationId.of(winner));
        assertThat(store.findOpen(
                        CustomerId.of("acme"),
                        Fixtures.raised("acme", "x", "C-race", T0).caseId()))
                .map(EscalationRecord::id)
                .contains(EscalationId.of(winner));
        assertThat(store.outbox().pendingCount()).isEqualTo(1); // the losers' messages were rolled back
    }

    // --------------------------------------------------------------------------------------- no lost update

    @Test
    void ofConcurrentWritersOfOneVersionExactlyOneWins() throws Exception {
        EscalationRecord current = Fixtures.raised("acme", "E-1", "C-1", T0);
        store.insert(current, List.of(), List.of());
        for (int round = 0; round < 5; round++) {
            EscalationRecord base = current;
            CountDownLatch start = new CountDownLatch(1);
            List<Callable<EscalationRecord>> writers = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                int n = i;
                EscalationRecord mine =
                        Fixtures.next(base, EscalationState.ACKNOWLEDGED, "round " + round + " writer " + n);
                writers.add(() -> {
                    start.await();
                    try {
                        instance(n).update(mine, List.of(note(mine, "r" + base.version() + "-w" + n)), List.of());
                        return mine;
                    } catch (StaleVersionException e) {
                        assertThat(e.expectedVersion()).isEqualTo(base.version());
                        return null;
                    }
                });
            }
            List<Future<EscalationRecord>> futures =
                    writers.stream().map(threads::submit).toList();
            start.countDown();
            List<EscalationRecord> won = new ArrayList<>();
            for (Future<EscalationRecord> f : futures) {
                EscalationRecord r = f.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                if (r != null) {
                    won.add(r);
                }
            }
            assertThat(won).as("winners of round %d", round).hasSize(1);
            assertThat(store.find(base.id())).contains(won.get(0));
            assertThat(store.outbox().pendingCount()).isEqualTo(round + 1); // only the winner's message each round
            current = won.get(0);
        }
    }

    @Test
    void readModifyWriteWithRetriesOnTwoInstancesLosesNoUpdate() throws Exception {
        EscalationRecord v1 = Fixtures.raised("acme", "E-1", "C-1", T0);
        store.insert(v1, List.of(), List.of());
        int writers = 4;
        int updatesEach = 15;
        AtomicInteger staleRetries = new AtomicInteger();
        List<Callable<Integer>> tasks = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            int n = w;
            tasks.add(() -> {
                JdbcEscalationStore mine = instance(n);
                for (int u = 0; u < updatesEach; u++) {
                    while (true) {
                        EscalationRecord read = mine.find(v1.id()).orElseThrow();
                        try {
                            mine.update(
                                    Fixtures.next(read, EscalationState.ACTIVE, "w" + n + "-u" + u),
                                    List.of(),
                                    List.of());
                            break;
                        } catch (StaleVersionException e) {
                            staleRetries.incrementAndGet();
                        }
                    }
                }
                return n;
            });
        }
        runAll(tasks);
        EscalationRecord last = store.find(v1.id()).orElseThrow();
        LOG.info(
                "[{}] {} read-modify-write updates by {} writers needed {} stale retries",
                databaseName(),
                writers * updatesEach,
                writers,
                staleRetries.get());
        assertThat(last.version()).isEqualTo(1 + writers * updatesEach);
        List<String> texts =
                last.progress().stream().skip(1).map(ProgressEntry::text).toList();
        List<String> expected = IntStream.range(0, writers)
                .boxed()
                .flatMap(w -> IntStream.range(0, updatesEach).mapToObj(u -> "w" + w + "-u" + u))
                .toList();
        assertThat(texts).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(last.progress())
                .extracting(ProgressEntry::sequence)
                .containsExactlyElementsOf(IntStream.rangeClosed(1, 1 + writers * updatesEach)
                        .mapToObj(i -> (long) i)
                        .toList());
    }

    // ------------------------------------------------------------------------------------ outbox at volume

    @Test
    void twoDispatchersDeliverTenThousandMessagesEachExactlyOnceInChainOrder() throws Exception {
        int escalations = 1_000;
        int perTarget = 5;
        long setup = System.nanoTime();
        List<Callable<Integer>> writers = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            int n = w;
            writers.add(() -> {
                for (int e = n; e < escalations; e += 4) {
                    EscalationRecord r = Fixtures.raised("cust-" + (e % 10), "E-" + e, "C-" + e, T0);
                    List<OutboxMessage> messages = new ArrayList<>();
                    for (int i = 0; i < perTarget; i++) {
                        messages.add(Fixtures.message(
                                r.customer().value(),
                                Fixtures.notification(r.id(), r.id() + "/N/" + i),
                                T0.plusMillis(i)));
                        messages.add(Fixtures.message(
                                r.customer().value(),
                                new TicketCommand.PostUpdate(
                                        r.id() + "/T/" + i, r.id(), "update " + i, Visibility.INTERNAL),
                                T0.plusMillis(i)));
                    }
                    instance(n).insert(r, messages, List.of());
                }
                return n;
            });
        }
        runAll(writers);
        int total = escalations * perTarget * 2;
        assertThat(store.outbox().pendingCount()).isEqualTo(total);
        LOG.info(
                "[{}] queued {} outbox messages in {} ms",
                databaseName(),
                total,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - setup));

        Map<String, AtomicInteger> deliveries = new ConcurrentHashMap<>();
        Map<String, List<Integer>> chainOrder = new ConcurrentHashMap<>();
        Instant now = T0.plusSeconds(1);
        List<Callable<Integer>> dispatchers = new ArrayList<>();
        for (int d = 0; d < 2; d++) {
            String name = "dispatcher-" + d;
            JdbcEscalationStore mine = instance(d);
            dispatchers.add(() -> {
                int delivered = 0;
                while (true) {
                    List<ClaimedMessage> batch = mine.outbox().claim(name, now, LONG_LEASE, 500);
                    if (batch.isEmpty()) {
                        if (mine.outbox().pendingCount() == 0) {
                            return delivered;
                        }
                        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2)); // the rest is leased to the other
                        continue;
                    }
                    for (ClaimedMessage c : batch) {
                        String key = c.message().idempotencyKey();
                        deliveries
                                .computeIfAbsent(key, k -> new AtomicInteger())
                                .incrementAndGet();
                        String chain = key.substring(0, key.lastIndexOf('/'));
                        chainOrder
                                .computeIfAbsent(chain, k -> java.util.Collections.synchronizedList(new ArrayList<>()))
                                .add(Integer.parseInt(key.substring(key.lastIndexOf('/') + 1)));
                        mine.outbox().complete(c);
                        delivered++;
                    }
                }
            });
        }
        long began = System.nanoTime();
        List<Integer> perDispatcher = runAll(dispatchers);
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began);
        LOG.info(
                "[{}] 2 dispatchers delivered {} outbox messages in {} ms (per dispatcher: {})",
                databaseName(),
                total,
                millis,
                perDispatcher);

        assertThat(deliveries).hasSize(total);
        assertThat(deliveries.entrySet())
                .filteredOn(e -> e.getValue().get() != 1)
                .isEmpty();
        assertThat(perDispatcher.stream().mapToInt(Integer::intValue).sum()).isEqualTo(total);
        assertThat(chainOrder).hasSize(escalations * 2);
        assertThat(chainOrder.values()).allSatisfy(order -> assertThat(order).containsExactly(0, 1, 2, 3, 4));
        assertThat(store.outbox().pendingCount()).isZero();
    }

    // ---------------------------------------------------------------------------------- due work at volume

    @Test
    void twoClaimantsCompleteTenThousandDueItemsEachExactlyOnce() throws Exception {
        int escalations = 1_000;
        int perEscalation = 10;
        long setup = System.nanoTime();
        List<Callable<Integer>> writers = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            int n = w;
            writers.add(() -> {
                for (int e = n; e < escalations; e += 4) {
                    EscalationRecord r = Fixtures.raised("cust-" + (e % 10), "E-" + e, "C-" + e, T0);
                    List<DueItem> items = new ArrayList<>();
                    for (int i = 0; i < perEscalation; i++) {
                        items.add(Fixtures.due(r, DueKind.NEXT_MEETING, "meeting-" + i, T0.plusSeconds(i)));
                    }
                    instance(n).insert(r, List.of(), items);
                }
                return n;
            });
        }
        runAll(writers);
        int total = escalations * perEscalation;
        LOG.info(
                "[{}] queued {} due items in {} ms",
                databaseName(),
                total,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - setup));

        Map<String, AtomicInteger> completions = new ConcurrentHashMap<>();
        AtomicInteger refused = new AtomicInteger();
        Instant now = T0.plusSeconds(perEscalation);
        List<Callable<Integer>> claimants = new ArrayList<>();
        for (int d = 0; d < 2; d++) {
            String name = "claimant-" + d;
            JdbcEscalationStore mine = instance(d);
            claimants.add(() -> {
                int done = 0;
                while (true) {
                    List<ClaimedDue> batch = mine.dueWork().claim(name, now, LONG_LEASE, 500);
                    if (batch.isEmpty()) {
                        if (mine.dueWork().due(now, 1).isEmpty()) {
                            return done;
                        }
                        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
                        continue;
                    }
                    for (ClaimedDue c : batch) {
                        OutboxMessage reminder = Fixtures.message(
                                c.item().customer().value(),
                                Fixtures.notification(
                                        c.item().escalation(),
                                        "reminder:" + c.item().key()),
                                now);
                        if (mine.dueWork().complete(c, List.of(reminder))) {
                            completions
                                    .computeIfAbsent(c.item().key(), k -> new AtomicInteger())
                                    .incrementAndGet();
                            done++;
                        } else {
                            refused.incrementAndGet();
                        }
                    }
                }
            });
        }
        long began = System.nanoTime();
        List<Integer> perClaimant = runAll(claimants);
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began);
        LOG.info(
                "[{}] 2 claimants completed {} due items in {} ms (per claimant: {})",
                databaseName(),
                total,
                millis,
                perClaimant);

        assertThat(completions).hasSize(total);
        assertThat(completions.entrySet())
                .filteredOn(e -> e.getValue().get() != 1)
                .isEmpty();
        assertThat(refused.get()).isZero();
        assertThat(store.outbox().pendingCount()).isEqualTo(total); // one reminder per item, none twice
        assertThat(store.dueWork().due(now, 1)).isEmpty();
    }

    // --------------------------------------------------------------------------------- crashed claimants

    @Test
    void aDispatcherStoppedMidLeaseIsTakenOverAfterTheLeaseExpires() {
        List<OutboxMessage> messages = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            EscalationRecord r = Fixtures.raised("acme", "E-" + i, "C-" + i, T0);
            OutboxMessage m = note(r, "k" + i);
            messages.add(m);
            store.insert(r, List.of(m), List.of());
        }
        Duration lease = Duration.ofSeconds(2);
        Instant before = Instant.now();
        List<ClaimedMessage> stalled = instanceA.outbox().claim("stalled", T0, lease, 10);
        assertThat(stalled).hasSize(3);
        assertThat(instanceB.outbox().claim("rescuer", T0, lease, 10)).isEmpty();

        List<ClaimedMessage> rescued = pollUntil(
                () -> instanceB.outbox().claim("rescuer", T0, LONG_LEASE, 10),
                list -> !list.isEmpty(),
                Duration.ofSeconds(30));
        Duration waited = Duration.between(before, Instant.now());
        LOG.info(
                "[{}] outbox lease of {} ms taken over after {} ms",
                databaseName(),
                lease.toMillis(),
                waited.toMillis());
        assertThat(waited).isGreaterThanOrEqualTo(lease);
        assertThat(rescued).extracting(ClaimedMessage::message).containsExactlyInAnyOrderElementsOf(messages);
        // the stalled dispatcher wakes up: its claims no longer hold
        assertThat(instanceA.outbox().retryLater(stalled.get(0), T0.plusSeconds(60), "late"))
                .isFalse();
        assertThat(instanceA.outbox().deadLetter(stalled.get(1), "late")).isFalse();
        rescued.forEach(instanceB.outbox()::complete);
        assertThat(store.outbox().pendingCount()).isZero();
        assertThat(store.outbox().deadLetters(PageRequest.first(10)).items()).isEmpty();
    }

    @Test
    void aDueClaimantStoppedMidLeaseIsTakenOverAfterTheLeaseExpires() {
        EscalationRecord r = Fixtures.raised("acme", "E-1", "C-1", T0);
        List<DueItem> items = List.of(
                Fixtures.due(r, DueKind.FIRST_CONTACT, "warning", T0),
                Fixtures.due(r, DueKind.RESOLUTION, "breach", T0));
        store.insert(r, List.of(), items);
        Duration lease = Duration.ofSeconds(2);
        Instant before = Instant.now();
        List<ClaimedDue> stalled = instanceA.dueWork().claim("stalled", T0, lease, 10);
        assertThat(stalled).hasSize(2);
        assertThat(instanceB.dueWork().claim("rescuer", T0, lease, 10)).isEmpty();

        List<ClaimedDue> rescued = pollUntil(
                () -> instanceB.dueWork().claim("rescuer", T0, LONG_LEASE, 10),
                list -> list.size() == 2,
                Duration.ofSeconds(30));
        Duration waited = Duration.between(before, Instant.now());
        LOG.info(
                "[{}] due-work lease of {} ms taken over after {} ms",
                databaseName(),
                lease.toMillis(),
                waited.toMillis());
        assertThat(waited).isGreaterThanOrEqualTo(lease);
        for (ClaimedDue c : rescued) {
            assertThat(instanceB
                            .dueWork()
                            .complete(
                                    c,
                                    List.of(Fixtures.message(
                                            "acme",
                                            Fixtures.notification(
                                                    r.id(),
                                                    "reminder:" + c.item().key()),
                                            T0))))
                    .isTrue();
        }
        for (ClaimedDue c : stalled) {
            assertThat(instanceA
                            .dueWork()
                            .complete(
                                    c,
                                    List.of(Fixtures.message(
                                            "acme",
                                            Fixtures.notification(
                                                    r.id(),
                                                    "stalled:" + c.item().key()),
                                            T0))))
                    .isFalse();
        }
        assertThat(store.outbox().pendingCount()).isEqualTo(2);
        List<ClaimedMessage> queued = store.outbox().claim("x", T0, LONG_LEASE, 10);
        assertThat(queued).extracting(c -> c.message().idempotencyKey()).allMatch(k -> k.startsWith("reminder:"));
    }
}
