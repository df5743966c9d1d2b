package dev.escalation.jdbc;

import dev.escalation.model.ContactId;
import dev.escalation.model.DueKind;
import dev.escalation.model.EscalationState;
import dev.escalation.model.Intake;
import dev.escalation.spi.ChainLink;
import dev.escalation.spi.EscalationFacts;
import dev.escalation.spi.StoredEntry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Converts the rows 0.1.0 wrote, in the caller's transaction (migration V3): each escalation's progress log becomes
 * {@code LEGACY_TEXT} entries and its facts are derived from it once ({@link Legacy010#facts}); bodies and outbox
 * payloads are rewritten in format 2 and outbox messages get their chain key. Rows already converted are skipped, so
 * running it again changes nothing. Uses plain JDBC on the given connection (no pool, no timeout).
 */
final class Upgrade010 {
    private static final Logger LOG = LoggerFactory.getLogger(Upgrade010.class);
    private static final int BATCH = 200;

    private final Json json = new Json();

    /** What the upgrade converted. */
    record Result(int escalations, int entries, int messages) {}

    Result run(Connection c) throws SQLException {
        int escalations = 0;
        int entries = 0;
        while (true) {
            List<String[]> rows = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT customer_id, escalation_id, state, raised_by, body_format, body FROM esc_escalation "
                            + "WHERE facts IS NULL ORDER BY escalation_id LIMIT " + BATCH)) {
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.add(new String[] {
                            rs.getString(1),
                            rs.getString(2),
                            rs.getString(3),
                            rs.getString(4),
                            Integer.toString(rs.getInt(5)),
                            rs.getString(6)
                        });
                    }
                }
            }
            if (rows.isEmpty()) {
                break;
            }
            for (String[] row : rows) {
                entries += convertEscalation(c, row[0], row[1], row[2], row[3], Integer.parseInt(row[4]), row[5]);
                escalations++;
            }
        }
        int messages = convertOutbox(c);
        int reopened = reopenTickets(c);
        LOG.info("upgrade from 0.1.0: {} delivered ticket opens queued again for their reference", reopened);
        LOG.info(
                "upgrade from 0.1.0: converted {} escalations, {} entries, {} outbox messages",
                escalations,
                entries,
                messages);
        return new Result(escalations, entries, messages);
    }

    private int convertEscalation(
            Connection c, String customer, String id, String state, String raisedBy, int bodyFormat, String body)
            throws SQLException {
        Json.EscalationBody converted = json.readBody(body, bodyFormat);
        List<StoredEntry> log = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT sequence_no, format, entry FROM esc_entry WHERE customer_id = ? AND escalation_id = ? "
                        + "ORDER BY sequence_no")) {
            ps.setString(1, customer);
            ps.setString(2, id);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    int format = rs.getInt(2);
                    if (format != Json.FORMAT_010) {
                        throw new IllegalStateException("entry " + rs.getLong(1) + " of escalation " + id
                                + " has format " + format + " but the escalation has no facts");
                    }
                    log.add(Legacy010.entry(json.tree(rs.getString(3), "progress entry")));
                }
            }
        }
        List<Legacy010.PendingDue> pending = new ArrayList<>();
        try (PreparedStatement ps =
                c.prepareStatement("SELECT kind, due_at, payload_format, payload FROM esc_due WHERE customer_id = ? "
                        + "AND escalation_id = ? AND status = 'PENDING'")) {
            ps.setString(1, customer);
            ps.setString(2, id);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    pending.add(new Legacy010.PendingDue(
                            DueKind.valueOf(rs.getString(1)),
                            Db.instant(rs, "due_at"),
                            json.readMap(rs.getString(4), rs.getInt(3), "due item data")));
                }
            }
        }
        EscalationState current = EscalationState.valueOf(state);
        EscalationFacts facts = Legacy010.facts(log, current, converted.plan(), converted.lessonsLearned(), pending);
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE esc_entry SET kind = ?, format = ?, actor_kind = ?, actor_id = ?, visibility = ?, text = ?, "
                        + "params = ?, chain_hash = ?, chain_previous = ?, entry = NULL "
                        + "WHERE customer_id = ? AND escalation_id = ? AND sequence_no = ?")) {
            for (StoredEntry e : log) {
                ps.setString(1, e.kind().name());
                ps.setInt(2, Json.FORMAT);
                ps.setString(3, e.actor().kind().name());
                ps.setString(4, e.actor().id());
                ps.setString(5, e.visibility().name());
                if (e.text().isPresent()) {
                    ps.setString(6, e.text().get());
                } else {
                    ps.setNull(6, Types.VARCHAR);
                }
                ps.setString(7, json.writeParams(e.params()));
                ps.setString(8, e.chain().map(ChainLink::hash).orElse(null));
                ps.setString(9, e.chain().map(ChainLink::previous).orElse(null));
                ps.setString(10, customer);
                ps.setString(11, id);
                ps.setLong(12, e.sequence());
                ps.addBatch();
            }
            if (!log.isEmpty()) {
                ps.executeBatch();
            }
        }
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE esc_escalation SET body_format = ?, body = ?, intake = ?, facts = ?, next_deadline_at = ?, "
                        + "next_deadline_kind = ?, next_meeting_at = ?, paused_since = ?, progress_max = ? "
                        + "WHERE customer_id = ? AND escalation_id = ?")) {
            ps.setInt(1, Json.FORMAT);
            ps.setString(2, json.writeBody(converted));
            ps.setString(3, json.writeIntake(Intake.portal(ContactId.of(raisedBy))));
            ps.setString(4, json.writeFacts(facts));
            Db.setInstant(ps, 5, facts.nextDeadline().map(d -> d.at()));
            ps.setString(6, facts.nextDeadline().map(d -> d.kind().name()).orElse(null));
            Db.setInstant(ps, 7, facts.nextMeetingAt());
            Db.setInstant(ps, 8, facts.pausedSince());
            ps.setLong(9, facts.entryCount());
            ps.setString(10, customer);
            ps.setString(11, id);
            ps.executeUpdate();
        }
        return log.size();
    }

    /**
     * 0.1.0 kept no ticket reference: ticket calls found the ticket by escalation. So that the later calls of an
     * escalation that is still open (or still has ticket calls pending) get a reference, its delivered {@code Open}
     * call becomes pending again, at the head of its chain: {@link dev.escalation.spi.Ticketing#open} is idempotent
     * (called again with the same key it returns the existing ticket's reference), and {@code finish} stores it.
     */
    private int reopenTickets(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE esc_outbox SET status = 'PENDING', attempts = 0, delivered_at = NULL, next_attempt_at = "
                        + "created_at, claim_token = NULL, claimed_by = NULL, lease_until = NULL "
                        + "WHERE effect_type = 'ticket.open' AND status = 'DONE' "
                        + "AND NOT EXISTS (SELECT 1 FROM esc_ticket t WHERE t.escalation_id = esc_outbox.escalation_id) "
                        + "AND (EXISTS (SELECT 1 FROM esc_escalation e WHERE e.escalation_id = esc_outbox.escalation_id "
                        + "AND e.open = TRUE) OR EXISTS (SELECT 1 FROM esc_outbox o WHERE o.escalation_id = "
                        + "esc_outbox.escalation_id AND o.target = 'TICKETING' AND o.status <> 'DONE'))")) {
            return ps.executeUpdate();
        }
    }

    private int convertOutbox(Connection c) throws SQLException {
        int converted = 0;
        while (true) {
            List<Object[]> rows = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT seq, effect_type, payload_format, payload FROM esc_outbox WHERE chain_key IS NULL "
                            + "ORDER BY seq LIMIT " + BATCH)) {
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.add(new Object[] {rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getString(4)});
                    }
                }
            }
            if (rows.isEmpty()) {
                return converted;
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE esc_outbox SET payload_format = ?, payload = ?, chain_key = ? WHERE seq = ?")) {
                for (Object[] row : rows) {
                    String type = (String) row[1];
                    var effect = json.readEffect(type, (String) row[3], (Integer) row[2]);
                    ps.setInt(1, Json.FORMAT);
                    ps.setString(2, json.writeEffect(effect));
                    ps.setString(3, JdbcOutbox.chainKey(effect));
                    ps.setLong(4, (Long) row[0]);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            converted += rows.size();
        }
    }
}
