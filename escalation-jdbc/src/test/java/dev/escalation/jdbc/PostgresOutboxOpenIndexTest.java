package dev.escalation.jdbc;

import static dev.escalation.jdbc.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.escalation.model.PageRequest;
import dev.escalation.spi.ClaimedMessage;
import dev.escalation.spi.DeliveryOutcome;
import dev.escalation.spi.OutboxMessage;
import dev.escalation.spi.StoredEscalation;
import dev.escalation.spi.UnitOfWork;
import dev.escalation.test.Records;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Migration V17: on PostgreSQL {@code esc_outbox_created_ix} holds only the messages not delivered, so the finish of a
 * delivered message (never a HOT update: it changes {@code status}) writes no entry into it; the claim, the counts and
 * the dead letters still read it, and the delivered-message purge walks {@code esc_outbox_seq_uq} oldest first and
 * reads about its limit. Plans are read with {@code EXPLAIN ANALYZE} of the statements the store ran, with their
 * parameters, on an outbox of {@value #DELIVERED} delivered messages; nothing is timed. Skipped without {@code
 * ESCALATION_TEST_PG_URL}.
 */
class PostgresOutboxOpenIndexTest {
    private static final int DELIVERED = 20_000;
    private static final int PENDING = 50;
    private static final int DEAD = 10;
    private static final int LIMIT = 500;
    private static final Instant NOW = Instant.ofEpochSecond(1_800_000_000L);
    private static final ObjectMapper JSON = new ObjectMapper();

    private TestDatabase database;
    private StatementRecorder recorder;
    private JdbcEscalationStore store;

    @BeforeEach
    void open() {
        database = TestDatabase.postgresql("PostgresOutboxOpenIndexTest");
        database.migrate();
        recorder = new StatementRecorder(database.newPool("open-index", 2));
        store = JdbcEscalationStore.builder(recorder).build();
    }

    @AfterEach
    void close() {
        if (database != null) {
            database.close();
        }
    }

    @Test
    void aDeliveredMessageLeavesTheIndexOfOpenMessages() throws Exception {
        assertThat(definition("esc_outbox_created_ix"))
                .isEqualTo("(status, created_at, message_id) WHERE ((status)::text <> 'DONE'::text)");
        StoredEscalation r = Fixtures.raised("acme", "E-1", "C-1", T0);
        store.create(Fixtures.creation(r));
        List<OutboxMessage> messages = new ArrayList<>();
        for (String key : List.of("a", "b", "c")) {
            messages.add(Fixtures.message("acme", Fixtures.notification(r.id(), key), T0));
        }
        store.changeForVendor(
                r.id(),
                current -> UnitOfWork.Decision.write(
                        Records.change(current).messages(messages).build(), 0));
        List<ClaimedMessage> claimed = store.outbox().claim("me", T0, Duration.ofMinutes(1), 2);
        assertThat(claimed).hasSize(2);
        assertThat(store.outbox()
                        .finish(
                                claimed.stream()
                                        .map(c -> (DeliveryOutcome) new DeliveryOutcome.Delivered(c, Optional.empty()))
                                        .toList(),
                                T0))
                .isEqualTo(2);
        try (Connection c = recorder.getConnection();
                Statement s = c.createStatement()) {
            s.execute("VACUUM esc_outbox");
        }
        assertThat(entries("esc_outbox_pk")).as("every message").isEqualTo(3);
        assertThat(entries("esc_outbox_created_ix"))
                .as("only the message not delivered")
                .isEqualTo(1);
        assertThat(store.outbox().counts().pending()).isEqualTo(1);
    }

    @Test
    void theOpenQueriesReadTheOpenIndexAndThePurgeReadsAboutItsLimit() throws Exception {
        fill();
        recorder.drain();
        assertThat(store.outbox().counts().pending()).isEqualTo(PENDING);
        assertThat(rowScans("SELECT SUM(CASE WHEN status = 'PENDING'"))
                .as("the counts")
                .containsExactly("Index Scan using esc_outbox_created_ix: " + (PENDING + DEAD));
        assertThat(store.outbox().deadLetters(PageRequest.first(5)).items()).hasSize(5);
        assertThat(rowScans("SELECT m.seq, m.customer_id"))
                .as("the first page of dead letters: its 5, the look-ahead, and the incremental sort's next row")
                .containsExactly("Index Scan using esc_outbox_created_ix: 7");
        assertThat(store.outbox().claim("me", NOW, Duration.ofMinutes(1), 20)).isEmpty(); // none due yet
        assertThat(rowScans("WITH cand AS ("))
                .as("the claim (pending messages, none due)")
                .contains("Index Scan using esc_outbox_created_ix: 0")
                .noneMatch(scan -> scan.startsWith("Seq Scan"));

        Instant cutoff = NOW.minus(Duration.ofDays(8));
        assertThat(store.retention().orElseThrow().purgeDeliveredBefore(cutoff, NOW, LIMIT))
                .isEqualTo(LIMIT);
        List<String> purge = rowScans("DELETE FROM esc_outbox WHERE seq IN");
        assertThat(purge)
                .as(
                        "the delivered-message purge of %d of %d: the oldest messages, then each by its seq",
                        LIMIT, DELIVERED)
                .containsExactly(
                        "Index Scan using esc_outbox_seq_uq: " + LIMIT, "Index Scan using esc_outbox_seq_uq: " + LIMIT);
    }

    /**
     * {@value #DELIVERED} notifications delivered long ago (a day after their creation; payloads of 600 characters, as
     * the benchmark's), then {@value #DEAD} dead
     * ones (with the payload of a notification the store wrote, which it then lost) and {@value #PENDING} pending ones
     * due an hour after {@link #NOW} (their payloads are never read); analyzed.
     */
    private void fill() throws SQLException {
        StoredEscalation r = Fixtures.raised("acme", "E-real", "C-real", T0);
        store.create(Fixtures.creation(r));
        store.changeForVendor(
                r.id(),
                current -> UnitOfWork.Decision.write(
                        Records.change(current)
                                .messages(List.of(Fixtures.message("acme", Fixtures.notification(r.id(), "x"), T0)))
                                .build(),
                        0));
        try (Connection c = recorder.getConnection();
                Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO esc_outbox (customer_id, message_id, escalation_id, idempotency_key, target,"
                    + " effect_type, payload_format, payload, status, created_at, next_attempt_at, attempts,"
                    + " chain_key, delivered_at, dead_code)"
                    + " SELECT 'acme', 'M-' || i, 'E-' || (i / 5), 'K-' || i, 'NOTIFIER', 'notification', 1,"
                    + " '{\"padding\":\"' || repeat('x', 580) || '\"}',"
                    + " CASE WHEN i < " + DELIVERED + " THEN 'DONE' WHEN i < " + (DELIVERED + DEAD)
                    + " THEN 'DEAD' ELSE 'PENDING' END, 1700000000 + i, " + (NOW.getEpochSecond() + 3600) + ", 0,"
                    + " 'E-' || (i / 5) || '/chain', CASE WHEN i < " + DELIVERED + " THEN 1700086400 + i END,"
                    + " CASE WHEN i >= " + DELIVERED + " AND i < " + (DELIVERED + DEAD) + " THEN 'X' END"
                    + " FROM generate_series(0, " + (DELIVERED + DEAD + PENDING - 1) + ") i");
            s.executeUpdate("UPDATE esc_outbox SET (effect_type, payload_format, payload) = (SELECT r.effect_type,"
                    + " r.payload_format, r.payload FROM esc_outbox r WHERE r.escalation_id = 'E-real')"
                    + " WHERE status = 'DEAD'");
            s.executeUpdate("DELETE FROM esc_outbox WHERE escalation_id = 'E-real'");
            s.execute("ANALYZE esc_outbox");
        }
    }

    /**
     * The scans of esc_outbox in the plan of the one statement the store ran since the last call that starts with
     * {@code prefix}, run again with its parameters under {@code EXPLAIN ANALYZE} and rolled back: "node type using
     * index: rows it returned (over all loops)", in plan order.
     */
    private List<String> rowScans(String prefix) throws Exception {
        List<StatementRecorder.Recorded> runs = recorder.drain().stream()
                .filter(x -> x.sql().startsWith(prefix))
                .toList();
        assertThat(runs).as(prefix).hasSize(1);
        List<String> scans = new ArrayList<>();
        try (Connection c = recorder.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(
                    "EXPLAIN (ANALYZE, FORMAT JSON) " + runs.get(0).sql())) {
                runs.get(0).bind(ps);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    scans(JSON.readTree(rs.getString(1)).get(0).get("Plan"), scans);
                }
            } finally {
                c.rollback();
                c.setAutoCommit(true);
            }
        }
        return scans;
    }

    private static void scans(JsonNode node, List<String> out) {
        if ("esc_outbox".equals(node.path("Relation Name").asText())
                && node.path("Node Type").asText().contains("Scan")) {
            String index = node.path("Index Name").asText("");
            out.add(node.path("Node Type").asText() + (index.isEmpty() ? "" : " using " + index) + ": "
                    + node.path("Actual Rows").asLong()
                            * node.path("Actual Loops").asLong());
        }
        for (JsonNode child : node.path("Plans")) {
            scans(child, out);
        }
    }

    /** The index's definition after "USING btree ". */
    private String definition(String index) throws SQLException {
        try (Connection c = recorder.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT indexdef FROM pg_indexes WHERE schemaname = current_schema() AND indexname = ?")) {
            ps.setString(1, index);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).as(index).isTrue();
                String definition = rs.getString(1);
                return definition.substring(definition.indexOf("USING btree ") + 12);
            }
        }
    }

    /** The index's entries after VACUUM (pg_class.reltuples of the index). */
    private long entries(String index) throws SQLException {
        return PostgresPartialIndexesTest.entries(recorder, index);
    }
}
