package dev.escalation.test.inmemory;

import static dev.escalation.test.Records.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.inmemory.InMemoryEscalationStore;
import dev.escalation.model.CaseId;
import dev.escalation.model.CustomerId;
import dev.escalation.model.EscalationId;
import dev.escalation.model.Visibility;
import dev.escalation.spi.ChangeBatch;
import dev.escalation.spi.ClaimedMessage;
import dev.escalation.spi.DeliveryOutcome;
import dev.escalation.spi.OpenEscalationExistsException;
import dev.escalation.spi.Outbox;
import dev.escalation.spi.OutboxCounts;
import dev.escalation.spi.StoredEntry;
import dev.escalation.spi.UnitOfWork;
import dev.escalation.test.Records;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/**
 * The per-escalation locks of the in-memory store under real threads (not staged, unlike the kit's S4/S19): writers
 * change a few escalations, several writers the same one at once and others different ones, while two dispatchers
 * claim and finish the outbox. Checks that fail on a lost update, a lost or duplicated delivery, a message claimed
 * ahead of an older one of its chain, a duplicate idempotency key queued twice, or a change missing from the feed. It
 * cannot prove the absence of a race (the kit's staged rules S4, S10, S19, O3 and D8 pin the interleavings); it
 * catches what real interleavings produce.
 */
class InMemoryConcurrencyStressTest {

    private static final CustomerId ACME = CustomerId.of("acme");
    private static final int ESCALATIONS = 8;
    private static final int WRITERS = 4;
    private static final int CHANGES_PER_WRITER = 1_200; // 4,800 changes: the change feed crosses a chunk boundary
    private static final Instant NOW = T0.plus(Duration.ofDays(1));

    @RepeatedTest(3)
    void concurrentWritersAndDispatchersLoseNothingAndDeliverEachKeyOnce() throws Exception {
        InMemoryEscalationStore store = new InMemoryEscalationStore();
        List<EscalationId> ids = new ArrayList<>();
        for (int e = 0; e < ESCALATIONS; e++) {
            EscalationId id = EscalationId.of("E-" + e);
            ids.add(id);
            store.create(Records.creationOf(
                    Records.escalation(id, ACME, CaseId.of("C-" + e)).build()));
        }
        Map<EscalationId, AtomicInteger> changed = new ConcurrentHashMap<>();
        ids.forEach(id -> changed.put(id, new AtomicInteger()));
        Map<String, AtomicInteger> claims = new ConcurrentHashMap<>();
        Set<String> delivering = ConcurrentHashMap.newKeySet();
        List<String> chainViolations = new ArrayList<>();
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicLong clock = new AtomicLong();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS + 2);
        try {
            List<Future<?>> writers = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                writers.add(pool.submit(() -> {
                    start.await();
                    for (int k = 0; k < CHANGES_PER_WRITER; k++) {
                        // writers 0 and 1 share their escalations, 2 and 3 work on others of their own
                        EscalationId id = ids.get((writer / 2) * 4 + k % 4);
                        int round = k;
                        store.changeForVendor(id, current -> {
                            Instant at = T0.plusNanos(clock.incrementAndGet() * 1_000);
                            long version = current.version() + 1;
                            return UnitOfWork.Decision.write(
                                    Records.change(current)
                                            .at(at)
                                            .entry(Records.update(at, Visibility.CUSTOMER, "v" + version))
                                            .messages(
                                                    Records.notificationMessage(ACME, id, key(id, version), at),
                                                    // the same key from every writer in this round: queued once
                                                    Records.notificationMessage(ACME, id, "shared-" + round, at))
                                            .build(),
                                    version);
                        });
                        changed.get(id).incrementAndGet();
                    }
                    return null;
                }));
            }
            List<Future<?>> dispatchers = new ArrayList<>();
            for (int d = 0; d < 2; d++) {
                String claimant = "dispatcher-" + d;
                dispatchers.add(pool.submit(() -> {
                    start.await();
                    Outbox outbox = store.outbox();
                    while (true) {
                        boolean more = writing.get();
                        List<ClaimedMessage> batch = outbox.claim(claimant, NOW, Duration.ofHours(1), 7);
                        Set<String> inBatch = new HashSet<>();
                        List<DeliveryOutcome> outcomes = new ArrayList<>();
                        for (ClaimedMessage c : batch) {
                            String key = c.message().idempotencyKey();
                            claims.computeIfAbsent(key, x -> new AtomicInteger())
                                    .incrementAndGet();
                            String before = predecessor(key);
                            if (before != null && !delivering.contains(before) && !inBatch.contains(before)) {
                                synchronized (chainViolations) {
                                    chainViolations.add(key + " claimed before " + before);
                                }
                            }
                            inBatch.add(key);
                            outcomes.add(new DeliveryOutcome.Delivered(c, Optional.empty()));
                        }
                        delivering.addAll(inBatch);
                        outbox.finish(outcomes, NOW);
                        // an empty claim does not mean nothing is left: a claim skips a chain whose head another
                        // thread holds at that moment (SKIP LOCKED), and near the end both dispatchers can skip the
                        // last chain at once; a dispatcher stops when the writers are done and nothing is pending
                        // (a message that no claim ever takes keeps it looping until the 60-second wait fails)
                        if (batch.isEmpty() && !more && outbox.counts().pending() == 0) {
                            return null;
                        }
                    }
                }));
            }
            start.countDown();
            for (Future<?> f : writers) {
                f.get(60, TimeUnit.SECONDS);
            }
            writing.set(false);
            for (Future<?> f : dispatchers) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        long changes = 0;
        for (EscalationId id : ids) {
            int n = changed.get(id).get();
            changes += n;
            long version = store.findForVendor(id).orElseThrow().version();
            assertThat(version).as("lost update: version of %s", id).isEqualTo(1 + n);
            assertThat(entries(store, id)).as("lost update: log of %s", id).hasSize(1 + n);
            for (long v = 2; v <= version; v++) {
                assertThat(claims.get(key(id, v)))
                        .as("delivery of %s", key(id, v))
                        .isNotNull()
                        .hasValue(1);
            }
        }
        assertThat(changes).isEqualTo((long) WRITERS * CHANGES_PER_WRITER);
        for (int round = 0; round < CHANGES_PER_WRITER; round++) {
            assertThat(claims.get("shared-" + round))
                    .as("a key queued by several writers is delivered once")
                    .isNotNull()
                    .hasValue(1);
        }
        assertThat(claims).hasSize((int) changes + CHANGES_PER_WRITER);
        assertThat(chainViolations).as("messages claimed ahead of their chain").isEmpty();
        OutboxCounts left = store.outbox().counts();
        assertThat(left.pending() + left.dead()).isZero();
        assertThat(feed(store)).as("the change feed holds every write once").isEqualTo(ESCALATIONS + changes);
    }

    private static String key(EscalationId id, long version) {
        return "k-" + id.value() + "-" + version;
    }

    /** The key of the message before {@code key} in its chain (the escalation's previous version), or null. */
    private static String predecessor(String key) {
        if (!key.startsWith("k-")) {
            return null;
        }
        int dash = key.lastIndexOf('-');
        long version = Long.parseLong(key.substring(dash + 1));
        return version <= 2 ? null : key.substring(0, dash + 1) + (version - 1);
    }

    /**
     * A double click: two creates race for one case, and the loser reads the escalation its {@link
     * OpenEscalationExistsException} names at once (as the engine does to answer it). Fails if the winner's key is
     * claimed before its record can be read.
     */
    @Test
    void theLoserOfACreateRaceReadsTheWinnerAtOnce() throws Exception {
        InMemoryEscalationStore store = new InMemoryEscalationStore();
        int rounds = 5_000;
        CyclicBarrier together = new CyclicBarrier(2);
        AtomicInteger unreadable = new AtomicInteger();
        AtomicInteger lost = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> racers = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                int racer = t;
                racers.add(pool.submit(() -> {
                    for (int r = 0; r < rounds; r++) {
                        EscalationId id = EscalationId.of("E-" + r + "-" + racer);
                        var write = Records.creationOf(Records.escalation(id, ACME, CaseId.of("C-" + r))
                                .build());
                        together.await(10, TimeUnit.SECONDS);
                        try {
                            store.create(write);
                        } catch (OpenEscalationExistsException e) {
                            lost.incrementAndGet();
                            if (store.findForCustomer(ACME, e.existing()).isEmpty()) {
                                unreadable.incrementAndGet();
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : racers) {
                f.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(lost).hasValue(rounds);
        assertThat(store.size()).isEqualTo(rounds);
        assertThat(unreadable).hasValue(0);
    }

    private static List<StoredEntry> entries(InMemoryEscalationStore store, EscalationId id) {
        List<StoredEntry> all = new ArrayList<>();
        while (true) {
            List<StoredEntry> slice = store.entriesForVendor(id, all.size(), 500);
            if (slice.isEmpty()) {
                return all;
            }
            all.addAll(slice);
        }
    }

    private static long feed(InMemoryEscalationStore store) {
        long n = 0;
        String cursor = ChangeBatch.START;
        while (true) {
            ChangeBatch batch = store.changesSince(cursor, 500);
            if (batch.changes().isEmpty()) {
                return n;
            }
            n += batch.changes().size();
            cursor = batch.cursor();
        }
    }
}
