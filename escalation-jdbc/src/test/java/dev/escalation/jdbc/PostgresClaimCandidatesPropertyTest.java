package dev.escalation.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * PostgreSQL's claim reads each candidate's older chain members once ({@link JdbcOutbox#PG_CANDIDATES}, a {@code
 * LATERAL} count); the statement it replaced (still H2's, {@link JdbcOutbox#candidates(Dialect)}) read them twice.
 * For generated outboxes (1–10 messages in up to four chains of two escalations; pending, delivered or dead; due or
 * not; unleased, leased or with an expired lease; notifications, ticket opens and other ticket calls, with or without
 * the escalation's ticket reference; creation instants that tie or disagree with the write order) and limits, both
 * statements select the same messages in the same order with the same count of older undelivered chain members.
 */
@AddLifecycleHook(PostgresRequired.class)
class PostgresClaimCandidatesPropertyTest {
    /** The claim's instant (epoch seconds); messages are due before it or an hour after it. */
    private static final long AT = ClaimOutboxRows.AT;

    private static TestDatabase pg;
    private static DataSource pool;

    private static synchronized void open() {
        if (pg == null) {
            pg = TestDatabase.postgresql("PostgresClaimCandidatesPropertyTest");
            pg.migrate();
            pool = pg.newPool("candidates", 1);
        }
    }

    @AfterContainer
    static void close() {
        if (pg != null) {
            pg.close();
            pg = null;
        }
    }

    /** One generated message: its escalation (0–1), kind (0 notification, 1 ticket open, 2 other ticket call), … */
    record Row(int escalation, int kind, int status, boolean due, int lease, int created) {}

    @Provide
    Arbitrary<List<Row>> outboxes() {
        Arbitrary<Row> row = Combinators.combine(
                        Arbitraries.integers().between(0, 1),
                        Arbitraries.integers().between(0, 2),
                        Arbitraries.integers().between(0, 3), // 0, 1 pending, 2 delivered, 3 dead
                        Arbitraries.of(true, true, false),
                        Arbitraries.integers().between(0, 2), // none, held, expired
                        Arbitraries.integers().between(0, 3))
                .as(Row::new);
        return row.list().ofMinSize(1).ofMaxSize(10);
    }

    @Property(tries = 1000)
    void theOneReadCandidatesAreTheTwoReadOnes(
            @ForAll("outboxes") List<Row> rows,
            @ForAll boolean ticketOfFirst,
            @ForAll boolean ticketOfSecond,
            @ForAll @IntRange(min = 1, max = 12) int limit)
            throws SQLException {
        open();
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try {
                fill(c, rows, ticketOfFirst, ticketOfSecond);
                List<String> reference = candidates(c, JdbcOutbox.candidates(Dialect.POSTGRESQL), limit);
                List<String> oneRead = candidates(c, JdbcOutbox.PG_CANDIDATES, limit);
                assertThat(oneRead).isEqualTo(reference);
            } finally {
                c.rollback();
            }
        }
    }

    private static void fill(Connection c, List<Row> rows, boolean ticketOfFirst, boolean ticketOfSecond)
            throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("DELETE FROM esc_outbox");
            s.execute("DELETE FROM esc_ticket");
        }
        ClaimOutboxRows.tickets(c, ticketOfFirst, ticketOfSecond);
        long now = System.currentTimeMillis() / 1000;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO esc_outbox (" + ClaimOutboxRows.COLUMNS
                + ", lease_until, claim_token) VALUES (" + ClaimOutboxRows.VALUES + ", ?, ?)")) {
            int n = 0;
            for (Row r : rows) {
                ClaimOutboxRows.bind(ps, n, r.escalation(), r.kind(), "ina", r.status(), r.due(), r.created());
                if (r.lease() == 0) {
                    ps.setNull(10, java.sql.Types.NUMERIC);
                    ps.setNull(11, java.sql.Types.VARCHAR);
                } else {
                    ps.setBigDecimal(10, BigDecimal.valueOf(r.lease() == 1 ? now + 3600 : now - 3600));
                    ps.setString(11, "token");
                }
                ps.addBatch();
                n++;
            }
            ps.executeBatch();
        }
    }

    /** The candidates {@code sql} selects: seq, chain key and older open members, in its order. */
    private static List<String> candidates(Connection c, String sql, int limit) throws SQLException {
        List<String> found = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            BigDecimal at = BigDecimal.valueOf(AT);
            ps.setBigDecimal(1, at);
            ps.setBigDecimal(2, at);
            ps.setInt(3, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.add(rs.getLong(1) + " " + rs.getString(2) + " " + rs.getLong(3));
                }
            }
        }
        return found;
    }
}
