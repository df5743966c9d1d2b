package dev.escalation.benchmarks.harness;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.escalation.benchmarks.BenchTime;
import dev.escalation.benchmarks.jdbc.Databases;
import dev.escalation.benchmarks.sdk.CountingObserver;
import dev.escalation.benchmarks.sdk.SdkFixture;
import dev.escalation.benchmarks.sdk.SdkLifecycle;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What the PostgreSQL server writes for one lifecycle of the SDK: rows per table (inserted, updated in place as a HOT
 * update, updated with new index entries, deleted), the index insertions those writes cost at most, and the WAL bytes;
 * with {@code pg_stat_statements} loaded, also each statement's calls, execution time, rows and WAL per lifecycle;
 * and where the running threads' time went, from their connections' states sampled while they ran
 * ({@link BackendStates}).
 * The row, index and WAL figures are counts, not timings: they say where the server's work per lifecycle goes (the
 * bound of the PostgreSQL floors of issue 17) and change only when the store's statements or the schema change; the
 * thread-time shares are samples of a timed run and move with the host.
 *
 * <p>Runs on the schema {@value Databases#SDK_SCHEMA} as the lifecycle benchmark does ({@link SdkFixture}: dropped,
 * created, primed with {@value Databases#PRIMED_LIFECYCLES} lifecycles and analyzed), then {@code warm} unmeasured
 * lifecycles, then {@code lifecycles} measured ones on {@code threads} threads, each the 14 commands and a drain
 * ({@link SdkLifecycle#full}). Before and after the measured ones it reads {@code pg_stat_user_tables}, the WAL
 * position and, where readable, {@code pg_stat_statements}. The table counters are published by each server process
 * at most once a second and by an idle one 10 s later; each read first has the pool's connections publish theirs
 * ({@link SdkFixture#flushPgStatistics}, PostgreSQL 15 and later; else it waits the 10 s), then reads until two reads
 * agree ({@link #settledTables}).
 *
 * <p>Index insertions: an insert, and an update that is not HOT, add an entry to every index of the table (except to a
 * partial index whose predicate the new row does not match: counted anyway, hence "at most"); a HOT update and a
 * delete add none.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.escalation.benchmarks.harness.PgWork [lifecycles [threads [warm]]]}
 * (defaults 2,000, 2, 500) with {@code ESCALATION_TEST_PG_URL}, {@code _USER} and {@code _PASSWORD} set; prints one
 * JSON object. {@code pg_stat_statements} needs {@code shared_preload_libraries = 'pg_stat_statements'} and {@code
 * CREATE EXTENSION pg_stat_statements} in the database (a server change run.sh never makes; without it the statements
 * are reported as unavailable, with the reason).
 */
public final class PgWork {
    /** Statements listed, by execution time per lifecycle. */
    static final int TOP_STATEMENTS = 10;
    /** How long an idle PostgreSQL process keeps its pending table counters (PGSTAT_IDLE_INTERVAL, 10 s). */
    static final long IDLE_FLUSH_MILLIS = 10_000;

    private PgWork() {}

    /** One table's writes per measured lifecycle. */
    public record TableWork(
            String table,
            double inserts,
            double hotUpdates,
            double otherUpdates,
            double deletes,
            int indexes,
            int partialIndexes) {
        /** Entries added to the table's indexes per lifecycle, at most (partial indexes counted as full ones). */
        @JsonProperty
        public double indexInsertionsAtMost() {
            return (inserts + otherUpdates) * indexes;
        }
    }

    /** One statement's work per measured lifecycle (from {@code pg_stat_statements}). */
    public record StatementWork(String statement, double calls, double millis, double rows, double walBytes) {}

    /**
     * The measurement.
     *
     * @param lifecycles measured lifecycles
     * @param threads threads that ran them
     * @param warm unmeasured lifecycles before them
     * @param seconds wall time of the measured lifecycles (not a benchmark figure: no JMH, one trial)
     * @param walBytes WAL written per lifecycle, by every process of the server (autovacuum included)
     * @param deliveries side effects delivered per lifecycle, as the engine reported them
     * @param tables the tables written, most index insertions first
     * @param statements the statements, most execution time first, or empty
     * @param statementsUnavailable why there are none, or empty
     * @param threadTime where the threads' time went, as the server saw their connections ({@link BackendStates})
     */
    public record Result(
            int lifecycles,
            int threads,
            int warm,
            double seconds,
            @JsonProperty("walBytesPerLifecycle") double walBytes,
            @JsonProperty("deliveriesPerLifecycle") double deliveries,
            List<TableWork> tables,
            List<StatementWork> statements,
            String statementsUnavailable,
            BackendStates.Shares threadTime) {

        /** Index insertions per lifecycle over all tables, at most. */
        @JsonProperty
        public double indexInsertionsAtMost() {
            return tables.stream().mapToDouble(TableWork::indexInsertionsAtMost).sum();
        }

        /** The table's work, if it was written. */
        public Optional<TableWork> table(String name) {
            return tables.stream().filter(t -> t.table().equals(name)).findFirst();
        }
    }

    public static void main(String[] args) throws Exception {
        int lifecycles = args.length > 0 ? Integer.parseInt(args[0]) : 2_000;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        int warm = args.length > 2 ? Integer.parseInt(args[2]) : 500;
        System.out.println(new ObjectMapper().writeValueAsString(measure(lifecycles, threads, warm)));
    }

    /**
     * Runs the lifecycles and returns the server's work per lifecycle.
     *
     * @param lifecycles measured lifecycles, at least 1
     * @param threads threads running them, at least 1
     * @param warm unmeasured lifecycles before, after the fixture's priming
     * @return the work
     */
    public static Result measure(int lifecycles, int threads, int warm) throws Exception {
        if (lifecycles < 1 || threads < 1 || warm < 0) {
            throw new IllegalArgumentException("lifecycles and threads must be positive, warm not negative");
        }
        var clock = BenchTime.advancingLockFree();
        try (SdkFixture f = new SdkFixture("postgres", clock);
                Connection c =
                        DriverManager.getConnection(Databases.pgUrl(), Databases.pgUser(), Databases.pgPassword());
                Connection sampling =
                        DriverManager.getConnection(Databases.pgUrl(), Databases.pgUser(), Databases.pgPassword())) {
            for (int i = 0; i < warm; i++) {
                SdkLifecycle.full(f.engine, clock, "C-warm-" + i, "warm-" + i);
            }
            Map<String, long[]> tablesBefore = settledTables(c, f);
            Statements statementsBefore = statements(c);
            long walBefore = walPosition(c);
            CountingObserver.Tally before = f.observer.total();
            AtomicInteger next = new AtomicInteger();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            List<Thread> running = new ArrayList<>();
            BackendStates states = new BackendStates(sampling, threads);
            long t0 = System.nanoTime();
            for (int t = 0; t < threads; t++) {
                Thread th = new Thread(() -> {
                    try {
                        int k;
                        while ((k = next.getAndIncrement()) < lifecycles && failure.get() == null) {
                            SdkLifecycle.full(f.engine, clock, "C-work-" + k, "work-" + k);
                        }
                    } catch (Throwable e) {
                        failure.compareAndSet(null, e);
                    }
                });
                th.start();
                running.add(th);
            }
            for (Thread th : running) {
                th.join();
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            BackendStates.Shares threadTime = states.stop();
            if (failure.get() != null) {
                throw new IllegalStateException("a lifecycle failed", failure.get());
            }
            f.checkDrained();
            long walAfter = walPosition(c);
            CountingObserver.Tally after = f.observer.total();
            Map<String, long[]> tablesAfter = settledTables(c, f);
            Statements statementsAfter = statements(c);
            Map<String, int[]> indexes = indexes(c);
            List<TableWork> tables = new ArrayList<>();
            for (Map.Entry<String, long[]> e : tablesAfter.entrySet()) {
                long[] a = e.getValue();
                long[] b = tablesBefore.getOrDefault(e.getKey(), new long[4]);
                double ins = (a[0] - b[0]) / (double) lifecycles;
                double upd = (a[1] - b[1]) / (double) lifecycles;
                double hot = (a[2] - b[2]) / (double) lifecycles;
                double del = (a[3] - b[3]) / (double) lifecycles;
                if (ins == 0 && upd == 0 && del == 0) {
                    continue;
                }
                int[] ix = indexes.getOrDefault(e.getKey(), new int[2]);
                tables.add(new TableWork(e.getKey(), ins, hot, upd - hot, del, ix[0], ix[1]));
            }
            tables.sort(Comparator.comparingDouble(TableWork::indexInsertionsAtMost)
                    .reversed()
                    .thenComparing(TableWork::table));
            List<StatementWork> statements = statementsAfter.unavailable.isEmpty()
                    ? statementsAfter.minus(statementsBefore, lifecycles)
                    : List.of();
            return new Result(
                    lifecycles,
                    threads,
                    warm,
                    seconds,
                    (walAfter - walBefore) / (double) lifecycles,
                    (after.delivered - before.delivered) / (double) lifecycles,
                    tables,
                    statements,
                    statementsAfter.unavailable,
                    threadTime);
        }
    }

    /** pg_stat_user_tables of the SDK schema: inserted, updated, HOT-updated, deleted rows by table. */
    private static Map<String, long[]> tables(Connection c) throws SQLException {
        Map<String, long[]> m = new TreeMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT relname, n_tup_ins, n_tup_upd, n_tup_hot_upd, n_tup_del"
                + " FROM pg_stat_user_tables WHERE schemaname = ?")) {
            ps.setString(1, Databases.SDK_SCHEMA);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    m.put(rs.getString(1), new long[] {rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)});
                }
            }
        }
        return m;
    }

    /**
     * {@link #tables} once the server processes have published their counters: a process publishes at most once a
     * second, and one that goes idle with counters pending publishes them {@value #IDLE_FLUSH_MILLIS} ms later
     * (PostgreSQL's {@code PGSTAT_IDLE_INTERVAL}), unless asked to publish at once ({@link
     * SdkFixture#flushPgStatistics}); so the read has the fixture's connections publish theirs, or where that is not
     * possible waits that long, then reads until two reads 1.5 s apart agree (autovacuum writes none of these
     * counters), at most 20 more reads.
     */
    private static Map<String, long[]> settledTables(Connection c, SdkFixture f)
            throws SQLException, InterruptedException {
        if (!f.flushPgStatistics()) {
            Thread.sleep(IDLE_FLUSH_MILLIS + 500);
        }
        Map<String, long[]> last = tables(c);
        for (int i = 0; i < 20; i++) {
            Thread.sleep(1_500);
            Map<String, long[]> now = tables(c);
            if (same(last, now)) {
                return now;
            }
            last = now;
        }
        throw new IllegalStateException("pg_stat_user_tables did not settle within 40 s");
    }

    private static boolean same(Map<String, long[]> a, Map<String, long[]> b) {
        if (!a.keySet().equals(b.keySet())) {
            return false;
        }
        return a.entrySet().stream().allMatch(e -> Arrays.equals(e.getValue(), b.get(e.getKey())));
    }

    /** Indexes by table of the SDK schema: how many, how many of them partial. */
    private static Map<String, int[]> indexes(Connection c) throws SQLException {
        Map<String, int[]> m = new TreeMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT t.relname, COUNT(*), COUNT(*) FILTER (WHERE i.indpred IS"
                + " NOT NULL) FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid JOIN pg_namespace n ON n.oid ="
                + " t.relnamespace WHERE n.nspname = ? GROUP BY t.relname")) {
            ps.setString(1, Databases.SDK_SCHEMA);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    m.put(rs.getString(1), new int[] {rs.getInt(2), rs.getInt(3)});
                }
            }
        }
        return m;
    }

    /** The server's WAL insert position in bytes. */
    private static long walPosition(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_current_wal_insert_lsn() - '0/0'::pg_lsn");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** A read of pg_stat_statements for this database: query text to {calls, ms, rows, WAL bytes}, or why not. */
    private record Statements(Map<String, double[]> byQuery, String unavailable) {
        List<StatementWork> minus(Statements before, int lifecycles) {
            List<StatementWork> list = new ArrayList<>();
            for (Map.Entry<String, double[]> e : byQuery.entrySet()) {
                double[] a = e.getValue();
                double[] b = before.byQuery.getOrDefault(e.getKey(), new double[4]);
                double calls = (a[0] - b[0]) / lifecycles;
                if (calls <= 0 || e.getKey().contains("pg_stat_") || e.getKey().contains("pg_current_wal")) {
                    continue; // not run in the window, or this harness's own reads
                }
                String text = e.getKey().replaceAll("\\s+", " ");
                list.add(new StatementWork(
                        text.length() > 160 ? text.substring(0, 160) + "…" : text,
                        calls,
                        (a[1] - b[1]) / lifecycles,
                        (a[2] - b[2]) / lifecycles,
                        (a[3] - b[3]) / lifecycles));
            }
            list.sort(Comparator.comparingDouble(StatementWork::millis).reversed());
            return list.subList(0, Math.min(TOP_STATEMENTS, list.size()));
        }
    }

    private static Statements statements(Connection c) {
        Map<String, double[]> m = new TreeMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT query, SUM(calls), SUM(total_exec_time), SUM(rows),"
                + " SUM(wal_bytes) FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname ="
                + " current_database()) GROUP BY query")) {
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    m.put(
                            rs.getString(1),
                            new double[] {rs.getDouble(2), rs.getDouble(3), rs.getDouble(4), rs.getDouble(5)});
                }
            }
            return new Statements(m, "");
        } catch (SQLException e) {
            String reason = e.getMessage() == null
                    ? e.getSQLState()
                    : e.getMessage().lines().findFirst().orElse("");
            return new Statements(Map.of(), "pg_stat_statements not readable: " + reason);
        }
    }
}
