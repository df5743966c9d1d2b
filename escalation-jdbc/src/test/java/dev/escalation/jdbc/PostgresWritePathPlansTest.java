package dev.escalation.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.escalation.model.CustomerId;
import dev.escalation.model.EscalationId;
import dev.escalation.model.MessageId;
import dev.escalation.model.PageRequest;
import dev.escalation.spi.ClaimedMessage;
import dev.escalation.spi.DataRetention;
import dev.escalation.spi.DeliveryOutcome;
import dev.escalation.spi.OutboxMessage;
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
import java.util.function.Consumer;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outbox, due-work and purge statements whose index {@code V10__lean_indexes.sql} dropped (the outbox's
 * (status, next_attempt_at) and (status, delivered_at), the two-column primary keys of outbox and due work, the
 * escalations' (open, updated_at, id): the purge of final escalations reads (final_at, id) instead), and the finish of
 * delivered messages by an array of ids, are
 * still answered with an index on PostgreSQL, never a sequential scan of an {@code esc_*} table, at the shape of a
 * long-running outbox: 30,000 messages of which 29,000 are delivered, 900 pending (none due yet) and 100 dead, and
 * 30,000 due items of which 1,000 are pending (100 of them due). Rows are loaded with {@code generate_series}, then
 * {@code VACUUM ANALYZE}; each statement is run through the store, recorded at the pool ({@link StatementRecorder})
 * and EXPLAINed with the same parameters, planner settings untouched. The plans are logged ({@code plan | …}) and
 * shown in the module README ("Indexes and the queries they serve").
 */
class PostgresWritePathPlansTest {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresWritePathPlansTest.class);
    private static final long BASE = 1_800_000_000L;
    /** Eight days after the last message: the delivered ones are outside the de-duplication window. */
    private static final Instant NOW = Instant.ofEpochSecond(BASE + 30_000 + 691_200);

    private static final ObjectMapper JSON = new ObjectMapper();

    private static TestDatabase database;
    private static DataSource pool;
    private static StatementRecorder recorder;
    private static JdbcEscalationStore store;

    @BeforeAll
    static void load() throws SQLException {
        database = TestDatabase.postgresql("PostgresWritePathPlansTest");
        database.migrate();
        pool = database.newPool("write-plans", 2);
        try (Connection c = pool.getConnection();
                Statement s = c.createStatement()) {
            // messages i = 1…30,000 created 1 s apart, five per escalation, one chain per escalation; the newest
            // 1,000 are not delivered: 900 pending (due after NOW) and 100 dead
            s.executeUpdate("INSERT INTO esc_outbox (customer_id, message_id, escalation_id, idempotency_key, target,"
                    + " effect_type, payload_format, payload, status, created_at, next_attempt_at, attempts,"
                    + " chain_key, delivered_at, dead_code)"
                    + " SELECT 'C-' || (i % 47), 'M-' || i, 'E-' || (i / 5), 'K-' || i, 'NOTIFIER', 'notification',"
                    + " 1, '{}', CASE WHEN i <= 29000 THEN 'DONE' WHEN i <= 29900 THEN 'PENDING' ELSE 'DEAD' END, "
                    + BASE + " + i, " + NOW.getEpochSecond() + " + 1000 + i, 1, 'E-' || (i / 5) || '/chain',"
                    + " CASE WHEN i <= 29000 THEN " + BASE + " + i + 1 END,"
                    + " CASE WHEN i > 29900 THEN 'GONE' END"
                    + " FROM generate_series(1, 30000) i");
            // the dead messages the replays below name hold a document the store reads back: a replay reads them
            // first, and refuses one it cannot read
            try (java.sql.PreparedStatement readable = c.prepareStatement("UPDATE esc_outbox SET payload = ?,"
                    + " payload_format = " + Json.FORMAT + " WHERE message_id = ? OR escalation_id = ?")) {
                readable.setString(
                        1, new Json().writeEffect(Fixtures.notification(EscalationId.of("E-5995"), "K-replayed")));
                readable.setString(2, "M-29950");
                readable.setString(3, "E-5995");
                assertThat(readable.executeUpdate()).isEqualTo(6);
            }
            // due items: 29,000 done, 1,000 pending of which the first 100 are due at NOW
            s.executeUpdate("INSERT INTO esc_due (customer_id, due_key, escalation_id, kind, step, due_at,"
                    + " payload_format, payload, status)"
                    + " SELECT 'C-' || (i % 47), 'D-' || i, 'E-' || (i / 5), 'NEXT_MEETING', 'step', "
                    + "CASE WHEN i > 29100 THEN " + NOW.getEpochSecond() + " + i ELSE " + BASE + " + i END, 1, '{}',"
                    + " CASE WHEN i <= 29000 THEN 'DONE' ELSE 'PENDING' END"
                    + " FROM generate_series(1, 30000) i");
            // escalations: 29,000 final ones (final_at set, all after the purge's cut-off below) and 1,000 open ones
            // (final_at NULL), as the store writes them since V10
            s.executeUpdate("INSERT INTO esc_escalation (customer_id, escalation_id, row_version, case_id, state,"
                    + " cause, criticality, raised_by, raised_at, updated_at, progress_max, body_format, body, intake,"
                    + " facts, open, final_at)"
                    + " SELECT 'C-' || (i % 47), 'F-' || i, 5, 'K-' || i,"
                    + " CASE WHEN i <= 29000 THEN 'CLOSED' ELSE 'ACTIVE' END, 'DATABASE_OUTAGE', 'HIGH', 'contact-1', "
                    + BASE + " + i, " + BASE + " + 2000 + i, 3, 2, '{}', '{}', '{}', i > 29000,"
                    + " CASE WHEN i <= 29000 THEN " + BASE + " + 2000 + i END"
                    + " FROM generate_series(1, 30000) i");
            s.execute("VACUUM ANALYZE esc_escalation");
            s.execute("VACUUM ANALYZE esc_outbox");
            s.execute("VACUUM ANALYZE esc_due");
        }
        recorder = new StatementRecorder(pool);
        store = JdbcEscalationStore.builder(recorder).build();
    }

    @AfterAll
    static void close() {
        if (database != null) {
            database.close();
        }
    }

    static Stream<Arguments> statements() {
        return Stream.of(
                shape("outbox counts", s -> s.outbox().counts()),
                shape("outbox counts of an escalation", s -> s.outbox().countsOf(EscalationId.of("E-5990"))),
                shape("dead letters, first page", PostgresWritePathPlansTest::deadLetters),
                shape("replay of one message", s -> s.outbox().replay(MessageId.of("M-29950"), NOW)),
                // the delivered messages of a batch, their ids as one array (the claim token matches none here: only
                // the plan is looked at)
                shape(
                        "finish of delivered messages",
                        s -> s.outbox().finish(List.of(delivered("M-29950"), delivered("M-29951")), NOW)),
                shape("replay of an escalation", s -> s.outbox().replayAll(EscalationId.of("E-5995"), NOW)),
                shape("due work list", s -> s.dueWork().due(NOW, 100)),
                shape("due work claim", s -> s.dueWork().claim("plan-test", NOW, Duration.ofMinutes(1), 50)),
                // the rows to delete (alias m) are chosen through an index; the DELETE then joins their seqs to the
                // table, which at this size PostgreSQL does with a hash join over a sequential scan (the same plan
                // before V10, when the (status, delivered_at) index existed)
                // V10 dropped (open, updated_at, id): the purge of final escalations reads final_at's index (the
                // cut-off precedes every final_at, so only the selection runs)
                Arguments.of(
                        "purge of final escalations",
                        (Consumer<JdbcEscalationStore>)
                                s -> retention(s).purgeFinalBefore(Instant.ofEpochSecond(BASE + 1_000), 500),
                        "e"),
                Arguments.of(
                        "purge of delivered messages",
                        (Consumer<JdbcEscalationStore>)
                                s -> retention(s).purgeDeliveredBefore(Instant.ofEpochSecond(BASE + 2_000), NOW, 500),
                        "m"));
    }

    /**
     * The dead letters' page. The statement is recorded when it runs; the test's rows carry no real notification
     * document, so reading them fails after that (only the plan is looked at).
     */
    private static void deadLetters(JdbcEscalationStore s) {
        try {
            s.outbox().deadLetters(PageRequest.first(50));
        } catch (dev.escalation.spi.StoredDataException unreadableTestPayload) {
            LOG.debug("dead letters read: {}", unreadableTestPayload.getMessage());
        }
    }

    /** A delivered outcome of message {@code id} under a claim token no row holds. */
    private static DeliveryOutcome delivered(String id) {
        OutboxMessage message = new OutboxMessage(
                MessageId.of(id),
                CustomerId.of("C-1"),
                Fixtures.notification(EscalationId.of("E-1"), "K-" + id),
                NOW,
                NOW,
                0,
                Optional.empty(),
                Optional.empty());
        return new DeliveryOutcome.Delivered(
                new ClaimedMessage(message, "no-claim", Optional.empty()), Optional.empty());
    }

    private static DataRetention retention(JdbcEscalationStore s) {
        return s.retention().orElseThrow();
    }

    private static Arguments shape(String name, Consumer<JdbcEscalationStore> call) {
        return Arguments.of(name, call, "");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("statements")
    void everyStatementReadsThroughAnIndex(String shape, Consumer<JdbcEscalationStore> call, String alias)
            throws Exception {
        recorder.drain();
        call.accept(store);
        List<StatementRecorder.Recorded> statements = recorder.drain().stream()
                .filter(r -> r.sql().contains("esc_outbox")
                        || r.sql().contains("esc_due")
                        || r.sql().contains("FROM esc_escalation e WHERE e.final_at"))
                .toList();
        assertThat(statements).as("statements the store ran for %s", shape).isNotEmpty();
        List<String> scans = new ArrayList<>();
        for (StatementRecorder.Recorded r : statements) {
            JsonNode plan = explain(r);
            List<String> nodes = new ArrayList<>();
            scans(plan, alias, nodes);
            assertThat(nodes)
                    .as("scans of esc_* tables for %s:%n%s%n%s", shape, r.sql(), plan.toPrettyString())
                    .isNotEmpty()
                    .noneMatch(n -> n.startsWith("Seq Scan"));
            scans.add(String.join(", ", nodes));
        }
        if (shape.equals("purge of final escalations")) {
            assertThat(scans)
                    .as("the purge reads the partial index (final_at IS NOT NULL) of V12")
                    .anyMatch(s -> s.contains("using esc_escalation_final_ix"));
        }
        LOG.info(
                "plan | {} | {}",
                shape,
                String.join(" / ", scans.stream().distinct().toList()));
    }

    private static JsonNode explain(StatementRecorder.Recorded r) throws SQLException, java.io.IOException {
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false); // EXPLAIN of a data-modifying statement plans it only; rolled back all the same
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

    /**
     * Every scan node of an esc_* table (of those under {@code alias} only, unless it is empty), as "node type on
     * relation using index".
     */
    private static void scans(JsonNode node, String alias, List<String> out) {
        String relation = node.path("Relation Name").asText("");
        String index = node.path("Index Name").asText("");
        if (relation.startsWith("esc_")
                && !node.path("Node Type").asText().equals("ModifyTable")
                && (alias.isEmpty() || alias.equals(node.path("Alias").asText()))) {
            out.add(node.path("Node Type").asText() + " on " + relation + (index.isEmpty() ? "" : " using " + index));
        }
        if (relation.isEmpty() && index.startsWith("esc_")) {
            out.add(node.path("Node Type").asText() + " using " + index); // bitmap index scans name no relation
        }
        for (JsonNode child : node.path("Plans")) {
            scans(child, alias, out);
        }
    }
}
