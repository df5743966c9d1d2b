package dev.escalation.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.escalation.model.EscalationId;
import dev.escalation.model.EscalationState;
import dev.escalation.spi.StoredEscalation;
import dev.escalation.spi.UnitOfWork;
import dev.escalation.test.Records;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The command's one-statement write on PostgreSQL ({@link EscalationRows#updateAll}) finds its escalation row through
 * the escalation id's unique index in its generic plan (the plan a server-side prepared statement keeps) also while
 * {@code esc_escalation} was never analyzed (a new schema, until autovacuum's first {@code ANALYZE}): there a plain
 * {@code customer_id = ?} ties (customer_id, submission_key) with the id's index, and the kept plan walked every row
 * of the customer, so each command's cost grew with the table. The command's locking read before it finds the row
 * and, in a sub-query, its version for the due keys ({@link JdbcDueWork#knownColumns}) by the same index: the
 * sub-query named the customer too and walked the customer's rows the same way. Plans are read with {@code EXPLAIN},
 * not timed.
 */
class PostgresCommandWritePlanTest {
    private static final int ROWS = 2_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private TestDatabase database;
    private StatementRecorder recorder;
    private JdbcEscalationStore store;

    @BeforeEach
    void open() throws SQLException {
        database = TestDatabase.postgresql("PostgresCommandWritePlanTest");
        database.migrate();
        recorder = new StatementRecorder(database.newPool("command-plan", 2));
        store = JdbcEscalationStore.builder(recorder).build();
        try (Connection c = recorder.getConnection();
                Statement s = c.createStatement()) {
            // the table stays as a new schema's is until autovacuum's first ANALYZE
            s.execute("ALTER TABLE esc_escalation SET (autovacuum_enabled = false)");
            s.executeUpdate("INSERT INTO esc_escalation (customer_id, escalation_id, row_version, case_id, state, "
                    + "cause, criticality, raised_by, manager_id, raised_at, updated_at, progress_max, body_format, "
                    + "body, intake, facts, next_deadline_at, open, final_at, submission_key)"
                    + " SELECT 'acme', 'E-bulk-' || i, 1, 'K-' || i, 'ACTIVE', 'DATABASE_OUTAGE', 'HIGH',"
                    + " 'contact-1', 'M-1', i, i, 1, 2, '{}', '{}', '{}', i + 10, TRUE, NULL, 'S-' || i"
                    + " FROM generate_series(1, " + ROWS + ") i");
        }
    }

    @AfterEach
    void close() {
        if (database != null) {
            database.close();
        }
    }

    /** Raises E-plan-1 and acknowledges it through the store: the statements of the acknowledgement. */
    private List<StatementRecorder.Recorded> acknowledged() {
        StoredEscalation first = Fixtures.raised("acme", "E-plan-1", "C-plan-1", Instant.parse("2027-01-04T09:00:00Z"));
        store.create(Fixtures.creation(first));
        UnitOfWork<Boolean> acknowledge = current -> UnitOfWork.Decision.write(
                Records.change(current).state(EscalationState.ACKNOWLEDGED).build(), Boolean.TRUE);
        recorder.drain();
        assertThat(store.changeForVendor(EscalationId.of("E-plan-1"), acknowledge))
                .contains(Boolean.TRUE);
        return recorder.drain();
    }

    @Test
    void theCommandWriteReadsTheIdIndexOnANeverAnalyzedTable() throws Exception {
        assertThat(estimatedRows()).as("esc_escalation was never analyzed").isNegative();
        List<String> writes = acknowledged().stream()
                .map(StatementRecorder.Recorded::sql)
                .filter(sql -> sql.startsWith("WITH w AS (UPDATE esc_escalation"))
                .toList();
        assertThat(writes).as("the command's one-statement write").hasSize(1);
        assertThat(estimatedRows()).as("still never analyzed").isNegative();
        assertThat(rowScansOfGenericPlan(writes.get(0)))
                .as("scans of the escalation row to update, in the generic plan of a customer with %d rows", ROWS)
                .containsExactly("Index Scan using esc_escalation_id_uq");
    }

    @Test
    void theCommandReadReadsTheIdIndexOnANeverAnalyzedTable() throws Exception {
        List<String> reads = acknowledged().stream()
                .map(StatementRecorder.Recorded::sql)
                .filter(sql -> sql.startsWith("SELECT e.customer_id") && sql.endsWith(" FOR UPDATE"))
                .toList();
        assertThat(reads).as("the command's locking read of its row").hasSize(1);
        assertThat(estimatedRows()).as("still never analyzed").isNegative();
        List<String> scans = new ArrayList<>();
        collectScans(genericPlan(reads.get(0)), scans);
        assertThat(scans)
                .as(
                        "scans of esc_escalation in the generic plan of the read (the row, its version for the due keys)"
                                + " of a customer with %d rows",
                        ROWS)
                .containsExactly("Index Scan using esc_escalation_id_uq", "Index Scan using esc_escalation_id_uq");
    }

    private float estimatedRows() throws SQLException {
        try (Connection c = recorder.getConnection();
                Statement s = c.createStatement();
                ResultSet rs =
                        s.executeQuery("SELECT reltuples FROM pg_class WHERE oid = 'esc_escalation'::regclass")) {
            rs.next();
            return rs.getFloat(1);
        }
    }

    /**
     * The scans of esc_escalation directly under the generic plan's UPDATE of {@code sql} ({@code ?} parameters
     * numbered, types inferred, all bound to NULL: a generic plan does not look at them).
     */
    private List<String> rowScansOfGenericPlan(String sql) throws Exception {
        List<String> scans = new ArrayList<>();
        updateScans(genericPlan(sql), false, scans);
        return scans;
    }

    /** The generic plan of {@code sql} (see {@link #rowScansOfGenericPlan}), its top node. */
    private JsonNode genericPlan(String sql) throws Exception {
        StringBuilder numbered = new StringBuilder();
        int parameters = 0;
        for (char ch : sql.toCharArray()) {
            if (ch == '?') {
                numbered.append('$').append(++parameters);
            } else {
                numbered.append(ch);
            }
        }
        try (Connection c = recorder.getConnection();
                Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            try {
                s.execute("SET LOCAL plan_cache_mode = force_generic_plan");
                s.execute("PREPARE command_write AS " + numbered);
                String nulls = String.join(", ", java.util.Collections.nCopies(parameters, "NULL"));
                try (ResultSet rs = s.executeQuery("EXPLAIN (FORMAT JSON) EXECUTE command_write (" + nulls + ")")) {
                    rs.next();
                    return JSON.readTree(rs.getString(1)).get(0).get("Plan");
                }
            } finally {
                c.rollback();
                s.execute("DEALLOCATE command_write");
                c.setAutoCommit(true);
            }
        }
    }

    /** Every scan of esc_escalation in the plan, sub-plans included, as "node type using index". */
    private static void collectScans(JsonNode node, List<String> out) {
        if ("esc_escalation".equals(node.path("Relation Name").asText())) {
            String index = node.path("Index Name").asText("");
            out.add(node.path("Node Type").asText() + (index.isEmpty() ? "" : " using " + index));
        }
        for (JsonNode child : node.path("Plans")) {
            collectScans(child, out);
        }
    }

    /** Scans of esc_escalation below the UPDATE of esc_escalation (the row lookup), as "node type using index". */
    private static void updateScans(JsonNode node, boolean underUpdate, List<String> out) {
        boolean update = underUpdate
                || ("Update".equals(node.path("Operation").asText())
                        && "esc_escalation".equals(node.path("Relation Name").asText()));
        if (underUpdate && "esc_escalation".equals(node.path("Relation Name").asText())) {
            String index = node.path("Index Name").asText("");
            out.add(node.path("Node Type").asText() + (index.isEmpty() ? "" : " using " + index));
        }
        for (JsonNode child : node.path("Plans")) {
            updateScans(child, update, out);
        }
    }
}
