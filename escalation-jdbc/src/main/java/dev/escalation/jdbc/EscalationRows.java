package dev.escalation.jdbc;

import dev.escalation.model.ActorRef;
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
import dev.escalation.model.ProgressKind;
import dev.escalation.model.StaffId;
import dev.escalation.model.Visibility;
import dev.escalation.spi.ChainLink;
import dev.escalation.spi.DueItem;
import dev.escalation.spi.EscalationFacts;
import dev.escalation.spi.EscalationWrite;
import dev.escalation.spi.StoredDataException;
import dev.escalation.spi.StoredEntry;
import dev.escalation.spi.StoredEscalation;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import java.util.Optional;

/** The rows of {@code esc_escalation} and {@code esc_entry}: columns, reading and writing. */
final class EscalationRows {

    /** The ticket reference of row {@code e}, as a column of the select list. */
    static final String TICKET_REFERENCE =
            "(SELECT t.reference FROM esc_ticket t WHERE t.escalation_id = e.escalation_id) AS ticket_reference";

    /** Everything {@link #read} needs, of row {@code e}. */
    static final String COLUMNS = "e.customer_id, e.escalation_id, e.row_version, e.case_id, e.state, e.cause, "
            + "e.criticality, e.raised_by, e.manager_id, e.submission_key, e.raised_at, e.updated_at, e.body_format, "
            + "e.body, e.intake, e.hotline, e.proposal, e.facts, e.owner_kinds, " + TICKET_REFERENCE;

    /** Everything {@link #readSummary} needs, of row {@code e}. */
    static final String SUMMARY_COLUMNS = "e.customer_id, e.escalation_id, e.row_version, e.case_id, e.state, "
            + "e.cause, e.criticality, e.raised_by, e.manager_id, e.raised_at, e.updated_at, e.next_deadline_at, "
            + "e.next_deadline_kind, e.next_meeting_at, e.paused_since, e.hotline, " + TICKET_REFERENCE;

    static final String ENTRY_COLUMNS = "n.sequence_no, n.recorded_at, n.kind, n.actor_kind, n.actor_id, "
            + "n.visibility, n.text, n.params, n.chain_hash, n.chain_previous";

    private final Db db;
    private final Json json;
    private final DocumentMemo memo;

    EscalationRows(Db db, Json json, DocumentMemo memo) {
        this.db = db;
        this.json = json;
        this.memo = memo;
    }

    // ------------------------------------------------------------------------------------------ escalation

    /**
     * The stored documents of a row as read (JSON text, format {@link Json#FORMAT} only), with what they hold: a write
     * of the next version stores a document again as read when its part did not change, instead of serialising it
     * anew.
     */
    record Documents(
            Json.EscalationBody body,
            String bodyJson,
            String intakeJson,
            @org.jspecify.annotations.Nullable String hotlineJson,
            @org.jspecify.annotations.Nullable String proposalJson) {}

    /**
     * A row as read under its lock: the escalation, its stored documents, its due keys if known and the subject keys
     * of the transaction (with those read with the row).
     */
    record Locked(
            StoredEscalation escalation,
            @org.jspecify.annotations.Nullable Documents documents,
            JdbcDueWork.@org.jspecify.annotations.Nullable Known due,
            TransactionKeys keys) {}

    /** Reads a row with its documents (for a write that follows) and the due keys read with it, if known. */
    Locked readLocked(ResultSet rs, JdbcDueWork.@org.jspecify.annotations.Nullable Known due, TransactionKeys keys)
            throws SQLException {
        StoredEscalation r = read(rs);
        if (rs.getInt("body_format") != Json.FORMAT) {
            return new Locked(r, null, due, keys); // a 0.1.0 document is converted once, by the next write
        }
        return new Locked(
                r,
                new Documents(
                        bodyOf(r),
                        rs.getString("body"),
                        rs.getString("intake"),
                        rs.getString("hotline"),
                        rs.getString("proposal")),
                due,
                keys);
    }

    StoredEscalation read(ResultSet rs) throws SQLException {
        return decoded("esc_escalation", 0, () -> readRow(rs));
    }

    private StoredEscalation readRow(ResultSet rs) throws SQLException {
        String id = rs.getString("escalation_id");
        DocumentMemo.Parsed documents = memo.read(
                id,
                rs.getString("body"),
                rs.getInt("body_format"),
                rs.getString("intake"),
                rs.getString("hotline"),
                rs.getString("proposal"),
                rs.getString("facts"));
        Json.EscalationBody body = documents.body();
        return new StoredEscalation(
                EscalationId.of(id),
                rs.getLong("row_version"),
                CustomerId.of(rs.getString("customer_id")),
                CaseId.of(rs.getString("case_id")),
                EscalationState.valueOf(rs.getString("state")),
                ContactId.of(rs.getString("raised_by")),
                documents.intake(),
                body.message(),
                Cause.valueOf(rs.getString("cause")),
                Criticality.valueOf(rs.getString("criticality")),
                Optional.ofNullable(rs.getString("submission_key")),
                Db.instant(rs, "raised_at"),
                Db.instant(rs, "updated_at"),
                Optional.ofNullable(rs.getString("manager_id")).map(StaffId::of),
                body.plan(),
                documents.proposal(),
                body.participants(),
                body.resolution(),
                OwnerKinds.read(body.lessonsLearned(), rs.getString("owner_kinds")),
                body.policy(),
                documents.hotline(),
                documents.facts(),
                Optional.ofNullable(rs.getString("ticket_reference")));
    }

    EscalationSummary readSummary(ResultSet rs) throws SQLException {
        return decoded("esc_escalation", 0, () -> readSummaryRow(rs));
    }

    private EscalationSummary readSummaryRow(ResultSet rs) throws SQLException {
        String deadlineKind = rs.getString("next_deadline_kind");
        Optional<DeadlineMark> deadline = Db.optionalInstant(rs, "next_deadline_at")
                .map(at -> new DeadlineMark(DueKind.valueOf(deadlineKind), at));
        return new EscalationSummary(
                EscalationId.of(rs.getString("escalation_id")),
                rs.getLong("row_version"),
                CustomerId.of(rs.getString("customer_id")),
                CaseId.of(rs.getString("case_id")),
                EscalationState.valueOf(rs.getString("state")),
                Cause.valueOf(rs.getString("cause")),
                Criticality.valueOf(rs.getString("criticality")),
                ContactId.of(rs.getString("raised_by")),
                Db.instant(rs, "raised_at"),
                Db.instant(rs, "updated_at"),
                Optional.ofNullable(rs.getString("manager_id")).map(StaffId::of),
                deadline,
                Db.optionalInstant(rs, "next_meeting_at"),
                Db.optionalInstant(rs, "paused_since"),
                Optional.ofNullable(rs.getString("ticket_reference")),
                json.readHotline(rs.getString("hotline")));
    }

    private static Json.EscalationBody bodyOf(StoredEscalation r) {
        return new Json.EscalationBody(
                r.message(), r.plan(), r.participants(), r.resolution(), r.lessonsLearned(), r.policy());
    }

    private static final String WRITTEN = "row_version, case_id, state, cause, criticality, raised_by, manager_id, "
            + "submission_key, raised_at, updated_at, progress_max, body_format, body, intake, hotline, proposal, "
            + "facts, next_deadline_at, next_deadline_kind, next_meeting_at, paused_since, open, overdue_since, "
            + "final_at, owner_kinds";

    /** One {@code ", ?"} per column of {@link #WRITTEN}. */
    private static final String WRITTEN_PARAMS = ", ?".repeat(WRITTEN.split(", ").length);

    /**
     * Binds the columns of {@link #WRITTEN} from {@code index} on; returns the next index. A document whose part
     * equals the one {@code before} holds is bound as stored, or with {@code nullIfUnchanged} (PostgreSQL's
     * {@code UPDATE_ALL}, which writes {@code body} and {@code intake} as {@code COALESCE(?, column)} of the row it
     * read under its lock) as NULL. With {@code literalInstants} (PostgreSQL) the instants
     * are bound as the text of their {@code NUMERIC} value ({@link Db#setInstantLiteral}), not as a
     * {@code BigDecimal}, which the driver converts by repeated {@code BigInteger} division.
     */
    private int bind(
            PreparedStatement ps,
            int index,
            StoredEscalation r,
            @org.jspecify.annotations.Nullable StoredEscalation before,
            @org.jspecify.annotations.Nullable Documents stored,
            boolean literalInstants,
            boolean nullIfUnchanged)
            throws SQLException {
        boolean same = before != null && stored != null;
        int i = index;
        EscalationFacts facts = r.facts();
        ps.setLong(i++, r.version());
        ps.setString(i++, r.caseId().value());
        ps.setString(i++, r.state().name());
        ps.setString(i++, r.cause().name());
        ps.setString(i++, r.criticality().name());
        ps.setString(i++, r.raisedBy().value());
        ps.setString(i++, r.manager().map(StaffId::value).orElse(null));
        ps.setString(i++, r.submissionKey().orElse(null));
        if (literalInstants) {
            Db.setInstantLiteral(ps, i++, r.raisedAt());
            Db.setInstantLiteral(ps, i++, r.updatedAt());
        } else {
            ps.setBigDecimal(i++, Db.toDecimal(r.raisedAt()));
            ps.setBigDecimal(i++, Db.toDecimal(r.updatedAt()));
        }
        ps.setLong(i++, facts.entryCount());
        ps.setInt(i++, Json.FORMAT);
        Json.EscalationBody body = bodyOf(r);
        boolean bodySame = same && body.equals(stored.body());
        boolean intakeSame = same && r.intake().equals(before.intake());
        String bodyJson = bodySame ? stored.bodyJson() : json.writeBody(body);
        String intakeJson = intakeSame ? stored.intakeJson() : json.writeIntake(r.intake());
        String hotlineJson =
                same && r.hotline().equals(before.hotline()) ? stored.hotlineJson() : json.writeOptional(r.hotline());
        String proposalJson = same && r.proposal().equals(before.proposal())
                ? stored.proposalJson()
                : json.writeOptional(r.proposal());
        String factsJson = json.writeFacts(facts);
        // UPDATE_ALL writes body and intake as COALESCE(?, column): an unchanged document is not sent again
        ps.setString(i++, nullIfUnchanged && bodySame ? null : bodyJson);
        ps.setString(i++, nullIfUnchanged && intakeSame ? null : intakeJson);
        ps.setString(i++, hotlineJson);
        ps.setString(i++, proposalJson);
        ps.setString(i++, factsJson);
        memo.wrote(
                r.id().value(),
                bodyJson,
                body,
                intakeJson,
                r.intake(),
                hotlineJson,
                r.hotline(),
                proposalJson,
                r.proposal(),
                factsJson,
                facts);
        instant(ps, i++, facts.nextDeadline().map(DeadlineMark::at), literalInstants);
        ps.setString(i++, facts.nextDeadline().map(d -> d.kind().name()).orElse(null));
        instant(ps, i++, facts.nextMeetingAt(), literalInstants);
        instant(ps, i++, facts.pausedSince(), literalInstants);
        ps.setBoolean(i++, r.state().isOpen());
        instant(ps, i++, r.summary().overdueSince(), literalInstants);
        // final_at (V10): the last change of a final escalation, NULL while it is open, so the purge has an index
        // (esc_escalation_final_ix) that no update of an open escalation touches (PostgreSQL keeps those HOT)
        instant(ps, i++, r.state().isOpen() ? Optional.empty() : Optional.of(r.updatedAt()), literalInstants);
        // owner_kinds (V19): the kinds of the improvement actions' owners, which the body's JSON does not hold
        ps.setString(i++, OwnerKinds.write(r.lessonsLearned()));
        return i;
    }

    private static void instant(PreparedStatement ps, int index, Optional<java.time.Instant> instant, boolean literal)
            throws SQLException {
        if (literal) {
            Db.setInstantLiteral(ps, index, instant.orElse(null));
        } else {
            Db.setInstant(ps, index, instant);
        }
    }

    /**
     * Inserts a new row and its change-feed row, in one statement; a duplicate id or submission key throws the
     * database's unique violation.
     */
    void insert(Connection c, StoredEscalation r) throws SQLException {
        try (Db.Kept kept = db.kept(c, INSERT_SQL[db.dialect().ordinal()])) {
            PreparedStatement ps = kept.statement();
            ps.setString(1, r.customer().value());
            ps.setString(2, r.id().value());
            bind(ps, 3, r, null, null, false, false);
            ps.executeUpdate();
        }
    }

    /**
     * The texts of {@link #insert} and {@link #update}, by {@link Dialect#ordinal}, built once: the same instance
     * every time, so the statement caches (the driver's, {@link Db#kept}) find it without building, hashing and
     * comparing a new text of 1 KB per command.
     */
    private static final String[] INSERT_SQL = new String[Dialect.values().length];

    private static final String[] UPDATE_SQL = new String[Dialect.values().length];

    static {
        StringBuilder set = new StringBuilder();
        for (String column : WRITTEN.split(", ")) {
            set.append(column).append(" = ?, ");
        }
        for (Dialect dialect : Dialect.values()) {
            INSERT_SQL[dialect.ordinal()] =
                    dialect.withChange("INSERT INTO esc_escalation (customer_id, escalation_id, "
                            + WRITTEN + ", change_xid) VALUES (?, ?" + WRITTEN_PARAMS + ", "
                            + dialect.changeXidOnInsert()
                            + ")");
            UPDATE_SQL[dialect.ordinal()] = dialect.withChange("UPDATE esc_escalation SET " + set + "change_xid = "
                    + dialect.changeXidOnUpdate() + " WHERE customer_id = ? AND escalation_id = ? AND row_version = ?");
        }
    }

    /**
     * Writes the next version over {@code expected} and its change-feed row, in one statement; the number of rows
     * changed (1, or 0 if it was not there).
     */
    int update(Connection c, StoredEscalation r, Locked before) throws SQLException {
        long expected = before.escalation().version();
        try (Db.Kept kept = db.kept(c, UPDATE_SQL[db.dialect().ordinal()])) {
            PreparedStatement ps = kept.statement();
            int i = bind(ps, 1, r, before.escalation(), before.documents(), false, false);
            ps.setString(i++, r.customer().value());
            ps.setString(i++, r.id().value());
            ps.setLong(i, expected);
            return ps.executeUpdate();
        }
    }

    // ------------------------------------------------------------------------------------------ PostgreSQL: one write

    /**
     * PostgreSQL: inserts a new row with its change-feed row, its open case (if it is open), its entries, metric rows,
     * outbox messages and due items in one statement (one round trip instead of seven); a duplicate id or submission
     * key throws the database's unique violation.
     *
     * @return whether the case was free: {@code false} if the row is open and another escalation holds its case
     *     (nothing must be committed then)
     */
    boolean insertAll(Connection c, StoredEscalation r, EscalationWrite write, JdbcOutbox outbox) throws SQLException {
        java.util.Set<String> queued;
        boolean caseFree;
        try (PreparedStatement ps = db.prepare(c, INSERT_ALL)) {
            ps.setString(1, r.customer().value());
            ps.setString(2, r.id().value());
            int i = bind(ps, 3, r, null, null, true, false);
            ps.setString(i++, r.customer().value());
            ps.setString(i++, r.caseId().value());
            ps.setString(i++, r.id().value());
            ps.setBoolean(i++, r.state().isOpen());
            i = bindEntryArrays(c, ps, i, r.customer(), r.id(), write.entries());
            i = JdbcMetrics.bindArrays(ps, i, write.metrics());
            i = outbox.bindArrays(ps, i, write.messages());
            bindDueArrays(ps, i, write.due());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                caseFree = !r.state().isOpen() || rs.getInt(2) == 1;
                queued = ids(rs.getArray(3));
            }
        }
        if (!caseFree) {
            return false;
        }
        outbox.queuedFromArrays(c, write.messages(), queued);
        return true;
    }

    private static java.util.Set<String> ids(java.sql.@org.jspecify.annotations.Nullable Array array)
            throws SQLException {
        if (array == null) {
            return java.util.Set.of();
        }
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (Object id : (Object[]) array.getArray()) {
            ids.add((String) id);
        }
        return ids;
    }

    /**
     * PostgreSQL: {@link #update} with the entries, metric rows, outbox messages and due items of the write, and the
     * release of the open case when the write closes the escalation, in one statement; the number of escalation rows
     * changed (1, or 0 if it was not there: the caller must roll back).
     */
    int updateAll(Connection c, StoredEscalation r, Locked before, EscalationWrite write, JdbcOutbox outbox)
            throws SQLException {
        int updated;
        java.util.Set<String> queued;
        try (PreparedStatement ps = db.prepare(c, UPDATE_ALL)) {
            int i = bind(ps, 1, r, before.escalation(), before.documents(), true, true);
            ps.setString(i++, r.customer().value());
            ps.setString(i++, r.id().value());
            ps.setLong(i++, before.escalation().version());
            i = bindEntryArrays(c, ps, i, r.customer(), r.id(), write.entries());
            i = JdbcMetrics.bindArrays(ps, i, write.metrics());
            i = outbox.bindArrays(ps, i, write.messages());
            ps.setString(i++, r.customer().value());
            ps.setString(i++, r.caseId().value());
            ps.setString(i++, r.id().value());
            ps.setBoolean(
                    i++, before.escalation().state().isOpen() && !r.state().isOpen());
            i = bindDueReplacement(ps, i, r, write.due(), before.due());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                updated = rs.getInt(1);
                queued = ids(rs.getArray(2));
            }
        }
        if (updated == 1) {
            outbox.queuedFromArrays(c, write.messages(), queued);
        }
        return updated;
    }

    private static final String PG_CHANGED = "change_xid, escalation_id, customer_id, row_version, state, updated_at";

    private static final String PG_CHANGE = "ch AS (INSERT INTO esc_change (xid, escalation_id, customer_id, "
            + "row_version, state, changed_at) SELECT " + PG_CHANGED + " FROM w RETURNING 1)";

    private static final String PG_ENTRIES = "n AS (INSERT INTO esc_entry (customer_id, escalation_id, sequence_no, "
            + "recorded_at, kind, format, actor_kind, actor_id, visibility, text, params, chain_hash, chain_previous) "
            + "SELECT ?, ?, CAST(x.s AS BIGINT), CAST(x.a AS NUMERIC), x.k, " + Json.FORMAT
            + ", x.ak, x.ai, x.v, x.t, x.p, x.h, x.hp FROM unnest(CAST(? AS TEXT[]), CAST(? AS TEXT[]), "
            + "CAST(? AS TEXT[]), CAST(? AS TEXT[]), CAST(? AS TEXT[]), CAST(? AS TEXT[]), CAST(? AS TEXT[]), "
            + "CAST(? AS TEXT[]), CAST(? AS TEXT[]), CAST(? AS TEXT[])) AS x(s, a, k, ak, ai, v, t, p, h, hp))";

    /**
     * The due items of a new escalation, as {@link JdbcDueWork#queue} inserts them (its columns, same values; an item
     * whose key is present already is skipped), from arrays: all items of a new escalation, the absent ones of a
     * changed escalation (with {@code PG_DUE_GONE}, as {@link JdbcDueWork#replace} does).
     */
    private static final String PG_DUE = "d AS (INSERT INTO esc_due (" + JdbcDueWork.INSERT_COLUMNS
            + ") SELECT x.c, x.k, x.e, x.t, x.s, CAST(x.a AS NUMERIC), "
            + Json.DUE_FORMAT + ", x.p, 'PENDING' FROM unnest(CAST(? AS TEXT[]), CAST(? AS TEXT[]), CAST(? AS TEXT[]), "
            + "CAST(? AS TEXT[]), CAST(? AS TEXT[]), CAST(? AS TEXT[]), CAST(? AS TEXT[])) AS x(c, k, e, t, s, a, p) "
            + "ON CONFLICT (due_key) DO NOTHING)";

    /**
     * The due items of a changed escalation, as {@link JdbcDueWork#replace} makes them (same rows): pending items
     * nobody holds a lease on (in database time) and whose keys are not wanted any more are removed, if any such key
     * may be there ({@code PG_DUE_GONE}); the items whose keys are absent are queued ({@code PG_DUE}, skipping present
     * keys). The two touch disjoint keys (the removed ones are not wanted, the queued ones are), so one statement does
     * both.
     */
    private static final String PG_DUE_GONE = "dg AS (DELETE FROM esc_due WHERE customer_id = ? AND escalation_id = ? "
            + "AND ? AND status = 'PENDING' AND (lease_until IS NULL OR lease_until <= " + Db.EPOCH_NOW + ") "
            + "AND NOT (due_key = ANY (CAST(? AS TEXT[]))))";

    /**
     * Binds the 4 parameters of {@code PG_DUE_GONE} and the 7 of {@code PG_DUE} for the due items {@code items} of
     * escalation {@code r}, with the keys {@code known} under its row lock (null if not known), as
     * {@link JdbcDueWork#replace} decides ({@link JdbcDueWork#plan}): the removal only when a pending key may have to
     * go, and only absent keys queued when the keys are known.
     */
    private int bindDueReplacement(
            PreparedStatement ps,
            int index,
            StoredEscalation r,
            List<DueItem> items,
            JdbcDueWork.@org.jspecify.annotations.Nullable Known known)
            throws SQLException {
        JdbcDueWork.Plan plan = JdbcDueWork.plan(items, known);
        int i = index;
        ps.setString(i++, r.customer().value());
        ps.setString(i++, r.id().value());
        ps.setBoolean(i++, plan.delete());
        Db.setTextArray(ps, i++, plan.wanted().toArray(new String[0]));
        return bindDueArrays(ps, i, plan.queued());
    }

    /** Binds the 7 array parameters of {@code PG_DUE} from {@code index} on; returns the next index. */
    private int bindDueArrays(PreparedStatement ps, int index, List<DueItem> items) throws SQLException {
        int n = items.size();
        String[][] columns = new String[7][n];
        for (int r = 0; r < n; r++) {
            DueItem item = java.util.Objects.requireNonNull(items.get(r), "due item");
            columns[0][r] = item.customer().value();
            columns[1][r] = item.key();
            columns[2][r] = item.escalation().value();
            columns[3][r] = item.kind().name();
            columns[4][r] = item.step();
            columns[5][r] = Db.toDecimal(item.dueAt()).toPlainString();
            columns[6][r] = json.write(item.data());
        }
        int i = index;
        for (String[] column : columns) {
            Db.setTextArray(ps, i++, column);
        }
        return i;
    }

    private static final String INSERT_ALL = "WITH w AS (INSERT INTO esc_escalation (customer_id, escalation_id, "
            + WRITTEN + ", change_xid) VALUES (?, ?" + WRITTEN_PARAMS + ", "
            + Dialect.POSTGRESQL.changeXidOnInsert() + ") RETURNING " + PG_CHANGED + "), " + PG_CHANGE
            + ", oc AS (INSERT INTO esc_open_case (customer_id, case_id, escalation_id) SELECT ?, ?, ? WHERE ? "
            + "ON CONFLICT DO NOTHING RETURNING 1), " + PG_ENTRIES + ", " + JdbcMetrics.insertFromArrays("m") + ", "
            + JdbcOutbox.queueFromArrays("o") + ", " + PG_DUE
            + " SELECT (SELECT count(*) FROM ch), (SELECT count(*) FROM oc), (SELECT array_agg(message_id) FROM o)";

    private static final String UPDATE_ALL;

    static {
        StringBuilder set = new StringBuilder();
        for (String column : WRITTEN.split(", ")) {
            if (column.equals("body") || column.equals("intake")) {
                // NULL when the document did not change (both columns are NOT NULL): not sent, kept as stored
                set.append(column).append(" = COALESCE(?, ").append(column).append("), ");
            } else {
                set.append(column).append(" = ?, ");
            }
        }
        set.append("change_xid = ").append(Dialect.POSTGRESQL.changeXidOnUpdate());
        // the row by its id's unique index whatever the statistics: on a table not yet analyzed (a new schema, until
        // autovacuum's first ANALYZE) a plain customer_id = ? ties (customer_id, submission_key) with the id index,
        // and the cached plan then walked every row of the customer (the command's time grew with the table); the
        // customer test, an IS TRUE, is the same condition, checked on the row only
        UPDATE_ALL = "WITH w AS (UPDATE esc_escalation SET " + set
                + " WHERE (customer_id = ?) IS TRUE AND escalation_id = ? AND row_version = ? RETURNING " + PG_CHANGED
                + "), "
                + PG_CHANGE + ", " + PG_ENTRIES + ", " + JdbcMetrics.insertFromArrays("m") + ", "
                + JdbcOutbox.queueFromArrays("o") + ", fc AS (DELETE FROM esc_open_case WHERE customer_id = ? "
                + "AND case_id = ? AND escalation_id = ? AND ?), " + PG_DUE_GONE + ", " + PG_DUE
                + " SELECT (SELECT count(*) FROM ch), (SELECT array_agg(message_id) FROM o)";
    }

    /** Binds the 12 parameters of the entries item ({@code PG_ENTRIES}) from {@code index} on; the next index. */
    private int bindEntryArrays(
            Connection c, PreparedStatement ps, int index, CustomerId customer, EscalationId id, List<StoredEntry> rows)
            throws SQLException {
        int n = rows.size();
        String[][] columns = new String[10][n];
        for (int r = 0; r < n; r++) {
            StoredEntry e = rows.get(r);
            columns[0][r] = Long.toString(e.sequence());
            columns[1][r] = Db.toDecimal(e.at()).toPlainString();
            columns[2][r] = e.kind().name();
            columns[3][r] = e.actor().kind().name();
            columns[4][r] = e.actor().id();
            columns[5][r] = e.visibility().name();
            columns[6][r] = e.text().orElse(null);
            columns[7][r] = json.writeParams(e.params());
            columns[8][r] = e.chain().map(ChainLink::hash).orElse(null);
            columns[9][r] = e.chain().map(ChainLink::previous).orElse(null);
        }
        int i = index;
        ps.setString(i++, customer.value());
        ps.setString(i++, id.value());
        for (String[] column : columns) {
            Db.setTextArray(ps, i++, column);
        }
        return i;
    }

    // ------------------------------------------------------------------------------------------ entries

    void insertEntries(Connection c, CustomerId customer, EscalationId id, List<StoredEntry> entries)
            throws SQLException {
        if (entries.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = db.prepare(
                c,
                "INSERT INTO esc_entry (customer_id, escalation_id, sequence_no, recorded_at, kind, format, "
                        + "actor_kind, actor_id, visibility, text, params, chain_hash, chain_previous) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (StoredEntry e : entries) {
                ps.setString(1, customer.value());
                ps.setString(2, id.value());
                ps.setLong(3, e.sequence());
                ps.setBigDecimal(4, Db.toDecimal(e.at()));
                ps.setString(5, e.kind().name());
                ps.setInt(6, Json.FORMAT);
                ps.setString(7, e.actor().kind().name());
                ps.setString(8, e.actor().id());
                ps.setString(9, e.visibility().name());
                if (e.text().isPresent()) {
                    ps.setString(10, e.text().get());
                } else {
                    ps.setNull(10, Types.VARCHAR);
                }
                ps.setString(11, json.writeParams(e.params()));
                ps.setString(12, e.chain().map(ChainLink::hash).orElse(null));
                ps.setString(13, e.chain().map(ChainLink::previous).orElse(null));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    StoredEntry readEntry(ResultSet rs) throws SQLException {
        long sequence = rs.getLong("sequence_no");
        String hash = rs.getString("chain_hash");
        String previous = rs.getString("chain_previous");
        return decoded(
                "esc_entry",
                sequence,
                () -> new StoredEntry(
                        sequence,
                        Db.instant(rs, "recorded_at"),
                        ProgressKind.valueOf(rs.getString("kind")),
                        new ActorRef(ActorRef.Kind.valueOf(rs.getString("actor_kind")), rs.getString("actor_id")),
                        Visibility.valueOf(rs.getString("visibility")),
                        Optional.ofNullable(rs.getString("text")),
                        json.readParams(rs.getString("params")),
                        link(hash, previous)));
    }

    /** Reads a value of a row for {@link #decoded}. */
    @FunctionalInterface
    interface RowDecoder<T> {
        /**
         * Reads it.
         *
         * @return the value
         * @throws SQLException if the driver fails
         */
        T decode() throws SQLException;
    }

    /**
     * What {@code decoder} reads of a row of {@code table}, or {@link #unreadable} if the row holds a value the store
     * never writes: the failures of decoding one (an unknown code, a document that is not its JSON, an instant out of
     * range, a missing value); a driver's {@link SQLException} passes.
     */
    static <T> T decoded(String table, long position, RowDecoder<T> decoder) throws SQLException {
        try {
            return decoder.decode();
        } catch (IllegalArgumentException
                | IllegalStateException
                | ArithmeticException
                | NullPointerException
                | java.time.DateTimeException e) {
            throw unreadable(table, position, e);
        }
    }

    /**
     * A row holding a value the store never writes (an unknown code, a document that is not its JSON, an instant out
     * of range): changed outside the store. Not an outage: {@link StoredDataException}, which the engine reports as
     * {@code CORRUPT_DATA} (not retryable) and its audit verification as a finding at {@code position}. Names the
     * table and the failure's type only (its message may quote the value).
     */
    static StoredDataException unreadable(String table, long position, RuntimeException e) {
        return new StoredDataException(
                "a row of " + table + " holds a value the store never writes ("
                        + e.getClass().getSimpleName() + ")",
                position,
                e);
    }

    /**
     * The stored link, or none where the columns do not hold one (both null, or either not 64 lower-case hex digits):
     * a link changed behind the store's back is tampered data, which audit verification reports as {@code UNLINKED}
     * there; it must not make every read of the log fail as an outage.
     */
    private static Optional<ChainLink> link(String hash, String previous) {
        if (hash == null || previous == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new ChainLink(hash, previous));
        } catch (IllegalArgumentException notAHash) {
            return Optional.empty();
        }
    }
}
