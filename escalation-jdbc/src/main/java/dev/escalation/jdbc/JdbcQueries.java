package dev.escalation.jdbc;

import static java.util.Objects.requireNonNull;

import dev.escalation.model.CustomerId;
import dev.escalation.model.EscalationSummary;
import dev.escalation.model.Page;
import dev.escalation.model.PageCursor;
import dev.escalation.model.PageRequest;
import dev.escalation.spi.EscalationQueries;
import dev.escalation.spi.InboxQuery;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Desk queries on the columns of {@code esc_escalation} (state, criticality, customer, manager, next deadline, paused
 * since, case, open, overdue since), with keyset paging. Escalations without a next deadline sort last in both
 * directions of the deadline sort; their cursor has {@link Instant#MAX}.
 */
final class JdbcQueries implements EscalationQueries {
    private static final BigDecimal NO_DEADLINE = Db.toDecimal(Instant.MAX);

    private final Db db;
    private final EscalationRows rows;
    private final OverduePage overduePage;

    JdbcQueries(Db db, EscalationRows rows, Json json) {
        this.db = db;
        this.rows = rows;
        this.overduePage = new OverduePage(db, json);
    }

    /** A WHERE clause under construction with its parameters. */
    private static final class Where {
        final StringBuilder sql = new StringBuilder("1 = 1");
        final List<Object> parameters = new ArrayList<>();

        void in(String column, Set<String> values) {
            if (values.isEmpty()) {
                return;
            }
            sql.append(" AND ")
                    .append(column)
                    .append(" IN (")
                    .append(String.join(", ", Collections.nCopies(values.size(), "?")))
                    .append(")");
            values.stream().sorted().forEach(parameters::add);
        }

        void add(String condition, Object... values) {
            sql.append(" AND ").append(condition);
            parameters.addAll(List.of(values));
        }

        void bind(PreparedStatement ps, int from) throws SQLException {
            int i = from;
            for (Object p : parameters) {
                if (p instanceof BigDecimal d) {
                    ps.setBigDecimal(i++, d);
                } else {
                    ps.setString(i++, (String) p);
                }
            }
        }
    }

    /**
     * {@link EscalationSummary#breachedAt}, which is {@link EscalationSummary#overdueAt}: the stored
     * {@code overdue_since} (the earlier of the counting next deadline and the next meeting of an open escalation; a
     * paused clock's SLA deadline only if it fell due before the pause, a meeting always) is not after now. A range of
     * {@code esc_escalation_overdue_ix}; {@code NOT} of it keeps the rows without the column.
     */
    private static final String BREACHED = "(e.overdue_since IS NOT NULL AND e.overdue_since <= ?)";

    /** The filters of {@code q} without those of the {@code ignored} facets (own facet of a count, per customer). */
    private static Where where(InboxQuery q, Set<InboxQuery.Facet> ignored) {
        Where w = new Where();
        if (!ignored.contains(InboxQuery.Facet.STATE)) {
            w.in("e.state", names(q.states()));
        }
        if (!ignored.contains(InboxQuery.Facet.CRITICALITY)) {
            w.in("e.criticality", names(q.criticality()));
        }
        if (!ignored.contains(InboxQuery.Facet.CUSTOMER)) {
            w.in(
                    "e.customer_id",
                    new java.util.HashSet<>(
                            q.customers().stream().map(c -> c.value()).toList()));
        }
        if (!ignored.contains(InboxQuery.Facet.MANAGER) && q.manager().isPresent()) {
            w.add("e.manager_id = ?", q.manager().get().value());
        }
        if (!ignored.contains(InboxQuery.Facet.BREACHED) && q.breached().isPresent()) {
            BigDecimal now = Db.toDecimal(q.now());
            w.add(q.breached().get() ? BREACHED : "NOT " + BREACHED, now);
        }
        if (!ignored.contains(InboxQuery.Facet.PAUSED) && q.paused().isPresent()) {
            w.add(q.paused().get() ? "e.paused_since IS NOT NULL" : "e.paused_since IS NULL");
        }
        if (q.caseId().isPresent()) {
            w.add("e.case_id = ?", q.caseId().get().value());
        }
        if (q.openOnly()) {
            w.add("e.open = TRUE");
        }
        return w;
    }

    private static Set<String> names(Set<? extends Enum<?>> values) {
        Set<String> names = new java.util.HashSet<>();
        values.forEach(v -> names.add(v.name()));
        return names;
    }

    @Override
    public Page<EscalationSummary> inbox(InboxQuery query, PageRequest page) {
        requireNonNull(query, "query");
        requireNonNull(page, "page");
        return page("inbox", where(query, Set.of()), query.sort(), page);
    }

    /**
     * A range scan of {@code esc_escalation_overdue_ix} (overdue_since, escalation_id): the column is written with
     * every version of the row ({@link EscalationSummary#overdueSince()}), so the query never reads due work. Read by
     * {@link OverduePage} (in the index's order, one statement unless a tie spans the page's end).
     */
    @Override
    public Page<EscalationSummary> overdue(Instant now, PageRequest page) {
        requireNonNull(now, "now");
        requireNonNull(page, "page");
        return db.singleStatement("overdue escalations", c -> overduePage.read(c, now, page));
    }

    @Override
    public Page<EscalationSummary> ofCustomer(CustomerId customer, InboxQuery query, PageRequest page) {
        requireNonNull(customer, "customer");
        requireNonNull(query, "query");
        requireNonNull(page, "page");
        Where w = where(
                query,
                EnumSet.of(
                        InboxQuery.Facet.CUSTOMER,
                        InboxQuery.Facet.MANAGER,
                        InboxQuery.Facet.BREACHED,
                        InboxQuery.Facet.PAUSED));
        w.add("e.customer_id = ?", customer.value());
        return page("escalations of a customer", w, query.sort(), page);
    }

    private Page<EscalationSummary> page(String operation, Where w, InboxQuery.Sort sort, PageRequest page) {
        return db.singleStatement(operation, c -> {
            String id = db.dialect().sortableId("e.escalation_id");
            boolean byDeadline =
                    sort == InboxQuery.Sort.NEXT_DEADLINE_ASC || sort == InboxQuery.Sort.NEXT_DEADLINE_DESC;
            boolean ascending = sort == InboxQuery.Sort.NEXT_DEADLINE_ASC || sort == InboxQuery.Sort.RAISED_ASC;
            String key = byDeadline ? "COALESCE(e.next_deadline_at, ?)" : "e.raised_at";
            String direction = ascending ? "" : " DESC";
            String beyond = ascending ? " > " : " < ";
            List<Object> parameters = new ArrayList<>();
            StringBuilder sql = new StringBuilder("SELECT ")
                    .append(EscalationRows.SUMMARY_COLUMNS)
                    .append(" FROM esc_escalation e WHERE ")
                    .append(w.sql);
            parameters.addAll(w.parameters);
            PageCursor after = page.after().orElse(null);
            if (after != null) {
                BigDecimal at = Db.toDecimal(after.at());
                if (byDeadline && !ascending) {
                    // latest first, without a deadline last: after a deadline come earlier ones, then the rest
                    if (after.at().equals(Instant.MAX)) {
                        sql.append(" AND e.next_deadline_at IS NULL AND ")
                                .append(id)
                                .append(" < ?");
                        parameters.add(after.id());
                    } else {
                        sql.append(" AND (e.next_deadline_at IS NULL OR e.next_deadline_at < ? OR (e.next_deadline_at")
                                .append(" = ? AND ")
                                .append(id)
                                .append(" < ?))");
                        parameters.add(at);
                        parameters.add(at);
                        parameters.add(after.id());
                    }
                } else {
                    sql.append(" AND (")
                            .append(key)
                            .append(beyond)
                            .append("? OR (")
                            .append(key)
                            .append(" = ? AND ")
                            .append(id)
                            .append(beyond)
                            .append("?))");
                    if (byDeadline) {
                        parameters.add(NO_DEADLINE);
                    }
                    parameters.add(at);
                    if (byDeadline) {
                        parameters.add(NO_DEADLINE);
                    }
                    parameters.add(at);
                    parameters.add(after.id());
                }
            }
            if (byDeadline && !ascending) {
                sql.append(
                                " ORDER BY CASE WHEN e.next_deadline_at IS NULL THEN 1 ELSE 0 END, e.next_deadline_at DESC, ")
                        .append(id)
                        .append(" DESC");
            } else {
                sql.append(" ORDER BY ")
                        .append(key)
                        .append(direction)
                        .append(", ")
                        .append(id)
                        .append(direction);
                if (byDeadline) {
                    parameters.add(NO_DEADLINE);
                }
            }
            sql.append(" LIMIT ?");
            List<EscalationSummary> items = new ArrayList<>();
            try (PreparedStatement ps = db.prepare(c, sql.toString())) {
                Where all = new Where();
                all.parameters.addAll(parameters);
                all.bind(ps, 1);
                ps.setInt(parameters.size() + 1, page.size() + 1);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        items.add(rows.readSummary(rs));
                    }
                }
            }
            return Pages.of(
                    items,
                    page.size(),
                    s -> new PageCursor(
                            byDeadline ? s.nextDeadline().map(d -> d.at()).orElse(Instant.MAX) : s.raisedAt(),
                            s.id().value()));
        });
    }

    @Override
    public Map<InboxQuery.Facet, Map<String, Long>> counts(InboxQuery query, Set<InboxQuery.Facet> facets) {
        requireNonNull(query, "query");
        Set<InboxQuery.Facet> wanted = Set.copyOf(facets);
        if (wanted.isEmpty()) {
            return Map.of();
        }
        return db.inTransaction("facet counts", c -> {
            Map<InboxQuery.Facet, Map<String, Long>> result = new EnumMap<>(InboxQuery.Facet.class);
            for (InboxQuery.Facet facet : EnumSet.copyOf(wanted)) {
                Where w = where(query, Set.of(facet));
                List<Object> parameters = new ArrayList<>();
                String group = groupBy(facet, parameters, query.now());
                String sql = "SELECT x.facet_value, COUNT(*) FROM (SELECT " + group
                        + " AS facet_value FROM esc_escalation e WHERE " + w.sql
                        + (facet == InboxQuery.Facet.MANAGER ? " AND e.manager_id IS NOT NULL" : "")
                        + ") x GROUP BY x.facet_value";
                Map<String, Long> counts = new LinkedHashMap<>();
                try (PreparedStatement ps = db.prepare(c, sql)) {
                    Where all = new Where();
                    all.parameters.addAll(parameters); // the group expression's parameters come first
                    all.parameters.addAll(w.parameters);
                    all.bind(ps, 1);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            counts.put(rs.getString(1), rs.getLong(2));
                        }
                    }
                }
                result.put(facet, Collections.unmodifiableMap(counts));
            }
            return Collections.unmodifiableMap(result);
        });
    }

    private static String groupBy(InboxQuery.Facet facet, List<Object> parameters, Instant now) {
        switch (facet) {
            case STATE:
                return "e.state";
            case CRITICALITY:
                return "e.criticality";
            case CUSTOMER:
                return "e.customer_id";
            case MANAGER:
                return "e.manager_id";
            case BREACHED:
                parameters.add(Db.toDecimal(now));
                return "CASE WHEN " + BREACHED + " THEN 'true' ELSE 'false' END";
            case PAUSED:
                return "CASE WHEN e.paused_since IS NOT NULL THEN 'true' ELSE 'false' END";
            default:
                throw new IllegalArgumentException("unknown facet " + facet);
        }
    }
}
