package dev.escalation.jdbc.migration;

import java.sql.SQLException;
import java.sql.Statement;

/**
 * Migration V15 of the escalation-jdbc schema, run by Flyway from {@link dev.escalation.jdbc.JdbcSchema#LOCATION}: on
 * H2, two indexes of {@code esc_escalation} that H2's planner never needs go, and the change feed's rows are kept under
 * their {@code seq}. H2 removes a row from every index of its table and adds it again on any update, whatever columns
 * changed, and every index entry written is also an undo-log record that the commit processes; every command updates
 * its escalation's row and inserts a change-feed row.
 * <ul>
 *   <li>{@code esc_escalation_customer_ix} (customer_id, raised_at, escalation_id): H2 reads a customer's rows by
 *       the prefix of the primary key (customer_id, escalation_id) or of {@code esc_escalation_submission_uq}
 *       (customer_id, submission_key) just as well, and sorts them either way (it chooses an index by the filter, not
 *       by the order).
 *   <li>{@code esc_escalation_paused_ix} (paused_since, escalation_id): H2 uses no index for {@code IS NOT NULL}, so
 *       the paused filter reads the table with or without it; it only served {@code paused_since IS NULL}, which
 *       matches nearly every row.
 *   <li>{@code esc_change}: the primary key (xid, seq) becomes (seq), a {@code BIGINT} identity (on H2 {@code xid} is
 *       always 0). H2 keeps a table's rows in a map keyed by a single-column integer primary key, so the separate
 *       primary key index goes (as V14 did for the outbox); H2 uses {@code seq} as the row key only when the table is
 *       empty at this migration, else it keeps an index for it (correct, without the gain).
 * </ul>
 * Every query of the store and the desk keeps the index it used (proven with H2's {@code EXPLAIN} by
 * {@code H2IndexPlansTest}). On PostgreSQL (a heap with HOT updates and partial indexes, V12: no gain) it does
 * nothing. Public only because Flyway instantiates it; not an API.
 */
public final class V15__h2_lean_escalation_indexes extends OneDatabaseMigration {

    /** Creates the migration (Flyway does). */
    public V15__h2_lean_escalation_indexes() {
        super(H2);
    }

    @Override
    void migrateOn(Statement s) throws SQLException {
        s.execute("DROP INDEX esc_escalation_customer_ix");
        s.execute("DROP INDEX esc_escalation_paused_ix");
        s.execute("ALTER TABLE esc_change DROP CONSTRAINT esc_change_pk");
        s.execute("ALTER TABLE esc_change ADD CONSTRAINT esc_change_pk PRIMARY KEY (seq)");
    }
}
