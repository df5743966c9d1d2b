package dev.escalation.jdbc;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps PostgreSQL's planner statistics of {@code esc_outbox} close enough to the table for the claim's plan.
 *
 * <p>On a table that was never analyzed (a new schema, until autovacuum's first {@code ANALYZE}, which may take minutes
 * on a busy server), or whose statistics describe a far smaller table, PostgreSQL plans the claim by the due index: it
 * checks the chain conditions of every deliverable message and sorts them all before its {@code LIMIT}, so a claim
 * costs time in proportion to the backlog (1.7 s at 39,000 pending), and background workers that fall behind fall
 * ever further behind. With current statistics it walks {@code (status, created_at)} and reads about its limit. So at
 * most once a second, before a claim and on the claim's connection (no checkout of its own), this guard reads the
 * table's statistics (one catalog query) and runs {@code ANALYZE} when the table holds rows but was never analyzed,
 * or has grown by more live rows than it had when last analyzed (and by at least {@value #MIN_CHANGES}), or to more
 * than twice its pages then (and by at least {@value #MIN_PAGES}; the file size is current at once, the row counters a
 * second or ten late); when that {@code ANALYZE} finds the table held by another (autovacuum's), it waits for it
 * ({@link #ANALYZE_WAITING}): a backstop
 * for autovacuum, which analyzes after 10 % but only when it gets round to it. Growth, not every change, is what
 * makes the statistics describe a far smaller table: each message is inserted once and updated twice (claimed,
 * finished), so counting changes analyzed the outbox each time it grew by a third, at up to 46 ms a time on the
 * server. {@code ANALYZE} needs the table's owner (the account that migrated the schema); without
 * it PostgreSQL skips the table with a warning, and the guard asks again only a minute later (logged once). Failures
 * never fail a claim.
 */
final class OutboxStatistics {
    private static final Logger LOG = LoggerFactory.getLogger(OutboxStatistics.class);
    private static final long RECHECK_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long REFUSED_NANOS = TimeUnit.MINUTES.toNanos(1);
    static final long MIN_CHANGES = 1_000;
    /** Growth in pages (8 KiB each by default) that makes statistics stale however few rows the counters show. */
    static final long MIN_PAGES = 128;

    private static final String READ = "SELECT c.reltuples, COALESCE(s.n_live_tup, 0),"
            + " EXISTS (SELECT 1 FROM esc_outbox), c.relpages,"
            + " pg_relation_size(c.oid) / current_setting('block_size')::bigint"
            + " FROM pg_class c LEFT JOIN pg_stat_user_tables s ON s.relid = c.oid"
            + " WHERE c.oid = to_regclass('esc_outbox')";

    /**
     * The columns the outbox's statements filter, join or sort by: only their statistics are taken. The payload, the
     * idempotency key (unique: its estimate needs no statistics) and the error texts are left out; reading and
     * summarising those wide values was about half of the {@code ANALYZE}'s time. Autovacuum's own {@code ANALYZE}
     * still covers every column.
     */
    static final String ANALYZE = "ANALYZE (SKIP_LOCKED) esc_outbox (seq, message_id, escalation_id, target,"
            + " effect_type, status, created_at, next_attempt_at, lease_until, claim_token, chain_key, delivered_at)";

    /**
     * {@link #ANALYZE} without {@code SKIP_LOCKED}: when the first was skipped because autovacuum (or another
     * instance) was vacuuming or analyzing the outbox at that moment. The claim must not go ahead on the small table's
     * statistics: a connection that ran the claim often while the table was small holds a generic plan made for it,
     * which PostgreSQL keeps until the table is analyzed, and which reads the outbox once per candidate (after a burst
     * of 11,000 messages a claim ran into the 30 s query timeout in CI). It waits for the lock: PostgreSQL cancels an
     * autovacuum that blocks it after {@code deadlock_timeout} (1 s by default); at most {@value #WAIT_SECONDS} s.
     */
    static final String ANALYZE_WAITING = ANALYZE.replace("(SKIP_LOCKED) ", "");

    static final int WAIT_SECONDS = 5;

    private final AtomicBoolean warned = new AtomicBoolean();
    private final AtomicLong nextCheck = new AtomicLong(System.nanoTime());

    /**
     * Before a PostgreSQL claim, on the claim's connection (no checkout of its own): analyzes the outbox if its
     * statistics are missing or stale; looks at most once a second. A failure is rolled back to a savepoint when the
     * connection is in a transaction, and never fails the claim.
     */
    void beforeClaim(Connection c) {
        long now = System.nanoTime();
        long next = nextCheck.get();
        if (now - next < 0 || !nextCheck.compareAndSet(next, now + RECHECK_NANOS)) {
            return; // checked less than a second ago, or another claim is checking now
        }
        Savepoint savepoint = null;
        try {
            if (!c.getAutoCommit()) {
                savepoint = c.setSavepoint();
            }
            try (Statement s = c.createStatement()) {
                if (stale(s) && !analyze(s)) {
                    nextCheck.set(System.nanoTime() + REFUSED_NANOS);
                    if (warned.compareAndSet(false, true)) {
                        LOG.warn("esc_outbox has no current planner statistics after ANALYZE (it needs the table's"
                                + " owner): outbox claims may slow down with the backlog until autovacuum analyzes"
                                + " it");
                    }
                }
            }
            if (savepoint != null) {
                c.releaseSavepoint(savepoint);
            }
        } catch (SQLException e) {
            LOG.debug("outbox statistics not checked: {} {}", e.getClass().getName(), e.getSQLState());
            if (savepoint != null) {
                try {
                    c.rollback(savepoint);
                } catch (SQLException ignored) {
                    // the claim's own statement reports a broken connection
                }
            }
        }
    }

    /**
     * Analyzes the outbox: {@link #ANALYZE}, and {@link #ANALYZE_WAITING} if that was skipped because another session
     * held the table. Whether its statistics are current afterwards (not: PostgreSQL skipped the table with a
     * warning, as it does for an account that is not the table's owner).
     */
    private static boolean analyze(Statement s) throws SQLException {
        s.execute(ANALYZE);
        if (!stale(s)) {
            return true;
        }
        s.setQueryTimeout(WAIT_SECONDS);
        s.execute(ANALYZE_WAITING);
        return !stale(s);
    }

    /**
     * Whether the outbox holds rows and was never analyzed, or has grown since it was: by more rows than it had then
     * (the server's row counters), or to more than twice its pages then and by at least {@value #MIN_PAGES} pages (its
     * file size). The row counters lag: a server process publishes them at most once a second, and an idle one ten
     * seconds late, so after a burst of escalations the first claims saw the old count, kept the statistics of a small
     * table and were planned to read the outbox once per candidate (a claim ran into the 30 s query timeout in CI). The
     * file size is current at once.
     */
    private static boolean stale(Statement s) throws SQLException {
        try (ResultSet rs = s.executeQuery(READ)) {
            if (!rs.next() || !rs.getBoolean(3)) {
                return false; // no such table, or empty: nothing to learn yet
            }
            float tuples = rs.getFloat(1);
            long live = rs.getLong(2);
            long pagesThen = rs.getLong(4);
            long pagesNow = rs.getLong(5);
            return tuples < 0
                    || live - (long) tuples >= Math.max(MIN_CHANGES, (long) tuples)
                    || pagesNow - pagesThen >= Math.max(MIN_PAGES, pagesThen);
        }
    }
}
