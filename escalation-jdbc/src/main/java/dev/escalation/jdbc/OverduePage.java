package dev.escalation.jdbc;

import dev.escalation.model.CaseId;
import dev.escalation.model.Cause;
import dev.escalation.model.ContactId;
import dev.escalation.model.Criticality;
import dev.escalation.model.CustomerId;
import dev.escalation.model.DeadlineMark;
import dev.escalation.model.DueKind;
import dev.escalation.model.EscalationId;
import dev.escalation.model.EscalationState;
import dev.escalation.model.EscalationSummary;
import dev.escalation.model.HotlineAdvice;
import dev.escalation.model.Page;
import dev.escalation.model.PageCursor;
import dev.escalation.model.PageRequest;
import dev.escalation.model.StaffId;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The overdue page ({@code EscalationQueries.overdue}) of {@link JdbcQueries}: a range scan of
 * {@code esc_escalation_overdue_ix} (overdue_since, escalation_id) in the order of that index.
 *
 * <p>The page is ordered by (overdue_since, id by code point: {@code COLLATE "C"} on PostgreSQL). On H2 the index has
 * that order. On PostgreSQL the index orders ids by the database's collation, so ordering by {@code COLLATE "C"} in
 * SQL adds a sort above the index scan; instead the query reads the index's order, one row more than the page needs,
 * and sorts those rows here. That is exact whenever the rows read end with a change of overdue_since: every row with
 * an overdue_since up to that of the page's last row has been read. If the last two rows share their overdue_since (a
 * tie across the page's end), the page is read again ordered by {@code COLLATE "C"} in SQL.
 *
 * <p>Rows are read by column position; the hotline advice of a row (JSON) is parsed once per distinct text (a bounded,
 * exact memo of the parse of the last few texts: the advice is immutable). The limit is part of the SQL text, so that a
 * generic plan of the prepared statement is costed for a page and not for a tenth of the table.
 */
final class OverduePage {
    /** The columns read, by position (see {@link #summary}); the last is the cursor's instant. */
    private static final String COLUMNS = "e.escalation_id, e.row_version, e.customer_id, e.case_id, e.state, "
            + "e.cause, e.criticality, e.raised_by, e.raised_at, e.updated_at, e.manager_id, e.next_deadline_at, "
            + "e.next_deadline_kind, e.next_meeting_at, e.paused_since, e.hotline, " + EscalationRows.TICKET_REFERENCE
            + ", e.overdue_since";

    /** Distinct hotline texts kept parsed (the most recent ones). */
    private static final int HOTLINES_KEPT = 16;

    /** (overdue_since, id by code point): the order of {@code COLLATE "C"} (UTF-8 bytes) and of the cursors. */
    private static final Comparator<Row> ORDER =
            Comparator.comparing(Row::since).thenComparing((a, b) -> byCodePoint(a.id(), b.id()));

    private final Db db;
    private final Json json;
    /** The hotline texts parsed last, newest first (an immutable array, replaced as a whole). */
    private volatile Parsed[] hotlines = new Parsed[0];

    OverduePage(Db db, Json json) {
        this.db = db;
        this.json = json;
    }

    /** A hotline text and its advice. */
    private record Parsed(String text, HotlineAdvice advice) {}

    /** A row read: its summary, its overdue_since as stored and its id. */
    private record Row(EscalationSummary summary, BigDecimal since, String id) {}

    Page<EscalationSummary> read(Connection c, Instant now, PageRequest page) throws SQLException {
        int wanted = page.size() + 1; // one more than the page tells that there are more
        Dialect dialect = db.dialect();
        String byCollation = dialect.sortableId("e.escalation_id");
        List<Row> rows;
        if (byCollation.equals("e.escalation_id")) {
            rows = select(c, now, page, byCollation, "e.escalation_id", wanted);
        } else {
            rows = select(c, now, page, byCollation, "e.escalation_id", wanted + 1);
            if (rows.size() > wanted
                    && rows.get(wanted).since().compareTo(rows.get(wanted - 1).since()) == 0) {
                rows = select(c, now, page, byCollation, byCollation, wanted); // a tie across the page's end
            } else {
                rows.sort(ORDER);
                if (rows.size() > wanted) {
                    rows = rows.subList(0, wanted);
                }
            }
        }
        List<EscalationSummary> items = new ArrayList<>(rows.size());
        for (Row r : rows) {
            items.add(r.summary());
        }
        // the cursor is the stored column (what the index orders by), not the summary's recomputation
        Row last = rows.size() > page.size() ? rows.get(page.size() - 1) : null;
        return Pages.of(items, page.size(), s -> new PageCursor(Db.toInstant(last.since()), last.id()));
    }

    /**
     * The first {@code limit} overdue rows after the cursor, ordered by overdue_since and {@code orderId}; the
     * cursor compares ids by {@code cursorId} (code point order).
     */
    private List<Row> select(Connection c, Instant now, PageRequest page, String cursorId, String orderId, int limit)
            throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT ")
                .append(COLUMNS)
                .append(" FROM esc_escalation e WHERE e.overdue_since <= ?");
        if (page.after().isPresent()) {
            sql.append(" AND (e.overdue_since > ? OR (e.overdue_since = ? AND ")
                    .append(cursorId)
                    .append(" > ?))");
        }
        sql.append(" ORDER BY e.overdue_since, ")
                .append(orderId)
                .append(" LIMIT ")
                .append(limit);
        List<Row> rows = new ArrayList<>(limit);
        try (PreparedStatement ps = db.prepare(c, sql.toString())) {
            ps.setBigDecimal(1, Db.toDecimal(now));
            if (page.after().isPresent()) {
                BigDecimal at = Db.toDecimal(page.after().get().at());
                ps.setBigDecimal(2, at);
                ps.setBigDecimal(3, at);
                ps.setString(4, page.after().get().id());
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    EscalationSummary s = summary(rs);
                    rows.add(new Row(s, rs.getBigDecimal(18), s.id().value()));
                }
            }
        }
        return rows;
    }

    /** The summary of a row of {@link #COLUMNS}, as {@link EscalationRows#readSummary} reads it. */
    private EscalationSummary summary(ResultSet rs) throws SQLException {
        BigDecimal deadlineAt = rs.getBigDecimal(12);
        String deadlineKind = rs.getString(13);
        Optional<DeadlineMark> deadline = deadlineAt == null
                ? Optional.empty()
                : Optional.of(new DeadlineMark(DueKind.valueOf(deadlineKind), instant(deadlineAt)));
        String manager = rs.getString(11);
        return new EscalationSummary(
                EscalationId.of(rs.getString(1)),
                rs.getLong(2),
                CustomerId.of(rs.getString(3)),
                CaseId.of(rs.getString(4)),
                EscalationState.valueOf(rs.getString(5)),
                Cause.valueOf(rs.getString(6)),
                Criticality.valueOf(rs.getString(7)),
                ContactId.of(rs.getString(8)),
                instant(rs.getBigDecimal(9)),
                instant(rs.getBigDecimal(10)),
                manager == null ? Optional.empty() : Optional.of(StaffId.of(manager)),
                deadline,
                optionalInstant(rs.getBigDecimal(14)),
                optionalInstant(rs.getBigDecimal(15)),
                Optional.ofNullable(rs.getString(17)),
                hotline(rs.getString(16)));
    }

    /** {@link Json#readHotline}, parsed once per distinct text. */
    private Optional<HotlineAdvice> hotline(@Nullable String text) {
        if (text == null) {
            return Optional.empty();
        }
        // compared with equals (no hash of a text just decoded: that costs as much as comparing it)
        Parsed[] known = hotlines;
        for (Parsed p : known) {
            if (p.text().length() == text.length() && p.text().equals(text)) {
                return Optional.of(p.advice());
            }
        }
        Optional<HotlineAdvice> parsed = json.readHotline(text);
        if (parsed.isPresent()) {
            Parsed[] next = new Parsed[Math.min(known.length + 1, HOTLINES_KEPT)];
            next[0] = new Parsed(text, parsed.get());
            System.arraycopy(known, 0, next, 1, next.length - 1);
            hotlines = next;
        }
        return parsed;
    }

    private static Optional<Instant> optionalInstant(@Nullable BigDecimal value) {
        return value == null ? Optional.empty() : Optional.of(instant(value));
    }

    /** {@link Db#toInstant}, without its arithmetic for the stored scale of 9 digits. */
    static Instant instant(BigDecimal value) {
        if (value.scale() == 9 && value.precision() <= 18) {
            long nanos = value.unscaledValue().longValue();
            return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
        }
        return Db.toInstant(value);
    }

    /** Compares by code point (the order of UTF-8 bytes, {@code COLLATE "C"}), not by UTF-16 unit. */
    static int byCodePoint(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Boolean.compare(i < a.length(), j < b.length());
    }
}
