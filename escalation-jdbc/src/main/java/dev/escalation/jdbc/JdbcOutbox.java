package dev.escalation.jdbc;

import static java.util.Objects.requireNonNull;

import dev.escalation.model.CustomerId;
import dev.escalation.model.MessageId;
import dev.escalation.model.Page;
import dev.escalation.model.PageCursor;
import dev.escalation.model.PageRequest;
import dev.escalation.spi.ClaimedMessage;
import dev.escalation.spi.Outbox;
import dev.escalation.spi.OutboxMessage;
import dev.escalation.spi.SideEffect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The outbox on table {@code esc_outbox}. */
final class JdbcOutbox implements Outbox {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcOutbox.class);

    static final String PENDING = "PENDING";
    static final String DONE = "DONE";
    static final String DEAD = "DEAD";
    private static final int MAX_REASON = 500;
    private static final int MAX_CLAIMANT = 200;

    private static final String COLUMNS = "m.seq, m.customer_id, m.message_id, m.effect_type, m.payload_format, "
            + "m.payload, m.created_at, m.next_attempt_at, m.attempts, m.last_error";

    private final Db db;
    private final Json json;

    JdbcOutbox(Db db, Json json) {
        this.db = db;
        this.json = json;
    }

    /** Queues messages in the caller's transaction; a message whose idempotency key is already queued is skipped. */
    int queue(Connection c, List<OutboxMessage> messages) throws SQLException {
        if (messages.isEmpty()) {
            return 0;
        }
        String sql = db.dialect()
                .insertIgnoringDuplicate(
                        "INSERT INTO esc_outbox (customer_id, message_id, "
                                + "escalation_id, idempotency_key, target, effect_type, payload_format, payload, status, created_at, "
                                + "next_attempt_at, attempts, last_error) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        "idempotency_key");
        int queued = 0;
        try (PreparedStatement ps = db.prepare(c, sql)) {
            for (OutboxMessage m : messages) {
                requireNonNull(m, "message");
                SideEffect effect = m.effect();
                ps.setString(1, m.customer().value());
                ps.setString(2, m.id().value());
                ps.setString(3, effect.escalation().value());
                ps.setString(4, effect.idempotencyKey());
                ps.setString(5, m.target().name());
                ps.setString(6, Json.typeOf(effect));
                ps.setInt(7, Json.FORMAT);
                ps.setString(8, json.writeEffect(effect));
                ps.setString(9, PENDING);
                ps.setBigDecimal(10, Db.toDecimal(m.createdAt()));
                ps.setBigDecimal(11, Db.toDecimal(m.nextAttemptAt()));
                ps.setInt(12, m.attempts());
                ps.setString(
                        13, m.lastError().map(e -> Db.truncate(e, MAX_REASON)).orElse(null));
                if (db.dialect()
                        .insertIgnoringDuplicate(c, ps, "esc_outbox", "idempotency_key", effect.idempotencyKey())) {
                    queued++;
                } else {
                    LOG.debug("outbox message {} not queued: its idempotency key is already in the outbox", m.id());
                }
            }
        }
        return queued;
    }

    @Override
    public List<ClaimedMessage> claim(String claimant, Instant now, Duration lease, int limit) {
        Db.checkClaim(claimant, now, lease, limit);
        return db.inTransaction("outbox claim", c -> {
            Instant dbNow = db.databaseNow(c);
            // Rule 2 (order per escalation and target): only the oldest unfinished message of a chain is claimable.
            // A leased message stays PENDING, so it blocks its successors until completed or dead-lettered.
            String sql = "SELECT " + COLUMNS + " FROM esc_outbox m"
                    + " WHERE m.status = 'PENDING' AND m.next_attempt_at <= ?"
                    + " AND (m.lease_until IS NULL OR m.lease_until <= ?)"
                    + " AND NOT EXISTS (SELECT 1 FROM esc_outbox o WHERE o.escalation_id = m.escalation_id"
                    + " AND o.target = m.target AND o.status = 'PENDING' AND o.seq < m.seq)"
                    + " ORDER BY m.created_at, m.seq LIMIT ? FOR UPDATE SKIP LOCKED";
            List<OutboxMessage> found = new ArrayList<>();
            List<Long> seqs = new ArrayList<>();
            try (PreparedStatement ps = db.prepare(c, sql)) {
                ps.setBigDecimal(1, Db.toDecimal(now));
                ps.setBigDecimal(2, Db.toDecimal(dbNow));
                ps.setInt(3, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        seqs.add(rs.getLong("seq"));
                        found.add(read(rs));
                    }
                }
            }
            if (found.isEmpty()) {
                return List.of();
            }
            String token = UUID.randomUUID().toString();
            try (PreparedStatement ps = db.prepare(
                    c, "UPDATE esc_outbox SET claim_token = ?, claimed_by = ?, " + "lease_until = ? WHERE seq = ?")) {
                for (Long seq : seqs) {
                    ps.setString(1, token);
                    ps.setString(2, Db.truncate(claimant, MAX_CLAIMANT));
                    ps.setBigDecimal(3, Db.toDecimal(dbNow.plus(lease)));
                    ps.setLong(4, seq);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            LOG.debug("claimed {} outbox messages", found.size());
            return found.stream().map(m -> new ClaimedMessage(m, token)).toList();
        });
    }

    private OutboxMessage read(ResultSet rs) throws SQLException {
        SideEffect effect =
                json.readEffect(rs.getString("effect_type"), rs.getString("payload"), rs.getInt("payload_format"));
        return new OutboxMessage(
                MessageId.of(rs.getString("message_id")),
                CustomerId.of(rs.getString("customer_id")),
                effect,
                Db.instant(rs, "created_at"),
                Db.instant(rs, "next_attempt_at"),
                rs.getInt("attempts"),
                Optional.ofNullable(rs.getString("last_error")));
    }

    @Override
    public void complete(ClaimedMessage claimed) {
        requireNonNull(claimed, "claimed");
        // Delivered is delivered: even if the lease expired and another claimant holds the message now, marking it
        // done spares a second delivery. Completing a completed message matches no row.
        db.singleStatement("outbox complete", c -> {
            try (PreparedStatement ps = db.prepare(
                    c,
                    "UPDATE esc_outbox SET status = 'DONE', claim_token = NULL, "
                            + "claimed_by = NULL, lease_until = NULL WHERE message_id = ? AND status = 'PENDING'")) {
                ps.setString(1, claimed.message().id().value());
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public boolean retryLater(ClaimedMessage claimed, Instant nextAttemptAt, String reason) {
        requireNonNull(claimed, "claimed");
        requireNonNull(nextAttemptAt, "nextAttemptAt");
        requireNonNull(reason, "reason");
        return db.singleStatement("outbox retry", c -> {
            try (PreparedStatement ps = db.prepare(
                    c,
                    "UPDATE esc_outbox SET attempts = attempts + 1, "
                            + "next_attempt_at = ?, last_error = ?, claim_token = NULL, claimed_by = NULL, lease_until = NULL "
                            + "WHERE message_id = ? AND claim_token = ? AND status = 'PENDING'")) {
                ps.setBigDecimal(1, Db.toDecimal(nextAttemptAt));
                ps.setString(2, Db.truncate(reason, MAX_REASON));
                ps.setString(3, claimed.message().id().value());
                ps.setString(4, claimed.claimToken());
                return ps.executeUpdate() == 1;
            }
        });
    }

    @Override
    public boolean deadLetter(ClaimedMessage claimed, String reason) {
        requireNonNull(claimed, "claimed");
        requireNonNull(reason, "reason");
        boolean parked = db.singleStatement("outbox dead-letter", c -> {
            // the failed delivery that led here counts as an attempt, like in retryLater
            try (PreparedStatement ps = db.prepare(
                    c,
                    "UPDATE esc_outbox SET status = 'DEAD', "
                            + "attempts = attempts + 1, last_error = ?, claim_token = NULL, claimed_by = NULL, "
                            + "lease_until = NULL WHERE message_id = ? AND claim_token = ? AND status = 'PENDING'")) {
                ps.setString(1, Db.truncate(reason, MAX_REASON));
                ps.setString(2, claimed.message().id().value());
                ps.setString(3, claimed.claimToken());
                return ps.executeUpdate() == 1;
            }
        });
        if (parked) {
            LOG.warn(
                    "outbox message {} of escalation {} dead-lettered",
                    claimed.message().id(),
                    claimed.message().escalation());
        }
        return parked;
    }

    @Override
    public Page<OutboxMessage> deadLetters(PageRequest page) {
        requireNonNull(page, "page");
        return db.inTransaction("outbox dead letters", c -> {
            String id = db.dialect().sortableId("m.message_id");
            StringBuilder sql =
                    new StringBuilder("SELECT ").append(COLUMNS).append(" FROM esc_outbox m WHERE m.status = 'DEAD'");
            if (page.after().isPresent()) {
                sql.append(" AND (m.created_at > ? OR (m.created_at = ? AND ")
                        .append(id)
                        .append(" > ?))");
            }
            sql.append(" ORDER BY m.created_at, ").append(id).append(" LIMIT ?");
            List<OutboxMessage> items = new ArrayList<>();
            try (PreparedStatement ps = db.prepare(c, sql.toString())) {
                int i = 1;
                if (page.after().isPresent()) {
                    PageCursor after = page.after().get();
                    ps.setBigDecimal(i++, Db.toDecimal(after.at()));
                    ps.setBigDecimal(i++, Db.toDecimal(after.at()));
                    ps.setString(i++, after.id());
                }
                ps.setInt(i, page.size() + 1);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        items.add(read(rs));
                    }
                }
            }
            return Pages.of(items, page.size(), m -> new PageCursor(m.createdAt(), m.id().value()));
        });
    }

    @Override
    public boolean replay(MessageId id, Instant now) {
        requireNonNull(id, "id");
        requireNonNull(now, "now");
        boolean replayed = db.singleStatement("outbox replay", c -> {
            try (PreparedStatement ps = db.prepare(
                    c,
                    "UPDATE esc_outbox SET status = 'PENDING', attempts = 0, "
                            + "next_attempt_at = ?, claim_token = NULL, claimed_by = NULL, lease_until = NULL "
                            + "WHERE message_id = ? AND status = 'DEAD'")) {
                ps.setBigDecimal(1, Db.toDecimal(now));
                ps.setString(2, id.value());
                return ps.executeUpdate() == 1;
            }
        });
        if (replayed) {
            LOG.info("outbox message {} replayed", id);
        }
        return replayed;
    }

    @Override
    public long pendingCount() {
        return db.singleStatement("outbox pending count", c -> {
            try (PreparedStatement ps = db.prepare(c, "SELECT COUNT(*) FROM esc_outbox WHERE status = 'PENDING'");
                    ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }
}
