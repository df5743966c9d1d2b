package dev.escalation.jdbc;

import static java.util.Objects.requireNonNull;

import dev.escalation.model.EscalationId;
import dev.escalation.spi.Anchor;
import dev.escalation.spi.AuditAnchors;
import dev.escalation.spi.UnavailableException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * {@link AuditAnchors} in the table {@code esc_anchor} (migration V8, see {@link JdbcSchema}). An anchor protects
 * most when this table lives where the store's writers cannot write (another database or user). Each call is its
 * own short transaction. Thread-safe.
 */
public final class JdbcAuditAnchors implements AuditAnchors {
    private static final HexFormat HEX = HexFormat.of();
    private final DataSource dataSource;

    /**
     * Anchors in the given database.
     *
     * @param dataSource the database (schema migrated to V8 or later)
     */
    public JdbcAuditAnchors(DataSource dataSource) {
        this.dataSource = requireNonNull(dataSource, "dataSource");
    }

    @Override
    public void record(Anchor anchor) {
        requireNonNull(anchor, "anchor");
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("INSERT INTO esc_anchor"
                        + " (escalation_id, chain_length, head, anchored_at, signature_hex) VALUES (?, ?, ?, ?, ?)")) {
            c.setAutoCommit(true);
            ps.setString(1, anchor.escalation().value());
            ps.setLong(2, anchor.length());
            ps.setString(3, anchor.head());
            ps.setBigDecimal(4, Db.toDecimal(anchor.at()));
            ps.setString(5, HEX.formatHex(anchor.signature()));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new UnavailableException("audit anchors: insert failed (" + e.getSQLState() + ")", e);
        }
    }

    @Override
    public Optional<Anchor> latest(EscalationId escalation) {
        requireNonNull(escalation, "escalation");
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps =
                        c.prepareStatement("SELECT chain_length, head, anchored_at, signature_hex FROM esc_anchor"
                                + " WHERE escalation_id = ? ORDER BY seq DESC FETCH FIRST 1 ROWS ONLY")) {
            ps.setString(1, escalation.value());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Anchor(
                        escalation,
                        rs.getLong(1),
                        rs.getString(2),
                        Db.instant(rs, "anchored_at"),
                        HEX.parseHex(rs.getString(4))));
            }
        } catch (SQLException e) {
            throw new UnavailableException("audit anchors: read failed (" + e.getSQLState() + ")", e);
        }
    }
}
