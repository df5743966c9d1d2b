package dev.escalation.benchmarks.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import dev.escalation.EscalationEngine;
import dev.escalation.RetentionPolicy;
import dev.escalation.RetentionReport;
import dev.escalation.benchmarks.sdk.BenchCustomers;
import dev.escalation.benchmarks.sdk.NoOpNotifier;
import dev.escalation.benchmarks.sdk.NoOpTicketing;
import dev.escalation.benchmarks.sdk.SdkFixture;
import dev.escalation.benchmarks.sdk.SdkLifecycle;
import dev.escalation.jdbc.JdbcEscalationStore;
import dev.escalation.jdbc.JdbcSchema;
import dev.escalation.test.MutableClock;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
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
import org.openjdk.jmh.annotations.Timeout;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Retention on PostgreSQL: {@code engine.operations().applyRetention} purging {@code closed} closed escalations (each
 * with one entry and one delivered outbox message: 3 rows per escalation) in batches of 500, one transaction each,
 * single shot. Before each measured shot the schema {@code retention_bench} is re-created and filled by SQL
 * ({@code INSERT … SELECT generate_series}, then {@code ANALYZE}); 1,000 open escalations stay. The heap is small
 * (256 MB): purging must not load what it deletes. Needs ESCALATION_TEST_PG_URL; run.sh runs it as a JMH invocation
 * of its own (step 5) and leaves it out of the main one.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx256m", "-Dorg.jboss.logging.provider=slf4j"})
@Warmup(iterations = 0)
@Measurement(iterations = 1)
@Threads(1)
@Timeout(time = 60, timeUnit = TimeUnit.MINUTES) // the load before the shot counts towards JMH's timeout
public class RetentionPgBenchmark {
    static final String SCHEMA = "retention_bench";

    @Param({"1000000"})
    public int closed;

    HikariDataSource pool;
    EscalationEngine engine;

    @Setup(Level.Iteration)
    public void fill() throws SQLException {
        if (pool != null) {
            pool.close();
        }
        Databases.resetPgSchema(SCHEMA);
        pool = Databases.pgPool(SCHEMA, 2, "retention-pg");
        JdbcSchema.migrate(pool);
        Instant now = Instant.parse("2027-01-12T09:00:00Z");
        BigDecimal old = BigDecimal.valueOf(now.minus(Duration.ofDays(500)).getEpochSecond());
        long t0 = System.nanoTime();
        try (Connection c = pool.getConnection()) {
            load(c, "old", closed, "CLOSED", false, old);
            load(c, "open", 1000, "ACTIVE", true, old);
            try (Statement s = c.createStatement()) {
                for (String t : new String[] {"esc_escalation", "esc_entry", "esc_outbox"}) {
                    s.execute("VACUUM ANALYZE " + t);
                }
            }
        }
        System.out.printf(
                Locale.ROOT,
                "loaded %,d closed escalations (%,d rows) in %.1f s%n",
                closed,
                3L * closed,
                (System.nanoTime() - t0) / 1e9);
        engine = SdkFixture.builder(
                        MutableClock.at(now),
                        new BenchCustomers(),
                        SdkFixture.staffDirectory(),
                        new NoOpNotifier(),
                        new NoOpTicketing())
                .store(JdbcEscalationStore.builder(pool).build())
                .build();
    }

    private static void load(Connection c, String prefix, int n, String state, boolean open, BigDecimal at)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO esc_escalation (customer_id, escalation_id, "
                + "row_version, case_id, state, cause, criticality, raised_by, manager_id, submission_key, raised_at, "
                + "updated_at, progress_max, body_format, body, intake, facts, open, final_at, change_xid) "
                + "SELECT 'cust-' || (g % 97), ? || '-' || g, 5, ? || '-case-' || g, ?, 'SOFTWARE_ERROR', 'HIGH', "
                + "'contact-' || (g % 500), 'eve', NULL, ?, ? + g / 1000.0, 3, 2, '{}', '{}', '{}', ?, "
                + "CASE WHEN ? THEN NULL ELSE ? + g / 1000.0 END, 0 "
                + "FROM generate_series(1, ?) g")) {
            ps.setString(1, prefix);
            ps.setString(2, prefix);
            ps.setString(3, state);
            ps.setBigDecimal(4, at);
            ps.setBigDecimal(5, at);
            ps.setBoolean(6, open);
            ps.setBoolean(7, open);
            ps.setBigDecimal(8, at);
            ps.setInt(9, n);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO esc_entry (customer_id, escalation_id, "
                + "sequence_no, recorded_at, kind, format, actor_kind, actor_id, visibility, text, params) "
                + "SELECT 'cust-' || (g % 97), ? || '-' || g, 1, ?, 'STATUS_UPDATE', 2, 'CONTACT', "
                + "'contact-' || (g % 500), 'CUSTOMER', 'The warehouse is down', '{}' FROM generate_series(1, ?) g")) {
            ps.setString(1, prefix);
            ps.setBigDecimal(2, at);
            ps.setInt(3, n);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO esc_outbox (customer_id, message_id, "
                + "escalation_id, idempotency_key, target, effect_type, payload_format, payload, status, created_at, "
                + "next_attempt_at, attempts, chain_key, delivered_at) SELECT 'cust-' || (g % 97), ? || '-m-' || g, "
                + "? || '-' || g, ? || '-k-' || g, 'NOTIFICATION', 'NotificationRequest', 2, '{}', 'DONE', ?, ?, 1, "
                + "? || '-' || g, ? FROM generate_series(1, ?) g")) {
            ps.setString(1, prefix);
            ps.setString(2, prefix);
            ps.setString(3, prefix);
            ps.setBigDecimal(4, at);
            ps.setBigDecimal(5, at);
            ps.setString(6, prefix);
            ps.setBigDecimal(7, at);
            ps.setInt(8, n);
            ps.executeUpdate();
        }
    }

    @TearDown(Level.Iteration)
    public void check() throws SQLException {
        try (Connection c = pool.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM esc_escalation")) {
            rs.next();
            if (rs.getLong(1) != 1000) {
                throw new IllegalStateException("expected the 1,000 open escalations to be left, not " + rs.getLong(1));
            }
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        pool.close();
    }

    @Benchmark
    public RetentionReport applyRetention() {
        RetentionReport report =
                engine.operations().applyRetention(SdkLifecycle.SAM, RetentionPolicy.closedAfterMonths(12));
        System.out.printf(
                Locale.ROOT,
                "purged %,d escalations and %,d delivered messages in %,d batches%n",
                report.escalations(),
                report.messages(),
                report.batches());
        return report;
    }
}
