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
import dev.escalation.spi.DeliveryOutcome;
import dev.escalation.spi.DueItem;
import dev.escalation.spi.OpenEscalationExistsException;
import dev.escalation.spi.OutboxMessage;
import dev.escalation.spi.StoredEntry;
import dev.escalation.spi.StoredEscalation;
import dev.escalation.spi.TicketCommand;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
import java.util.stream.LongStream;
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

    private static OutboxMessage note(StoredEscalation r, String key) {
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
                StoredEscalation mine = Fixtures.raised("acme", "E-race-" + n, "C-race", T0.plusMillis(n));
                start.await();
                try {
                    instance(n).create(Fixtures.creation(mine, List.of(note(mine, "escalated-" + n)), List.of()));
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
        assertThat(store.listForCustomer(CustomerId.of("acme"), PageRequest.first(100))
                        .items())
                .extracting(EscalationSummary::id)
                .containsExactly(EscalationId.of(winner));
        assertThat(store.findOpenForCustomer(
                        CustomerId.of("acme"),
                        Fixtures.raised("acme", "x", "C-race", T0).caseId()))
                .map(StoredEscalation::id)
                .contains(EscalationId.of(winner));
        assertThat(store.outbox().counts().pending()).isEqualTo(1); // the losers' messages were rolled back
    }

    // --------------------------------------------------------------------------------------- no lost update

    @Test
    void concurrentChangesOfOneEscalationFromTwoInstancesAreSerialisedEachSeeingThePreviousResult() throws Exception {
        // SPI v2: the store serialises the changes of one escalation (SELECT ... FOR UPDATE), so a unit of work always
        // decides on the latest version and no writer loses; 0.1.0 refused all but one with StaleVersionException
        StoredEscalation v1 = Fixtures.raised("acme", "E-1", "C-1", T0);
        store.create(Fixtures.creation(v1));
        for (int round = 0; round < 5; round++) {
            long base = store.findForVendor(v1.id()).orElseThrow().version();
            CountDownLatch start = new CountDownLatch(1);
            List<Callable<Long>> writers = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                int n = i;
                int r = round;
                writers.add(() -> {
                    start.await();
                    return instance(n)
                            .changeForVendor(v1.id(), current -> {
                                OutboxMessage m = note(current, "r" + r + "-w" + n);
                                return Fixtures.advance(
                                                EscalationState.ACKNOWLEDGED,
                                                "round " + r + " writer " + n,
                                                List.of(m),
                                                List.of())
                                        .decide(current);
                            })
                            .orElseThrow()
                            .version();
                });
            }
            List<Future<Long>> futures = writers.stream().map(threads::submit).toList();
            start.countDown();
            List<Long> versions = new ArrayList<>();
            for (Future<Long> f : futures) {
                versions.add(f.get(TIMEOUT_SECONDS, TimeUnit.SECONDS));
            }
            assertThat(versions)
                    .as("versions written in round %d", round)
                    .containsExactlyInAnyOrderElementsOf(
                            LongStream.rangeClosed(base + 1, base + 10).boxed().toList());
            assertThat(store.outbox().counts().pending()).isEqualTo((round + 1) * 10L);
        }
        assertThat(store.findForVendor(v1.id()).orElseThrow().version()).isEqualTo(51);
    }

    @Test
    void manyChangesFromTwoInstancesLoseNoUpdate() throws Exception {
        StoredEscalation v1 = Fixtures.raised("acme", "E-1", "C-1", T0);
        store.create(Fixtures.creation(v1));
        int writers = 4;
        int updatesEach = 15;
        List<Callable<Integer>> tasks = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            int n = w;
            tasks.add(() -> {
                JdbcEscalationStore mine = instance(n);
                for (int u = 0; u < updatesEach; u++) {
                    mine.changeForVendor(v1.id(), Fixtures.advance(EscalationState.ACTIVE, "w" + n + "-u" + u));
                }
                return n;
            });
        }
        long began = System.nanoTime();
        runAll(tasks);
        LOG.info(
                "[{}] {} changes of one escalation by {} writers on two pools took {} ms",
                databaseName(),
                writers * updatesEach,
                writers,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began));
        StoredEscalation last = store.findForVendor(v1.id()).orElseThrow();
        assertThat(last.version()).isEqualTo(1 + writers * updatesEach);
        List<StoredEntry> log = store.entriesForVendor(v1.id(), 0, 500);
        List<String> texts =
                log.stream().skip(1).map(e -> e.text().orElseThrow()).toList();
        List<String> expected = IntStream.range(0, writers)
                .boxed()
                .flatMap(w -> IntStream.range(0, updatesEach).mapToObj(u -> "w" + w + "-u" + u))
                .toList();
        assertThat(texts).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(log)
                .extracting(StoredEntry::sequence)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, 1 + writers * updatesEach)
                        .boxed()
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
                    StoredEscalation r = Fixtures.raised("cust-" + (e % 10), "E-" + e, "C-" + e, T0);
                    List<OutboxMessage> messages = new ArrayList<>();
                    // the ticket's Open (position -1 of the ticket chain): later ticket calls wait for its reference
                    messages.add(Fixtures.message(
                            r.customer().value(),
                            new TicketCommand.Open(
                                    r.id() + "/T/-1", r.id(), r.customer(), r.caseId(), "s", "d", r.criticality()),
                            T0));
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
                    instance(n).create(Fixtures.creation(r, messages, List.of()));
                }
                return n;
            });
        }
        runAll(writers);
        int total = escalations * (perTarget * 2 + 1);
        assertThat(store.outbox().counts().pending()).isEqualTo(total);
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
                        if (mine.outbox().counts().pending() == 0) {
                            return delivered;
                        }
                        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2)); // the rest is leased to the other
                        continue;
                    }
                    List<DeliveryOutcome> outcomes = new ArrayList<>();
                    for (ClaimedMessage c : batch) {
                        String key = c.message().idempotencyKey();
                        deliveries
                                .computeIfAbsent(key, k -> new AtomicInteger())
                                .incrementAndGet();
                        String chain = key.substring(0, key.lastIndexOf('/'));
                        chainOrder
                                .computeIfAbsent(chain, k -> java.util.Collections.synchronizedList(new ArrayList<>()))
                                .add(Integer.parseInt(key.substring(key.lastIndexOf('/') + 1)));
                        outcomes.add(new DeliveryOutcome.Delivered(
                                c,
                                c.message().effect() instanceof TicketCommand.Open
                                        ? Optional.of("ticket-" + c.message().escalation())
                                        : Optional.empty()));
                        delivered++;
                    }
                    assertThat(mine.outbox().finish(outcomes, now)).isEqualTo(outcomes.size());
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
        chainOrder.forEach((chain, order) -> assertThat(order)
                .as(chain)
                .containsExactlyElementsOf(chain.endsWith("/T") ? List.of(-1, 0, 1, 2, 3, 4) : List.of(0, 1, 2, 3, 4)));
        assertThat(store.outbox().counts().pending()).isZero();
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
                    StoredEscalation r = Fixtures.raised("cust-" + (e % 10), "E-" + e, "C-" + e, T0);
                    List<DueItem> items = new ArrayList<>();
                    for (int i = 0; i < perEscalation; i++) {
                        items.add(Fixtures.due(r, DueKind.NEXT_MEETING, "meeting-" + i, T0.plusSeconds(i)));
                    }
                    instance(n).create(Fixtures.creation(r, List.of(), items));
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
        assertThat(store.outbox().counts().pending()).isEqualTo(total); // one reminder per item, none twice
        assertThat(store.dueWork().due(now, 1)).isEmpty();
    }

    // --------------------------------------------------------------------------------- crashed claimants

    @Test
    void aDispatcherStoppedMidLeaseIsTakenOverAfterTheLeaseExpires() {
        List<OutboxMessage> messages = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            StoredEscalation r = Fixtures.raised("acme", "E-" + i, "C-" + i, T0);
            OutboxMessage m = note(r, "k" + i);
            messages.add(m);
            store.create(Fixtures.creation(r, List.of(m), List.of()));
        }
        Duration lease = Duration.ofSeconds(2);
        Instant before = Instant.now();
        List<ClaimedMessage> stalled = instanceA.outbox().claim("stalled", T0, lease, 10);
        assertThat(stalled).hasSize(3);
        List<ClaimedMessage> early = instanceB.outbox().claim("rescuer", T0, lease, 10);
        if (Duration.between(before, Instant.now()).compareTo(lease) < 0) {
            assertThat(early).isEmpty(); // held while the lease runs (a pause of 2 s, a GC on a busy host, ends it)
        }

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
        assertThat(instanceA
                        .outbox()
                        .finish(
                                List.of(
                                        new DeliveryOutcome.Retry(stalled.get(0), T0.plusSeconds(60), "late"),
                                        new DeliveryOutcome.DeadLetter(stalled.get(1), "PERMANENT", "late"),
                                        new DeliveryOutcome.Delivered(stalled.get(2), Optional.empty())),
                                T0))
                .isZero();
        assertThat(instanceB
                        .outbox()
                        .finish(
                                rescued.stream()
                                        .map(c -> (DeliveryOutcome) new DeliveryOutcome.Delivered(c, Optional.empty()))
                                        .toList(),
                                T0))
                .isEqualTo(3);
        assertThat(store.outbox().counts().pending()).isZero();
        assertThat(store.outbox().deadLetters(PageRequest.first(10)).items()).isEmpty();
    }

    @Test
    void aDueClaimantStoppedMidLeaseIsTakenOverAfterTheLeaseExpires() {
        StoredEscalation r = Fixtures.raised("acme", "E-1", "C-1", T0);
        List<DueItem> items = List.of(
                Fixtures.due(r, DueKind.FIRST_CONTACT, "warning", T0),
                Fixtures.due(r, DueKind.RESOLUTION, "breach", T0));
        store.create(Fixtures.creation(r, List.of(), items));
        Duration lease = Duration.ofSeconds(2);
        Instant before = Instant.now();
        List<ClaimedDue> stalled = instanceA.dueWork().claim("stalled", T0, lease, 10);
        assertThat(stalled).hasSize(2);
        List<ClaimedDue> early = instanceB.dueWork().claim("rescuer", T0, lease, 10);
        if (Duration.between(before, Instant.now()).compareTo(lease) < 0) {
            assertThat(early).isEmpty(); // held while the lease runs (a pause of 2 s, a GC on a busy host, ends it)
        }

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
        assertThat(store.outbox().counts().pending()).isEqualTo(2);
        List<ClaimedMessage> queued = store.outbox().claim("x", T0, LONG_LEASE, 10);
        assertThat(queued).extracting(c -> c.message().idempotencyKey()).allMatch(k -> k.startsWith("reminder:"));
    }
}
