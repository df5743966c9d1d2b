package dev.escalation.jdbc;

import static java.util.Objects.requireNonNull;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The database schema of {@link JdbcEscalationStore}: versioned Flyway migrations shipped in this jar, one script set
 * for PostgreSQL and H2: {@code V1__escalation_schema.sql} (0.1.0), {@code V2__spi_v2.sql}, the Java migration
 * {@code dev.escalation.jdbc.migration.V3__derive_facts} (converts what 0.1.0 wrote, see {@link #upgradeFrom010}) and
 * {@code V4__spi_v2_constraints.sql} (0.2.0), {@code V5__query_indexes.sql} (indexes of the desk queries),
 * {@code V6__portal_messages.sql} (the portal channel's messages, {@link JdbcPortalMessages}),
 * {@code V7__overdue_since.sql} (the overdue query's column and index), {@code V8__audit_trail.sql} (tables
 * {@code esc_subject_key} and {@code esc_anchor} of {@link JdbcSubjectKeys} and {@link JdbcAuditAnchors}),
 * {@code V9__metrics.sql} (service metrics), {@code V10__lean_indexes.sql} (drops indexes no query needs from the
 * escalation, outbox and due-work tables), the Java migrations {@code dev.escalation.jdbc.migration.V11__fill_factor}
 * (PostgreSQL only: free space in the pages of the escalation and outbox tables, for HOT updates) and {@code
 * V12__partial_indexes} (PostgreSQL only: indexes of mostly unset columns cover only the rows that have them),
 * {@code V13__outbox_chain_index.sql} (one outbox index for chains and escalations instead of two), and the Java
 * migrations {@code dev.escalation.jdbc.migration.V14__outbox_row_key} (H2 only: the outbox keyed by its sequence, one
 * index fewer), {@code V15__h2_lean_escalation_indexes} (H2 only: two escalation indexes H2's planner does not
 * need fewer, the change feed keyed by its sequence), {@code V16__h2_outbox_lease} (H2 only: the outbox's leases
 * in a narrow table of their own, so a lease rewrites no index of the outbox), {@code V17__h2_outbox_claim_order}
 * (H2 only: the outbox's creation index in the claim's delivery order, so a claim reads its limit, not the backlog),
 * {@code V18__metric_check_without_in.sql} (the metric table's check without an {@code IN} list, which H2 2.4.240
 * could no longer evaluate once the session that created it was closed), and {@code V19__improvement_owner_kind.sql}
 * (column {@code owner_kinds}: the kinds of the improvement actions' owners, beside the escalation's body).
 *
 * <p>Apply them with your own Flyway set-up (locations {@link #LOCATION}, history table {@link #HISTORY_TABLE}, so
 * that they do not mix with your application's migrations) or with {@link #migrate(DataSource)}. Nothing in this
 * library migrates by itself.
 *
 * <p>Thread-safe (stateless).
 */
public final class JdbcSchema {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcSchema.class);

    /** The Flyway location of the migrations ({@code V1__escalation_schema.sql}, …). */
    public static final String LOCATION = "classpath:dev/escalation/jdbc/migration";

    /** The Flyway schema history table the convenience call uses, separate from the host's own history. */
    public static final String HISTORY_TABLE = "escalation_schema_history";

    private JdbcSchema() {}

    /**
     * Brings the schema up to date with Flyway (which must be on the class path: {@code org.flywaydb:flyway-core},
     * plus {@code org.flywaydb:flyway-database-postgresql} for PostgreSQL). Safe to call on every start and from
     * several instances at once: Flyway applies each migration once and skips those already applied.
     *
     * @param dataSource the database, with a user allowed to create tables
     * @return the number of migrations applied by this call (0 if the schema was current)
     * @throws NullPointerException if {@code dataSource} is null
     * @throws IllegalStateException if Flyway is not on the class path
     * @throws org.flywaydb.core.api.FlywayException if a migration fails
     */
    public static int migrate(DataSource dataSource) {
        requireNonNull(dataSource, "dataSource");
        try {
            readFlyway();
            return FlywayCall.migrate(dataSource);
        } catch (ClassNotFoundException | NoClassDefFoundError e) {
            throw new IllegalStateException(
                    "JdbcSchema.migrate needs Flyway on the class path: add "
                            + "org.flywaydb:flyway-core (and org.flywaydb:flyway-database-postgresql for PostgreSQL)",
                    e);
        }
    }

    /**
     * Lets this module read Flyway's. Flyway has no module name, so module-info.java cannot require it: on the module
     * path it is an automatic module named after its jar file, on the class path it is in the unnamed module. Whichever
     * module holds it, this module reads it from here on (a no-op when this jar is on the class path).
     */
    private static void readFlyway() throws ClassNotFoundException {
        Class<?> flyway = Class.forName("org.flywaydb.core.Flyway", false, JdbcSchema.class.getClassLoader());
        JdbcSchema.class.getModule().addReads(flyway.getModule());
    }

    /**
     * Converts the rows a 0.1.0 store wrote to the 0.2.0 shapes, in the caller's transaction: each escalation's
     * progress log becomes {@code LEGACY_TEXT} entries (the stored sentence as text, the 0.1.0 kind as parameter
     * {@code kind}, each detail as {@code detail.<name>}), its facts are derived from that log once (acknowledged and
     * resolved instants, pauses, meetings held, invitations sent; marked {@code legacy}), bodies and outbox payloads
     * are rewritten in format 2 (a queued 0.1.0 notification keeps its rendered subject and body) and outbox messages
     * get their chain key. Rows already converted are skipped: calling it again changes nothing.
     *
     * <p>Flyway runs it as migration V3; hosts that apply the SQL scripts with their own tooling call it after
     * {@code V2__spi_v2.sql} and before {@code V4__spi_v2_constraints.sql}, and commit.
     *
     * @param connection a connection to the database, inside the transaction that should hold the conversion
     * @return the number of escalations converted
     * @throws SQLException if the database fails
     * @throws IllegalStateException if a stored document cannot be read
     */
    public static int upgradeFrom010(Connection connection) throws SQLException {
        requireNonNull(connection, "connection");
        return new Upgrade010().run(connection).escalations();
    }

    /** Keeps every Flyway type out of {@link JdbcSchema}'s own signature, so it loads without Flyway. */
    private static final class FlywayCall {
        static int migrate(DataSource dataSource) {
            MigrateResult result = Flyway.configure(JdbcSchema.class.getClassLoader())
                    .dataSource(dataSource)
                    .locations(LOCATION)
                    .table(HISTORY_TABLE)
                    .baselineOnMigrate(false)
                    .load()
                    .migrate();
            LOG.info(
                    "escalation-jdbc schema: {} migration(s) applied, now at version {}",
                    result.migrationsExecuted,
                    result.targetSchemaVersion);
            return result.migrationsExecuted;
        }
    }
}
