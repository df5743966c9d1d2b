package dev.escalation.jdbc.migration;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * A Java migration for what only one database has or needs (PostgreSQL's storage parameters and partial indexes, H2's
 * row keys and index set): its statements run on that database, in Flyway's transaction; on any other it does nothing.
 * Abstract, so Flyway's scanner skips it; the migrations are its subclasses.
 */
abstract class OneDatabaseMigration extends BaseJavaMigration {
    /** PostgreSQL's product name, as its driver reports it. */
    static final String POSTGRESQL = "PostgreSQL";
    /** H2's product name, as its driver reports it. */
    static final String H2 = "H2";

    private final String product;

    /** A migration that runs only on the database whose JDBC product name is {@code product}. */
    OneDatabaseMigration(String product) {
        this.product = product;
    }

    /**
     * Runs {@link #migrateOn} on this migration's database; nothing on another one.
     *
     * @param context Flyway's context, with the connection
     * @throws Exception if a statement fails; Flyway then rolls back and reports the migration as failed
     */
    @Override
    public final void migrate(Context context) throws Exception {
        Connection c = context.getConnection();
        if (!product.equals(c.getMetaData().getDatabaseProductName())) {
            return;
        }
        try (Statement s = c.createStatement()) {
            migrateOn(s);
        }
    }

    /** This migration's statements, run on its database with {@code s}. */
    abstract void migrateOn(Statement s) throws SQLException;
}
