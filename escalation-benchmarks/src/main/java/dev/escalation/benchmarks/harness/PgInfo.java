package dev.escalation.benchmarks.harness;

import dev.escalation.benchmarks.jdbc.Databases;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Prints the PostgreSQL server the benchmarks use (from ESCALATION_TEST_PG_URL) as {@code key=value} lines for the
 * report: version, fsync, synchronous_commit, wal_sync_method, shared_buffers. run.sh calls it only when the variable
 * is set; it starts nothing.
 */
public final class PgInfo {
    private PgInfo() {}

    public static void main(String[] args) throws SQLException {
        try (Connection c = DriverManager.getConnection(Databases.pgUrl(), Databases.pgUser(), Databases.pgPassword());
                Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT version()")) {
                rs.next();
                System.out.println("version=" + rs.getString(1));
            }
            for (String name : new String[] {"fsync", "synchronous_commit", "wal_sync_method", "shared_buffers"}) {
                try (ResultSet rs = s.executeQuery("SHOW " + name)) {
                    rs.next();
                    System.out.println(name + "=" + rs.getString(1));
                }
            }
        }
    }
}
