package dev.escalation.jdbc;

import static java.util.Objects.requireNonNull;

import dev.escalation.model.CustomerId;
import dev.escalation.model.DueKind;
import dev.escalation.model.EscalationId;
import dev.escalation.spi.ClaimedDue;
import dev.escalation.spi.DueItem;
import dev.escalation.spi.DueWork;
import dev.escalation.spi.OutboxMessage;
import dev.escalation.spi.StoredDataException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Due work on table {@code esc_due}. */
final class JdbcDueWork implements DueWork {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcDueWork.class);
    private static final int MAX_CLAIMANT = 200;
    private static final String COLUMNS =
            "d.customer_id, d.due_key, d.escalation_id, d.kind, d.step, d.due_at, " + "d.payload_format, d.payload";

    private final Db db;
    private final Json json;
    private final JdbcOutbox outbox;

    JdbcDueWork(Db db, Json json, JdbcOutbox outbox) {
        this.db = db;
        this.json = json;
        this.outbox = outbox;
    }

    static final String INSERT_COLUMNS =
            "customer_id, due_key, escalation_id, kind, step, due_at, payload_format, payload, status";

    /**
     * Queues items in the caller's transaction, as one batch; an item whose key is pending or completed is skipped.
     */
    void queue(Connection c, List<DueItem> items) throws SQLException {
        if (items.isEmpty()) {
            return;
        }
        for (DueItem item : items) {
            requireNonNull(item, "due item");
        }
        db.insertSkippingPresent(
                c,
                "esc_due",
                INSERT_COLUMNS,
                9,
                "due_key",
                items,
                (ps, item) -> {
                    ps.setString(1, item.customer().value());
                    ps.setString(2, item.key());
                    ps.setString(3, item.escalation().value());
                    ps.setString(4, item.kind().name());
                    ps.setString(5, item.step());
                    ps.setBigDecimal(6, Db.toDecimal(item.dueAt()));
                    ps.setInt(7, Json.DUE_FORMAT);
                    ps.setString(8, json.write(item.data()));
                    ps.setString(9, "PENDING");
                },
                DueItem::key);
    }

    /** Separates the keys of {@link #knownColumns}; the count tells whether a key held it too. */
    private static final String KEY_SEPARATOR = "\u001f";

    /**
     * The due keys of an escalation as read together with its locked row: which are pending and which exist at all.
     * Under the row lock only the lock holder adds keys, and a pending key can only become done, so what is read stays
     * true for the rest of the transaction except that pending keys may complete.
     */
    record Known(Set<String> pending, Set<String> all) {}

    /**
     * Three columns of the row {@code e} for {@link #known}: {@code due_count}, {@code due_keys} (each key prefixed by
     * P for pending or D for done, joined) and {@code due_version}, the row's version in the snapshot the two were read
     * in. A {@code SELECT … FOR UPDATE} that waited for another writer's lock reads the row as that writer left it but
     * (PostgreSQL, read committed) its sub-queries still in the statement's older snapshot: then {@code due_version}
     * differs from {@code e.row_version} and the keys are not used. The version is read by the escalation id alone
     * (unique, so the same row): with the customer too, PostgreSQL's plan on a never-analyzed {@code esc_escalation}
     * took {@code (customer_id, submission_key)} and walked every row of the customer on every command's read.
     */
    static String knownColumns(Dialect dialect) {
        String of = " FROM esc_due d WHERE d.customer_id = e.customer_id AND d.escalation_id = e.escalation_id)";
        return "(SELECT COUNT(*)" + of + " AS due_count, (SELECT "
                + dialect.joinedText("CASE WHEN d.status = 'PENDING' THEN 'P' ELSE 'D' END || d.due_key", KEY_SEPARATOR)
                + of + " AS due_keys, (SELECT v.row_version FROM esc_escalation v WHERE v.escalation_id = "
                + "e.escalation_id) AS due_version";
    }

    /** The keys of {@link #knownColumns} of the current row of {@code rs}, or null if they are not to be used. */
    static @org.jspecify.annotations.Nullable Known known(java.sql.ResultSet rs) throws SQLException {
        if (rs.getLong("due_version") != rs.getLong("row_version")) {
            return null;
        }
        return known(rs.getLong("due_count"), rs.getString("due_keys"));
    }

    /** The keys read by {@link #knownColumns}, or null if they cannot be told apart (a key holding the separator). */
    static @org.jspecify.annotations.Nullable Known known(
            long count, @org.jspecify.annotations.Nullable String joined) {
        if (count == 0) {
            return joined == null ? new Known(Set.of(), Set.of()) : null;
        }
        if (joined == null) {
            return null;
        }
        String[] keys = joined.split(KEY_SEPARATOR, -1);
        if (keys.length != count) {
            return null;
        }
        Set<String> pending = new java.util.HashSet<>();
        Set<String> all = new java.util.HashSet<>();
        for (String k : keys) {
            if (k.isEmpty() || (k.charAt(0) != 'P' && k.charAt(0) != 'D')) {
                return null;
            }
            String key = k.substring(1);
            all.add(key);
            if (k.charAt(0) == 'P') {
                pending.add(key);
            }
        }
        return all.size() == count ? new Known(pending, all) : null;
    }

    /**
     * What replacing an escalation's due items with {@code items} takes, given the keys {@code known} under its row
     * lock (null if not known): the {@code wanted} keys (in the items' order), whether pending items whose keys are not
     * wanted may have to be removed ({@code delete}: always when the keys are not known, else only when a pending key
     * is not wanted), and the items to queue ({@code queued}: all items when the keys are not known, else only those
     * whose keys are absent). Both the H2 path ({@link #replace}) and PostgreSQL's one statement
     * ({@code EscalationRows.bindDueReplacement}) follow it, so they make the same rows.
     */
    record Plan(Set<String> wanted, boolean delete, List<DueItem> queued) {}

    /** The {@link Plan} for replacing an escalation's due items with {@code items}, the keys {@code known} or null. */
    static Plan plan(List<DueItem> items, @org.jspecify.annotations.Nullable Known known) {
        Set<String> wanted = new LinkedHashSet<>();
        for (DueItem item : items) {
            wanted.add(requireNonNull(item, "due item").key());
        }
        if (known == null) {
            return new Plan(wanted, true, items);
        }
        List<DueItem> absent = new ArrayList<>();
        for (DueItem item : items) {
            if (!known.all().contains(item.key())) {
                absent.add(item);
            }
        }
        return new Plan(wanted, !wanted.containsAll(known.pending()), absent);
    }

    /**
     * Makes {@code items} the escalation's future due items, in the caller's transaction: pending items that nobody
     * holds a lease on (in database time) and that are not in {@code items} are removed by one statement; new keys are
     * queued by one batch; keys already pending, leased or completed are left as they are. With the keys {@code known}
     * under the row lock, the statement is left out when no pending key is to go, and only absent keys are queued
     * (the batch left out when there is none): the same rows result ({@link #plan}).
     */
    void replace(
            Connection c,
            CustomerId customer,
            EscalationId escalation,
            List<DueItem> items,
            @org.jspecify.annotations.Nullable Known known)
            throws SQLException {
        Plan plan = plan(items, known);
        if (plan.delete()) {
            delete(c, customer, escalation, plan.wanted());
        }
        queue(c, plan.queued());
    }

    /** Deletes the pending, unleased due items of an escalation ({@link #delete}). */
    private static final String DELETE_PENDING = "DELETE FROM esc_due WHERE customer_id = ? AND escalation_id = ? "
            + "AND status = 'PENDING' AND (lease_until IS NULL OR lease_until <= " + Db.EPOCH_NOW + ")";

    /** H2: {@link #DELETE_PENDING} but the keys still wanted, bound as one array. */
    private static final String DELETE_PENDING_BUT_ARRAY =
            DELETE_PENDING + " AND NOT (due_key = ANY(CAST(? AS VARCHAR ARRAY)))";

    private void delete(Connection c, CustomerId customer, EscalationId escalation, Set<String> wanted)
            throws SQLException {
        // H2: the kept keys as one array parameter, so that the text is the same whatever their number and is kept
        // with the connection (Db.kept)
        boolean array = !wanted.isEmpty() && db.dialect() == Dialect.H2;
        String sql;
        if (wanted.isEmpty()) {
            sql = DELETE_PENDING;
        } else if (array) {
            sql = DELETE_PENDING_BUT_ARRAY;
        } else {
            sql = DELETE_PENDING + " AND due_key NOT IN (" + String.join(", ", Collections.nCopies(wanted.size(), "?"))
                    + ")";
        }
        try (Db.Kept kept = db.kept(c, sql)) {
            PreparedStatement ps = kept.statement();
            int i = 1;
            ps.setString(i++, customer.value());
            ps.setString(i++, escalation.value());
            if (array) {
                ps.setArray(i, c.createArrayOf("VARCHAR", wanted.toArray(new String[0])));
            } else {
                for (String key : wanted) {
                    ps.setString(i++, key);
                }
            }
            ps.executeUpdate();
        }
    }

    @Override
    public List<DueItem> due(Instant now, int limit) {
        requireNonNull(now, "now");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1: " + limit);
        }
        return db.inTransaction("due work list", c -> {
            String sql = "SELECT " + COLUMNS + " FROM esc_due d WHERE d.status = 'PENDING' AND d.due_at <= ?"
                    + " ORDER BY d.due_at, " + db.dialect().sortableId("d.due_key") + " LIMIT ?";
            try (PreparedStatement ps = db.prepare(c, sql)) {
                ps.setBigDecimal(1, Db.toDecimal(now));
                ps.setInt(2, limit);
                return items(ps, null);
            }
        });
    }

    /**
     * How many batches of items it cannot read back one claim sets aside before it returns empty-handed: past them it
     * reads on, so that a batch of changed rows does not end the caller's run while readable items wait behind them.
     */
    static final int SET_ASIDE_ROUNDS = 16;

    @Override
    public List<ClaimedDue> claim(String claimant, Instant now, Duration lease, int limit) {
        Db.checkClaim(claimant, now, lease, limit);
        return db.inTransaction("due work claim", c -> {
            Instant dbNow = db.databaseNow(c);
            String token = UUID.randomUUID().toString();
            int setAside = 0;
            List<DueItem> items = List.of();
            for (int round = 0; round < SET_ASIDE_ROUNDS && items.isEmpty(); round++) {
                List<RowKey> unreadable = new ArrayList<>(0);
                items = db.dialect() == Dialect.H2
                        ? claimableOnH2(c, now, dbNow, limit, unreadable)
                        : claimable(
                                c,
                                "SELECT " + COLUMNS + CLAIMABLE + " ORDER BY d.due_at, "
                                        + db.dialect().sortableId("d.due_key") + " LIMIT ? FOR UPDATE SKIP LOCKED",
                                now,
                                dbNow,
                                limit,
                                unreadable);
                if (items.isEmpty() && unreadable.isEmpty()) {
                    break;
                }
                leaseRows(c, token, claimant, dbNow.plus(lease), items, unreadable);
                setAside += unreadable.size(); // leased now: the next round's read passes over them
            }
            if (setAside > 0) {
                LOG.warn(
                        "{} due items hold values the store never writes (changed outside it): set aside until their"
                                + " lease ends, {}; mend them and they are done as planned",
                        setAside,
                        lease);
            }
            LOG.debug("claimed {} due items", items.size());
            return items.stream().map(i -> new ClaimedDue(i, token)).toList();
        });
    }

    /** Leases the rows of one claim's read: the items it returns and those it cannot read back, in one batch. */
    private void leaseRows(
            Connection c, String token, String claimant, Instant until, List<DueItem> items, List<RowKey> unreadable)
            throws SQLException {
        try (PreparedStatement ps = db.prepare(
                c,
                "UPDATE esc_due SET claim_token = ?, claimed_by = ?, "
                        + "lease_until = ? WHERE customer_id = ? AND due_key = ?")) {
            ps.setString(1, token);
            ps.setString(2, Db.truncate(claimant, MAX_CLAIMANT));
            ps.setBigDecimal(3, Db.toDecimal(until));
            for (DueItem item : items) {
                addLease(ps, item.customer().value(), item.key());
            }
            for (RowKey key : unreadable) {
                addLease(ps, key.customer(), key.dueKey());
            }
            ps.executeBatch();
        }
    }

    /** Adds the lease of one row to the claim's batch (token, claimant and lease end are bound once). */
    private static void addLease(PreparedStatement ps, String customer, String dueKey) throws SQLException {
        ps.setString(4, customer);
        ps.setString(5, dueKey);
        ps.addBatch();
    }

    /**
     * The key of a due item's row as stored, also of one that cannot be read back: a claim leases such an item without
     * returning it (the log counts them), so one row changed outside the store neither stops every claim (which threw
     * at every attempt before) nor is lost: it is claimed again when its lease ends, and done once mended.
     */
    record RowKey(String customer, String dueKey) {}

    /** The condition of a claimable item (parameters: the claim's instant, the database's now). */
    private static final String CLAIMABLE = " FROM esc_due d WHERE d.status = 'PENDING' AND d.due_at <= ?"
            + " AND (d.lease_until IS NULL OR d.lease_until <= ?)";

    /**
     * H2's first read of a claim: the keys of the claimable items in due order up to the limit, not locked, read in
     * order from {@code esc_due_due_ix} (status, due_at, key). Parameters: the claim's instant, the database's now,
     * the limit.
     */
    static final String H2_FIRST = "SELECT d.due_key" + CLAIMABLE + " ORDER BY d.status, d.due_at, d.due_key LIMIT ?";

    /**
     * H2's lock of a claim: of the items whose keys are bound as one array (the last parameter), those still claimable,
     * locked, passing over those another transaction holds. Parameters as {@link #CLAIMABLE}, then the keys.
     */
    static final String H2_LOCK =
            "SELECT " + COLUMNS + CLAIMABLE + " AND d.due_key = ANY(CAST(? AS VARCHAR ARRAY)) FOR UPDATE SKIP LOCKED";

    /** The claimable items a locking statement reads (parameters: the claim's instant, the database's now, limit). */
    private List<DueItem> claimable(
            Connection c, String sql, Instant now, Instant dbNow, int limit, List<RowKey> unreadable)
            throws SQLException {
        try (PreparedStatement ps = db.prepare(c, sql)) {
            bindClaim(ps, now, dbNow, limit);
            return items(ps, unreadable);
        }
    }

    /** Binds the parameters of {@link #CLAIMABLE} and the limit after them. */
    private static void bindClaim(PreparedStatement ps, Instant now, Instant dbNow, int limit) throws SQLException {
        ps.setBigDecimal(1, Db.toDecimal(now));
        ps.setBigDecimal(2, Db.toDecimal(dbNow));
        ps.setInt(3, limit);
    }

    /**
     * The items a statement, its parameters bound, reads; the keys of those that cannot be read back go to {@code
     * unreadable} if given, else they are thrown ({@link StoredDataException}).
     */
    private List<DueItem> items(PreparedStatement ps, @Nullable List<RowKey> unreadable) throws SQLException {
        List<DueItem> items = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                try {
                    items.add(read(rs));
                } catch (StoredDataException e) {
                    if (unreadable == null) {
                        throw e;
                    }
                    unreadable.add(new RowKey(rs.getString("customer_id"), rs.getString("due_key")));
                }
            }
        }
        return items;
    }

    /**
     * The H2 claim's items: the first claimable keys in due order ({@link #H2_FIRST}), then those of them still
     * claimable, locked ({@link #H2_LOCK}), in due order. In one {@code SELECT … ORDER BY … LIMIT … FOR UPDATE}, H2
     * locks every row meeting the condition before it sorts and stops at the limit: a claim locked every due item
     * (issue 17, as the outbox claim). An item another transaction holds is passed over and not replaced by one past
     * the limit: the claim may return fewer items than are due; the next claim reads on.
     */
    List<DueItem> claimableOnH2(Connection c, Instant now, Instant dbNow, int limit, List<RowKey> unreadable)
            throws SQLException {
        List<String> keys = new ArrayList<>();
        try (PreparedStatement ps = db.prepare(c, H2_FIRST)) {
            bindClaim(ps, now, dbNow, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    keys.add(rs.getString(1));
                }
            }
        }
        if (keys.isEmpty()) {
            return new ArrayList<>();
        }
        List<DueItem> items;
        try (PreparedStatement ps = db.prepare(c, H2_LOCK)) {
            ps.setBigDecimal(1, Db.toDecimal(now));
            ps.setBigDecimal(2, Db.toDecimal(dbNow));
            ps.setArray(3, c.createArrayOf("VARCHAR", keys.toArray(new String[0])));
            items = items(ps, unreadable);
        }
        items.sort(Comparator.comparing(DueItem::dueAt).thenComparing(DueItem::key));
        return items;
    }

    /**
     * The due item of a row.
     *
     * @throws StoredDataException if the row holds a value the store never writes (changed outside the store)
     */
    DueItem read(ResultSet rs) throws SQLException {
        return EscalationRows.decoded(
                "esc_due",
                0,
                () -> new DueItem(
                        rs.getString("due_key"),
                        EscalationId.of(rs.getString("escalation_id")),
                        CustomerId.of(rs.getString("customer_id")),
                        DueKind.valueOf(rs.getString("kind")),
                        rs.getString("step"),
                        Db.instant(rs, "due_at"),
                        json.readMap(rs.getString("payload"), rs.getInt("payload_format"), "due item data")));
    }

    @Override
    public boolean complete(ClaimedDue claimed, List<OutboxMessage> followUps) {
        requireNonNull(claimed, "claimed");
        List<OutboxMessage> messages = List.copyOf(followUps);
        boolean done = db.inTransaction("due work complete", c -> {
            try (PreparedStatement ps = db.prepare(
                    c,
                    "UPDATE esc_due SET status = 'DONE', claim_token = NULL, "
                            + "claimed_by = NULL, lease_until = NULL WHERE customer_id = ? AND due_key = ? "
                            + "AND claim_token = ? AND status = 'PENDING'")) {
                ps.setString(1, claimed.item().customer().value());
                ps.setString(2, claimed.item().key());
                ps.setString(3, claimed.claimToken());
                if (ps.executeUpdate() != 1) {
                    return false;
                }
            }
            outbox.queue(c, messages);
            return true;
        });
        if (!done) {
            LOG.debug(
                    "due item of escalation {} not completed: the claim no longer holds",
                    claimed.item().escalation());
        }
        return done;
    }

    @Override
    public void release(ClaimedDue claimed) {
        requireNonNull(claimed, "claimed");
        db.singleStatement("due work release", c -> {
            try (PreparedStatement ps = db.prepare(
                    c,
                    "UPDATE esc_due SET claim_token = NULL, claimed_by = NULL, "
                            + "lease_until = NULL WHERE customer_id = ? AND due_key = ? AND claim_token = ? "
                            + "AND status = 'PENDING'")) {
                ps.setString(1, claimed.item().customer().value());
                ps.setString(2, claimed.item().key());
                ps.setString(3, claimed.claimToken());
                return ps.executeUpdate();
            }
        });
    }
}
