package dev.escalation.jdbc;

import static java.util.Objects.requireNonNull;

import dev.escalation.spi.PartyRef;
import dev.escalation.spi.SubjectKeys;
import dev.escalation.spi.UnavailableException;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * {@link SubjectKeys} in the table {@code esc_subject_key} (migration V8, see {@link JdbcSchema}). Each call is its own
 * short transaction (auto-commit); concurrent first uses of a subject insert once and all read the same key.
 * Thread-safe. Keep the table in the same database as the store or elsewhere: erasure deletes its rows.
 *
 * <p>Each call is bounded as the store's are ({@link JdbcEscalationStore.Builder#queryTimeout}): a statement that
 * runs longer than the query timeout is cancelled, and on databases other than H2 a server or network that stops
 * answering fails the call after the query timeout plus as much again (at least 5 s more), or after the query timeout
 * plus the driver's wait for its cancel if that ends later (see {@link JdbcEscalationStore.Builder#queryTimeout}).
 * Either way the call fails
 * with {@link UnavailableException}; each call writes at most one row, whole or not at all.
 *
 * <p>Built on the same {@link DataSource} instance as a {@link JdbcEscalationStore}, these keys are kept by the store
 * (SPI v2, {@link JdbcEscalationStore#keepsSubjectKeys}): the engine then reads and creates them inside each
 * command's own transaction, and calls this adapter only to shred a key and to read keys for verification.
 */
public final class JdbcSubjectKeys implements SubjectKeys {
    private static final HexFormat HEX = HexFormat.of();
    private final Db db;
    private final SecureRandom random = new SecureRandom();

    /**
     * Keys in the given database, with the store's default query timeout of 30 seconds.
     *
     * @param dataSource the database (schema migrated to V8 or later)
     * @throws NullPointerException if {@code dataSource} is null
     */
    public JdbcSubjectKeys(DataSource dataSource) {
        this(dataSource, Db.DEFAULT_QUERY_TIMEOUT);
    }

    /**
     * Keys in the given database, each call bounded by {@code queryTimeout} as the store's calls are (pass the
     * store's {@link JdbcEscalationStore.Builder#queryTimeout}).
     *
     * @param dataSource   the database (schema migrated to V8 or later)
     * @param queryTimeout how long one statement may run ({@link Duration#ZERO}: no limit); rounded up to whole seconds
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code queryTimeout} is negative
     */
    public JdbcSubjectKeys(DataSource dataSource, Duration queryTimeout) {
        this.db = new Db(requireNonNull(dataSource, "dataSource"), Db.checkQueryTimeout(queryTimeout));
    }

    /** The database of the keys ({@link JdbcEscalationStore#keepsSubjectKeys} compares it with the store's). */
    DataSource dataSource() {
        return db.dataSource();
    }

    @Override
    public byte[] keyOf(PartyRef subject) {
        requireNonNull(subject, "subject");
        Optional<byte[]> existing = existingKey(subject);
        if (existing.isPresent()) {
            return existing.get();
        }
        byte[] key = new byte[KEY_BYTES];
        random.nextBytes(key);
        db.singleStatement("subject key insert", c -> {
            // PostgreSQL: ON CONFLICT skips a key a concurrent first use inserted; H2 fails the statement alone
            try (PreparedStatement ps = db.prepare(
                    c, db.dialect().insertIgnoringDuplicate(TransactionKeys.INSERT, "subject_kind, subject_id"))) {
                ps.setString(1, subject.kind().name());
                ps.setString(2, subject.id());
                ps.setString(3, HEX.formatHex(key));
                return ps.executeUpdate();
            } catch (SQLException e) {
                if (SqlErrors.isUniqueViolation(e)) {
                    return 0; // a concurrent first use inserted it: read theirs
                }
                throw e;
            }
        });
        return existingKey(subject).orElseThrow(() -> new IllegalStateException("subject key vanished on insert"));
    }

    @Override
    public Optional<byte[]> existingKey(PartyRef subject) {
        requireNonNull(subject, "subject");
        return db.singleStatement("subject key read", c -> {
            try (PreparedStatement ps = db.prepare(c, TransactionKeys.SELECT)) {
                ps.setString(1, subject.kind().name());
                ps.setString(2, subject.id());
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(TransactionKeys.key(rs.getString(1))) : Optional.empty();
                }
            }
        });
    }

    @Override
    public boolean shred(PartyRef subject) {
        requireNonNull(subject, "subject");
        return db.singleStatement("subject key shred", c -> {
            try (PreparedStatement ps = db.prepare(c, TransactionKeys.DELETE)) {
                ps.setString(1, subject.kind().name());
                ps.setString(2, subject.id());
                return ps.executeUpdate() > 0;
            }
        });
    }
}
