package dev.escalation.benchmarks.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import dev.escalation.DueWorkItem;
import dev.escalation.EscalationEngine;
import dev.escalation.benchmarks.BenchTime;
import dev.escalation.benchmarks.sdk.BenchCustomers;
import dev.escalation.benchmarks.sdk.NoOpNotifier;
import dev.escalation.benchmarks.sdk.NoOpTicketing;
import dev.escalation.benchmarks.sdk.SdkFixture;
import dev.escalation.benchmarks.sdk.SdkLifecycle;
import dev.escalation.jdbc.JdbcEscalationStore;
import dev.escalation.jdbc.JdbcSchema;
import dev.escalation.spi.DueItem;
import dev.escalation.spi.EscalationStore;
import dev.escalation.test.MutableClock;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The due-work backlog on PostgreSQL (before the read model it was the "overdue" query), first page of 100, with {@code open} open escalations' due items: the rows are
 * loaded in bulk with SQL ({@code INSERT … SELECT generate_series}) into the store's due-work table {@code esc_due},
 * the only table the query reads (it joins nothing), then {@code ANALYZE}. As in the in-memory
 * {@code SdkOverdueBenchmark}: one PENDING meeting reminder per escalation, 5 customers, due instants spread over
 * {@code open} minutes in a scrambled order, half of them overdue at the query's "now".
 *
 * <p>{@code engineOverdue}: {@code engine.operations().dueWorkBacklog(staff, 100)} (the overdue escalations query,
 * {@code operations().overdue}, reads {@code esc_escalation}'s {@code overdue_since} index instead; issue #17
 * benchmarks it); {@code storeDue}: {@code store.dueWork().due(now, 100)}.
 * Needs ESCALATION_TEST_PG_URL; run.sh leaves it out otherwise.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 2, timeUnit = TimeUnit.SECONDS)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms1g", "-Xmx4g", "-Dorg.jboss.logging.provider=slf4j"})
@Threads(1)
public class SdkOverduePgBenchmark {

    @Param({"1000000"})
    public int open;

    HikariDataSource pool;
    EscalationStore store;
    EscalationEngine engine;
    Instant now;

    @Setup(Level.Trial)
    public void fill() throws SQLException {
        Databases.resetPgSchema(Databases.SDK_SCHEMA);
        pool = Databases.pgPool(Databases.SDK_SCHEMA, 2, "overdue-pg");
        JdbcSchema.migrate(pool);
        Instant start = BenchTime.START;
        long t0 = System.nanoTime();
        try (Connection c = pool.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO esc_due (customer_id, due_key, escalation_id, "
                    + "kind, step, due_at, payload_format, payload, status) "
                    + "SELECT (ARRAY['acme','globex','initech','umbrella','hooli'])[1 + i % 5], "
                    + "'E-' || i || '/NEXT_MEETING/reminder', 'E-' || i, 'NEXT_MEETING', 'reminder', "
                    + "? + ((i * 7919::bigint) % ?) * 60, 1, '{}', 'PENDING' "
                    + "FROM generate_series(0, ? - 1) AS s(i)")) {
                ps.setBigDecimal(1, BigDecimal.valueOf(start.getEpochSecond()));
                ps.setLong(2, open);
                ps.setLong(3, open);
                ps.executeUpdate();
            }
            try (Statement s = c.createStatement()) {
                s.execute("VACUUM ANALYZE esc_due");
            }
        }
        System.out.printf("loaded %,d due rows in %.1f s%n", open, (System.nanoTime() - t0) / 1e9);
        store = JdbcEscalationStore.builder(pool).build();
        now = start.plus(Duration.ofMinutes(open / 2));
        engine = SdkFixture.builder(
                        MutableClock.at(now),
                        new BenchCustomers(),
                        SdkFixture.staffDirectory(),
                        new NoOpNotifier(),
                        new NoOpTicketing())
                .store(store)
                .build();
        List<DueWorkItem> page = engine.operations().dueWorkBacklog(SdkLifecycle.SAM, 100);
        if (page.size() != 100 || page.get(0).dueAt().isAfter(now)) {
            throw new IllegalStateException("expected a full page of 100 overdue items, got " + page.size());
        }
        try (Connection c = pool.getConnection();
                Statement s = c.createStatement();
                var rs = s.executeQuery(
                        "EXPLAIN SELECT d.due_key FROM esc_due d WHERE d.status = 'PENDING' AND " + "d.due_at <= "
                                + now.getEpochSecond() + " ORDER BY d.due_at, d.due_key COLLATE \"C\" LIMIT 100")) {
            while (rs.next()) {
                System.out.println("plan: " + rs.getString(1));
            }
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        pool.close();
    }

    @Benchmark
    public List<DueWorkItem> engineOverdue() {
        return engine.operations().dueWorkBacklog(SdkLifecycle.SAM, 100);
    }

    @Benchmark
    public List<DueItem> storeDue() {
        return store.dueWork().due(now, 100);
    }
}
