package dev.escalation.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
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
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;

/**
 * The H2 claim decides which messages it may lease from a read without chain condition and the undelivered members of
 * the candidates' escalations ({@link JdbcOutbox#chainClear}); only a read that filled the limit, with messages of
 * blocked chains or with one the lock passed over, falls back to {@link JdbcOutbox#H2_CANDIDATES}, which checks every
 * candidate's chain in the statement and was the H2 claim alone before (a read short of the limit found every
 * deliverable message and decides alone, also past rows another transaction holds). For generated outboxes (1–12
 * messages in up to six chains of two escalations; pending, delivered or dead; due or not; unleased, leased or with an
 * expired lease; notifications, ticket opens and other ticket calls, with or without the escalation's ticket reference;
 * creation instants that tie or disagree with the write order; some rows locked by another transaction) and limits,
 * both ways keep the same messages in the same order, and the first read decides alone in most tries (the coverage
 * check).
 */
class H2ClaimChainPropertyTest {
    /** The claim's instant (epoch seconds); messages are due before it or an hour after it. */
    private static final long AT = ClaimOutboxRows.AT;

    private static TestDatabase h2;
    private static DataSource pool;
    private static JdbcOutbox outbox;

    private static synchronized void open() {
        if (h2 == null) {
            h2 = TestDatabase.h2();
            h2.migrate();
            pool = h2.newPool("chain", 2);
            outbox = (JdbcOutbox) JdbcEscalationStore.builder(pool).build().outbox();
            outbox.counts(); // the dialect is known from here on
        }
    }

    @AfterContainer
    static void close() {
        if (h2 != null) {
            h2.close();
            h2 = null;
        }
    }

    /**
     * One generated message: its escalation (0–1), kind (0 notification, 1 ticket open, 2 other ticket call),
     * recipient (0–1, notifications only: another chain), status (0, 1 pending, 2 delivered, 3 dead), due, lease
     * (none, held, expired), creation offset and whether another transaction holds its row lock.
     */
    record Row(
            int escalation, int kind, int recipient, int status, boolean due, int lease, int created, boolean locked) {}

    @Provide
    Arbitrary<List<Row>> outboxes() {
        Arbitrary<Row> row = Combinators.combine(
                        Arbitraries.integers().between(0, 1),
                        Arbitraries.integers().between(0, 2),
                        Arbitraries.integers().between(0, 1),
                        Arbitraries.integers().between(0, 3),
                        Arbitraries.of(true, true, true, false),
                        Arbitraries.of(0, 0, 0, 1, 2),
                        Arbitraries.integers().between(0, 3),
                        Arbitraries.of(false, false, false, false, true))
                .as(Row::new);
        return row.list().ofMinSize(1).ofMaxSize(12);
    }

    @Property(tries = 1000)
    @StatisticsReport(StatisticsReport.StatisticsReportMode.OFF)
    void theFirstReadKeepsWhatTheChainCheckingStatementKeeps(
            @ForAll("outboxes") List<Row> rows,
            @ForAll boolean ticketOfFirst,
            @ForAll boolean ticketOfSecond,
            @ForAll @IntRange(min = 1, max = 12) int limit)
            throws SQLException {
        open();
        List<Long> seqs = fill(rows, ticketOfFirst, ticketOfSecond);
        Instant at = Instant.ofEpochSecond(AT);
        try (Connection other = pool.getConnection();
                Connection c = pool.getConnection()) {
            other.setAutoCommit(false);
            c.setAutoCommit(false);
            try {
                lockRows(other, rows, seqs);
                List<String> fast = described(outbox.claimable(c, at, limit));
                c.rollback();
                List<String> full = described(outbox.claimableByStatement(c, at, limit));
                c.rollback();
                assertThat(fast).isEqualTo(full);
                Statistics.label("first read decides").collect(firstReadDecides(c, limit, fast.size()));
            } finally {
                c.rollback();
                other.rollback();
            }
        }
        Statistics.label("first read decides").coverage(check -> {
            check.check(true).percentage(p -> p >= 70);
            check.check(false).count(n -> n > 0); // the fallback is exercised too
        });
    }

    /**
     * Whether {@link JdbcOutbox#claimable} returned the first read's decision (no fallback), in a new transaction (the
     * other transaction still holds its locks): the first read, its lock and the chain check did not call for it.
     */
    private static boolean firstReadDecides(Connection c, int limit, int kept) throws SQLException {
        List<Long> first = new ArrayList<>();
        int locked = 0;
        try {
            try (PreparedStatement ps = c.prepareStatement(JdbcOutbox.H2_DELIVERABLE)) {
                ps.setBigDecimal(1, BigDecimal.valueOf(AT));
                ps.setInt(2, limit);
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) {
                        first.add(rs.getLong(1));
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement(JdbcOutbox.H2_LOCK)) {
                ps.setArray(1, c.createArrayOf("BIGINT", first.toArray(new Long[0])));
                ps.setBigDecimal(2, BigDecimal.valueOf(AT));
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) {
                        locked++;
                    }
                }
            }
        } finally {
            c.rollback();
        }
        return first.size() < limit || (locked == first.size() && kept == locked);
    }

    private static List<String> described(List<JdbcOutbox.Candidate> kept) {
        List<String> out = new ArrayList<>();
        for (JdbcOutbox.Candidate x : kept) {
            out.add(x.seq() + " " + x.chain());
        }
        return out;
    }

    /** Replaces the outbox, its leases and the tickets by the generated ones (committed); the rows' seqs in order. */
    private static List<Long> fill(List<Row> rows, boolean ticketOfFirst, boolean ticketOfSecond) throws SQLException {
        List<Long> seqs = new ArrayList<>();
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("DELETE FROM esc_outbox_lease");
                s.execute("DELETE FROM esc_outbox");
                s.execute("DELETE FROM esc_ticket");
            }
            ClaimOutboxRows.tickets(c, ticketOfFirst, ticketOfSecond);
            long now = System.currentTimeMillis() / 1000;
            try (PreparedStatement ps = c.prepareStatement(
                            "INSERT INTO esc_outbox (" + ClaimOutboxRows.COLUMNS + ") VALUES (" + ClaimOutboxRows.VALUES
                                    + ")",
                            new String[] {"seq"});
                    PreparedStatement lease = c.prepareStatement("INSERT INTO esc_outbox_lease (seq, claim_token, "
                            + "claimed_by, lease_until) VALUES (?, 'token', 'other', ?)")) {
                int n = 0;
                for (Row r : rows) {
                    String recipient = r.kind() == 0 ? (r.recipient() == 0 ? "ina" : "tom") : "";
                    ClaimOutboxRows.bind(ps, n, r.escalation(), r.kind(), recipient, r.status(), r.due(), r.created());
                    ps.executeUpdate();
                    long seq;
                    try (var keys = ps.getGeneratedKeys()) {
                        keys.next();
                        seq = keys.getLong(1);
                    }
                    seqs.add(seq);
                    if (r.lease() != 0) {
                        lease.setLong(1, seq);
                        lease.setBigDecimal(2, BigDecimal.valueOf(r.lease() == 1 ? now + 3600 : now - 3600));
                        lease.executeUpdate();
                    }
                    n++;
                }
            }
            c.commit();
        }
        return seqs;
    }

    /** Another transaction locks the rows generated as locked (the claim's SKIP LOCKED passes them over). */
    private static void lockRows(Connection other, List<Row> rows, List<Long> seqs) throws SQLException {
        try (PreparedStatement ps = other.prepareStatement("SELECT seq FROM esc_outbox WHERE seq = ? FOR UPDATE")) {
            for (int i = 0; i < rows.size(); i++) {
                if (rows.get(i).locked()) {
                    ps.setLong(1, seqs.get(i));
                    ps.executeQuery().close();
                }
            }
        }
    }
}
