package dev.escalation.benchmarks.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The databases of the JDBC benchmarks.
 *
 * <ul>
 *   <li><b>H2</b>: embedded, in memory, {@code jdbc:h2:mem:<name>;DB_CLOSE_DELAY=-1}, H2's regular mode (no
 *   {@code MODE=} setting) - exactly the URL form and mode Flowable's H2 runs with in {@code FlowableEscalations}, from
 *   the same H2 jar.</li>
 *   <li><b>PostgreSQL</b>: from {@code ESCALATION_TEST_PG_URL}, {@code _USER}, {@code _PASSWORD} (as the
 *   escalation-jdbc tests; {@code .ci/components/10-postgresql.sh} exports them). Server settings are left as they are
 *   (fsync and synchronous_commit on by default; {@link #pgSetting} reads them for the report). Each subject works in
 *   its own schema of that database ({@code currentSchema=} on the URL), dropped and re-created by the benchmark once
 *   per trial. The SDK and Flowable alike: the new schema gets {@value #PRIMED_LIFECYCLES} unmeasured lifecycles, then
 *   every table is analyzed once ({@link #analyzePgSchema}); from then on autovacuum keeps the statistics (and removes
 *   dead row versions) while the tables grow over the trial, as in a host's database. A schema created a second ago
 *   has no statistics, and whether autovacuum's first {@code ANALYZE} landed inside a measured iteration decided which
 *   plans it ran. An {@code ANALYZE} before every iteration (round 2r) was no better: it waited for the lock of
 *   autovacuum's running {@code VACUUM} and PostgreSQL cancelled that vacuum, so dead row versions of the outbox
 *   were never removed during the trial.</li>
 * </ul>
 *
 * <p>H2 needs no such step: it analyzes a table itself after 2,000 changed rows ({@code ANALYZE_AUTO}'s default), the
 * same for both subjects.
 */
public final class Databases {
    /** Schema of the SDK's JDBC store (and of the commit probe's table). */
    public static final String SDK_SCHEMA = "escalation_bench";
    /** Schema of Flowable on PostgreSQL (Flowable creates its tables there with databaseSchemaUpdate=true). */
    public static final String FLOWABLE_SCHEMA = "flowable_bench";

    /**
     * Unmeasured lifecycles each PostgreSQL subject runs in its new schema before its tables are first analyzed (once
     * per trial, the SDK and Flowable alike).
     */
    public static final int PRIMED_LIFECYCLES = 256;

    private static final AtomicInteger H2_DATABASES = new AtomicInteger();

    private Databases() {}

    /** @return whether ESCALATION_TEST_PG_URL is set */
    public static boolean postgresConfigured() {
        String url = System.getenv("ESCALATION_TEST_PG_URL");
        return url != null && !url.isBlank();
    }

    /** @return the PostgreSQL JDBC URL, or an exception naming the missing variable */
    public static String pgUrl() {
        if (!postgresConfigured()) {
            throw new IllegalStateException("PostgreSQL not configured: set ESCALATION_TEST_PG_URL, "
                    + "ESCALATION_TEST_PG_USER and ESCALATION_TEST_PG_PASSWORD (run.sh skips the postgres benchmarks "
                    + "when they are unset)");
        }
        return System.getenv("ESCALATION_TEST_PG_URL");
    }

    public static String pgUser() {
        return System.getenv().getOrDefault("ESCALATION_TEST_PG_USER", "");
    }

    public static String pgPassword() {
        return System.getenv().getOrDefault("ESCALATION_TEST_PG_PASSWORD", "");
    }

    /** The PostgreSQL URL with {@code currentSchema} set, so unqualified table names resolve in {@code schema}. */
    public static String pgUrl(String schema) {
        String url = pgUrl();
        return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    /** A new, empty in-memory H2 database's URL (same form and mode as Flowable's). */
    public static String newH2Url(String prefix) {
        return "jdbc:h2:mem:" + prefix + "-" + H2_DATABASES.incrementAndGet() + ";DB_CLOSE_DELAY=-1";
    }

    /** Drops {@code schema} (with everything in it) and creates it empty, over a direct connection. */
    public static void resetPgSchema(String schema) {
        try (Connection c = DriverManager.getConnection(pgUrl(), pgUser(), pgPassword());
                Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            s.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reset schema " + schema + ": " + e.getMessage(), e);
        }
    }

    /**
     * Runs {@code ANALYZE} on every table of {@code schema} (planner statistics, as autovacuum keeps them in a host's
     * database), over a direct connection.
     */
    public static void analyzePgSchema(String schema) {
        try (Connection c = DriverManager.getConnection(pgUrl(), pgUser(), pgPassword());
                Statement s = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (PreparedStatement q = c.prepareStatement("SELECT tablename FROM pg_tables WHERE schemaname = ?")) {
                q.setString(1, schema);
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        tables.add(rs.getString(1));
                    }
                }
            }
            if (tables.isEmpty()) {
                throw new IllegalStateException("no tables in schema " + schema + " to analyze");
            }
            for (String table : tables) {
                s.execute("ANALYZE " + schema + ".\"" + table + "\"");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot analyze schema " + schema + ": " + e.getMessage(), e);
        }
    }

    /** A PostgreSQL server setting ({@code SHOW name}), for the log and the report. */
    public static String pgSetting(String name) {
        try (Connection c = DriverManager.getConnection(pgUrl(), pgUser(), pgPassword());
                Statement s = c.createStatement();
                var rs = s.executeQuery("SHOW " + name)) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            return "?";
        }
    }

    /** A HikariCP pool on PostgreSQL, working in {@code schema}. */
    public static HikariDataSource pgPool(String schema, int size, String name) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(pgUrl(schema));
        config.setUsername(pgUser());
        config.setPassword(pgPassword());
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(size);
        config.setPoolName(name);
        return new HikariDataSource(config);
    }

    /** A HikariCP pool on an in-memory H2 database. */
    public static HikariDataSource h2Pool(String url, int size, String name) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername("sa");
        config.setPassword("");
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(size);
        config.setPoolName(name);
        return new HikariDataSource(config);
    }

    /** Closes an H2 pool and drops its in-memory database (DB_CLOSE_DELAY=-1 would otherwise keep it). */
    public static void closeH2(HikariDataSource pool) {
        try (Connection c = pool.getConnection();
                Statement s = c.createStatement()) {
            s.execute("SHUTDOWN");
        } catch (SQLException e) {
            // already gone
        }
        pool.close();
    }
}
