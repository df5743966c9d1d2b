package dev.escalation.jdbc;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import javax.sql.DataSource;

/**
 * Bulk rows for retention tests, inserted by SQL (PostgreSQL {@code generate_series}): final escalations with their
 * entries, delivered outbox messages, completed due items, ticket references and change-feed rows. JSON columns hold
 * {@code {}}: purging never reads them.
 */
final class RetentionLoad {
    private RetentionLoad() {}

    /**
     * Inserts escalations {@code prefix-1} … {@code prefix-n} in {@code state}, last changed at {@code changedAt}
     * (plus g milliseconds), each with 3 entries, 2 delivered outbox messages, 1 completed due item, a ticket and a
     * change row.
     */
    static void escalations(DataSource pool, String prefix, int n, String state, Instant changedAt)
            throws SQLException {
        boolean open = !state.equals("CLOSED") && !state.equals("WITHDRAWN");
        BigDecimal at = Db.toDecimal(changedAt);
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO esc_escalation (customer_id, escalation_id, "
                    + "row_version, case_id, state, cause, criticality, raised_by, manager_id, submission_key, "
                    + "raised_at, updated_at, progress_max, body_format, body, intake, facts, open, final_at, change_xid) "
                    + "SELECT 'cust-' || (g % 97), ? || '-' || g, 5, ? || '-case-' || g, ?, 'SOFTWARE_ERROR', 'HIGH', "
                    + "'contact-' || (g % 500), 'eve', ? || '-sub-' || g, ? - 86400, ? + g / 1000.0, 3, 2, '{}', "
                    + "'{}', '{}', ?, CASE WHEN ? THEN NULL ELSE ? + g / 1000.0 END, 0 FROM generate_series(1, ?) g")) {
                ps.setString(1, prefix);
                ps.setString(2, prefix);
                ps.setString(3, state);
                ps.setString(4, prefix);
                ps.setBigDecimal(5, at);
                ps.setBigDecimal(6, at);
                ps.setBoolean(7, open);
                ps.setBoolean(8, open);
                ps.setBigDecimal(9, at);
                ps.setInt(10, n);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO esc_entry (customer_id, escalation_id, "
                    + "sequence_no, recorded_at, kind, format, actor_kind, actor_id, visibility, text, params) "
                    + "SELECT 'cust-' || (g % 97), ? || '-' || g, s, ?, 'STATUS_UPDATE', 2, 'CONTACT', "
                    + "'contact-' || (g % 500), 'CUSTOMER', 'The warehouse is down, entry ' || s, '{}' "
                    + "FROM generate_series(1, ?) g, generate_series(1, 3) s")) {
                ps.setString(1, prefix);
                ps.setBigDecimal(2, at);
                ps.setInt(3, n);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO esc_outbox (customer_id, message_id, "
                    + "escalation_id, idempotency_key, target, effect_type, payload_format, payload, status, "
                    + "created_at, next_attempt_at, attempts, chain_key, delivered_at) "
                    + "SELECT 'cust-' || (g % 97), ? || '-m-' || g || '-' || s, ? || '-' || g, "
                    + "? || '-k-' || g || '-' || s, 'NOTIFICATION', 'NotificationRequest', 2, '{}', 'DONE', ?, ?, 1, "
                    + "? || '-' || g, ? FROM generate_series(1, ?) g, generate_series(1, 2) s")) {
                ps.setString(1, prefix);
                ps.setString(2, prefix);
                ps.setString(3, prefix);
                ps.setBigDecimal(4, at);
                ps.setBigDecimal(5, at);
                ps.setString(6, prefix);
                ps.setBigDecimal(7, at);
                ps.setInt(8, n);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO esc_due (customer_id, due_key, escalation_id, "
                    + "kind, step, due_at, payload_format, payload, status) SELECT 'cust-' || (g % 97), "
                    + "? || '-due-' || g, ? || '-' || g, 'RESOLUTION', 'breach', ?, 2, '{}', 'DONE' "
                    + "FROM generate_series(1, ?) g")) {
                ps.setString(1, prefix);
                ps.setString(2, prefix);
                ps.setBigDecimal(3, at);
                ps.setInt(4, n);
                ps.executeUpdate();
            }
            try (Statement s = c.createStatement()) {
                s.executeUpdate("INSERT INTO esc_ticket (escalation_id, reference) SELECT escalation_id, 'T-' || "
                        + "escalation_id FROM esc_escalation WHERE escalation_id LIKE '" + prefix + "-%'");
                s.executeUpdate("INSERT INTO esc_change (xid, escalation_id, customer_id, row_version, state, "
                        + "changed_at, position) SELECT 0, escalation_id, customer_id, row_version, state, updated_at, "
                        + "NULL FROM esc_escalation WHERE escalation_id LIKE '" + prefix + "-%'");
                for (String table : new String[] {"esc_escalation", "esc_entry", "esc_outbox", "esc_due"}) {
                    s.execute("ANALYZE " + table);
                }
            }
            c.commit();
        }
    }
}
