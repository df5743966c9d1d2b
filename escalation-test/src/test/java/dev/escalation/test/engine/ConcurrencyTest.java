package dev.escalation.test.engine;

import static dev.escalation.test.engine.Cast.EVE;
import static dev.escalation.test.engine.Cast.INA;
import static dev.escalation.test.engine.Cast.IVY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.EscalationConflictException;
import dev.escalation.EscalationReceipt;
import dev.escalation.command.LogProgress;
import dev.escalation.model.EscalationId;
import dev.escalation.model.ProgressKind;
import dev.escalation.model.Visibility;
import dev.escalation.spi.StoredEntry;
import dev.escalation.test.Scenario;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.RepeatedTest;

/** The double click and two writers on one escalation, on real threads. */
class ConcurrencyTest {

    private static <T> List<T> race(int threads, Callable<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return task.call();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get(30, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    @RepeatedTest(5)
    void manyConcurrentClicksOnEscalateCaseOpenExactlyOneEscalation() throws Exception {
        Scenario w = Cast.world();
        AtomicInteger n = new AtomicInteger();

        List<EscalationReceipt> receipts =
                race(16, () -> w.engine().escalate(n.getAndIncrement() % 2 == 0 ? INA : IVY, Cast.escalateC1()));

        Set<EscalationId> ids = ConcurrentHashMap.newKeySet();
        receipts.forEach(r -> ids.add(r.escalation()));
        assertThat(ids).hasSize(1);
        assertThat(receipts).filteredOn(EscalationReceipt::created).hasSize(1);
        assertThat(w.store().size()).isEqualTo(1);
        assertThat(Cast.pending(w)).isEqualTo(3);
    }

    @RepeatedTest(5)
    void twoWritersOnOneEscalationLoseNoUpdate() throws Exception {
        Scenario w = Cast.world();
        EscalationId id = Cast.active(w);
        int before = Cast.log(w, id).size();
        AtomicInteger n = new AtomicInteger();

        List<String> outcomes = race(8, () -> {
            String text = "update " + n.getAndIncrement();
            try {
                w.engine()
                        .logProgress(
                                EVE, new LogProgress(id, LogProgress.Kind.STATUS_UPDATE, text, Visibility.CUSTOMER));
                return "ok:" + text;
            } catch (EscalationConflictException e) {
                assertThat(e.isRetryable()).isTrue();
                return "conflict";
            }
        });

        List<String> succeeded = outcomes.stream()
                .filter(o -> o.startsWith("ok:"))
                .map(o -> o.substring(3))
                .toList();
        List<StoredEntry> log = Cast.log(w, id);
        List<StoredEntry> added = log.subList(before, log.size());
        assertThat(succeeded).isNotEmpty();
        // every reported success is in the log, every conflict is not, and sequences have no gaps
        assertThat(added).extracting(e -> e.text().orElseThrow()).containsExactlyInAnyOrderElementsOf(succeeded);
        assertThat(added).allSatisfy(e -> assertThat(e.kind()).isEqualTo(ProgressKind.STATUS_UPDATE));
        assertThat(Cast.stored(w, id).version()).isEqualTo(3 + succeeded.size());
        assertThat(Cast.stored(w, id).facts().entryCount()).isEqualTo(log.size());
        for (int i = 0; i < log.size(); i++) {
            assertThat(log.get(i).sequence()).isEqualTo(i + 1);
        }
    }
}
