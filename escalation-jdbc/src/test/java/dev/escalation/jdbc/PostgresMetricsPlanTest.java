package dev.escalation.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.escalation.model.Criticality;
import dev.escalation.model.CustomerId;
import dev.escalation.spi.MetricSelection;
import dev.escalation.spi.MetricSelection.Grouping;
import dev.escalation.spi.MetricTotal;
import dev.escalation.spi.MetricsQueries;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
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
 * Metric totals on PostgreSQL are one aggregate statement that reads {@code esc_metric} through an index: 300,000
 * rows (two years, 50 customers) inserted by SQL and analysed; each selection shape is run through the store, its
 * statement recorded and EXPLAINed; no sequential scan, and the totals are checked against a plain SQL count.
 */
class PostgresMetricsPlanTest {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresMetricsPlanTest.class);
    private static final long BASE = 1_800_000_000L;
    private static final int ROWS = 300_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private static TestDatabase database;
    private static DataSource pool;
    private static StatementRecorder recorder;
    private static MetricsQueries metrics;

    @BeforeAll
    static void load() throws SQLException {
        database = TestDatabase.postgresql("PostgresMetricsPlanTest");
        database.migrate();
        pool = database.newPool("metric-plans", 2);
        long started = System.nanoTime();
        try (Connection c = pool.getConnection();
                Statement s = c.createStatement()) {
            // one row every ~210 s over two years; transitions and targets cycle, criticality by residue
            s.executeUpdate("INSERT INTO esc_metric (escalation_id, customer_id, criticality, transition, at_epoch, "
                    + "wall_seconds, business_seconds, target) "
                    + "SELECT 'E-' || (g / 6), 'C-' || (g % 50), "
                    + "(ARRAY['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'])[g % 4 + 1], "
                    + "(ARRAY['ESCALATED', 'ACKNOWLEDGED', 'TARGET_MET', 'RESOLVED', 'TARGET_BREACHED', 'CLOSED'])"
                    + "[g % 6 + 1], "
                    + BASE + " + g * 210, g % 100000, g % 30000, "
                    + "CASE WHEN g % 6 = 2 THEN 'FIRST_CONTACT' WHEN g % 6 = 4 THEN 'RESOLUTION' END "
                    + "FROM generate_series(1, " + ROWS + ") g");
            s.execute("VACUUM ANALYZE esc_metric");
        }
        LOG.info("loaded {} metric rows and analysed in {} ms", ROWS, (System.nanoTime() - started) / 1_000_000);
        recorder = new StatementRecorder(pool);
        metrics = JdbcEscalationStore.builder(recorder).build().metrics().orElseThrow();
    }

    @AfterAll
    static void close() {
        if (database != null) {
            database.close();
        }
    }

    private static final Instant WEEK = Instant.ofEpochSecond(BASE + 10_000_000);

    static Stream<Arguments> shapes() {
        return Stream.of(
                Arguments.of(
                        "a week per day, all customers",
                        new MetricSelection(
                                WEEK,
                                WEEK.plus(Duration.ofDays(7)),
                                Optional.of(Duration.ofDays(1)),
                                Set.of(),
                                Set.of(),
                                Set.of())),
                Arguments.of(
                        "a month per week, by customer and criticality",
                        new MetricSelection(
                                WEEK,
                                WEEK.plus(Duration.ofDays(28)),
                                Optional.of(Duration.ofDays(7)),
                                Set.of(),
                                Set.of(),
                                EnumSet.allOf(Grouping.class))),
                Arguments.of(
                        "a quarter, one customer, critical only",
                        new MetricSelection(
                                WEEK,
                                WEEK.plus(Duration.ofDays(91)),
                                Optional.empty(),
                                Set.of(CustomerId.of("C-7")),
                                Set.of(Criticality.CRITICAL),
                                Set.of(Grouping.CRITICALITY))),
                Arguments.of(
                        "two years, three customers, per month of 30 days",
                        new MetricSelection(
                                Instant.ofEpochSecond(BASE),
                                Instant.ofEpochSecond(BASE + 730L * 86_400),
                                Optional.of(Duration.ofDays(30)),
                                Set.of(CustomerId.of("C-1"), CustomerId.of("C-2"), CustomerId.of("C-3")),
                                Set.of(),
                                Set.of(Grouping.CUSTOMER))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    void everyShapeIsOneAggregateReadThroughAnIndex(String shape, MetricSelection selection) throws Exception {
        recorder.drain();
        long started = System.nanoTime();
        List<MetricTotal> totals = metrics.totals(selection);
        long millis = (System.nanoTime() - started) / 1_000_000;
        List<StatementRecorder.Recorded> statements = recorder.drain();
        assertThat(statements).as("one statement for %s", shape).hasSize(1);
        StatementRecorder.Recorded r = statements.get(0);
        assertThat(r.sql()).contains("GROUP BY");
        JsonNode plan = explain(r);
        List<String> nodes = new ArrayList<>();
        scans(plan, nodes);
        assertThat(nodes)
                .as("scans of esc_metric for %s:%n%s%n%s", shape, r.sql(), plan.toPrettyString())
                .isNotEmpty()
                .noneMatch(n -> n.startsWith("Seq Scan"));
        assertThat(totals.stream().mapToLong(MetricTotal::count).sum())
                .as("the totals count every row of the selection")
                .isEqualTo(count(selection));
        LOG.info("plan | {} | {} | {} groups in {} ms", shape, String.join(", ", nodes), totals.size(), millis);
    }

    private static long count(MetricSelection s) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT COUNT(*) FROM esc_metric WHERE at_epoch >= ")
                .append(s.from().getEpochSecond())
                .append(" AND at_epoch < ")
                .append(s.to().getEpochSecond());
        if (!s.customers().isEmpty()) {
            sql.append(" AND customer_id IN (")
                    .append(String.join(
                            ", ",
                            s.customers().stream()
                                    .map(c -> "'" + c.value() + "'")
                                    .toList()))
                    .append(")");
        }
        if (!s.criticalities().isEmpty()) {
            sql.append(" AND criticality IN (")
                    .append(String.join(
                            ", ",
                            s.criticalities().stream()
                                    .map(c -> "'" + c.name() + "'")
                                    .toList()))
                    .append(")");
        }
        try (Connection c = pool.getConnection();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql.toString())) {
            rs.next();
            return rs.getLong(1);
        }
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

    /** Every scan node of an esc_* table, as "node type on relation using index". */
    private static void scans(JsonNode node, List<String> out) {
        String relation = node.path("Relation Name").asText("");
        String index = node.path("Index Name").asText("");
        if (relation.startsWith("esc_")) {
            out.add(node.path("Node Type").asText() + " on " + relation + (index.isEmpty() ? "" : " using " + index));
        } else if (index.startsWith("esc_")) {
            out.add(node.path("Node Type").asText() + " using " + index);
        }
        for (JsonNode child : node.path("Plans")) {
            scans(child, out);
        }
    }
}
