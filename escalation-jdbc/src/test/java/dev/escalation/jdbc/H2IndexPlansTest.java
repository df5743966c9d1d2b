package dev.escalation.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.model.CaseId;
import dev.escalation.model.Criticality;
import dev.escalation.model.CustomerId;
import dev.escalation.model.EscalationId;
import dev.escalation.model.EscalationState;
import dev.escalation.model.PageRequest;
import dev.escalation.model.StaffId;
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
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Migration V15 drops {@code esc_escalation_customer_ix} and {@code esc_escalation_paused_ix} on H2: every read of
 * {@code esc_escalation} that the store and the desk run on H2 still goes through an index (H2's {@code EXPLAIN} of the
 * statements recorded at the pool, {@link StatementRecorder}, with their parameters), except the paused filter, which
 * H2 answers by reading the table with or without {@code esc_escalation_paused_ix} ({@code IS NOT NULL} is no index
 * condition for H2), as asserted here. Rows are looked up by ids that are not there (the loaded documents are not
 * readable escalations; the plan is the same). 5,000 escalations loaded set-based, then {@code ANALYZE}.
 */
class H2IndexPlansTest {
    private static final Logger LOG = LoggerFactory.getLogger(H2IndexPlansTest.class);
    private static final long BASE = 1_800_000_000L;
    private static final Instant NOW = Instant.ofEpochSecond(BASE + 4_750);
    /** The access path H2 chose for {@code esc_escalation e}: its index, or {@code ESC_ESCALATION.tableScan}. */
    private static final Pattern ACCESS = Pattern.compile("ESC_ESCALATION\"? \"?E\"?\\s*/\\* PUBLIC\\.([A-Z0-9_.]+)");

    private static TestDatabase database;
    private static DataSource pool;
    private static StatementRecorder recorder;
    private static JdbcEscalationStore store;

    @BeforeAll
    static void load() throws SQLException {
        database = TestDatabase.h2();
        database.migrate();
        pool = database.newPool("h2-plans", 2);
        try (Connection c = pool.getConnection();
                Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO esc_escalation (customer_id, escalation_id, row_version, case_id, state, "
                    + "cause, criticality, raised_by, manager_id, submission_key, raised_at, updated_at, progress_max, "
                    + "body_format, body, intake, facts, next_deadline_at, next_deadline_kind, next_meeting_at, "
                    + "paused_since, open, overdue_since, final_at) "
                    + "SELECT 'C-' || MOD(X, 47), 'E-' || LPAD(CAST(X AS VARCHAR), 6, '0'), 1, 'K-' || (X / 3), "
                    + "CASE WHEN X <= 4500 THEN 'CLOSED' ELSE "
                    + "  CASE MOD(X, 3) WHEN 0 THEN 'REQUESTED' WHEN 1 THEN 'ACKNOWLEDGED' ELSE 'ACTIVE' END END, "
                    + "'DATABASE_OUTAGE', CASE WHEN MOD(X, 40) = 0 THEN 'CRITICAL' ELSE 'LOW' END, "
                    + "'contact-' || MOD(X, 100), CASE WHEN MOD(X, 41) = 0 THEN NULL ELSE 'M-' || MOD(X, 41) END, "
                    + "'S-' || X, " + BASE + " + X, " + BASE + " + X, 1, 2, 'x', '{}', '{}', "
                    + "CASE WHEN X > 4500 THEN " + BASE + " + X END, CASE WHEN X > 4500 THEN 'RESOLUTION' END, "
                    + "NULL, CASE WHEN X > 4500 AND MOD(X, 10) = 2 THEN " + BASE + " + X END, X > 4500, "
                    + "CASE WHEN X > 4500 THEN " + BASE + " + X END, CASE WHEN X <= 4500 THEN " + BASE + " + X END "
                    + "FROM SYSTEM_RANGE(1, 5000)");
            s.execute("ANALYZE");
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

    @Test
    void theThreeIndexesAreGoneOnH2() throws SQLException {
        List<String> indexes = new ArrayList<>();
        try (Connection c = pool.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(
                        "SELECT INDEX_NAME FROM INFORMATION_SCHEMA.INDEXES " + "WHERE TABLE_NAME = 'ESC_ESCALATION'")) {
            while (rs.next()) {
                indexes.add(rs.getString(1));
            }
        }
        assertThat(indexes)
                .contains("ESC_ESCALATION_SUBMISSION_UQ", "ESC_ESCALATION_STATE_IX", "ESC_ESCALATION_OPEN_FACETS_IX")
                .doesNotContain(
                        "ESC_ESCALATION_CUSTOMER_IX", "ESC_ESCALATION_PAUSED_IX", "ESC_ESCALATION_NEXT_DEADLINE_IX")
                .hasSize(10);
    }

    private static InboxQuery query(Consumer<InboxShapes.Q> filters, InboxQuery.Sort sort) {
        return InboxShapes.query(filters, sort, NOW);
    }

    private static final InboxQuery.Sort DEADLINE = InboxShapes.DEADLINE;
    private static final InboxQuery.Sort RAISED_DESC = InboxShapes.RAISED_DESC;

    private static Arguments shape(String name, Consumer<JdbcEscalationStore> call) {
        return Arguments.of(name, call);
    }

    private static Arguments inbox(String name, InboxQuery q) {
        return shape(name, s -> s.queries().orElseThrow().inbox(q, PageRequest.first(20)));
    }

    static Stream<Arguments> shapes() {
        StaffId mine = StaffId.of("M-7");
        CustomerId customer = CustomerId.of("C-5");
        return Stream.of(
                shape("listForCustomer", s -> s.listForCustomer(customer, PageRequest.first(20))),
                shape("listForVendor", s -> s.listForVendor(Set.of(EscalationState.ACTIVE), PageRequest.first(20))),
                shape("findForCustomer", s -> s.findForCustomer(customer, EscalationId.of("E-999999"))),
                shape("findForVendor", s -> s.findForVendor(EscalationId.of("E-999999"))),
                shape("findOpenForCustomer", s -> s.findOpenForCustomer(customer, CaseId.of("K-1600"))),
                shape("findBySubmissionForCustomer", s -> s.findBySubmissionForCustomer(customer, "S-none")),
                shape("overdue", s -> s.queries().orElseThrow().overdue(NOW, PageRequest.first(20))),
                inbox("open inbox by next deadline", query(q -> q.openOnly = true, DEADLINE)),
                inbox("mine (all)", query(q -> q.manager = Optional.of(mine), RAISED_DESC)),
                inbox("breached", query(q -> q.breached = Optional.of(true), DEADLINE)),
                inbox("state ACTIVE", query(q -> q.states = Set.of(EscalationState.ACTIVE), RAISED_DESC)),
                inbox("criticality CRITICAL", query(q -> q.criticality = Set.of(Criticality.CRITICAL), RAISED_DESC)),
                inbox("per customer", query(q -> q.customers = Set.of(customer), RAISED_DESC)),
                inbox(
                        "per customer, not paused",
                        query(
                                q -> {
                                    q.customers = Set.of(customer);
                                    q.paused = Optional.of(false);
                                },
                                RAISED_DESC)),
                inbox(
                        "paused (open)",
                        query(
                                q -> {
                                    q.openOnly = true;
                                    q.paused = Optional.of(true);
                                },
                                DEADLINE)),
                inbox("per case", query(q -> q.caseId = Optional.of(CaseId.of("K-1600")), RAISED_DESC)),
                shape(
                        "ofCustomer, newest first",
                        s -> s.queries()
                                .orElseThrow()
                                .ofCustomer(customer, query(q -> {}, RAISED_DESC), PageRequest.first(20))),
                shape(
                        "counts of a customer (every facet)",
                        s -> s.queries()
                                .orElseThrow()
                                .counts(
                                        query(q -> q.customers = Set.of(customer), DEADLINE),
                                        EnumSet.complementOf(EnumSet.of(InboxQuery.Facet.CUSTOMER)))));
    }

    /** The shapes whose index was one of the two that V15 drops, and the index H2 reads now. */
    private static final Map<String, String> NOW_READ = Map.of(
            "listForCustomer", "ESC_ESCALATION_SUBMISSION_UQ",
            "per customer", "ESC_ESCALATION_SUBMISSION_UQ",
            "per customer, not paused", "ESC_ESCALATION_SUBMISSION_UQ",
            "ofCustomer, newest first", "ESC_ESCALATION_SUBMISSION_UQ",
            "counts of a customer (every facet)", "ESC_ESCALATION_SUBMISSION_UQ");

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    void everyShapeReadsEscalationsThroughAnIndex(String shape, Consumer<JdbcEscalationStore> call) throws Exception {
        recorder.drain();
        call.accept(store);
        List<String> accesses = new ArrayList<>();
        for (StatementRecorder.Recorded r : recorder.drain()) {
            String plan = explain(r);
            Matcher m = ACCESS.matcher(plan);
            while (m.find()) {
                accesses.add(m.group(1));
            }
            LOG.info("plan | {} | {}", shape, plan.replaceAll("\\s+", " "));
        }
        assertThat(accesses)
                .as("the reads of esc_escalation for %s", shape)
                .isNotEmpty()
                .noneMatch(a -> a.endsWith("tableScan"));
        String index = NOW_READ.get(shape);
        if (index != null) {
            assertThat(accesses).as("the index read for %s", shape).contains(index);
        }
    }

    @Test
    void thePausedFilterReadsTheTableOnH2() throws Exception {
        recorder.drain();
        store.queries().orElseThrow().inbox(query(q -> q.paused = Optional.of(true), DEADLINE), PageRequest.first(20));
        List<StatementRecorder.Recorded> statements = recorder.drain();
        assertThat(statements).hasSize(1);
        String plan = explain(statements.get(0));
        assertThat(plan).contains("\"PAUSED_SINCE\" IS NOT NULL").contains("ESC_ESCALATION.tableScan");
    }

    private static String explain(StatementRecorder.Recorded r) throws SQLException {
        try (Connection c = pool.getConnection();
                PreparedStatement ps = c.prepareStatement("EXPLAIN " + r.sql())) {
            r.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }
}
