package dev.escalation.inmemory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.model.CustomerId;
import dev.escalation.model.EscalationId;
import dev.escalation.model.MessageId;
import dev.escalation.model.Visibility;
import dev.escalation.spi.ClaimedMessage;
import dev.escalation.spi.DeliveryOutcome;
import dev.escalation.spi.OutboxMessage;
import dev.escalation.spi.TicketCommand;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;

/**
 * The in-memory outbox records a delivery without the escalation's box lock (the entry is taken from its claim by
 * compare-and-set, and unlinked from its chain by whoever holds the lock next). These races check the invariants
 * that must survive it, counted, not timed: a finish racing writes on the same escalation, and a stale finish racing
 * a claim that took the messages again after their lease ran out, never lose a message, never record one twice,
 * keep a chain's order, and leave no entry or box behind once everything is delivered.
 */
class OutboxFinishRaceTest {
    private static final Instant T0 = Instant.parse("2027-01-04T09:00:00Z");
    private static final CustomerId ACME = CustomerId.of("acme");
    private static final EscalationId E1 = EscalationId.of("E-1");
    private static final EscalationId E2 = EscalationId.of("E-2");
    private static final int MESSAGES = 600;

    private static ExecutorService pool;

    @BeforeAll
    static void startPool() {
        pool = Executors.newFixedThreadPool(3);
    }

    @AfterAll
    static void stopPool() {
        pool.shutdownNow();
    }

    /** A ticket update: every message of an escalation is in its one ticket chain, so the chain's order is checked. */
    private static OutboxMessage message(EscalationId escalation, int n) {
        String key = escalation.value() + "-u" + n;
        return OutboxMessage.pending(
                MessageId.of("m-" + key),
                ACME,
                new TicketCommand.PostUpdate(key, escalation, "update " + n, Visibility.INTERNAL),
                T0);
    }

    private static int number(OutboxMessage m) {
        String key = m.idempotencyKey();
        return Integer.parseInt(key.substring(key.lastIndexOf('u') + 1));
    }

    private static List<DeliveryOutcome> delivered(List<ClaimedMessage> batch) {
        List<DeliveryOutcome> outcomes = new ArrayList<>(batch.size());
        for (ClaimedMessage c : batch) {
            outcomes.add(new DeliveryOutcome.Delivered(c, Optional.empty()));
        }
        return outcomes;
    }

    /**
     * One writer queues the messages of E-1 (and some of E-2 in the same writes) one to three at a time while two
     * drainers claim and finish them: each message is claimed once (the lease outlasts the test) and recorded once,
     * a message is claimed only after its chain's older messages were finished or in the same claim, and nothing
     * stays behind.
     */
    @RepeatedTest(10)
    void finishRacingWritesOnOneEscalationNeitherLosesNorDuplicates() throws Exception {
        InMemoryOutbox outbox = TestOutboxes.withTickets();
        Map<String, AtomicInteger> claimed = new ConcurrentHashMap<>();
        Set<String> finishing = ConcurrentHashMap.newKeySet();
        AtomicInteger recorded = new AtomicInteger();
        AtomicBoolean written = new AtomicBoolean();
        List<String> orderViolations = new ArrayList<>();
        CountDownLatch start = new CountDownLatch(1);

        Future<?> writer = pool.submit(() -> {
            start.await();
            int n = 0;
            while (n < MESSAGES) {
                List<OutboxMessage> write = new ArrayList<>();
                for (int k = 0; k < 1 + n % 3 && n < MESSAGES; k++, n++) {
                    write.add(message(E1, n));
                    if (n % 5 == 0) {
                        write.add(message(E2, n));
                    }
                }
                outbox.enqueue(write);
            }
            written.set(true);
            return null;
        });
        List<Future<?>> drainers = new ArrayList<>();
        for (int d = 0; d < 2; d++) {
            String claimant = "drainer-" + d;
            drainers.add(pool.submit(() -> {
                start.await();
                while (true) {
                    boolean done = written.get();
                    List<ClaimedMessage> batch = outbox.claim(claimant, T0, Duration.ofDays(1), 4);
                    if (batch.isEmpty()) {
                        if (done && outbox.counts().pending() == 0) {
                            return null;
                        }
                        Thread.onSpinWait();
                        continue;
                    }
                    Set<String> inBatch = new java.util.HashSet<>();
                    for (ClaimedMessage c : batch) {
                        OutboxMessage m = c.message();
                        claimed.computeIfAbsent(m.idempotencyKey(), x -> new AtomicInteger())
                                .incrementAndGet();
                        int n = number(m);
                        // every older message of the chain was finished before, or is earlier in this claim
                        for (int older = n - 1; older >= 0 && older >= n - 3; older--) {
                            String key = m.escalation().value() + "-u" + older;
                            boolean exists = m.escalation().equals(E1) || older % 5 == 0;
                            if (exists && !finishing.contains(key) && !inBatch.contains(key)) {
                                synchronized (orderViolations) {
                                    orderViolations.add(m.idempotencyKey() + " before " + key);
                                }
                            }
                        }
                        inBatch.add(m.idempotencyKey());
                    }
                    finishing.addAll(inBatch);
                    recorded.addAndGet(outbox.finish(delivered(batch), T0));
                }
            }));
        }
        start.countDown();
        writer.get(30, TimeUnit.SECONDS);
        for (Future<?> d : drainers) {
            d.get(30, TimeUnit.SECONDS);
        }

        int total = MESSAGES + (MESSAGES + 4) / 5;
        assertThat(claimed).hasSize(total);
        assertThat(claimed.values()).allSatisfy(c -> assertThat(c).hasValue(1));
        assertThat(recorded).hasValue(total);
        assertThat(orderViolations).isEmpty();
        assertNothingLeft(outbox);
    }

    /**
     * A claim at a later instant takes messages again after their lease ran out while the first claimant finishes
     * them: each message is recorded exactly once, by whichever of the two won its entry.
     */
    @RepeatedTest(10)
    void aStaleFinishRacingANewClaimRecordsEachMessageOnce() throws Exception {
        InMemoryOutbox outbox = TestOutboxes.withTickets();
        int recordedTotal = 0;
        for (int round = 0; round < 50; round++) {
            List<OutboxMessage> write = new ArrayList<>();
            for (int n = 0; n < 8; n++) {
                write.add(message(E1, round * 8 + n));
            }
            outbox.enqueue(write);
            List<ClaimedMessage> first = outbox.claim("first", T0, Duration.ofSeconds(1), 8);
            assertThat(first).hasSize(8);
            CountDownLatch go = new CountDownLatch(1);
            Future<Integer> stale = pool.submit(() -> {
                go.await();
                return outbox.finish(delivered(first), T0);
            });
            Future<Integer> fresh = pool.submit(() -> {
                go.await();
                List<ClaimedMessage> again = outbox.claim("second", T0.plusSeconds(2), Duration.ofDays(1), 8);
                return outbox.finish(delivered(again), T0.plusSeconds(2));
            });
            go.countDown();
            int recorded = stale.get(30, TimeUnit.SECONDS) + fresh.get(30, TimeUnit.SECONDS);
            assertThat(recorded).as("round %d", round).isEqualTo(8);
            recordedTotal += recorded;
            assertThat(outbox.counts().pending()).isZero();
        }
        assertThat(recordedTotal).isEqualTo(400);
        assertNothingLeft(outbox);
    }

    /** Nothing pending, and once the delivered keys are forgotten, no entry, box or key is held. */
    private static void assertNothingLeft(InMemoryOutbox outbox) {
        assertThat(outbox.counts().pending()).isZero();
        assertThat(outbox.waiting()).isEmpty();
        outbox.purgeDeliveredBefore(T0.plus(Duration.ofDays(30)), Integer.MAX_VALUE);
        assertThat(outbox.retained()).as("entries, boxes and keys held").isZero();
    }
}
