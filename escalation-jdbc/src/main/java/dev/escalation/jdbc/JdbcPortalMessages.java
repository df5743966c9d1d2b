package dev.escalation.jdbc;

import static java.util.Objects.requireNonNull;

import dev.escalation.model.CaseId;
import dev.escalation.model.CustomerId;
import dev.escalation.model.EscalationId;
import dev.escalation.model.NotificationKind;
import dev.escalation.model.Page;
import dev.escalation.model.PageCursor;
import dev.escalation.model.PageRequest;
import dev.escalation.model.Party;
import dev.escalation.spi.PartyRef;
import dev.escalation.spi.PortalMessage;
import dev.escalation.spi.PortalMessages;
import dev.escalation.spi.UnavailableException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * {@link PortalMessages} on plain JDBC (PostgreSQL 15+, H2 2.3+), in the table {@code esc_portal_message} of migration
 * {@code V6__portal_messages.sql} (apply it with {@link JdbcSchema}). {@link #store} is one {@code INSERT} that skips
 * a known message id ({@code ON CONFLICT DO NOTHING} on PostgreSQL), so concurrent deliveries of one notification
 * store it once; {@link #messagesFor} is one keyset query on the recipient's index, newest first, ids compared by
 * code point; {@link #eraseRecipient} is one {@code DELETE} on that index, {@link #eraseEscalations} one {@code
 * DELETE} per 10,000 escalations on the index {@code esc_portal_message_escalation_ix}. Instants are kept exactly,
 * to the nanosecond.
 *
 * <p>Thread-safe and immutable. Connection problems and timeouts throw {@link UnavailableException}; other database
 * errors (a missing table) {@link IllegalStateException}.
 */
public final class JdbcPortalMessages implements PortalMessages {
    private static final String TABLE = "esc_portal_message";
    private static final String COLUMNS =
            "message_id, recipient_kind, recipient_id, customer_id, escalation_id, case_id,"
                    + " kind, created_at, locale, subject, body, params, text";

    private final Db db;
    private final Json json = new Json();

    /**
     * Portal messages in the database of {@code dataSource}, with a query timeout of 30 seconds.
     *
     * @param dataSource where the schema lives; pooled by the host
     * @throws NullPointerException if {@code dataSource} is null
     */
    public JdbcPortalMessages(DataSource dataSource) {
        this(dataSource, Db.DEFAULT_QUERY_TIMEOUT);
    }

    /**
     * Portal messages in the database of {@code dataSource}.
     *
     * @param dataSource   where the schema lives; pooled by the host
     * @param queryTimeout how long one statement may run ({@link Duration#ZERO}: no limit)
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code queryTimeout} is negative
     */
    public JdbcPortalMessages(DataSource dataSource, Duration queryTimeout) {
        this.db = new Db(requireNonNull(dataSource, "dataSource"), Db.checkQueryTimeout(queryTimeout));
    }

    @Override
    public boolean store(PortalMessage m) {
        requireNonNull(m, "message");
        return db.singleStatement("portal message store", c -> {
            String sql = db.dialect()
                    .insertIgnoringDuplicate(
                            "INSERT INTO " + TABLE + " (" + COLUMNS
                                    + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                            "message_id");
            try (PreparedStatement ps = db.prepare(c, sql)) {
                ps.setString(1, m.id());
                ps.setString(2, m.recipient().kind().name());
                ps.setString(3, m.recipient().id());
                if (m.customer().isPresent()) {
                    ps.setString(4, m.customer().get().value());
                } else {
                    ps.setNull(4, Types.VARCHAR);
                }
                ps.setString(5, m.escalation().value());
                ps.setString(6, m.caseId().value());
                ps.setString(7, m.kind().name());
                ps.setBigDecimal(8, Db.toDecimal(m.at()));
                ps.setString(9, m.locale().toLanguageTag());
                ps.setString(10, m.subject());
                ps.setString(11, m.body());
                ps.setString(12, json.writeParams(m.params()));
                if (m.text().isPresent()) {
                    ps.setString(13, m.text().get());
                } else {
                    ps.setNull(13, Types.VARCHAR);
                }
                return db.dialect().insertIgnoringDuplicate(c, ps, TABLE, "message_id", m.id());
            }
        });
    }

    @Override
    public Page<PortalMessage> messagesFor(PartyRef recipient, PageRequest page) {
        requireNonNull(recipient, "recipient");
        requireNonNull(page, "page");
        return db.singleStatement("portal messages of a recipient", c -> {
            Dialect d = db.dialect();
            String id = d.sortableId("message_id");
            StringBuilder sql = new StringBuilder(
                    "SELECT " + COLUMNS + " FROM " + TABLE + " WHERE recipient_kind = ? AND recipient_id = ?");
            if (page.after().isPresent()) {
                sql.append(" AND (created_at < ? OR (created_at = ? AND ")
                        .append(id)
                        .append(" < ?))");
            }
            sql.append(" ORDER BY created_at DESC, ").append(id).append(" DESC LIMIT ?");
            try (PreparedStatement ps = db.prepare(c, sql.toString())) {
                int i = 1;
                ps.setString(i++, recipient.kind().name());
                ps.setString(i++, recipient.id());
                if (page.after().isPresent()) {
                    PageCursor cursor = page.after().get();
                    ps.setBigDecimal(i++, Db.toDecimal(cursor.at()));
                    ps.setBigDecimal(i++, Db.toDecimal(cursor.at()));
                    ps.setString(i++, cursor.id());
                }
                ps.setInt(i, page.size() + 1);
                List<PortalMessage> fetched = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        fetched.add(read(rs));
                    }
                }
                return Pages.of(fetched, page.size(), m -> new PageCursor(m.at(), m.id()));
            }
        });
    }

    @Override
    public int eraseRecipient(PartyRef recipient) {
        requireNonNull(recipient, "recipient");
        return db.singleStatement("portal messages erase", c -> {
            // served by the index on (recipient_kind, recipient_id, …)
            try (PreparedStatement ps =
                    db.prepare(c, "DELETE FROM " + TABLE + " WHERE recipient_kind = ? AND recipient_id = ?")) {
                ps.setString(1, recipient.kind().name());
                ps.setString(2, recipient.id());
                return ps.executeUpdate();
            }
        });
    }

    /** The most escalations one {@code DELETE} of {@link #eraseEscalations} names (a retention batch's most). */
    static final int ERASE_CHUNK = 10_000;

    @Override
    public int eraseEscalations(Set<EscalationId> escalations) {
        requireNonNull(escalations, "escalations");
        List<String> ids = new ArrayList<>(escalations.size());
        for (EscalationId e : escalations) {
            ids.add(requireNonNull(e, "escalation").value());
        }
        Collections.sort(ids); // one order for concurrent runs, so their deletes do not deadlock
        int removed = 0;
        for (int from = 0; from < ids.size(); from += ERASE_CHUNK) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + ERASE_CHUNK));
            removed += db.singleStatement("portal messages of escalations erase", c -> {
                // served by the index on escalation_id
                String in = String.join(", ", Collections.nCopies(chunk.size(), "?"));
                try (PreparedStatement ps =
                        db.prepare(c, "DELETE FROM " + TABLE + " WHERE escalation_id IN (" + in + ")")) {
                    for (int i = 0; i < chunk.size(); i++) {
                        ps.setString(i + 1, chunk.get(i));
                    }
                    return ps.executeUpdate();
                }
            });
        }
        return removed;
    }

    /**
     * The message of a row.
     *
     * @throws dev.escalation.spi.StoredDataException if the row holds a value the store never writes (changed outside
     *     the store)
     */
    private PortalMessage read(ResultSet rs) throws SQLException {
        return EscalationRows.decoded("esc_portal_message", 0, () -> decode(rs));
    }

    private PortalMessage decode(ResultSet rs) throws SQLException {
        String customer = rs.getString("customer_id");
        String text = rs.getString("text");
        return new PortalMessage(
                rs.getString("message_id"),
                new PartyRef(Party.Kind.valueOf(rs.getString("recipient_kind")), rs.getString("recipient_id")),
                customer == null ? Optional.empty() : Optional.of(CustomerId.of(customer)),
                EscalationId.of(rs.getString("escalation_id")),
                new CaseId(rs.getString("case_id")),
                NotificationKind.valueOf(rs.getString("kind")),
                Db.instant(rs, "created_at"),
                Locale.forLanguageTag(rs.getString("locale")),
                rs.getString("subject"),
                rs.getString("body"),
                json.readParams(rs.getString("params")),
                Optional.ofNullable(text));
    }
}
