package dev.escalation.jdbc.migration;

import java.sql.SQLException;
import java.sql.Statement;

/**
 * Migration V16 of the escalation-jdbc schema, run by Flyway from {@link dev.escalation.jdbc.JdbcSchema#LOCATION}: on
 * H2, the outbox's leases move to a narrow table {@code esc_outbox_lease} (seq, claim token, claimant, lease end),
 * keyed by the message's {@code seq} and with no other index. H2 2.3 removes a row from every index of its table and
 * adds it again on any update, whatever columns changed: a lease written into {@code esc_outbox} rewrote all its
 * indexes although it changes no indexed column. A lease is now one row merged into a one-index table, and the finish
 * deletes it; the claim's candidates exclude messages with a live lease row. A message has a lease row only while it is
 * claimed (a message deleted by retention or erasure takes its lease row along: a foreign key with {@code ON DELETE
 * CASCADE}); the lease columns of {@code esc_outbox} stay (NULL) on H2. Leases held at this migration are moved. On
 * PostgreSQL (HOT updates: the lease changes no indexed column, so no index is written; no gain) it does nothing.
 * Public only because Flyway instantiates it; not an API.
 */
public final class V16__h2_outbox_lease extends OneDatabaseMigration {

    /** Creates the migration (Flyway does). */
    public V16__h2_outbox_lease() {
        super(H2);
    }

    @Override
    void migrateOn(Statement s) throws SQLException {
        s.execute("CREATE TABLE esc_outbox_lease (seq BIGINT NOT NULL, claim_token VARCHAR(64) NOT NULL, "
                + "claimed_by VARCHAR(200) NOT NULL, lease_until NUMERIC(30,9) NOT NULL, "
                + "CONSTRAINT esc_outbox_lease_pk PRIMARY KEY (seq), CONSTRAINT esc_outbox_lease_fk FOREIGN KEY (seq) "
                + "REFERENCES esc_outbox (seq) ON DELETE CASCADE)");
        s.execute("INSERT INTO esc_outbox_lease (seq, claim_token, claimed_by, lease_until) "
                + "SELECT seq, claim_token, COALESCE(claimed_by, ''), lease_until FROM esc_outbox "
                + "WHERE status = 'PENDING' AND claim_token IS NOT NULL AND lease_until IS NOT NULL");
        s.execute("UPDATE esc_outbox SET claim_token = NULL, claimed_by = NULL, lease_until = NULL "
                + "WHERE claim_token IS NOT NULL OR claimed_by IS NOT NULL OR lease_until IS NOT NULL");
    }
}
