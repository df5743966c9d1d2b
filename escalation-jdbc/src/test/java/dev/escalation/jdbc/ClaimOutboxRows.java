package dev.escalation.jdbc;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * What the claim properties ({@link PostgresClaimCandidatesPropertyTest}, {@link H2ClaimChainPropertyTest}) write for
 * a generated message and its escalation's ticket, so both generate the same kinds of outbox: escalations {@code E-0}
 * and {@code E-1}, notifications or ticket calls, pending, delivered or dead, due before {@link #AT} or an hour after.
 */
final class ClaimOutboxRows {
    /** The claim's instant (epoch seconds). */
    static final long AT = 1_800_000_000L;

    /** The outbox columns {@link #bind} sets, in its order (the statement may add columns after them). */
    static final String COLUMNS = "customer_id, message_id, escalation_id, idempotency_key, target, effect_type, "
            + "payload_format, payload, status, created_at, next_attempt_at, attempts, chain_key";

    /** The values of {@link #COLUMNS}: 9 parameters. */
    static final String VALUES = "'acme', ?, ?, ?, ?, ?, 2, '{}', ?, ?, ?, 0, ?";

    private static final char SEP = '\u001f';

    private ClaimOutboxRows() {}

    /** Records the ticket reference of {@code E-0} and {@code E-1} as asked. */
    static void tickets(Connection c, boolean ofFirst, boolean ofSecond) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("INSERT INTO esc_ticket (escalation_id, reference) VALUES (?, 'T')")) {
            if (ofFirst) {
                ps.setString(1, "E-0");
                ps.executeUpdate();
            }
            if (ofSecond) {
                ps.setString(1, "E-1");
                ps.executeUpdate();
            }
        }
    }

    /**
     * Binds parameters 1–9 of {@link #VALUES} for message {@code n}: escalation {@code E-<escalation>}, kind (0
     * notification, 1 ticket open, 2 other ticket call), recipient (part of the chain key), status (0, 1 pending, 2
     * delivered, 3 dead), due or not, creation offset (0–3 seconds; ties and disagreements with the write order).
     */
    static void bind(
            PreparedStatement ps,
            int n,
            int escalation,
            int kind,
            String recipient,
            int status,
            boolean due,
            int created)
            throws SQLException {
        String id = "E-" + escalation;
        String target = kind == 0 ? "NOTIFICATION" : "TICKETING";
        ps.setString(1, "m-" + n);
        ps.setString(2, id);
        ps.setString(3, "k-" + n);
        ps.setString(4, target);
        ps.setString(5, kind == 0 ? "notification" : kind == 1 ? "ticket.open" : "ticket.update");
        ps.setString(6, status <= 1 ? "PENDING" : status == 2 ? "DONE" : "DEAD");
        ps.setBigDecimal(7, BigDecimal.valueOf(AT - 100 + created));
        ps.setBigDecimal(8, BigDecimal.valueOf(due ? AT - 10 : AT + 3600));
        ps.setString(9, id + SEP + target + SEP + recipient + SEP + "EMAIL");
    }
}
