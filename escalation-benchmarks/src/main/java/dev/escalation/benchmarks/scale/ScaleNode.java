package dev.escalation.benchmarks.scale;

import com.zaxxer.hikari.HikariDataSource;
import dev.escalation.EscalationEngine;
import dev.escalation.benchmarks.sdk.BenchCustomers;
import dev.escalation.benchmarks.sdk.SdkFixture;
import dev.escalation.calendar.BusinessCalendar;
import dev.escalation.jdbc.JdbcEscalationStore;
import dev.escalation.model.HotlineNumber;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalTime;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One app node: its own HikariCP pool (behind a {@link WatchedDataSource}), its own {@code JdbcEscalationStore} and
 * engine with its own instance name, its own directories, and its own background worker
 * ({@code engine.start(interval)}: due work, then delivery, repeatedly). Only the database and the recipients (the
 * shared {@link Deliveries}) are shared with the other nodes. {@link #partners} are this node's request threads for
 * the other half of a contended lifecycle (commands another node's driver sends to this node). {@link #watch} sees what
 * its background worker does (deliveries, failed run parts, stalls).
 */
final class ScaleNode implements AutoCloseable {
    final int index;
    final HikariDataSource pool;
    final WatchedDataSource watched;
    final WorkerWatch watch;
    final EscalationEngine engine;
    final ExecutorService partners;
    private boolean closed;

    ScaleNode(int index, HikariDataSource pool, Clock clock, Deliveries deliveries, int threads, Duration interval) {
        this.index = index;
        this.pool = pool;
        this.watched = new WatchedDataSource(pool);
        // a stall: no worker transaction for 10 intervals (at least 2 s; a run on a loaded machine may take a while)
        this.watch = new WorkerWatch(watched, Math.max(2000, 10 * interval.toMillis()));
        this.engine = EscalationEngine.builder()
                .clock(clock)
                .customers(new BenchCustomers())
                .staff(SdkFixture.staffDirectory())
                .notifier(deliveries.notifier())
                .ticketing(deliveries.ticketing())
                .coverage(BusinessCalendar.builder(SdkFixture.BERLIN)
                        .openWeekdays(LocalTime.of(9, 0), LocalTime.of(17, 0))
                        .build())
                .hotline(new HotlineNumber("Germany", "+49 911 2399 110"), new HotlineNumber("USA", "+1 415-363-5510"))
                .instanceName("node-" + index)
                .listener(watch)
                .store(JdbcEscalationStore.builder(watched).build())
                .build();
        AtomicInteger n = new AtomicInteger();
        this.partners = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "node-" + index + "-partner-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        engine.start(interval);
    }

    /** Stops the background worker and the partner threads; the pool stays open for reading back. */
    void stopWork() {
        if (closed) {
            return;
        }
        closed = true;
        engine.close();
        partners.shutdown();
        try {
            partners.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stopWork();
        pool.close();
    }
}
