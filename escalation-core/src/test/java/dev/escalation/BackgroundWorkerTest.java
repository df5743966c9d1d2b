package dev.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.inmemory.InMemoryEscalationStore;
import dev.escalation.spi.ClaimedDue;
import dev.escalation.spi.DueItem;
import dev.escalation.spi.DueWork;
import dev.escalation.spi.EscalationStore;
import dev.escalation.spi.OutboxMessage;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The background worker ({@link EscalationEngine#start}): a part of a run that fails does not hold back the others,
 * and nothing thrown ends the worker. Before, a throwing due-work pass skipped delivery in every run (only logged at
 * WARN), and an {@link Error} ended the scheduled runs for good, silently.
 */
class BackgroundWorkerTest {

    /** Counts {@link EngineObserver#workerFailed} per phase and failure type. */
    private static final class Failures implements EngineObserver {
        final Map<String, AtomicInteger> seen = new ConcurrentHashMap<>();

        @Override
        public void workerFailed(WorkerPhase phase, Class<? extends Throwable> failure) {
            seen.computeIfAbsent(phase + " " + failure.getSimpleName(), k -> new AtomicInteger())
                    .incrementAndGet();
        }

        int of(String key) {
            AtomicInteger n = seen.get(key);
            return n == null ? 0 : n.get();
        }
    }

    /** A store whose due work throws what {@code failure} supplies on every claim while it supplies anything. */
    private static EscalationStore failingDueWork(EscalationStore store, Supplier<Throwable> failure) {
        DueWork due = store.dueWork();
        DueWork failing = new DueWork() {
            @Override
            public List<DueItem> due(Instant now, int limit) {
                return due.due(now, limit);
            }

            @Override
            public List<ClaimedDue> claim(String claimant, Instant now, Duration lease, int limit) {
                Throwable t = failure.get();
                if (t instanceof RuntimeException r) {
                    throw r;
                }
                if (t instanceof Error e) {
                    throw e;
                }
                return due.claim(claimant, now, lease, limit);
            }

            @Override
            public boolean complete(ClaimedDue claimed, List<OutboxMessage> followUps) {
                return due.complete(claimed, followUps);
            }

            @Override
            public void release(ClaimedDue claimed) {
                due.release(claimed);
            }
        };
        return (EscalationStore) Proxy.newProxyInstance(
                EscalationStore.class.getClassLoader(), new Class<?>[] {EscalationStore.class}, (p, m, args) -> {
                    if (m.getName().equals("dueWork") && m.getParameterCount() == 0) {
                        return failing;
                    }
                    try {
                        return m.invoke(store, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private static void awaitDelivered(World w, int atLeast) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (w.notifier.delivered().size() < atLeast && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }

    @Test
    void aDueWorkPassThatAlwaysFailsDoesNotHoldBackDelivery() throws Exception {
        Failures failures = new Failures();
        World w = new World(
                b -> b.listener(failures),
                failingDueWork(new InMemoryEscalationStore(), () -> new IllegalStateException("due work down")));
        w.escalated(); // queues notifications
        w.engine.start(Duration.ofMillis(10));
        try {
            awaitDelivered(w, 1);
        } finally {
            w.engine.close();
        }
        assertThat(w.notifier.delivered()).isNotEmpty();
        // the due work's untyped failure reaches the worker as the engine's UNAVAILABLE (its cause attached)
        assertThat(failures.of("DUE_WORK EscalationUnavailableException")).isPositive();
        assertThat(failures.of("DUE_WORK IllegalStateException")).isZero();
        assertThat(failures.of("DELIVERY EscalationUnavailableException")).isZero();
    }

    @Test
    void anErrorThrownInARunDoesNotEndTheWorker() throws Exception {
        Failures failures = new Failures();
        AtomicInteger claims = new AtomicInteger();
        World w = new World(
                b -> b.listener(failures),
                failingDueWork(
                        new InMemoryEscalationStore(),
                        // a fatal error passes the engine unchanged (an adapter's other Errors are UNAVAILABLE)
                        () -> claims.incrementAndGet() == 1 ? new OutOfMemoryError("simulated") : null));
        w.engine.start(Duration.ofMillis(10));
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            // wait for a run after the one that threw (its delivery part may still run after the failure)
            while ((failures.of("DUE_WORK OutOfMemoryError") == 0 || claims.get() < 2)
                    && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            w.escalated(); // queued after the worker survived the error: a later run delivers it
            awaitDelivered(w, 1);
        } finally {
            w.engine.close();
        }
        assertThat(failures.of("DUE_WORK OutOfMemoryError")).isEqualTo(1);
        assertThat(w.notifier.delivered()).isNotEmpty();
        assertThat(claims.get()).isGreaterThan(1);
    }
}
