package dev.escalation.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.escalation.model.EscalationId;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/** The schema is applied only when the host asks, by the convenience call or by the host's own Flyway. */
class JdbcSchemaTest {

    private static JdbcDataSource emptyH2() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:schema-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        return h2;
    }

    private static boolean hasTable(JdbcDataSource ds, String table) throws Exception {
        // Flyway quotes its history table (lower case on H2); our migrations do not (upper case on H2)
        try (Connection c = ds.getConnection();
                ResultSet rs = c.getMetaData().getTables(null, null, null, null)) {
            while (rs.next()) {
                if (rs.getString("TABLE_NAME").equalsIgnoreCase(table)) {
                    return true;
                }
            }
            return false;
        }
    }

    @Test
    void aStoreNeverCreatesTheSchemaByItself() throws Exception {
        JdbcDataSource ds = emptyH2();
        JdbcEscalationStore store = JdbcEscalationStore.builder(ds).build();

        assertThatThrownBy(() -> store.findForVendor(EscalationId.of("E-1"))).isInstanceOf(IllegalStateException.class);
        assertThat(hasTable(ds, "esc_escalation")).isFalse();
    }

    @Test
    void theConvenienceCallMigratesOnceAndThenFindsNothingToDo() throws Exception {
        JdbcDataSource ds = emptyH2();
        assertThat(JdbcSchema.migrate(ds))
                .isEqualTo(20); // V1, V2, Java V3, V4 … V10, Java V11 and V12, V13, Java V14 to V17, V18 … V20
        assertThat(JdbcSchema.migrate(ds)).isZero();
        assertThat(hasTable(ds, "esc_escalation")).isTrue();
        assertThat(hasTable(ds, JdbcSchema.HISTORY_TABLE)).isTrue();
        assertThat(JdbcEscalationStore.builder(ds).build().findForVendor(EscalationId.of("E-1")))
                .isEmpty();
    }

    @Test
    void theHostsOwnFlywayAppliesTheSameMigrationsAsTheReadmeShows() throws Exception {
        JdbcDataSource ds = emptyH2();
        Flyway.configure()
                .dataSource(ds)
                .locations(JdbcSchema.LOCATION)
                .table(JdbcSchema.HISTORY_TABLE)
                .load()
                .migrate();
        assertThat(hasTable(ds, "esc_outbox")).isTrue();
        assertThat(hasTable(ds, "esc_change")).isTrue();
        assertThat(hasTable(ds, "esc_portal_message")).isTrue();
        assertThat(JdbcSchema.migrate(ds)).isZero(); // the convenience call sees the same history
        try (Connection c = ds.getConnection();
                ResultSet rs = c.createStatement()
                        .executeQuery("SELECT \"version\", \"type\" FROM \"" + JdbcSchema.HISTORY_TABLE
                                + "\" WHERE \"version\" IS NOT NULL ORDER BY \"installed_rank\"")) {
            StringBuilder applied = new StringBuilder();
            while (rs.next()) {
                applied.append(rs.getString(1))
                        .append(':')
                        .append(rs.getString(2))
                        .append(' ');
            }
            // the Java migrations V3, V11, V12, V14, V15, V16 and V17 are found at the same location as the SQL scripts
            assertThat(applied.toString().trim())
                    .isEqualTo("1:SQL 2:SQL 3:JDBC 4:SQL 5:SQL 6:SQL 7:SQL 8:SQL 9:SQL 10:SQL 11:JDBC 12:JDBC 13:SQL "
                            + "14:JDBC 15:JDBC 16:JDBC 17:JDBC 18:SQL 19:SQL 20:SQL");
        }
    }

    @Test
    void onH2TheOutboxIsKeyedByItsSequenceAndEveryKeyStaysUnique() throws Exception {
        JdbcDataSource ds = emptyH2();
        JdbcSchema.migrate(ds);
        try (Connection c = ds.getConnection()) {
            // V14: the primary key is seq (H2's row key); message_id, idempotency_key unique; no unique index of seq
            assertThat(constraints(c))
                    .containsExactlyInAnyOrder(
                            "ESC_OUTBOX_PK PRIMARY KEY SEQ",
                            "ESC_OUTBOX_MESSAGE_UQ UNIQUE MESSAGE_ID",
                            "ESC_OUTBOX_KEY_UQ UNIQUE IDEMPOTENCY_KEY");
            String insert = "INSERT INTO esc_outbox (customer_id, message_id, escalation_id, idempotency_key, target, "
                    + "effect_type, payload_format, payload, status, created_at, next_attempt_at, attempts, chain_key) "
                    + "VALUES ('C', ?, 'E', ?, 'NOTIFY', 'notification', 2, '{}', 'PENDING', 1, 1, 0, 'k')";
            try (java.sql.PreparedStatement ps = c.prepareStatement(insert)) {
                ps.setString(1, "M-1");
                ps.setString(2, "K-1");
                ps.executeUpdate();
                ps.setString(1, "M-1"); // the same message id
                ps.setString(2, "K-2");
                assertThatThrownBy(ps::executeUpdate)
                        .isInstanceOfSatisfying(
                                java.sql.SQLException.class,
                                e -> assertThat(SqlErrors.isUniqueViolation(e)).isTrue());
                ps.setString(1, "M-2");
                ps.setString(2, "K-1"); // the same idempotency key
                assertThatThrownBy(ps::executeUpdate)
                        .isInstanceOfSatisfying(
                                java.sql.SQLException.class,
                                e -> assertThat(SqlErrors.isUniqueViolation(e)).isTrue());
                ps.setString(1, "M-2");
                ps.setString(2, "K-2");
                ps.executeUpdate();
            }
            try (ResultSet rs = c.createStatement().executeQuery("SELECT seq FROM esc_outbox ORDER BY seq")) {
                assertThat(rs.next()).isTrue();
                long first = rs.getLong(1);
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong(1)).isGreaterThan(first); // the identity still numbers the rows
                assertThat(rs.next()).isFalse();
            }
        }
    }

    /** "name type column" of each key constraint of esc_outbox (single-column ones: all of them). */
    private static java.util.List<String> constraints(Connection c) throws Exception {
        java.util.List<String> found = new java.util.ArrayList<>();
        try (ResultSet rs = c.createStatement()
                .executeQuery("SELECT tc.constraint_name, tc.constraint_type, k.column_name "
                        + "FROM information_schema.table_constraints tc "
                        + "JOIN information_schema.key_column_usage k ON k.constraint_name = tc.constraint_name "
                        + "AND k.table_name = tc.table_name "
                        + "WHERE tc.table_name = 'ESC_OUTBOX' AND tc.constraint_type IN ('PRIMARY KEY', 'UNIQUE')")) {
            while (rs.next()) {
                found.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3));
            }
        }
        return found;
    }
}
