package dev.escalation.jdbc.migration;

import java.sql.SQLException;
import java.sql.Statement;

/**
 * Migration V17 of the escalation-jdbc schema, run by Flyway from {@link dev.escalation.jdbc.JdbcSchema#LOCATION}: on
 * PostgreSQL, {@code esc_outbox_created_ix} (status, created_at, message_id) becomes a partial index of the messages
 * not delivered ({@code status <> 'DONE'}), with its name and columns kept. The finish of a delivered message changes
 * {@code status}, so it is never a HOT update and inserted an entry into every index of the outbox; its new row version
 * no longer matches this index's predicate, so each delivered message writes one index entry fewer (and the index
 * holds only the pending and dead messages instead of every message kept for the de-duplication window). The claim
 * ({@code status = 'PENDING'}), the counts ({@code status IN ('PENDING', 'DEAD')}) and the dead letters ({@code status
 * = 'DEAD'}) state predicates that imply the index's, so they read it as before. The one query of delivered messages
 * by time, the delivered-message purge, walks {@code esc_outbox_seq_uq} oldest first instead (its {@code ORDER BY seq
 * LIMIT}): a batch reads about its limit while the oldest messages are purgeable, and the last batch of a purge run,
 * which finds fewer, reads the outbox once. On H2 (no partial indexes) it does nothing. Public only because Flyway
 * instantiates it; not an API.
 */
public final class V17__pg_outbox_open_index extends OneDatabaseMigration {

    /** The index's predicate: the messages not delivered (pending or dead). */
    static final String PREDICATE = "status <> 'DONE'";

    /** Creates the migration (Flyway does). */
    public V17__pg_outbox_open_index() {
        super(POSTGRESQL);
    }

    @Override
    void migrateOn(Statement s) throws SQLException {
        s.execute("DROP INDEX esc_outbox_created_ix");
        s.execute(
                "CREATE INDEX esc_outbox_created_ix ON esc_outbox (status, created_at, message_id) WHERE " + PREDICATE);
    }
}
