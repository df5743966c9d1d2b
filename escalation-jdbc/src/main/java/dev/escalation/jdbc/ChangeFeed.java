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
 * The change feed on table {@code esc_change}: every create and change inserts one row in its own transaction, and
 * {@link #since} reads them in (xid, seq) order, only as far as no running transaction can still commit a row before
 * them (see {@code V2__spi_v2.sql} and the module README for the mechanism per database and its cost).
 */
final class ChangeFeed {
    private static final String CURSOR_PREFIX = "c1:";

    private final Db db;

    ChangeFeed(Db db) {
        this.db = db;
    }

    /**
     * Records the write of escalation {@code id} that the caller's transaction just made (the row holds the new
     * version). The last statement before the commit: on H2 it locks the clock row until then.
     */
    void record(Connection c, EscalationId id) throws SQLException {
        String select = " escalation_id, customer_id, row_version, state, updated_at FROM esc_escalation"
                + " WHERE escalation_id = ?";
        if (db.dialect() == Dialect.H2) {
            try (PreparedStatement ps =
                    db.prepare(c, "UPDATE esc_change_clock SET last_position = last_position + 1 WHERE id = 1")) {
                ps.executeUpdate();
            }
            select = " (SELECT last_position FROM esc_change_clock WHERE id = 1)," + select;
        } else {
            select = " change_xid," + select;
        }
        try (PreparedStatement ps = db.prepare(
                c,
                "INSERT INTO esc_change (xid, escalation_id, customer_id, row_version, state, changed_at) SELECT"
                        + select)) {
            ps.setString(1, id.value());
            if (ps.executeUpdate() != 1) {
                throw new IllegalStateException("the written escalation " + id + " is missing from its transaction");
            }
        }
    }

    /** A position in the feed: the last row returned. */
    private record Position(long xid, long seq) {
        static final Position START = new Position(-1, -1);

        String cursor() {
            return CURSOR_PREFIX + xid + "." + seq;
        }

        static Position of(String cursor) {
            if (cursor.isEmpty()) {
                return START;
            }
            if (!cursor.startsWith(CURSOR_PREFIX)) {
                throw new IllegalArgumentException("not a change-feed cursor of this store: " + cursor);
            }
            String rest = cursor.substring(CURSOR_PREFIX.length());
            int dot = rest.indexOf('.');
            try {
                if (dot < 1) {
                    throw new NumberFormatException(rest);
                }
                long xid = Long.parseLong(rest.substring(0, dot));
                long seq = Long.parseLong(rest.substring(dot + 1));
                if (xid < 0 || seq < 0) {
                    throw new NumberFormatException(rest);
                }
                return new Position(xid, seq);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a change-feed cursor of this store: " + cursor, e);
            }
        }
    }

    ChangeBatch since(String cursor, int limit) {
        java.util.Objects.requireNonNull(cursor, "cursor");
        Db.checkLimit(limit, dev.escalation.model.PageRequest.MAX_SIZE);
        Position after = Position.of(cursor);
        return db.inTransaction("change feed", c -> {
            String sql = "SELECT x.xid, x.seq, x.escalation_id, x.customer_id, x.row_version, x.state, x.changed_at"
                    + " FROM esc_change x WHERE (x.xid > ? OR (x.xid = ? AND x.seq > ?))"
                    + db.dialect().visibleChanges("x.xid") + " ORDER BY x.xid, x.seq LIMIT ?";
            List<Change> changes = new ArrayList<>();
            Position last = after;
            try (PreparedStatement ps = db.prepare(c, sql)) {
                ps.setLong(1, after.xid());
                ps.setLong(2, after.xid());
                ps.setLong(3, after.seq());
                ps.setInt(4, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        changes.add(new Change(
                                EscalationId.of(rs.getString("escalation_id")),
                                CustomerId.of(rs.getString("customer_id")),
                                rs.getLong("row_version"),
                                EscalationState.valueOf(rs.getString("state")),
                                Db.instant(rs, "changed_at")));
                        last = new Position(rs.getLong("xid"), rs.getLong("seq"));
                    }
                }
            }
            return new ChangeBatch(changes, changes.isEmpty() ? cursor : last.cursor());
        });
    }
}
