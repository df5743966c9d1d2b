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

        assertThatThrownBy(() -> store.find(EscalationId.of("E-1"))).isInstanceOf(IllegalStateException.class);
        assertThat(hasTable(ds, "esc_escalation")).isFalse();
    }

    @Test
    void theConvenienceCallMigratesOnceAndThenFindsNothingToDo() throws Exception {
        JdbcDataSource ds = emptyH2();
        assertThat(JdbcSchema.migrate(ds)).isEqualTo(1);
        assertThat(JdbcSchema.migrate(ds)).isZero();
        assertThat(hasTable(ds, "esc_escalation")).isTrue();
        assertThat(hasTable(ds, JdbcSchema.HISTORY_TABLE)).isTrue();
        assertThat(JdbcEscalationStore.builder(ds).build().find(EscalationId.of("E-1")))
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
        assertThat(JdbcSchema.migrate(ds)).isZero(); // the convenience call sees the same history
    }
}
