package dev.escalation.jdbc.migration;

import java.sql.SQLException;
import java.sql.Statement;

/**
 * Migration V11 of the escalation-jdbc schema, run by Flyway from {@link dev.escalation.jdbc.JdbcSchema#LOCATION}:
 * on PostgreSQL, leaves free space in the heap pages of the two tables whose rows are updated in place
 * ({@code esc_escalation} by every command, {@code esc_outbox} by every claim), so that an update that changes no
 * indexed column finds room for the new row version in the same page and is a HOT update (no index entry). Applies to
 * pages written from then on. On H2 (no fill factor) it does nothing. Public only because Flyway instantiates it; not
 * an API.
 */
public final class V11__fill_factor extends OneDatabaseMigration {

    /** The share of each heap page that inserts fill, in per cent (PostgreSQL's {@code fillfactor}). */
    static final int FILL_FACTOR = 50;

    /** Creates the migration (Flyway does). */
    public V11__fill_factor() {
        super(POSTGRESQL);
    }

    @Override
    void migrateOn(Statement s) throws SQLException {
        s.execute("ALTER TABLE esc_escalation SET (fillfactor = " + FILL_FACTOR + ")");
        s.execute("ALTER TABLE esc_outbox SET (fillfactor = " + FILL_FACTOR + ")");
    }
}
