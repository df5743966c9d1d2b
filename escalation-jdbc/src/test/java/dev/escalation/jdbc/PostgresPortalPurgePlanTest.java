package dev.escalation.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.escalation.model.EscalationId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The removal of the portal messages of a retention batch ({@link JdbcPortalMessages#eraseEscalations}) is one
 * {@code DELETE} for the batch that finds its rows through {@code esc_portal_message_escalation_ix} on PostgreSQL,
 * never a sequential scan, among 60,000 messages about 12,000 escalations ({@code VACUUM ANALYZE}d, planner settings
 * untouched); and it removes exactly the batch's messages.
 */
class PostgresPortalPurgePlanTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static TestDatabase database;
    private static DataSource pool;

    @BeforeAll
    static void load() throws Exception {
        database = TestDatabase.postgresql("PostgresPortalPurgePlanTest");
        database.migrate();
        pool = database.newPool("portal-plans", 2);
        try (Connection c = pool.getConnection();
                Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO esc_portal_message (message_id, recipient_kind, recipient_id, customer_id,"
                    + " escalation_id, case_id, kind, created_at, locale, subject, body, params)"
                    + " SELECT 'PM-' || i, 'CONTACT', 'contact-' || (i % 300), 'C-' || (i % 47), 'E-' || (i / 5),"
                    + " 'K-' || (i / 5), 'PROGRESS_UPDATE', 1800000000 + i, 'en', 'Update', 'Body', '{}'"
                    + " FROM generate_series(0, 59999) i");
            s.execute("VACUUM ANALYZE esc_portal_message");
        }
    }

    @AfterAll
    static void close() {
        if (database != null) {
            database.close();
        }
    }

    @Test
    void aBatchIsOneDeleteThroughTheEscalationIndex() throws Exception {
        StatementRecorder recorder = new StatementRecorder(pool);
        Set<EscalationId> batch = new LinkedHashSet<>();
        for (int i = 0; i < 500; i++) {
            batch.add(EscalationId.of("E-" + (i * 7)));
        }

        int removed = new JdbcPortalMessages(recorder).eraseEscalations(batch);

        assertThat(removed).as("five messages per escalation").isEqualTo(2_500);
        List<StatementRecorder.Recorded> statements = recorder.drain().stream()
                .filter(r -> r.sql().contains("esc_portal_message"))
                .toList();
        assertThat(statements).as("one statement for the batch").hasSize(1);
        JsonNode plan = explain(statements.get(0));
        List<String> scans = new ArrayList<>();
        scans(plan, scans);
        assertThat(scans)
                .as("scans of the delete:%n%s", plan.toPrettyString())
                .isNotEmpty()
                .noneMatch(n -> n.startsWith("Seq Scan"))
                .allMatch(n -> n.contains("esc_portal_message_escalation_ix"));
        try (Connection c = pool.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM esc_portal_message")) {
            rs.next();
            assertThat(rs.getLong(1)).as("the other escalations' messages stay").isEqualTo(60_000 - 2_500);
        }
    }

    private static JsonNode explain(StatementRecorder.Recorded r) throws Exception {
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false); // EXPLAIN of a DELETE plans it only; rolled back all the same
            try (PreparedStatement ps = c.prepareStatement("EXPLAIN (FORMAT JSON) " + r.sql())) {
                r.bind(ps);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return JSON.readTree(rs.getString(1)).get(0).get("Plan");
                }
            } finally {
                c.rollback();
                c.setAutoCommit(true);
            }
        }
    }

    /** Every scan node of an esc_* table, as "node type on relation using index" (bitmap scans name no relation). */
    private static void scans(JsonNode node, List<String> out) {
        String relation = node.path("Relation Name").asText("");
        String index = node.path("Index Name").asText("");
        String type = node.path("Node Type").asText();
        if (relation.startsWith("esc_") && !type.equals("ModifyTable") && !type.equals("Bitmap Heap Scan")) {
            out.add(type + " on " + relation + (index.isEmpty() ? "" : " using " + index));
        }
        if (relation.isEmpty() && index.startsWith("esc_")) {
            out.add(type + " using " + index);
        }
        for (JsonNode child : node.path("Plans")) {
            scans(child, out);
        }
    }
}
