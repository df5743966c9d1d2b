package dev.escalation.jdbc;

import static java.util.Objects.requireNonNull;

import dev.escalation.spi.PartyRef;
import dev.escalation.spi.SubjectKeys;
import dev.escalation.spi.UnavailableException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * {@link SubjectKeys} in the table {@code esc_subject_key} (migration V8, see {@link JdbcSchema}). Each call is its own
 * short transaction (auto-commit); concurrent first uses of a subject insert once and all read the same key.
 * Thread-safe. Keep the table in the same database as the store or elsewhere: erasure deletes its rows.
 *
 * <p>Built on the same {@link DataSource} instance as a {@link JdbcEscalationStore}, these keys are kept by the store
 * (SPI v2, {@link JdbcEscalationStore#keepsSubjectKeys}): the engine then reads and creates them inside each
 * command's own transaction, and calls this adapter only to shred a key and to read keys for verification.
 */
public final class JdbcSubjectKeys implements SubjectKeys {
    private static final HexFormat HEX = HexFormat.of();
    private final DataSource dataSource;
    private final SecureRandom random = new SecureRandom();

    /**
     * Keys in the given database.
     *
     * @param dataSource the database (schema migrated to V8 or later)
     */
    public JdbcSubjectKeys(DataSource dataSource) {
        this.dataSource = requireNonNull(dataSource, "dataSource");
    }

    /** The database of the keys ({@link JdbcEscalationStore#keepsSubjectKeys} compares it with the store's). */
    DataSource dataSource() {
        return dataSource;
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
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(TransactionKeys.INSERT)) {
            c.setAutoCommit(true);
            ps.setString(1, subject.kind().name());
            ps.setString(2, subject.id());
            ps.setString(3, HEX.formatHex(key));
            ps.executeUpdate();
        } catch (SQLException e) {
            if (!"23505".equals(e.getSQLState())) { // a concurrent first use inserted it: read theirs
                throw new UnavailableException("subject keys: insert failed (" + e.getSQLState() + ")", e);
            }
        }
        return existingKey(subject).orElseThrow(() -> new IllegalStateException("subject key vanished on insert"));
    }

    @Override
    public Optional<byte[]> existingKey(PartyRef subject) {
        requireNonNull(subject, "subject");
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(TransactionKeys.SELECT)) {
            ps.setString(1, subject.kind().name());
            ps.setString(2, subject.id());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(HEX.parseHex(rs.getString(1))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new UnavailableException("subject keys: read failed (" + e.getSQLState() + ")", e);
        }
    }

    @Override
    public boolean shred(PartyRef subject) {
        requireNonNull(subject, "subject");
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(TransactionKeys.DELETE)) {
            c.setAutoCommit(true);
            ps.setString(1, subject.kind().name());
            ps.setString(2, subject.id());
            return ps.executeUpdate() > 0;
        } catch (SQLException e) {
            throw new UnavailableException("subject keys: delete failed (" + e.getSQLState() + ")", e);
        }
    }
}
