package dev.escalation.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Migration V11 leaves half of each heap page of {@code esc_escalation} and {@code esc_outbox} free on PostgreSQL
 * ({@code fillfactor = 50}), so that updates that change no indexed column can be HOT; the other tables keep the
 * default. Skipped without {@code ESCALATION_TEST_PG_URL}.
 */
class PostgresFillFactorTest {
    private TestDatabase database;

    @AfterEach
    void close() {
        if (database != null) {
            database.close();
        }
    }

    @Test
    void theUpdatedTablesLeaveRoomForHotUpdates() throws SQLException {
        database = TestDatabase.postgresql("PostgresFillFactorTest");
        database.migrate();
        DataSource pool = database.newPool("fillfactor", 1);
        assertThat(options(pool, "esc_escalation")).isEqualTo("{fillfactor=50}");
        assertThat(options(pool, "esc_outbox")).isEqualTo("{fillfactor=50}");
        assertThat(options(pool, "esc_entry")).isNull();
        assertThat(options(pool, "esc_due")).isNull();
    }

    private static String options(DataSource pool, String table) throws SQLException {
        try (Connection c = pool.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT CAST(c.reloptions AS TEXT) FROM pg_class c WHERE c.oid = to_regclass(?)")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).as(table).isTrue();
                return rs.getString(1);
            }
        }
    }
}
