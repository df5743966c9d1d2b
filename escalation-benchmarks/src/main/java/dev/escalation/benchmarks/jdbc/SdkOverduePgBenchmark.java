package dev.escalation.benchmarks.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import dev.escalation.EscalationEngine;
import dev.escalation.benchmarks.BenchJvm;
import dev.escalation.benchmarks.BenchTime;
import dev.escalation.benchmarks.sdk.BenchCustomers;
import dev.escalation.benchmarks.sdk.NoOpNotifier;
import dev.escalation.benchmarks.sdk.NoOpTicketing;
import dev.escalation.benchmarks.sdk.SdkFixture;
import dev.escalation.benchmarks.sdk.SdkLifecycle;
import dev.escalation.jdbc.JdbcEscalationStore;
import dev.escalation.jdbc.JdbcSchema;
import dev.escalation.model.EscalationId;
import dev.escalation.model.EscalationSummary;
import dev.escalation.model.Page;
import dev.escalation.model.PageRequest;
import dev.escalation.test.MutableClock;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
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
 * The overdue escalations on PostgreSQL, first page of 100 ({@code engine.operations().overdue(staff,
 * PageRequest.first(100))}, which reads {@code esc_escalation}'s {@code overdue_since} index), with {@code open} open
 * escalations, half of them overdue at the query's "now".
 *
 * <p>Loading: one escalation is raised and brought to mid-life through the engine (so its row is exactly what the
 * store writes), then its {@code esc_escalation} row is copied {@code open} times with SQL ({@code INSERT … SELECT
 * generate_series}: new escalation id, submission key and {@code overdue_since}, spread over {@code open} minutes in a
 * scrambled order; every other column as written), then {@code VACUUM ANALYZE}. The query reads that table only. The
 * setup prints the store's own SQL of the page under {@code EXPLAIN (ANALYZE, BUFFERS)} (lines starting with
 * "plan: "; run.sh keeps them in jmh.log and report.py shows them). Needs ESCALATION_TEST_PG_URL; run.sh leaves it out
 * otherwise.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 2, timeUnit = TimeUnit.SECONDS)
@Fork(
        value = 1,
        jvmArgsAppend = {BenchJvm.HEAP_MIN, BenchJvm.HEAP_MAX, BenchJvm.PRE_TOUCH, BenchJvm.LOGGING})
@Threads(1)
public class SdkOverduePgBenchmark {
    private static final PageRequest FIRST = PageRequest.first(100);

    @Param({"1000000"})
    public int open;

    HikariDataSource pool;
    EscalationEngine engine;
    Instant now;

    @Setup(Level.Trial)
    public void fill() throws SQLException {
        Databases.resetPgSchema(Databases.SDK_SCHEMA);
        pool = Databases.pgPool(Databases.SDK_SCHEMA, 2, "overdue-pg");
        JdbcSchema.migrate(pool);
        CountingDataSource sql = new CountingDataSource(pool);
        AtomicReference<String> overdueSql = new AtomicReference<>();
        sql.onPrepare(text -> {
            if (text.contains("overdue_since <= ?")) {
                overdueSql.set(text);
            }
        });
        Instant start = BenchTime.START;
        now = start.plus(Duration.ofMinutes(open / 2));
        MutableClock clock = MutableClock.at(start);
        engine = SdkFixture.builder(
                        clock,
                        new BenchCustomers(),
                        SdkFixture.staffDirectory(),
                        new NoOpNotifier(),
                        new NoOpTicketing())
                .store(JdbcEscalationStore.builder(sql).build())
                .build();
        EscalationId template = SdkLifecycle.midLife(engine, clock, "C-template", "template");
        engine.deliverPending();
        long t0 = System.nanoTime();
        try (Connection c = pool.getConnection()) {
            List<String> columns = new ArrayList<>();
            try (ResultSet rs = c.getMetaData().getColumns(null, Databases.SDK_SCHEMA, "esc_escalation", null)) {
                while (rs.next()) {
                    columns.add(rs.getString("COLUMN_NAME"));
                }
            }
            List<String> values = new ArrayList<>();
            for (String col : columns) {
                switch (col) {
                    case "escalation_id" -> values.add("'E-bulk-' || i");
                    case "submission_key" -> values.add("'bulk-' || i");
                    case "overdue_since" -> values.add("? + ((i * 7919::bigint) % ?) * 60");
                    default -> values.add("e." + col);
                }
            }
            // plain indexes are dropped for the load and built again afterwards (in bulk: far faster than maintaining
            // a dozen indexes row by row); the primary key and the unique constraints stay
            List<String> indexes = new ArrayList<>();
            try (Statement s = c.createStatement();
                    ResultSet rs =
                            s.executeQuery("SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE i.schemaname = '"
                                    + Databases.SDK_SCHEMA
                                    + "' AND i.tablename = 'esc_escalation' AND i.indexdef NOT LIKE "
                                    + "'CREATE UNIQUE%'")) {
                while (rs.next()) {
                    indexes.add(rs.getString(2));
                }
            }
            try (Statement s = c.createStatement()) {
                s.execute("SET synchronous_commit = off");
                for (String def : indexes) {
                    s.execute("DROP INDEX " + def.replaceFirst("CREATE INDEX (\\S+) ON .*", "$1"));
                }
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO esc_escalation (" + String.join(", ", columns)
                    + ") SELECT " + String.join(", ", values)
                    + " FROM esc_escalation e, generate_series(0, ? - 1) AS s(i) WHERE e.escalation_id = ?")) {
                ps.setBigDecimal(1, BigDecimal.valueOf(start.getEpochSecond()));
                ps.setLong(2, open);
                ps.setLong(3, open);
                ps.setString(4, template.value());
                ps.executeUpdate();
            }
            try (Statement s = c.createStatement()) {
                for (String def : indexes) {
                    s.execute(def);
                }
                s.execute("VACUUM ANALYZE esc_escalation");
            }
        }
        System.out.printf(Locale.ROOT, "loaded %,d escalation rows in %.1f s%n", open, (System.nanoTime() - t0) / 1e9);
        clock.set(now);
        Page<EscalationSummary> page = engine.operations().overdue(SdkLifecycle.SAM, FIRST);
        if (page.items().size() != 100) {
            throw new IllegalStateException("expected a full page of 100 overdue escalations, got "
                    + page.items().size());
        }
        explain(overdueSql.get());
    }

    /** Prints the plan of the store's own SQL of the first page, its parameters filled in (now, page size + 1). */
    private void explain(String query) throws SQLException {
        if (query == null) {
            System.out.println("plan: (the store's overdue SQL was not seen)");
            return;
        }
        String filled = query.replaceFirst(
                        "\\?", BigDecimal.valueOf(now.getEpochSecond()).toPlainString())
                .replaceFirst("\\?", "101");
        System.out.println("plan: " + filled);
        try (Connection c = pool.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("EXPLAIN (ANALYZE, BUFFERS) " + filled)) {
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
    public Page<EscalationSummary> engineOverdue() {
        return engine.operations().overdue(SdkLifecycle.SAM, FIRST);
    }
}
