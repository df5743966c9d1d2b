package dev.escalation.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Assumptions;

/**
 * One test database with its schema, handing out independent connection pools: two pools behave like two
 * application instances sharing the database. The factory the test bases are parameterised with.
 */
abstract class TestDatabase implements AutoCloseable {
    private final List<HikariDataSource> pools = new ArrayList<>();

    abstract String name();

    abstract HikariConfig config();

    /** Creates the schema with Flyway through the library's convenience call. */
    void migrate() {
        try (HikariDataSource pool = new HikariDataSource(config())) {
            JdbcSchema.migrate(pool);
        }
    }

    /** A new pool of its own (another "instance"); closed with the database. */
    synchronized DataSource newPool(String poolName, int maxSize) {
        HikariConfig config = config();
        config.setPoolName(name() + "-" + poolName);
        config.setMaximumPoolSize(maxSize);
        HikariDataSource pool = new HikariDataSource(config);
        pools.add(pool);
        return pool;
    }

    /** Empties every table (between tests). */
    void clear(DataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            for (String table : List.of(
                    "esc_entry",
                    "esc_open_case",
                    "esc_outbox",
                    "esc_due",
                    "esc_ticket",
                    "esc_change",
                    "esc_metric",
                    "esc_escalation",
                    "esc_portal_message",
                    "esc_anchor",
                    "esc_subject_key")) {
                s.executeUpdate("DELETE FROM " + table);
            }
        }
    }

    @Override
    public synchronized void close() {
        pools.forEach(HikariDataSource::close);
        pools.clear();
    }

    /** A private in-memory H2 database (kept while any connection is open). */
    static TestDatabase h2() {
        return new TestDatabase() {
            private final String url = "jdbc:h2:mem:escalation-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";

            @Override
            String name() {
                return "h2";
            }

            @Override
            HikariConfig config() {
                HikariConfig config = new HikariConfig();
                config.setJdbcUrl(url);
                config.setUsername("sa");
                config.setPassword("");
                return config;
            }

            @Override
            public synchronized void close() {
                super.close();
                try (Connection c = java.sql.DriverManager.getConnection(url, "sa", "");
                        Statement s = c.createStatement()) {
                    s.execute("SHUTDOWN");
                } catch (SQLException e) {
                    // already gone
                }
            }
        };
    }

    static final String PG_URL = "ESCALATION_TEST_PG_URL";

    /** Whether {@value #PG_URL} names a PostgreSQL to test against. */
    static boolean postgresqlConfigured() {
        String url = System.getenv(PG_URL);
        return url != null && !url.isBlank();
    }

    /** The reason a PostgreSQL test gives when it is skipped; the CI's checks look for it. */
    static String skipped(String testClass) {
        return "PostgreSQL tests skipped: " + PG_URL + " not set (" + testClass + ")";
    }

    /**
     * A schema of its own in the PostgreSQL database named by {@code ESCALATION_TEST_PG_URL} (with
     * {@code _USER} and {@code _PASSWORD}); skips the calling test class with a message if the variable is not set.
     */
    static TestDatabase postgresql(String testClass) {
        Assumptions.assumeTrue(postgresqlConfigured(), skipped(testClass));
        String url = System.getenv(PG_URL);
        String user = System.getenv(PG_URL.replace("_URL", "_USER"));
        String password = System.getenv(PG_URL.replace("_URL", "_PASSWORD"));
        String schema = "esc_test_"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
        TestDatabase database = new TestDatabase() {
            @Override
            String name() {
                return "pg";
            }

            @Override
            HikariConfig config() {
                HikariConfig config = new HikariConfig();
                config.setJdbcUrl(url);
                config.setUsername(user);
                config.setPassword(password);
                config.setSchema(schema);
                return config;
            }

            @Override
            public synchronized void close() {
                super.close();
                HikariConfig config = config();
                config.setSchema(null);
                try (HikariDataSource admin = new HikariDataSource(config);
                        Connection c = admin.getConnection();
                        Statement s = c.createStatement()) {
                    s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            }
        };
        HikariConfig config = database.config();
        config.setSchema(null);
        try (HikariDataSource admin = new HikariDataSource(config);
                Connection c = admin.getConnection();
                Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the test schema on " + url, e);
        }
        return database;
    }
}
