package dev.escalation.inmemory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.model.CustomerId;
import dev.escalation.model.EscalationId;
import dev.escalation.model.MessageId;
import dev.escalation.model.Visibility;
import dev.escalation.spi.ClaimedMessage;
import dev.escalation.spi.DeliveryOutcome;
import dev.escalation.spi.OutboxCounts;
import dev.escalation.spi.OutboxMessage;
import dev.escalation.spi.TicketCommand;
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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;

/**
 * Several writer threads queue at once (each thread adds to its own list of the outbox's {@link LiveIndex}, and
 * sequences are taken a block per write) while two drainers claim and finish: one chain (E-1) is written by every
 * writer in turn, so its entries are spread over the lists, and each writer also has an escalation of its own, one
 * of whose messages is dead-lettered. Counted, not timed: every message is claimed once and recorded once, E-1's
 * messages are claimed in the order they were queued, and the counts at the end are exact (pending, dead and the
 * earliest next attempt agree with the messages left).
 */
class OutboxWritersRaceTest {
    private static final Instant T0 = Instant.parse("2027-01-04T09:00:00Z");
    private static final CustomerId ACME = CustomerId.of("acme");
    private static final EscalationId E1 = EscalationId.of("E-1");
    private static final int WRITERS = 4;
    /** Writes per writer; each write queues one or two E-1 messages and one of the writer's own escalation. */
    private static final int WRITES = 150;
    /** The message of a writer's own escalation that is dead-lettered (it holds back the ones after it). */
    private static final int DEAD_AT = 100;

    private static ExecutorService pool;

    @BeforeAll
    static void startPool() {
        pool = Executors.newFixedThreadPool(WRITERS + 2);
    }

    @AfterAll
    static void stopPool() {
        pool.shutdownNow();
    }

    private static OutboxMessage message(EscalationId escalation, int n, Instant next) {
        String key = escalation.value() + "-u" + n;
        OutboxMessage m = OutboxMessage.pending(
                MessageId.of("m-" + key),
                ACME,
                new TicketCommand.PostUpdate(key, escalation, "update " + n, Visibility.INTERNAL),
                T0);
        return new OutboxMessage(
                m.id(), m.customer(), m.effect(), m.createdAt(), next, 0, Optional.empty(), Optional.empty());
    }

    private static int number(OutboxMessage m) {
        String key = m.idempotencyKey();
        return Integer.parseInt(key.substring(key.lastIndexOf('u') + 1));
    }

    private static EscalationId own(int writer) {
        return EscalationId.of("W-" + writer);
    }

    @RepeatedTest(10)
    void writersOnSeveralThreadsLoseNothingKeepChainOrderAndCountExactly() throws Exception {
        InMemoryOutbox outbox = TestOutboxes.withTickets();
        Object e1Order = new Object();
        int[] e1Next = {0};
        Map<String, AtomicInteger> claimed = new ConcurrentHashMap<>();
        Set<String> finishing = ConcurrentHashMap.newKeySet();
        Set<String> released = ConcurrentHashMap.newKeySet();
        AtomicInteger recorded = new AtomicInteger();
        AtomicInteger written = new AtomicInteger();
        List<String> orderViolations = new ArrayList<>();
        CountDownLatch start = new CountDownLatch(1);

        List<Future<?>> writers = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            int writer = w;
            writers.add(pool.submit(() -> {
                start.await();
                for (int n = 0; n < WRITES; n++) {
                    // the writer's own message first, due a little later each write: the earliest next attempt
                    // at the end is that of the first message held back behind the dead letter
                    OutboxMessage mine = message(own(writer), n, T0.minusSeconds(WRITES - n));
                    synchronized (e1Order) { // E-1's numbers follow the order its messages are queued in
                        List<OutboxMessage> write = new ArrayList<>();
                        for (int k = 0; k < 1 + (n + writer) % 2; k++) {
                            write.add(message(E1, e1Next[0]++, T0));
                        }
                        write.add(mine);
                        outbox.enqueue(write);
                    }
                }
                written.incrementAndGet();
                return null;
            }));
        }
        int e1Total = 0;
        for (int w = 0; w < WRITERS; w++) {
            for (int n = 0; n < WRITES; n++) {
                e1Total += 1 + (n + w) % 2;
            }
        }
        int settledTotal = e1Total + WRITERS * (DEAD_AT + 1); // delivered, and the dead letters
        AtomicInteger settled = new AtomicInteger();
        List<Future<?>> drainers = new ArrayList<>();
        for (int d = 0; d < 2; d++) {
            String claimant = "drainer-" + d;
            drainers.add(pool.submit(() -> {
                start.await();
                while (written.get() < WRITERS || settled.get() < settledTotal) {
                    List<ClaimedMessage> batch = outbox.claim(claimant, T0, Duration.ofDays(1), 5);
                    Set<String> inBatch = new HashSet<>();
                    Set<EscalationId> failed = new HashSet<>();
                    List<DeliveryOutcome> outcomes = new ArrayList<>();
                    for (ClaimedMessage c : batch) {
                        OutboxMessage m = c.message();
                        claimed.computeIfAbsent(m.idempotencyKey(), x -> new AtomicInteger())
                                .incrementAndGet();
                        if (failed.contains(m.escalation())) { // behind a dead letter of this claim: released
                            released.add(m.idempotencyKey());
                            outcomes.add(new DeliveryOutcome.Released(c));
                            continue;
                        }
                        int n = number(m);
                        String older = m.escalation().value() + "-u" + (n - 1);
                        if (n > 0 && !finishing.contains(older) && !inBatch.contains(older)) {
                            synchronized (orderViolations) {
                                orderViolations.add(m.idempotencyKey() + " before " + older);
                            }
                        }
                        inBatch.add(m.idempotencyKey());
                        if (!m.escalation().equals(E1) && n == DEAD_AT) {
                            failed.add(m.escalation());
                            outcomes.add(new DeliveryOutcome.DeadLetter(c, "refused", "E_REFUSED"));
                        } else {
                            outcomes.add(new DeliveryOutcome.Delivered(c, Optional.empty()));
                        }
                    }
                    finishing.addAll(inBatch);
                    recorded.addAndGet(outbox.finish(outcomes, T0));
                    settled.addAndGet(inBatch.size());
                    if (batch.isEmpty()) {
                        Thread.onSpinWait();
                    }
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> w : writers) {
            w.get(60, TimeUnit.SECONDS);
        }
        for (Future<?> d : drainers) {
            d.get(60, TimeUnit.SECONDS);
        }

        assertThat(claimed).hasSize(settledTotal + released.size());
        assertThat(claimed.values()).allSatisfy(c -> assertThat(c).hasValue(1));
        assertThat(released).allSatisfy(k -> assertThat(k).startsWith("W-"));
        assertThat(recorded).hasValue(settledTotal + released.size());
        assertThat(orderViolations).isEmpty();
        int held = WRITES - DEAD_AT - 1;
        OutboxCounts counts = outbox.counts();
        assertThat(counts.pending()).isEqualTo((long) WRITERS * held);
        assertThat(counts.dead()).isEqualTo(WRITERS);
        assertThat(counts.nextAttemptAt()).contains(T0.minusSeconds(WRITES - DEAD_AT - 1));
        assertThat(outbox.waiting()).hasSize(WRITERS * (held + 1));
        for (int w = 0; w < WRITERS; w++) {
            assertThat(outbox.countsOf(own(w)))
                    .isEqualTo(new OutboxCounts(held, 1, Optional.of(T0.minusSeconds(WRITES - DEAD_AT - 1))));
        }
        assertThat(outbox.countsOf(E1)).isEqualTo(new OutboxCounts(0, 0, Optional.empty()));
        assertThat(outbox.claim("after", T0, Duration.ofDays(1), 100)).isEmpty(); // held behind the dead letters
    }
}
