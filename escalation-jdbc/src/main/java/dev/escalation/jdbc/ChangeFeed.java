package dev.escalation.jdbc;

import dev.escalation.model.CustomerId;
import dev.escalation.model.EscalationId;
import dev.escalation.model.EscalationState;
import dev.escalation.spi.Change;
import dev.escalation.spi.ChangeBatch;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The change feed on table {@code esc_change}. Writers insert one row per create or change in their own transaction,
 * without a position (in the statement that writes the escalation's row: {@link Dialect#withChange}). {@link #since} is
 * the sequencer: in one short transaction it locks the clock row, gives the committed rows that have no position yet
 * the next positions (in {@code seq} order, which keeps each escalation's versions in order), and reads by position. A
 * row gets its position only once committed, so a cursor never passes a row that commits later, and no unrelated
 * transaction of the database holds the feed back.
 */
final class ChangeFeed {
    private static final String CURSOR_PREFIX = "p1:";
    /** How many rows one call positions at most (a first call after an upgrade may find one per escalation). */
    private static final int POSITION_BATCH = 5_000;

    private final Db db;

    ChangeFeed(Db db) {
        this.db = db;
    }

    private static long position(String cursor) {
        if (cursor.isEmpty()) {
            return 0;
        }
        if (!cursor.startsWith(CURSOR_PREFIX)) {
            throw new IllegalArgumentException("not a change-feed cursor of this store: " + cursor);
        }
        try {
            long position = Long.parseLong(cursor.substring(CURSOR_PREFIX.length()));
            if (position < 1 || !cursor.equals(CURSOR_PREFIX + position)) { // another spelling (+2, 02) was not issued
                throw new NumberFormatException(cursor);
            }
            return position;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a change-feed cursor of this store: " + cursor, e);
        }
    }

    ChangeBatch since(String cursor, int limit) {
        java.util.Objects.requireNonNull(cursor, "cursor");
        Db.checkLimit(limit, dev.escalation.model.PageRequest.MAX_SIZE);
        long after = position(cursor);
        return db.inTransaction("change feed", c -> {
            if (after > assignPositions(c)) { // beyond every position given out: following it would skip changes
                throw new IllegalArgumentException("not a change-feed cursor of this store: " + cursor);
            }
            List<Change> changes = new ArrayList<>();
            long last = after;
            try (PreparedStatement ps = db.prepare(
                    c,
                    "SELECT position, escalation_id, customer_id, row_version, state, changed_at FROM esc_change"
                            + " WHERE position > ? ORDER BY position LIMIT ?")) {
                ps.setLong(1, after);
                ps.setInt(2, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        changes.add(new Change(
                                EscalationId.of(rs.getString("escalation_id")),
                                CustomerId.of(rs.getString("customer_id")),
                                rs.getLong("row_version"),
                                EscalationState.valueOf(rs.getString("state")),
                                Db.instant(rs, "changed_at")));
                        last = rs.getLong("position");
                    }
                }
            }
            return new ChangeBatch(changes, changes.isEmpty() ? cursor : CURSOR_PREFIX + last);
        });
    }

    /**
     * Gives committed rows without a position the next positions, in seq order; callers take turns on the clock row.
     *
     * @return the last position given out, ever (purged rows' positions included)
     */
    private long assignPositions(Connection c) throws SQLException {
        long clock;
        try (PreparedStatement ps =
                        db.prepare(c, "SELECT last_position FROM esc_change_clock WHERE id = 1 FOR UPDATE");
                ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                throw new IllegalStateException("esc_change_clock has no row: the schema was not migrated");
            }
            clock = rs.getLong(1);
        }
        List<long[]> pending = new ArrayList<>();
        try (PreparedStatement ps = db.prepare(
                        c,
                        "SELECT xid, seq FROM esc_change WHERE position IS NULL ORDER BY seq LIMIT " + POSITION_BATCH);
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                pending.add(new long[] {rs.getLong(1), rs.getLong(2)});
            }
        }
        if (pending.isEmpty()) {
            return clock;
        }
        try (PreparedStatement ps =
                db.prepare(c, "UPDATE esc_change SET position = ? WHERE xid = ? AND seq = ? AND position IS NULL")) {
            for (long[] row : pending) {
                ps.setLong(1, ++clock);
                ps.setLong(2, row[0]);
                ps.setLong(3, row[1]);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        try (PreparedStatement ps = db.prepare(c, "UPDATE esc_change_clock SET last_position = ? WHERE id = 1")) {
            ps.setLong(1, clock);
            ps.executeUpdate();
        }
        return clock;
    }
}
