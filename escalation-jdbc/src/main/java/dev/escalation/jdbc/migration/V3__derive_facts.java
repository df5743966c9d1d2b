package dev.escalation.jdbc.migration;

import dev.escalation.jdbc.JdbcSchema;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Migration V3 of the escalation-jdbc schema, run by Flyway from {@link JdbcSchema#LOCATION}: converts the rows 0.1.0
 * wrote (see {@link JdbcSchema#upgradeFrom010}). Public only because Flyway instantiates it; not an API.
 */
public final class V3__derive_facts extends BaseJavaMigration {

    /** Creates the migration (Flyway does). */
    public V3__derive_facts() {}

    /**
     * Runs the conversion in Flyway's transaction.
     *
     * @param context Flyway's context, with the connection
     * @throws Exception if the conversion fails; Flyway then rolls back and reports the migration as failed
     */
    @Override
    public void migrate(Context context) throws Exception {
        JdbcSchema.upgradeFrom010(context.getConnection());
    }
}
