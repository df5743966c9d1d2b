package dev.escalation.jdbc;

import static java.util.Objects.requireNonNull;

import dev.escalation.spi.PartyRef;
import dev.escalation.spi.SubjectKeys;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The rows of {@code esc_subject_key} read and written on a store transaction's connection (SPI v2, {@link
 * dev.escalation.spi.EscalationStore#keepsSubjectKeys}): a key created here is committed with the command or rolled
 * back with it. Valid only while that transaction runs; one thread.
 */
final class TransactionKeys implements SubjectKeys {
    static final String SELECT = "SELECT key_hex FROM esc_subject_key WHERE subject_kind = ? AND subject_id = ?";
    static final String INSERT = "INSERT INTO esc_subject_key (subject_kind, subject_id, key_hex) VALUES (?, ?, ?)";
    static final String DELETE = "DELETE FROM esc_subject_key WHERE subject_kind = ? AND subject_id = ?";
    private static final HexFormat HEX = HexFormat.of();

    private final Db db;
    private final Connection connection;
    private final SecureRandom random;

    TransactionKeys(Db db, Connection connection, SecureRandom random) {
        this.db = db;
        this.connection = connection;
        this.random = random;
    }

    @Override
    public byte[] keyOf(PartyRef subject) {
        requireNonNull(subject, "subject");
        try {
            Optional<byte[]> existing = read(subject);
            if (existing.isPresent()) {
                return existing.get();
            }
            byte[] key = new byte[KEY_BYTES];
            random.nextBytes(key);
            // PostgreSQL: ON CONFLICT waits for a concurrent first use and then does nothing (the transaction goes
            // on); H2 rolls back only the failing statement. Either way the key read next is the one stored.
            try (PreparedStatement ps =
                    db.prepare(connection, db.dialect().insertIgnoringDuplicate(INSERT, "subject_kind, subject_id"))) {
                ps.setString(1, subject.kind().name());
                ps.setString(2, subject.id());
                ps.setString(3, HEX.formatHex(key));
                ps.executeUpdate();
            } catch (SQLException e) {
                if (!SqlErrors.isUniqueViolation(e)) {
                    throw e;
                }
            }
            return read(subject).orElseThrow(() -> new IllegalStateException("subject key vanished on insert"));
        } catch (SQLException e) {
            throw SqlErrors.translate("subject key in transaction", e);
        }
    }

    @Override
    public Optional<byte[]> existingKey(PartyRef subject) {
        requireNonNull(subject, "subject");
        try {
            return read(subject);
        } catch (SQLException e) {
            throw SqlErrors.translate("subject key in transaction", e);
        }
    }

    @Override
    public boolean shred(PartyRef subject) {
        requireNonNull(subject, "subject");
        try (PreparedStatement ps = db.prepare(connection, DELETE)) {
            ps.setString(1, subject.kind().name());
            ps.setString(2, subject.id());
            return ps.executeUpdate() > 0;
        } catch (SQLException e) {
            throw SqlErrors.translate("subject key shred in transaction", e);
        }
    }

    private Optional<byte[]> read(PartyRef subject) throws SQLException {
        try (PreparedStatement ps = db.prepare(connection, SELECT)) {
            ps.setString(1, subject.kind().name());
            ps.setString(2, subject.id());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(HEX.parseHex(rs.getString(1))) : Optional.empty();
            }
        }
    }
}
