package dev.escalation.jdbc;

import static java.util.Objects.requireNonNull;

import dev.escalation.model.EscalationId;
import dev.escalation.spi.Anchor;
import dev.escalation.spi.AuditAnchors;
import dev.escalation.spi.UnavailableException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * {@link AuditAnchors} in the table {@code esc_anchor} (migration V8, see {@link JdbcSchema}). An anchor protects
 * most when this table lives where the store's writers cannot write (another database or user). Each call is its
 * own short transaction. Thread-safe.
 *
 * <p>Each call is bounded as the store's are ({@link JdbcEscalationStore.Builder#queryTimeout}): a statement that
 * runs longer than the query timeout is cancelled, and on databases other than H2 a server or network that stops
 * answering fails the call after the query timeout plus as much again (at least 5 s more), or after the query timeout
 * plus the driver's wait for its cancel if that ends later (see {@link JdbcEscalationStore.Builder#queryTimeout}).
 * Either way the call fails
 * with {@link UnavailableException}; an anchor is one row, written whole or not at all.
 */
public final class JdbcAuditAnchors implements AuditAnchors {
    private static final HexFormat HEX = HexFormat.of();
    private final Db db;

    /**
     * Anchors in the given database, with the store's default query timeout of 30 seconds.
     *
     * @param dataSource the database (schema migrated to V8 or later)
     * @throws NullPointerException if {@code dataSource} is null
     */
    public JdbcAuditAnchors(DataSource dataSource) {
        this(dataSource, Db.DEFAULT_QUERY_TIMEOUT);
    }

    /**
     * Anchors in the given database, each call bounded by {@code queryTimeout} as the store's calls are (pass the
     * store's {@link JdbcEscalationStore.Builder#queryTimeout}).
     *
     * @param dataSource   the database (schema migrated to V8 or later)
     * @param queryTimeout how long one statement may run ({@link Duration#ZERO}: no limit); rounded up to whole seconds
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code queryTimeout} is negative
     */
    public JdbcAuditAnchors(DataSource dataSource, Duration queryTimeout) {
        this.db = new Db(requireNonNull(dataSource, "dataSource"), Db.checkQueryTimeout(queryTimeout));
    }

    @Override
    public void record(Anchor anchor) {
        requireNonNull(anchor, "anchor");
        db.singleStatement("audit anchor insert", c -> {
            try (PreparedStatement ps = db.prepare(
                    c,
                    "INSERT INTO esc_anchor (escalation_id, chain_length, head, anchored_at, signature_hex)"
                            + " VALUES (?, ?, ?, ?, ?)")) {
                ps.setString(1, anchor.escalation().value());
                ps.setLong(2, anchor.length());
                ps.setString(3, anchor.head());
                ps.setBigDecimal(4, Db.toDecimal(anchor.at()));
                ps.setString(5, HEX.formatHex(anchor.signature()));
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public Optional<Anchor> latest(EscalationId escalation) {
        requireNonNull(escalation, "escalation");
        return db.singleStatement("audit anchor read", c -> {
            try (PreparedStatement ps = db.prepare(
                    c,
                    "SELECT chain_length, head, anchored_at, signature_hex FROM esc_anchor"
                            + " WHERE escalation_id = ? ORDER BY seq DESC FETCH FIRST 1 ROWS ONLY")) {
                ps.setString(1, escalation.value());
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    long length = rs.getLong(1);
                    try {
                        return Optional.of(new Anchor(
                                escalation,
                                length,
                                rs.getString(2),
                                Db.instant(rs, "anchored_at"),
                                signature(rs.getString(4))));
                    } catch (IllegalArgumentException
                            | ArithmeticException
                            | NullPointerException
                            | java.time.DateTimeException e) {
                        // a head that is not a hash, a length that is not positive, an instant out of range: changed
                        // outside the engine, which verification reports as ANCHOR_SIGNATURE, not an outage
                        throw EscalationRows.unreadable("esc_anchor", length, e);
                    }
                }
            }
        });
    }

    /**
     * The stored signature's bytes; a column that is not hex holds no signature (none that verifies), which
     * verification reports as {@code ANCHOR_SIGNATURE}: changed data, not an outage.
     */
    private static byte[] signature(String hex) {
        try {
            return HEX.parseHex(hex);
        } catch (IllegalArgumentException notHex) {
            return new byte[0];
        }
    }
}
