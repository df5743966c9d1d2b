package dev.escalation.jdbc.migration;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * A Java migration for what only PostgreSQL has (storage parameters, partial indexes): its statements run on
 * PostgreSQL, in Flyway's transaction; on H2 it does nothing. Abstract, so Flyway's scanner skips it; the migrations
 * are its subclasses.
 */
abstract class PostgresOnlyMigration extends BaseJavaMigration {

    /**
     * Runs {@link #migratePostgres} on PostgreSQL; nothing on another database.
     *
     * @param context Flyway's context, with the connection
     * @throws Exception if a statement fails; Flyway then rolls back and reports the migration as failed
     */
    @Override
    public final void migrate(Context context) throws Exception {
        Connection c = context.getConnection();
        if (!"PostgreSQL".equals(c.getMetaData().getDatabaseProductName())) {
            return;
        }
        try (Statement s = c.createStatement()) {
            migratePostgres(s);
        }
    }

    /** This migration's statements, run on PostgreSQL with {@code s}. */
    abstract void migratePostgres(Statement s) throws SQLException;
}
