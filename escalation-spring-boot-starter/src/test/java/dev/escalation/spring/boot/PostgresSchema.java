package dev.escalation.spring.boot;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * A schema of its own in the PostgreSQL database named by {@code ESCALATION_TEST_PG_URL} (with {@code _USER} and
 * {@code _PASSWORD}), as Spring Boot properties; skips the calling test class with a message when the variable is
 * not set (CI sets it, and .ci/checks/starter-postgresql-not-skipped.sh fails the build if these classes skipped).
 */
final class PostgresSchema {
    static final String PG_URL = "ESCALATION_TEST_PG_URL";

    final String url = System.getenv(PG_URL);
    final String user = System.getenv("ESCALATION_TEST_PG_USER");
    final String password = System.getenv("ESCALATION_TEST_PG_PASSWORD");
    final String schema;

    private PostgresSchema(String prefix) {
        this.schema = prefix + "_"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 10).toLowerCase(Locale.ROOT);
    }

    /** Skips the test class unless PostgreSQL is configured; else creates a fresh, empty schema. */
    static PostgresSchema create(String testClass) {
        String url = System.getenv(PG_URL);
        Assumptions.assumeTrue(
                url != null && !url.isBlank(), "PostgreSQL tests skipped: " + PG_URL + " not set (" + testClass + ")");
        PostgresSchema s = new PostgresSchema("esc_starter");
        s.execute("CREATE SCHEMA " + s.schema);
        return s;
    }

    /** The Spring Boot properties of a DataSource on this schema. */
    String[] properties() {
        return new String[] {
            "spring.datasource.url=" + url,
            "spring.datasource.username=" + (user == null ? "" : user),
            "spring.datasource.password=" + (password == null ? "" : password),
            "spring.datasource.hikari.schema=" + schema,
            "spring.datasource.hikari.maximum-pool-size=4"
        };
    }

    void drop() {
        execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }

    private void execute(String sql) {
        try (Connection c = DriverManager.getConnection(url, user, password);
                Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + PG_URL + ": " + sql, e);
        }
    }
}
