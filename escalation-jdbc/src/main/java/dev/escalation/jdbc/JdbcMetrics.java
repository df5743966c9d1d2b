package dev.escalation.jdbc;

import static java.util.Objects.requireNonNull;

import dev.escalation.model.Criticality;
import dev.escalation.model.CustomerId;
import dev.escalation.model.DueKind;
import dev.escalation.spi.MetricRow;
import dev.escalation.spi.MetricSelection;
import dev.escalation.spi.MetricTotal;
import dev.escalation.spi.MetricsQueries;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The metric rows of {@code esc_metric} (migration V9): inserted in the transaction of each write, aggregated with
 * one {@code GROUP BY} statement per selection (counts and sums per period, customer, criticality, transition and
 * target), so the application never loads the rows. The period of a row is {@code (at_epoch - from) / period}
 * (integer division of non-negative numbers, the same on PostgreSQL and H2), written into the statement as numbers.
 */
final class JdbcMetrics implements MetricsQueries {
    private final Db db;

    JdbcMetrics(Db db) {
        this.db = db;
    }

    /** Inserts the rows of a write, inside its transaction. */
    void insert(Connection c, List<MetricRow> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = db.prepare(
                c,
                "INSERT INTO esc_metric (escalation_id, customer_id, criticality, transition, at_epoch, wall_seconds, "
                        + "business_seconds, target) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (MetricRow r : rows) {
                ps.setString(1, r.escalation().value());
                ps.setString(2, r.customer().value());
                ps.setString(3, r.criticality().name());
                ps.setString(4, r.transition().name());
                ps.setLong(5, r.at().getEpochSecond());
                ps.setLong(6, r.wallClockSeconds());
                ps.setLong(7, r.businessSeconds());
                if (r.target().isPresent()) {
                    ps.setString(8, r.target().get().name());
                } else {
                    ps.setNull(8, Types.VARCHAR);
                }
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /**
     * PostgreSQL: a data-modifying {@code WITH} item (named {@code name}) that inserts the rows bound by
     * {@link #bindArrays} as arrays, one parameter per column, so that it can join the write of the escalation row in
     * one statement whatever the number of rows (none inserts nothing).
     */
    static String insertFromArrays(String name) {
        return name + " AS (INSERT INTO esc_metric (escalation_id, customer_id, criticality, transition, at_epoch, "
                + "wall_seconds, business_seconds, target) SELECT x.e, x.c, x.k, x.t, CAST(x.a AS BIGINT), "
                + "CAST(x.w AS BIGINT), CAST(x.b AS BIGINT), x.g FROM unnest(CAST(? AS TEXT[]), CAST(? AS TEXT[]), "
                + "CAST(? AS TEXT[]), CAST(? AS TEXT[]), CAST(? AS TEXT[]), CAST(? AS TEXT[]), CAST(? AS TEXT[]), "
                + "CAST(? AS TEXT[])) AS x(e, c, k, t, a, w, b, g))";
    }

    /** Binds the 8 array parameters of {@link #insertFromArrays} from {@code index} on; returns the next index. */
    static int bindArrays(PreparedStatement ps, int index, List<MetricRow> rows) throws SQLException {
        int n = rows.size();
        String[][] columns = new String[8][n];
        for (int r = 0; r < n; r++) {
            MetricRow row = rows.get(r);
            columns[0][r] = row.escalation().value();
            columns[1][r] = row.customer().value();
            columns[2][r] = row.criticality().name();
            columns[3][r] = row.transition().name();
            columns[4][r] = Long.toString(row.at().getEpochSecond());
            columns[5][r] = Long.toString(row.wallClockSeconds());
            columns[6][r] = Long.toString(row.businessSeconds());
            columns[7][r] = row.target().map(Enum::name).orElse(null);
        }
        int i = index;
        for (String[] column : columns) {
            Db.setTextArray(ps, i++, column);
        }
        return i;
    }

    @Override
    public List<MetricTotal> totals(MetricSelection selection) {
        requireNonNull(selection, "selection");
        long from = selection.from().getEpochSecond();
        long period = selection.periodSeconds();
        boolean byCustomer = selection.groupBy().contains(MetricSelection.Grouping.CUSTOMER);
        boolean byCriticality = selection.groupBy().contains(MetricSelection.Grouping.CRITICALITY);
        String bucket = "(m.at_epoch - " + from + ") / " + period;
        StringBuilder sql = new StringBuilder("SELECT ")
                .append(bucket)
                .append(" AS bucket, ")
                .append(byCustomer ? "m.customer_id" : "NULL")
                .append(", ")
                .append(byCriticality ? "m.criticality" : "NULL")
                .append(", m.transition, m.target, COUNT(*), SUM(m.wall_seconds), SUM(m.business_seconds)")
                .append(" FROM esc_metric m WHERE m.at_epoch >= ? AND m.at_epoch < ?");
        List<Object> parameters = new ArrayList<>();
        parameters.add(from);
        parameters.add(selection.to().getEpochSecond());
        in(
                sql,
                parameters,
                "m.customer_id",
                selection.customers().stream().map(CustomerId::value).sorted().toList());
        in(
                sql,
                parameters,
                "m.criticality",
                selection.criticalities().stream()
                        .map(Criticality::name)
                        .sorted()
                        .toList());
        sql.append(" GROUP BY ").append(bucket);
        if (byCustomer) {
            sql.append(", m.customer_id");
        }
        if (byCriticality) {
            sql.append(", m.criticality");
        }
        sql.append(", m.transition, m.target");
        return db.inTransaction("metric totals", c -> {
            List<MetricTotal> totals = new ArrayList<>();
            try (PreparedStatement ps = db.prepare(c, sql.toString())) {
                for (int i = 0; i < parameters.size(); i++) {
                    ps.setObject(i + 1, parameters.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String customer = rs.getString(2);
                        String criticality = rs.getString(3);
                        String target = rs.getString(5);
                        totals.add(new MetricTotal(
                                selection.from().plusSeconds(rs.getLong(1) * period),
                                Optional.ofNullable(customer).map(CustomerId::of),
                                Optional.ofNullable(criticality).map(Criticality::valueOf),
                                MetricRow.Transition.valueOf(rs.getString(4)),
                                Optional.ofNullable(target).map(DueKind::valueOf),
                                rs.getLong(6),
                                rs.getLong(7),
                                rs.getLong(8)));
                    }
                }
            }
            totals.sort(MetricTotal.ORDER);
            return Collections.unmodifiableList(totals);
        });
    }

    private static void in(StringBuilder sql, List<Object> parameters, String column, List<String> values) {
        if (values.isEmpty()) {
            return;
        }
        sql.append(" AND ")
                .append(column)
                .append(" IN (")
                .append(String.join(", ", Collections.nCopies(values.size(), "?")))
                .append(")");
        parameters.addAll(values);
    }
}
