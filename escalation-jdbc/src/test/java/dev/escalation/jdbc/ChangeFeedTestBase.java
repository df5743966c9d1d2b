package dev.escalation.jdbc;

import static dev.escalation.jdbc.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.escalation.model.EscalationId;
import dev.escalation.model.EscalationState;
import dev.escalation.spi.Change;
import dev.escalation.spi.ChangeBatch;
import dev.escalation.spi.EscalationWrite;
import dev.escalation.spi.StoredEscalation;
import dev.escalation.spi.UnitOfWork;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The change feed: every committed write exactly once, in an order consistent with each escalation's versions, also
 * when a write that started first (and so got the lower position on PostgreSQL) commits last.
 */
abstract class ChangeFeedTestBase extends StoreTestSupport {
    private static final long TIMEOUT = 60;
    private ExecutorService threads;

    @BeforeAll
    void startThreads() {
        threads = Executors.newCachedThreadPool();
    }

    @AfterAll
    void stopThreads() {
        threads.shutdownNow();
    }

    private StoredEscalation create(String id) {
        StoredEscalation r = Fixtures.raised("acme", id, "C-" + id, T0);
        store.create(Fixtures.creation(r));
        return r;
    }

    /** Reads the feed from {@code cursor} until a batch comes back empty; returns the changes and the last cursor. */
    private ChangeBatch readOn(String cursor, int limit) {
        List<Change> all = new ArrayList<>();
        String at = cursor;
        while (true) {
            ChangeBatch batch = store.changesSince(at, limit);
            assertThat(batch.changes().size()).isLessThanOrEqualTo(limit);
            if (batch.changes().isEmpty()) {
                assertThat(batch.cursor()).isEqualTo(at);
                return new ChangeBatch(all, at);
            }
            all.addAll(batch.changes());
            at = batch.cursor();
        }
    }

    @Test
    void everyCreateAndChangeAppearsOnceInVersionOrderAndTheCursorMovesOn() {
        StoredEscalation a = create("E-a");
        StoredEscalation b = create("E-b");
        store.changeForVendor(a.id(), Fixtures.advance(EscalationState.ACKNOWLEDGED, "ack"));
        store.changeForVendor(b.id(), Fixtures.advance(EscalationState.WITHDRAWN, "withdrawn"));
        store.changeForVendor(a.id(), Fixtures.advance(EscalationState.ACTIVE, "active"));
        // kept and refused commands are not changes
        store.changeForVendor(a.id(), current -> UnitOfWork.Decision.keep(0));

        ChangeBatch all = readOn(ChangeBatch.START, 2);
        assertThat(all.changes())
                .extracting(c -> c.escalation().value() + "@" + c.version() + ":" + c.state())
                .containsExactly(
                        "E-a@1:REQUESTED", "E-b@1:REQUESTED", "E-a@2:ACKNOWLEDGED", "E-b@2:WITHDRAWN", "E-a@3:ACTIVE");
        assertThat(all.changes().get(4).at()).isEqualTo(T0.plusSeconds(2));
        assertThat(all.changes().get(0).customer()).isEqualTo(a.customer());

        assertThat(store.changesSince(all.cursor(), 10).changes()).isEmpty();
        store.changeForVendor(b.id(), current -> {
            StoredEscalation next = Fixtures.nextVersion(current, current.state(), 0);
            return UnitOfWork.Decision.write(new EscalationWrite(next, List.of(), List.of(), List.of()), 0);
        });
        assertThat(store.changesSince(all.cursor(), 10).changes())
                .extracting(c -> c.escalation().value() + "@" + c.version())
                .containsExactly("E-b@3");
    }

    @Test
    void aCursorThatTheStoreDidNotIssueIsRefused() {
        for (String bad : List.of("x", "c1:", "c1:1", "c1:a.b", "c1:-1.0", "0.1")) {
            assertThatThrownBy(() -> store.changesSince(bad, 10)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> store.changesSince("", 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.changesSince("", 501)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aWriteThatStartedFirstAndCommitsLastIsStillSeen() throws Exception {
        StoredEscalation slow = create("E-slow");
        StoredEscalation fast = create("E-fast");
        ChangeBatch start = readOn(ChangeBatch.START, 10);
        assertThat(start.changes()).hasSize(2);

        CountDownLatch slowInDecide = new CountDownLatch(1);
        CountDownLatch releaseSlow = new CountDownLatch(1);
        // the slow write locks its row (and so, on PostgreSQL, takes its transaction id) and waits inside decide
        Future<?> slowWrite = threads.submit(() -> store.changeForVendor(slow.id(), current -> {
            slowInDecide.countDown();
            await(releaseSlow);
            return Fixtures.advance(EscalationState.ACKNOWLEDGED, "slow").decide(current);
        }));
        assertThat(slowInDecide.await(TIMEOUT, TimeUnit.SECONDS)).isTrue();
        // a write that started later commits first
        store.changeForVendor(fast.id(), Fixtures.advance(EscalationState.ACKNOWLEDGED, "fast"));

        ChangeBatch meanwhile = readOn(start.cursor(), 10);
        releaseSlow.countDown();
        slowWrite.get(TIMEOUT, TimeUnit.SECONDS);
        ChangeBatch after = readOn(meanwhile.cursor(), 10);

        List<String> seen = new ArrayList<>();
        meanwhile.changes().forEach(c -> seen.add(c.escalation().value() + "@" + c.version()));
        after.changes().forEach(c -> seen.add(c.escalation().value() + "@" + c.version()));
        assertThat(seen).containsExactlyInAnyOrder("E-slow@2", "E-fast@2");
        assertThat(readOn(after.cursor(), 10).changes()).isEmpty();
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(TIMEOUT, TimeUnit.SECONDS)) {
                throw new IllegalStateException("latch not released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aReaderFollowingConcurrentWritersSeesEveryWriteExactlyOnceInVersionOrder() throws Exception {
        int escalations = 6;
        int changesEach = 15;
        List<StoredEscalation> created = new ArrayList<>();
        for (int i = 0; i < escalations; i++) {
            created.add(create("E-" + i));
        }
        int perWriter = changesEach * escalations / 4;
        int expected = escalations + 4 * perWriter;
        List<Callable<Integer>> writers = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            int n = w;
            writers.add(() -> {
                for (int k = 0; k < perWriter; k++) {
                    StoredEscalation target = created.get((n + k) % escalations);
                    store.changeForVendor(target.id(), Fixtures.advance(EscalationState.ACTIVE, "w" + n + "-" + k));
                }
                return n;
            });
        }
        // the reader follows the writers while they write, and then until it has seen as many changes as were made
        Future<ChangeBatch> reader = threads.submit(() -> {
            List<Change> seen = new ArrayList<>();
            String cursor = ChangeBatch.START;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT);
            while (seen.size() < expected && System.nanoTime() < deadline) {
                ChangeBatch batch = store.changesSince(cursor, 7);
                seen.addAll(batch.changes());
                cursor = batch.cursor();
            }
            return new ChangeBatch(seen, cursor);
        });
        List<Future<Integer>> running = writers.stream().map(threads::submit).toList();
        for (Future<Integer> f : running) {
            f.get(TIMEOUT, TimeUnit.SECONDS);
        }
        ChangeBatch read = reader.get(TIMEOUT, TimeUnit.SECONDS);
        List<Change> seen = read.changes();
        assertThat(seen).hasSize(expected);
        assertThat(store.changesSince(read.cursor(), 10).changes()).isEmpty();

        Map<EscalationId, Long> last = new HashMap<>();
        for (Change c : seen) {
            long previous = last.getOrDefault(c.escalation(), 0L);
            assertThat(c.version())
                    .as("version of %s after %d", c.escalation(), previous)
                    .isEqualTo(previous + 1);
            last.put(c.escalation(), c.version());
        }
        for (StoredEscalation r : created) {
            assertThat(last.get(r.id()))
                    .isEqualTo(store.findForVendor(r.id()).orElseThrow().version());
        }
    }
}
