package dev.escalation.jdbc.migration;

import java.sql.SQLException;
import java.sql.Statement;

/**
 * Migration V17 of the escalation-jdbc schema, run by Flyway from {@link dev.escalation.jdbc.JdbcSchema#LOCATION}: on
 * H2, {@code esc_outbox_created_ix} becomes (status, created_at, seq) instead of (status, created_at, message_id), the
 * claim's delivery order (created_at, then seq). H2 reads an index in order only when the statement's order is the
 * index's columns from the first, so the claim now names the order (status, created_at, seq) and its candidates are
 * the first rows of the index; before, it read every deliverable message and sorted them. The index keeps its name and
 * still serves the counts and the purge of delivered messages (the same leading columns). On PostgreSQL (an
 * incremental sort on the old index already reads the claim's rows in order) it does nothing. Public only because
 * Flyway instantiates it; not an API.
 */
public final class V17__h2_outbox_claim_order extends OneDatabaseMigration {

    /** Creates the migration (Flyway does). */
    public V17__h2_outbox_claim_order() {
        super(H2);
    }

    @Override
    void migrateOn(Statement s) throws SQLException {
        s.execute("DROP INDEX esc_outbox_created_ix");
        s.execute("CREATE INDEX esc_outbox_created_ix ON esc_outbox (status, created_at, seq)");
    }
}
