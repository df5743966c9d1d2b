package dev.escalation.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.escalation.model.CaseId;
import dev.escalation.model.Criticality;
import dev.escalation.model.CustomerId;
import dev.escalation.model.EscalationState;
import dev.escalation.model.EscalationSummary;
import dev.escalation.model.Page;
import dev.escalation.model.PageRequest;
import dev.escalation.model.StaffId;
import dev.escalation.spi.EscalationQueries;
import dev.escalation.spi.InboxQuery;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
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
 * Issue #14 point 6: every listed desk-query shape (each selective filter alone, the common combinations, the
 * facet counts of the open inbox) is answered on PostgreSQL with an index, never a sequential scan of an
 * {@code esc_*} table. 100,000 escalations are loaded set-based with {@code generate_series}, then
 * {@code VACUUM ANALYZE}; each shape is run through the store, the statements it issued are recorded at the pool
 * ({@link StatementRecorder}) and EXPLAINed with the same parameters, planner settings untouched.
 *
 * <p>Distribution (g = 1…100,000 in raised order): 47 customers ({@code g % 47}, ~2.1 % each), 40 managers
 * ({@code g % 41}, ~2.4 % each; 2.4 % without), three escalations per case, CRITICAL 2.5 % and HIGH 10 % (MEDIUM and
 * LOW, 30 % and 57.5 %, are not filtered on); the newest 10 % are open (five open states, 2 % each), the rest closed
 * (81 %) or withdrawn (9 %): open escalations are the recent ones, as in a real desk. Open escalations have a next
 * deadline, a quarter of them (2.5 % of all) before now (breached); 1 % are paused. Half the escalations have a ticket.
 * ACTIVE escalations (2 %) have a next meeting, those of the paused ones (1 %) at or before now; {@code overdue_since}
 * is filled as the store writes it, so 4 % of all rows are overdue at now (the overdue query, issue #14 point 4).
 * The plans are logged and shown in the module README ("Query plans").
 */
class PostgresQueryPlansTest {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresQueryPlansTest.class);
    private static final long BASE = 1_800_000_000L;
    private static final Instant NOW = Instant.ofEpochSecond(BASE + 95_000);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static TestDatabase database;
    private static DataSource pool;
    private static StatementRecorder recorder;
    private static EscalationQueries queries;

    @BeforeAll
    static void load() throws SQLException {
        database = TestDatabase.postgresql("PostgresQueryPlansTest");
        database.migrate();
        pool = database.newPool("plans", 2);
        long started = System.nanoTime();
        try (Connection c = pool.getConnection();
                Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO esc_escalation (customer_id, escalation_id, row_version, case_id, state, "
                    + "cause, criticality, raised_by, manager_id, raised_at, updated_at, progress_max, body_format, "
                    + "body, intake, facts, next_deadline_at, next_deadline_kind, next_meeting_at, paused_since, open, "
                    + "overdue_since) "
                    + "SELECT 'C-' || (g % 47), 'E-' || lpad(g::text, 6, '0'), 1, 'K-' || (g / 3), "
                    + "CASE WHEN g <= 90000 THEN (CASE WHEN g % 10 = 0 THEN 'WITHDRAWN' ELSE 'CLOSED' END) "
                    + "  ELSE (ARRAY['REQUESTED', 'ACKNOWLEDGED', 'ACTIVE', 'RESOLVED', 'LESSONS_LEARNED'])[g % 5 + 1]"
                    + "  END, "
                    + "'DATABASE_OUTAGE', "
                    + "CASE WHEN g % 40 = 0 THEN 'CRITICAL' WHEN g % 40 <= 4 THEN 'HIGH' "
                    + "  WHEN g % 40 <= 16 THEN 'MEDIUM' ELSE 'LOW' END, "
                    + "'contact-' || (g % 1000), CASE WHEN g % 41 = 0 THEN NULL ELSE 'M-' || (g % 41) END, "
                    + BASE + " + g, " + BASE + " + g, 1, 2, repeat('x', 300), '{}', '{}', "
                    + "CASE WHEN g > 90000 THEN " + BASE + " + 2 * g - 90000 END, "
                    + "CASE WHEN g > 90000 THEN 'RESOLUTION' END, "
                    + "CASE WHEN g > 90000 AND g % 5 = 2 THEN " + BASE + " + 95000 - (g % 7) * 1000 END, "
                    + "CASE WHEN g > 90000 AND g % 10 = 2 THEN " + BASE + " + g END, "
                    + "g > 90000, "
                    // overdue_since as the store writes it (EscalationSummary.overdueSince): the earlier of the
                    // meeting and the deadline; the paused ones' deadlines (after their pause) do not count
                    + "CASE WHEN g <= 90000 THEN NULL "
                    + "  WHEN g % 10 = 2 THEN " + BASE + " + 95000 - (g % 7) * 1000 "
                    + "  WHEN g % 5 = 2 THEN LEAST(" + BASE + " + 2 * g - 90000, " + BASE
                    + " + 95000 - (g % 7) * 1000) "
                    + "  ELSE " + BASE + " + 2 * g - 90000 END "
                    + "FROM generate_series(1, 100000) g");
            s.executeUpdate("INSERT INTO esc_ticket (escalation_id, reference) "
                    + "SELECT 'E-' || lpad(g::text, 6, '0'), 'T-' || g FROM generate_series(2, 100000, 2) g");
            s.execute("VACUUM ANALYZE esc_escalation");
            s.execute("VACUUM ANALYZE esc_ticket");
        }
        LOG.info("loaded 100,000 escalations and analysed in {} ms", (System.nanoTime() - started) / 1_000_000);
        recorder = new StatementRecorder(pool);
        queries = JdbcEscalationStore.builder(recorder).build().queries().orElseThrow();
    }

    @AfterAll
    static void close() {
        if (database != null) {
            database.close();
        }
    }

    private static InboxQuery query(Consumer<InboxShapes.Q> filters, InboxQuery.Sort sort) {
        return InboxShapes.query(filters, sort, NOW);
    }

    private static final InboxQuery.Sort DEADLINE = InboxShapes.DEADLINE;
    private static final InboxQuery.Sort RAISED_DESC = InboxShapes.RAISED_DESC;

    private static Arguments inbox(String name, InboxQuery q) {
        return Arguments.of(name, (Consumer<EscalationQueries>) s -> twoPages(p -> s.inbox(q, p)));
    }

    private static Arguments ofCustomer(String name, String customer, InboxQuery q) {
        return Arguments.of(name, (Consumer<EscalationQueries>)
                s -> twoPages(p -> s.ofCustomer(CustomerId.of(customer), q, p)));
    }

    private static Arguments counts(String name, InboxQuery q) {
        return Arguments.of(name, (Consumer<EscalationQueries>) s ->
                assertThat(s.counts(q, EnumSet.allOf(InboxQuery.Facet.class))).isNotEmpty());
    }

    /** The first page and the page after it (the keyset condition), both must be non-empty. */
    private static void twoPages(java.util.function.Function<PageRequest, Page<EscalationSummary>> call) {
        Page<EscalationSummary> first = call.apply(PageRequest.first(50));
        assertThat(first.items()).isNotEmpty();
        first.next().ifPresent(cursor -> call.apply(PageRequest.after(cursor, 50)));
    }

    private static Arguments overdue(String name) {
        return Arguments.of(name, (Consumer<EscalationQueries>) s -> twoPages(p -> s.overdue(NOW, p)));
    }

    static Stream<Arguments> shapes() {
        StaffId mine = StaffId.of("M-7");
        CustomerId customer = CustomerId.of("C-5");
        return Stream.of(
                inbox("open inbox by next deadline", query(q -> q.openOnly = true, DEADLINE)),
                inbox(
                        "open inbox, latest deadline first",
                        query(q -> q.openOnly = true, InboxQuery.Sort.NEXT_DEADLINE_DESC)),
                inbox("open inbox, newest first", query(q -> q.openOnly = true, RAISED_DESC)),
                inbox(
                        "mine (open)",
                        query(
                                q -> {
                                    q.openOnly = true;
                                    q.manager = Optional.of(mine);
                                },
                                DEADLINE)),
                inbox("mine (all)", query(q -> q.manager = Optional.of(mine), RAISED_DESC)),
                inbox("breached", query(q -> q.breached = Optional.of(true), DEADLINE)),
                inbox(
                        "breached (open)",
                        query(
                                q -> {
                                    q.openOnly = true;
                                    q.breached = Optional.of(true);
                                },
                                DEADLINE)),
                inbox(
                        "breached and mine",
                        query(
                                q -> {
                                    q.manager = Optional.of(mine);
                                    q.breached = Optional.of(true);
                                },
                                DEADLINE)),
                inbox("paused", query(q -> q.paused = Optional.of(true), DEADLINE)),
                inbox(
                        "paused (open)",
                        query(
                                q -> {
                                    q.openOnly = true;
                                    q.paused = Optional.of(true);
                                },
                                DEADLINE)),
                inbox("state ACTIVE", query(q -> q.states = Set.of(EscalationState.ACTIVE), RAISED_DESC)),
                inbox(
                        "states REQUESTED, ACKNOWLEDGED",
                        query(
                                q -> q.states = Set.of(EscalationState.REQUESTED, EscalationState.ACKNOWLEDGED),
                                DEADLINE)),
                inbox("criticality CRITICAL", query(q -> q.criticality = Set.of(Criticality.CRITICAL), RAISED_DESC)),
                inbox(
                        "criticality CRITICAL (open)",
                        query(
                                q -> {
                                    q.openOnly = true;
                                    q.criticality = Set.of(Criticality.CRITICAL);
                                },
                                DEADLINE)),
                inbox("per customer", query(q -> q.customers = Set.of(customer), RAISED_DESC)),
                inbox(
                        "per customer (open)",
                        query(
                                q -> {
                                    q.openOnly = true;
                                    q.customers = Set.of(customer);
                                },
                                DEADLINE)),
                inbox("per case", query(q -> q.caseId = Optional.of(CaseId.of("K-31000")), RAISED_DESC)),
                ofCustomer("ofCustomer, newest first", "C-5", query(q -> {}, RAISED_DESC)),
                ofCustomer("ofCustomer, open by next deadline", "C-5", query(q -> q.openOnly = true, DEADLINE)),
                ofCustomer(
                        "ofCustomer, per case",
                        "C-34",
                        query(q -> q.caseId = Optional.of(CaseId.of("K-31000")), RAISED_DESC)),
                overdue("overdue (most overdue first)"),
                counts("counts of the open inbox (every facet)", query(q -> q.openOnly = true, DEADLINE)),
                counts(
                        "counts of mine, open (every facet)",
                        query(
                                q -> {
                                    q.openOnly = true;
                                    q.manager = Optional.of(mine);
                                },
                                DEADLINE)),
                counts(
                        "counts of breached, open (every facet)",
                        query(
                                q -> {
                                    q.openOnly = true;
                                    q.breached = Optional.of(true);
                                },
                                DEADLINE)),
                counts(
                        "counts of a customer, open (every facet)",
                        query(
                                q -> {
                                    q.openOnly = true;
                                    q.customers = Set.of(customer);
                                },
                                DEADLINE)),
                counts(
                        "counts of a case (every facet)",
                        query(q -> q.caseId = Optional.of(CaseId.of("K-31000")), DEADLINE)));
    }

    /**
     * The shapes that a partial index of {@code V12__partial_indexes} serves, and that index: each must still be read
     * (every query states, or implies by a strict comparison, the index's predicate).
     */
    private static final java.util.Map<String, String> PARTIAL_INDEX = java.util.Map.ofEntries(
            java.util.Map.entry("open inbox by next deadline", "esc_escalation_open_facets_ix"),
            java.util.Map.entry("open inbox, latest deadline first", "esc_escalation_open_facets_ix"),
            java.util.Map.entry("open inbox, newest first", "esc_escalation_open_facets_ix"),
            java.util.Map.entry("mine (open)", "esc_escalation_manager_ix"),
            java.util.Map.entry("mine (all)", "esc_escalation_manager_ix"),
            java.util.Map.entry("breached", "esc_escalation_overdue_ix"),
            java.util.Map.entry("breached (open)", "esc_escalation_overdue_ix"),
            java.util.Map.entry("breached and mine", "esc_escalation_overdue_ix"),
            java.util.Map.entry("paused", "esc_escalation_paused_ix"),
            java.util.Map.entry("paused (open)", "esc_escalation_open_facets_ix"),
            java.util.Map.entry("criticality CRITICAL (open)", "esc_escalation_open_facets_ix"),
            java.util.Map.entry("per customer (open)", "esc_escalation_open_facets_ix"),
            java.util.Map.entry("ofCustomer, open by next deadline", "esc_escalation_open_facets_ix"),
            java.util.Map.entry("overdue (most overdue first)", "esc_escalation_overdue_ix"),
            java.util.Map.entry("counts of the open inbox (every facet)", "esc_escalation_open_facets_ix"),
            java.util.Map.entry("counts of mine, open (every facet)", "esc_escalation_manager_ix"),
            java.util.Map.entry("counts of breached, open (every facet)", "esc_escalation_overdue_ix"),
            java.util.Map.entry("counts of a customer, open (every facet)", "esc_escalation_open_facets_ix"));

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    void everyListedShapeIsAnsweredWithAnIndex(String shape, Consumer<EscalationQueries> call) throws Exception {
        recorder.drain();
        call.accept(queries);
        List<StatementRecorder.Recorded> statements = recorder.drain();
        assertThat(statements).as("statements the store ran for %s", shape).isNotEmpty();
        List<String> scans = new ArrayList<>();
        for (StatementRecorder.Recorded r : statements) {
            JsonNode plan = explain(r);
            List<String> nodes = new ArrayList<>();
            scans(plan, nodes);
            assertThat(nodes)
                    .as("scans of esc_* tables for %s:%n%s%n%s", shape, r.sql(), plan.toPrettyString())
                    .isNotEmpty()
                    .noneMatch(n -> n.startsWith("Seq Scan"));
            assertThat(nodes)
                    .as("esc_escalation is read through an index for %s", shape)
                    .anyMatch(n -> n.contains(" on esc_escalation"));
            scans.add(String.join(", ", nodes));
            LOG.info("plan tree | {} | {}", shape, tree(plan));
        }
        String partial = PARTIAL_INDEX.get(shape);
        if (partial != null) {
            assertThat(scans)
                    .as("the partial index (V12) of %s is read", shape)
                    .anyMatch(s -> s.contains(" using " + partial));
        }
        LOG.info(
                "plan | {} | {}",
                shape,
                String.join(" / ", scans.stream().distinct().toList()));
    }

    private static JsonNode explain(StatementRecorder.Recorded r) throws SQLException, java.io.IOException {
        try (Connection c = pool.getConnection();
                PreparedStatement ps = c.prepareStatement("EXPLAIN (FORMAT JSON) " + r.sql())) {
            r.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return JSON.readTree(rs.getString(1)).get(0).get("Plan");
            }
        }
    }

    /** The plan's node types, parents before children ("Limit > Incremental Sort > Index Scan"). */
    private static String tree(JsonNode node) {
        String self = node.path("Node Type").asText();
        List<String> children = new ArrayList<>();
        for (JsonNode child : node.path("Plans")) {
            children.add(tree(child));
        }
        if (children.isEmpty()) {
            return self;
        }
        return self + " > " + (children.size() == 1 ? children.get(0) : "(" + String.join(" ; ", children) + ")");
    }

    /** Every scan node of an esc_* table, as "node type on relation using index". */
    private static void scans(JsonNode node, List<String> out) {
        String relation = node.path("Relation Name").asText("");
        if (relation.startsWith("esc_")) {
            String index = node.path("Index Name").asText("");
            out.add(node.path("Node Type").asText() + " on " + relation + (index.isEmpty() ? "" : " using " + index));
        }
        String index = node.path("Index Name").asText("");
        if (relation.isEmpty() && index.startsWith("esc_")) {
            out.add(node.path("Node Type").asText() + " using " + index); // bitmap index scans name no relation
        }
        for (JsonNode child : node.path("Plans")) {
            scans(child, out);
        }
    }
}
