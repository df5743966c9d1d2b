package dev.escalation.jdbc;

import static dev.escalation.jdbc.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.escalation.model.EscalationId;
import dev.escalation.model.EscalationState;
import dev.escalation.spi.Change;
import dev.escalation.spi.ChangeBatch;
import dev.escalation.spi.StoredEscalation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The change feed beyond rule S19 of the kit (which covers every write exactly once in version order, kept changes,
 * the end cursor and a write that starts first and commits last): the cursor formats this store refuses and the
 * batch limits, and a reader following four concurrent writers on one pool.
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
    void aCursorThatTheStoreDidNotIssueIsRefused() {
        for (String bad : List.of("x", "c1:", "c1:1", "c1:a.b", "c1:-1.0", "0.1")) {
            assertThatThrownBy(() -> store.changesSince(bad, 10)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> store.changesSince("", 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.changesSince("", 501)).isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * A cursor of this store's format that it never gave out: a position beyond the feed's head (following its echo
     * would skip every change up to there) or another spelling of an issued one. The head itself is accepted, and the
     * next head once more changes came.
     */
    @Test
    void aPositionBeyondTheHeadOrAnotherSpellingIsRefused() {
        create("E-h1");
        create("E-h2");
        String head = readOn(ChangeBatch.START, 10).cursor();
        long at = Long.parseLong(head.substring(head.indexOf(':') + 1));
        String prefix = head.substring(0, head.indexOf(':') + 1);
        for (String bad : List.of(
                prefix + (at + 1), prefix + Long.MAX_VALUE, prefix + "+" + at, prefix + "0" + at, prefix + "\u0661")) {
            assertThatThrownBy(() -> store.changesSince(bad, 10)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(store.changesSince(head, 10).changes()).isEmpty();

        create("E-h3");
        ChangeBatch next = readOn(head, 10);
        assertThat(next.changes()).extracting(Change::escalation).containsExactly(EscalationId.of("E-h3"));
        assertThatThrownBy(() -> store.changesSince(prefix + (at + 2), 10))
                .as("one beyond the new head")
                .isInstanceOf(IllegalArgumentException.class);
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
