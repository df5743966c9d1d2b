package dev.escalation.benchmarks.harness;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Where the time of the threads running lifecycles goes, as the server sees their connections: a thread samples
 * {@code pg_stat_activity} every {@value #INTERVAL_MILLIS} ms on a connection of its own and sorts each of the
 * database user's other client connections that is not idle by its state and wait event ({@link Kind}); what the
 * running threads do not account for in a sample is time outside any transaction (the application's work between
 * transactions, the round trips' wake-ups, the pool). The shares are of thread time: samples × threads.
 *
 * <p>A sample is a snapshot, so a share is exact only in the long run; a share below one sample per thread is
 * noise. The sampler costs the server one small catalog read per sample. Only the running threads' connections
 * must be busy while it samples: a connection of anything else that is not idle would be counted as theirs
 * ({@link Shares#overfullSamples} counts samples with more busy connections than threads).
 */
final class BackendStates {
    /** Milliseconds between samples. */
    static final long INTERVAL_MILLIS = 10;

    /** What a thread was doing, seen from its connection. */
    enum Kind {
        /** A statement running: on a core or waiting for one (PostgreSQL reports no wait event for either). */
        EXECUTING,
        /** A statement, mostly a {@code COMMIT}, writing or flushing the WAL or waiting for another process to. */
        WAL_WRITE_AND_FLUSH,
        /** A statement waiting on a heavyweight lock or a lightweight lock other than the WAL's. */
        LOCKS,
        /** A statement waiting on anything else (data file I/O, the client during a copy, …). */
        OTHER_WAITS,
        /** Inside a transaction, between statements: the application (the engine) deciding, or the round trip. */
        IN_TRANSACTION_BETWEEN_STATEMENTS,
        /** No transaction open: the application's work between transactions, the pool, the round trips. */
        OUTSIDE_TRANSACTIONS
    }

    /**
     * The shares of thread time, in percent.
     *
     * @param samples samples taken
     * @param overfullSamples samples with more busy connections than threads (counted up to the threads)
     * @param percent share of each kind, summing to 100 when there were samples
     * @param statements the statements seen running (any state but between statements), most thread time first, at
     *     most {@value #TOP_STATEMENTS}
     */
    record Shares(int samples, int overfullSamples, Map<Kind, Double> percent, List<StatementShare> statements) {}

    /**
     * A statement's share of thread time.
     *
     * @param statement its first {@value #STATEMENT_CHARS} characters, blanks collapsed
     * @param percent share of thread time it was seen running (executing or waiting)
     */
    record StatementShare(String statement, double percent) {}

    /** Statements listed in {@link Shares#statements}. */
    static final int TOP_STATEMENTS = 8;

    /** Characters of a statement's text that name it. */
    static final int STATEMENT_CHARS = 70;

    private static final String SQL = "SELECT state, wait_event_type, wait_event, query FROM pg_stat_activity"
            + " WHERE datname = current_database() AND usename = current_user AND backend_type = 'client backend'"
            + " AND pid <> pg_backend_pid() AND state IS DISTINCT FROM 'idle'";

    private final Connection connection;
    private final Tally tally;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final Thread sampler;
    private volatile boolean stopped;

    /**
     * Starts sampling.
     *
     * @param connection the sampler's own connection (autocommit: each read sees the current activity)
     * @param threads threads whose connections are sampled
     */
    BackendStates(Connection connection, int threads) throws SQLException {
        this.tally = new Tally(threads);
        connection.setAutoCommit(true);
        this.connection = connection;
        this.sampler = new Thread(this::run, "pg-activity-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    private void run() {
        try (PreparedStatement ps = connection.prepareStatement(SQL)) {
            while (!stopped) {
                long[] one = new long[Kind.values().length];
                int busy = 0;
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Kind kind = classify(rs.getString(1), rs.getString(2), rs.getString(3));
                        one[kind.ordinal()]++;
                        busy++;
                        if (kind != Kind.IN_TRANSACTION_BETWEEN_STATEMENTS) {
                            tally.addStatement(rs.getString(4));
                        }
                    }
                }
                tally.add(one, busy);
                Thread.sleep(INTERVAL_MILLIS);
            }
        } catch (SQLException | RuntimeException e) {
            failure.set(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The kind of one busy connection.
     *
     * @param state {@code pg_stat_activity.state}
     * @param waitType {@code wait_event_type}, or null when not waiting
     * @param wait {@code wait_event}, or null
     */
    static Kind classify(String state, String waitType, String wait) {
        if (state != null && state.toLowerCase(Locale.ROOT).startsWith("idle in transaction")) {
            return Kind.IN_TRANSACTION_BETWEEN_STATEMENTS;
        }
        if (waitType == null) {
            return Kind.EXECUTING;
        }
        boolean wal = "WALSync".equals(wait)
                || "WALWrite".equals(wait)
                || "WALInitSync".equals(wait)
                || "WALInitWrite".equals(wait);
        if (wal && ("IO".equals(waitType) || "LWLock".equals(waitType))) {
            return Kind.WAL_WRITE_AND_FLUSH;
        }
        if ("Lock".equals(waitType) || "LWLock".equals(waitType)) {
            return Kind.LOCKS;
        }
        return Kind.OTHER_WAITS;
    }

    /** Stops sampling and returns the shares. */
    Shares stop() throws InterruptedException {
        stopped = true;
        sampler.join();
        if (failure.get() != null) {
            throw new IllegalStateException("sampling pg_stat_activity failed", failure.get());
        }
        return tally.shares();
    }

    /** The samples added up: busy connections by kind, capped at the threads; the rest outside transactions. */
    static final class Tally {
        private final int threads;
        private final long[] counts = new long[Kind.values().length];
        private final Map<String, Long> statements = new HashMap<>();
        private int samples;
        private int overfull;

        Tally(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be positive");
            }
            this.threads = threads;
        }

        /** Adds one sample: {@code busy} connections, {@code busyByKind} of them of each kind. */
        synchronized void add(long[] busyByKind, int busy) {
            if (busy > threads) {
                overfull++;
            }
            int left = threads;
            for (int k = 0; k < busyByKind.length && left > 0; k++) {
                int n = (int) Math.min(busyByKind[k], left);
                counts[k] += n;
                left -= n;
            }
            counts[Kind.OUTSIDE_TRANSACTIONS.ordinal()] += left;
            samples++;
        }

        /** Counts one sighting of a running statement ({@code pg_stat_activity.query}). */
        synchronized void addStatement(String query) {
            String text = query == null ? "" : query.strip().replaceAll("\\s+", " ");
            statements.merge(
                    text.length() > STATEMENT_CHARS ? text.substring(0, STATEMENT_CHARS) : text, 1L, Long::sum);
        }

        synchronized Shares shares() {
            Map<Kind, Double> percent = new EnumMap<>(Kind.class);
            long all = (long) samples * threads;
            for (Kind k : Kind.values()) {
                percent.put(k, all == 0 ? 0.0 : 100.0 * counts[k.ordinal()] / all);
            }
            List<StatementShare> top = statements.entrySet().stream()
                    .sorted(Map.Entry.<String, Long>comparingByValue()
                            .reversed()
                            .thenComparing(Map.Entry.comparingByKey()))
                    .limit(TOP_STATEMENTS)
                    .map(e -> new StatementShare(e.getKey(), all == 0 ? 0.0 : 100.0 * e.getValue() / all))
                    .toList();
            return new Shares(samples, overfull, percent, top);
        }
    }
}
