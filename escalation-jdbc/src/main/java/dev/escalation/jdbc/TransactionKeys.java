package dev.escalation.jdbc;

import static java.util.Objects.requireNonNull;

import dev.escalation.model.Party;
import dev.escalation.spi.PartyRef;
import dev.escalation.spi.StoredDataException;
import dev.escalation.spi.SubjectKeys;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
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

    /**
     * The select-list columns that read, with the locked row {@code e}, the keys of its raiser and manager (the
     * subjects most commands need), as {@code raised_by_key} and {@code manager_key}: NULL if there is none (yet).
     */
    static final String LOCKED_COLUMNS = "(SELECT k.key_hex FROM esc_subject_key k WHERE k.subject_kind = 'CONTACT'"
            + " AND k.subject_id = e.raised_by) AS raised_by_key, (SELECT k.key_hex FROM esc_subject_key k"
            + " WHERE k.subject_kind = 'STAFF' AND k.subject_id = e.manager_id) AS manager_key";

    private final Db db;
    private final Connection connection;
    private final SecureRandom random;
    /** Keys (hex) read with the locked row or created in this transaction; a shred here drops its subject. */
    private final Map<PartyRef, String> read;

    TransactionKeys(Db db, Connection connection, SecureRandom random) {
        this(db, connection, random, new HashMap<>());
    }

    private TransactionKeys(Db db, Connection connection, SecureRandom random, Map<PartyRef, String> read) {
        this.db = db;
        this.connection = connection;
        this.random = random;
        this.read = read;
    }

    /**
     * Keys for a transaction that read {@link #LOCKED_COLUMNS} with the locked row of {@code rs}: the present ones are
     * answered without another statement (read in this transaction, by its previous statement).
     */
    static TransactionKeys withLocked(Db db, Connection connection, SecureRandom random, ResultSet rs)
            throws SQLException {
        Map<PartyRef, String> read = new HashMap<>(4);
        String raisedBy = rs.getString("raised_by");
        String raisedByKey = rs.getString("raised_by_key");
        if (raisedBy != null && raisedByKey != null) {
            read.put(new PartyRef(Party.Kind.CONTACT, raisedBy), raisedByKey);
        }
        String manager = rs.getString("manager_id");
        String managerKey = rs.getString("manager_key");
        if (manager != null && managerKey != null) {
            read.put(new PartyRef(Party.Kind.STAFF, manager), managerKey);
        }
        return new TransactionKeys(db, connection, random, read);
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
                String hex = HEX.formatHex(key);
                ps.setString(3, hex);
                if (ps.executeUpdate() == 1) {
                    read.put(subject, hex); // stored: the key is ours, no need to read it back
                    return key;
                }
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
        read.remove(subject);
        try (PreparedStatement ps = db.prepare(connection, DELETE)) {
            ps.setString(1, subject.kind().name());
            ps.setString(2, subject.id());
            return ps.executeUpdate() > 0;
        } catch (SQLException e) {
            throw SqlErrors.translate("subject key shred in transaction", e);
        }
    }

    /**
     * A stored key: {@link SubjectKeys#KEY_BYTES} bytes as lower- or upper-case hex. Anything else was changed outside
     * the store: {@link StoredDataException}, which the engine reports as {@code CORRUPT_DATA} (not retryable) and
     * its audit verification as an unreadable entry, not as an outage.
     */
    static byte[] key(@org.jspecify.annotations.Nullable String hex) {
        if (hex == null || hex.length() != 2 * SubjectKeys.KEY_BYTES) {
            throw new StoredDataException("esc_subject_key.key_hex is not 32 bytes of hex", 0, null);
        }
        try {
            return HEX.parseHex(hex);
        } catch (IllegalArgumentException notHex) {
            throw new StoredDataException("esc_subject_key.key_hex is not 32 bytes of hex", 0, notHex);
        }
    }

    private Optional<byte[]> read(PartyRef subject) throws SQLException {
        String known = read.get(subject);
        if (known != null) {
            return Optional.of(key(known));
        }
        try (Db.Kept kept = db.kept(connection, SELECT)) {
            PreparedStatement ps = kept.statement();
            ps.setString(1, subject.kind().name());
            ps.setString(2, subject.id());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(key(rs.getString(1))) : Optional.empty();
            }
        }
    }
}
