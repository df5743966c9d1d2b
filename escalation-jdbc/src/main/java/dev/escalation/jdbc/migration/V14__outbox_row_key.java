package dev.escalation.jdbc.migration;

import java.sql.SQLException;
import java.sql.Statement;

/**
 * Migration V14 of the escalation-jdbc schema, run by Flyway from {@link dev.escalation.jdbc.JdbcSchema#LOCATION}: on
 * H2, the outbox's primary key becomes its {@code seq} (a {@code BIGINT} identity) instead of {@code message_id}, which
 * keeps a unique constraint. H2 stores a table's rows in a map keyed by a single-column integer primary key, so the
 * unique index on {@code seq} and the hidden row id go away: every outbox row is inserted into one index fewer, and
 * the claim's lease and the finish, which remove a row from every index of its table and add it again, each rewrite one
 * index fewer (one uniqueness check fewer); the lease finds its rows by {@code seq} in the table's own map. The
 * columns, and every key's uniqueness, stay. H2 uses {@code seq} as the row key only when the table is empty at this
 * migration; an outbox that holds rows keeps a separate index for it (correct, without the gain). On PostgreSQL (a heap
 * with no row key: no gain) it does nothing. Public only because Flyway instantiates it; not an API.
 */
public final class V14__outbox_row_key extends OneDatabaseMigration {

    /** Creates the migration (Flyway does). */
    public V14__outbox_row_key() {
        super(H2);
    }

    @Override
    void migrateOn(Statement s) throws SQLException {
        s.execute("ALTER TABLE esc_outbox DROP CONSTRAINT esc_outbox_pk");
        s.execute("ALTER TABLE esc_outbox DROP CONSTRAINT esc_outbox_seq_uq");
        s.execute("ALTER TABLE esc_outbox ADD CONSTRAINT esc_outbox_pk PRIMARY KEY (seq)");
        s.execute("ALTER TABLE esc_outbox ADD CONSTRAINT esc_outbox_message_uq UNIQUE (message_id)");
    }
}
