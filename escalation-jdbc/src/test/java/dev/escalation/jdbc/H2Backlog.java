package dev.escalation.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the H2 backlog-claim tests look at: the rows a transaction can lock, and the index entries a read scans. */
final class H2Backlog {
    private H2Backlog() {}

    /** How many pending rows of {@code table} a transaction can lock now, passing over those another holds. */
    static int lockable(Connection c, String table) throws SQLException {
        int n = 0;
        try (Statement s = c.createStatement();
                ResultSet rs =
                        s.executeQuery("SELECT 1 FROM " + table + " WHERE status = 'PENDING' FOR UPDATE SKIP LOCKED")) {
            while (rs.next()) {
                n++;
            }
        }
        return n;
    }

    /** The entries of {@code index} that {@code sql} (every parameter bound in its text) reads, from H2's plan. */
    static int entriesRead(Connection c, String sql, String index) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("EXPLAIN ANALYZE " + sql)) {
            rs.next();
            String plan = rs.getString(1);
            Matcher m = Pattern.compile(
                            "PUBLIC\\." + index.toUpperCase(Locale.ROOT) + "[^*]*\\*/\\s*/\\* scanCount: (\\d+) \\*/")
                    .matcher(plan);
            assertThat(m.find())
                    .as("the read goes through %s in:%n%s", index, plan)
                    .isTrue();
            return Integer.parseInt(m.group(1));
        }
    }

    /** Starts H2's statement statistics afresh (a database setting, on until the database closes). */
    static void recordStatements(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("SET QUERY_STATISTICS FALSE");
            s.execute("SET QUERY_STATISTICS TRUE");
        }
    }

    /** How often {@code sql} ran since {@link #recordStatements}, from H2's statement statistics. */
    static long executions(Connection c, String sql) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("SELECT COALESCE(SUM(EXECUTION_COUNT), 0) FROM INFORMATION_SCHEMA.QUERY_STATISTICS"
                        + " WHERE SQL_STATEMENT = ?")) {
            ps.setString(1, sql);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
