package dev.escalation.jdbc.migration;

import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Migration V12 of the escalation-jdbc schema, run by Flyway from {@link dev.escalation.jdbc.JdbcSchema#LOCATION}:
 * on PostgreSQL, makes the indexes of {@code esc_escalation} whose queries read only the rows where a column is set
 * (or only the open rows) partial indexes of exactly those rows. An update that changes an indexed column (not a HOT
 * update) inserts an entry into every index of the table, except into a partial index whose predicate the new row
 * version does not match; most rows have no {@code overdue_since}, {@code paused_since} or {@code final_at}, and a
 * final escalation leaves the open inbox's index. Each index keeps its name and columns; every query it serves states
 * its predicate (a strict comparison such as {@code overdue_since <= ?} implies {@code overdue_since IS NOT NULL}).
 * On H2 (no partial indexes) it does nothing. Public only because Flyway instantiates it; not an API.
 */
public final class V12__partial_indexes extends OneDatabaseMigration {

    /** The partial indexes: name, columns and predicate; each replaces the full index of the same name. */
    static final List<String[]> PARTIAL = List.of(
            new String[] {"esc_escalation_overdue_ix", "overdue_since, escalation_id", "overdue_since IS NOT NULL"},
            new String[] {"esc_escalation_paused_ix", "paused_since, escalation_id", "paused_since IS NOT NULL"},
            new String[] {"esc_escalation_final_ix", "final_at, escalation_id", "final_at IS NOT NULL"},
            new String[] {"esc_escalation_manager_ix", "manager_id, open", "manager_id IS NOT NULL"},
            new String[] {
                "esc_escalation_next_deadline_ix", "next_deadline_at, escalation_id", "next_deadline_at IS NOT NULL"
            },
            new String[] {"esc_escalation_open_facets_ix", "open, state, criticality, customer_id, paused_since", "open"
            });

    /** Creates the migration (Flyway does). */
    public V12__partial_indexes() {
        super(POSTGRESQL);
    }

    @Override
    void migrateOn(Statement s) throws SQLException {
        for (String[] index : PARTIAL) {
            s.execute("DROP INDEX " + index[0]);
            s.execute("CREATE INDEX " + index[0] + " ON esc_escalation (" + index[1] + ") WHERE " + index[2]);
        }
    }
}
