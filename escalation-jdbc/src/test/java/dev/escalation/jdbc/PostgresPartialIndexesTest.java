package dev.escalation.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Migration V12 makes six indexes of {@code esc_escalation} partial on PostgreSQL, with their names and columns kept
 * (V20 drops one of them, {@code _next_deadline_ix}, which no statement reads any more); the other indexes stay full,
 * and a row version that matches no predicate has no entry in them. That the queries
 * still read them is shown by {@link PostgresQueryPlansTest} and {@link PostgresWritePathPlansTest}. Skipped without
 * {@code ESCALATION_TEST_PG_URL}.
 */
class PostgresPartialIndexesTest {
    private TestDatabase database;

    @AfterEach
    void close() {
        if (database != null) {
            database.close();
        }
    }

    @Test
    void theIndexesOfMostlyUnsetColumnsHoldOnlyTheSetRows() throws SQLException {
        database = TestDatabase.postgresql("PostgresPartialIndexesTest");
        database.migrate();
        DataSource pool = database.newPool("partial", 1);
        Map<String, String> indexes = indexes(pool);
        assertThat(indexes)
                .containsEntry(
                        "esc_escalation_overdue_ix", "(overdue_since, escalation_id) WHERE (overdue_since IS NOT NULL)")
                .containsEntry(
                        "esc_escalation_paused_ix", "(paused_since, escalation_id) WHERE (paused_since IS NOT NULL)")
                .containsEntry("esc_escalation_final_ix", "(final_at, escalation_id) WHERE (final_at IS NOT NULL)")
                .containsEntry("esc_escalation_manager_ix", "(manager_id, open) WHERE (manager_id IS NOT NULL)")
                .containsEntry(
                        "esc_escalation_open_facets_ix",
                        "(open, state, criticality, customer_id, paused_since) WHERE open")
                .containsEntry("esc_escalation_state_ix", "(state, raised_at, escalation_id)")
                .doesNotContainKey("esc_escalation_next_deadline_ix")
                .hasSize(12);

        // one open row with nothing overdue, paused or final, and one final row: the entries of each partial index
        try (Connection c = pool.getConnection();
                Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO esc_escalation (customer_id, escalation_id, row_version, case_id, state, "
                    + "cause, criticality, raised_by, manager_id, raised_at, updated_at, progress_max, body_format, "
                    + "body, intake, facts, next_deadline_at, open, final_at) VALUES "
                    + "('C-1', 'E-1', 1, 'K-1', 'ACTIVE', 'DATABASE_OUTAGE', 'HIGH', 'contact-1', 'M-1', 1, 2, 1, 2, "
                    + "'{}', '{}', '{}', 10, TRUE, NULL), "
                    + "('C-1', 'E-2', 1, 'K-2', 'CLOSED', 'DATABASE_OUTAGE', 'HIGH', 'contact-1', NULL, 1, 3, 1, 2, "
                    + "'{}', '{}', '{}', NULL, FALSE, 3)");
            s.execute("VACUUM ANALYZE esc_escalation");
        }
        assertThat(entries(pool, "esc_escalation_overdue_ix")).isZero();
        assertThat(entries(pool, "esc_escalation_paused_ix")).isZero();
        assertThat(entries(pool, "esc_escalation_final_ix")).isEqualTo(1);
        assertThat(entries(pool, "esc_escalation_manager_ix")).isEqualTo(1);
        assertThat(entries(pool, "esc_escalation_open_facets_ix")).isEqualTo(1);
        assertThat(entries(pool, "esc_escalation_state_ix")).isEqualTo(2);
    }

    @Test
    void theOutboxKeepsItsKeysOnPostgresql() throws SQLException {
        // V14 changes the outbox's primary key on H2 only (PostgreSQL's heap has no row key to gain)
        database = TestDatabase.postgresql("PostgresPartialIndexesTest");
        database.migrate();
        DataSource pool = database.newPool("outbox-keys", 1);
        assertThat(indexes(pool, "esc_outbox"))
                .containsEntry("esc_outbox_pk", "(message_id)")
                .containsEntry("esc_outbox_seq_uq", "(seq)")
                .containsEntry("esc_outbox_key_uq", "(idempotency_key)")
                .hasSize(5);
    }

    /** Index name → its definition after "USING btree ", of the indexes of esc_escalation. */
    private static Map<String, String> indexes(DataSource pool) throws SQLException {
        return indexes(pool, "esc_escalation");
    }

    /** Index name → its definition after "USING btree ", of the indexes of {@code table}. */
    private static Map<String, String> indexes(DataSource pool, String table) throws SQLException {
        Map<String, String> indexes = new TreeMap<>();
        try (Connection c = pool.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT indexname, indexdef FROM pg_indexes "
                        + "WHERE schemaname = current_schema() AND tablename = ?")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String definition = rs.getString(2);
                    indexes.put(rs.getString(1), definition.substring(definition.indexOf("USING btree ") + 12));
                }
            }
        }
        return indexes;
    }

    /** The index's entries after VACUUM (pg_class.reltuples of the index). */
    private static long entries(DataSource pool, String index) throws SQLException {
        try (Connection c = pool.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT CAST(reltuples AS BIGINT) FROM pg_class WHERE oid = to_regclass(?)")) {
            ps.setString(1, index);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).as(index).isTrue();
                return rs.getLong(1);
            }
        }
    }
}
