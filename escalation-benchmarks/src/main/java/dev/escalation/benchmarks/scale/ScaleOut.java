package dev.escalation.benchmarks.scale;

import com.zaxxer.hikari.HikariDataSource;
import dev.escalation.benchmarks.jdbc.Databases;
import dev.escalation.benchmarks.sdk.SdkLifecycle;
import dev.escalation.jdbc.JdbcSchema;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Scale-out on one database (issue 17): the 14-command lifecycle ({@link SdkLifecycle}) driven from 1, 2 and 4 engine
 * instances in one JVM, each built as a separate app node would be ({@link ScaleNode}: own HikariCP pool, own engine
 * and instance name, own background delivery worker), all against one PostgreSQL schema, with several request
 * threads per instance, for a fixed duration (after a warm-up) or a fixed number of lifecycles. A share of the
 * lifecycles is contended on purpose: two nodes escalate the same case at once (one escalation must result) and log
 * progress on the same escalation at once (see {@link ScaleDriver}).
 *
 * <p>Measured per configuration: lifecycles/s, transactions per lifecycle (connection checkouts of the request threads
 * and of the background workers apart; the workers' figure includes their empty polls), the JVM's CPU per lifecycle,
 * and the commit ceiling of the same run (bare single-row INSERT + COMMIT/s at the same number of threads, as
 * {@code CommitCeilingBenchmark} does it, probed before and after the lifecycles; their mean) divided by the
 * transactions per lifecycle: once by all measured transactions
 * ({@code boundLifecyclesPerSecond}) and once by the lifecycle's own (request transactions + the SPI's 4 dispatcher
 * transactions, {@code boundOwnTxLifecyclesPerSecond}). An empty poll writes nothing, so it costs no commit flush.
 *
 * <p>Per node, its background worker ({@link WorkerWatch}, {@code workers} in the JSON, one line in the log): what it
 * delivered and its transactions in the window, failed run parts by phase and exception type, and stalls (no worker
 * transaction for 10 intervals, at least 2 s) with the worker thread's stack when first seen; {@code WORKER TROUBLE}
 * starts the line if any. The final drain (from node 0, after the workers stopped) runs until nothing is pending or it
 * makes no progress (bounded, {@link ScaleDriver#finalDrain}), and reports its rounds, seconds, why it stopped and
 * what is still pending.
 *
 * <p>Required checks ({@link ScaleChecks}) make the run fail (exit code 1): every lifecycle read back CLOSED with
 * exactly the calibrated number of timeline entries, one escalation per case, every side effect delivered, each
 * idempotency key exactly once at the shared recording adapters ({@link Deliveries}), no deadlock (pg_stat_database
 * counter and SQLState 40P01). Conflicts are counted and reported.
 *
 * <pre>
 * java -cp benchmarks.jar dev.escalation.benchmarks.scale.ScaleOut --instances 1,2,4 --threads 2 --warmup 2 --seconds 5 \
 *     --out target/scaleout.json
 * </pre>
 *
 * Options: {@code --backend postgres|h2} (default postgres; h2 = one in-memory H2 database shared by the nodes, for
 * tests), {@code --schema}, {@code --instances}, {@code --threads} (per instance), {@code --warmup} and
 * {@code --seconds}, or {@code --lifecycles N} (a fixed count, no warm-up), {@code --contended-every K} (every K-th
 * lifecycle is contended; 0 = none), {@code --ceiling-seconds}, {@code --delivery-interval-ms},
 * {@code --jvm-warmup S} (an untimed run at the largest instance count first, checked like the others),
 * {@code --fault DROP_ONE|DUPLICATE_ONE} (tests: a fault planted in the shared notifier), {@code --statistics
 * auto|none} (none: autovacuum off for {@code esc_outbox} and {@code esc_ticket}, as a new schema is until
 * autovacuum's first ANALYZE: only the store's own statistics guard analyzes the outbox; default auto), {@code --out}.
 */
public final class ScaleOut {
    /** The PostgreSQL schema of the harness (dropped and re-created per configuration). */
    public static final String SCHEMA = "escalation_scale";

    /**
     * Dispatcher transactions per lifecycle by SPI v2 (claim, finish, claim of the unblocked ticket calls,
     * finishAndCount), used for the "own transactions" bound; the measured worker figure is reported beside it.
     */
    static final int DISPATCH_TX_PER_LIFECYCLE = 4;

    /**
     * What to run.
     *
     * @param backend            {@code postgres} or {@code h2}
     * @param schema             PostgreSQL schema (dropped and created again per configuration; the commit
     *                           ceiling's table in {@code <schema>_probe})
     * @param instances          engine instance counts, one configuration each
     * @param threads            request threads per instance
     * @param warmupSeconds      warm-up before the measured window (duration mode)
     * @param seconds            measured window; ignored when {@code lifecycles > 0}
     * @param lifecycles         a fixed lifecycle count per configuration (0: duration mode)
     * @param contendedEvery     every K-th lifecycle is contended (with 2+ instances; 0: none)
     * @param ceilingSeconds     duration of the commit-ceiling probe per configuration
     * @param deliveryIntervalMs background worker interval of each node
     * @param fault              a fault planted in the shared notifier (tests)
     * @param statistics         {@code auto}, or {@code none}: autovacuum off for the outbox tables (only the store's
     *                           statistics guard analyzes them)
     * @param jvmWarmupSeconds   an untimed run at the largest instance count before the configurations (duration
     *                           mode only; 0: none)
     * @param out                JSON file, or {@code null}
     */
    public record Options(
            String backend,
            String schema,
            List<Integer> instances,
            int threads,
            double warmupSeconds,
            double seconds,
            int lifecycles,
            int contendedEvery,
            double ceilingSeconds,
            int deliveryIntervalMs,
            Deliveries.Fault fault,
            String statistics,
            double jvmWarmupSeconds,
            Path out) {}

    /** The result of one configuration. */
    public record ConfigResult(Map<String, Object> figures, ScaleChecks checks) {}

    private ScaleOut() {}

    /**
     * Parses command-line options over the defaults (postgres, 1,2,4 instances, 2 threads, 2 s warm-up, 5 s measured,
     * every 4th lifecycle contended, 2 s ceiling probe, 200 ms delivery interval).
     *
     * @param args {@code --name value} pairs
     * @return the options
     */
    public static Options parse(String... args) {
        Map<String, String> a = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --option value, got " + args[i]);
            }
            a.put(args[i].substring(2), args[i + 1]);
        }
        if (args.length % 2 != 0) {
            throw new IllegalArgumentException("option without value: " + args[args.length - 1]);
        }
        Options o = new Options(
                a.getOrDefault("backend", "postgres"),
                a.getOrDefault("schema", SCHEMA),
                Arrays.stream(a.getOrDefault("instances", "1,2,4").split(","))
                        .map(String::trim)
                        .map(Integer::valueOf)
                        .toList(),
                Integer.parseInt(a.getOrDefault("threads", "2")),
                Double.parseDouble(a.getOrDefault("warmup", "2")),
                Double.parseDouble(a.getOrDefault("seconds", "5")),
                Integer.parseInt(a.getOrDefault("lifecycles", "0")),
                Integer.parseInt(a.getOrDefault("contended-every", "4")),
                Double.parseDouble(a.getOrDefault("ceiling-seconds", "2")),
                Integer.parseInt(a.getOrDefault("delivery-interval-ms", "200")),
                Deliveries.Fault.valueOf(a.getOrDefault("fault", "NONE")),
                a.getOrDefault("statistics", "auto"),
                Double.parseDouble(a.getOrDefault("jvm-warmup", "0")),
                a.containsKey("out") ? Path.of(a.get("out")) : null);
        a.keySet()
                .removeAll(List.of(
                        "backend",
                        "schema",
                        "instances",
                        "threads",
                        "warmup",
                        "seconds",
                        "lifecycles",
                        "contended-every",
                        "ceiling-seconds",
                        "delivery-interval-ms",
                        "fault",
                        "statistics",
                        "jvm-warmup",
                        "out"));
        if (!a.isEmpty()) {
            throw new IllegalArgumentException("unknown options " + a.keySet());
        }
        if (!o.backend().equals("postgres") && !o.backend().equals("h2")) {
            throw new IllegalArgumentException("backend must be postgres or h2: " + o.backend());
        }
        if (!o.statistics().equals("auto")
                && !(o.statistics().equals("none") && o.backend().equals("postgres"))) {
            throw new IllegalArgumentException("statistics must be auto, or none on postgres: " + o.statistics());
        }
        if (o.threads() < 1 || o.instances().stream().anyMatch(n -> n < 1)) {
            throw new IllegalArgumentException("threads and instances must be at least 1");
        }
        return o;
    }

    /**
     * Runs every configuration and writes the JSON; exits 1 if a required check failed.
     *
     * @param args see {@link #parse}
     * @throws Exception if the database cannot be reached
     */
    public static void main(String[] args) throws Exception {
        Options o = parse(args);
        List<ConfigResult> results = run(o, System.out);
        boolean passed = results.stream().allMatch(r -> r.checks().passed());
        System.out.println(passed ? "scale-out: every required check passed" : "scale-out: REQUIRED CHECKS FAILED");
        System.exit(passed ? 0 : 1);
    }

    /**
     * Runs every configuration of {@code o}, one after the other, and writes {@code o.out()} if set.
     *
     * @param o   the options
     * @param log progress and a summary line per configuration
     * @return one result per configuration, preceded by the JVM warm-up's if there was one
     * @throws Exception if the database cannot be reached
     */
    public static List<ConfigResult> run(Options o, PrintStream log) throws Exception {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("backend", o.backend());
        doc.put("schema", o.backend().equals("postgres") ? o.schema() : "in-memory H2");
        doc.put("threadsPerInstance", o.threads());
        doc.put("mode", o.lifecycles() > 0 ? "lifecycles" : "duration");
        doc.put("warmupSeconds", o.lifecycles() > 0 ? 0 : o.warmupSeconds());
        doc.put("seconds", o.lifecycles() > 0 ? null : o.seconds());
        doc.put("lifecyclesPerConfiguration", o.lifecycles() > 0 ? o.lifecycles() : null);
        doc.put("contendedEvery", o.contendedEvery());
        doc.put("deliveryIntervalMs", o.deliveryIntervalMs());
        doc.put("commandsPerLifecycle", SdkLifecycle.COMMANDS);
        doc.put("fault", o.fault().name());
        doc.put("statistics", o.statistics());
        doc.put("cores", Runtime.getRuntime().availableProcessors());
        doc.put("jdk", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        if (o.backend().equals("postgres")) {
            Map<String, Object> pg = new LinkedHashMap<>();
            for (String s : List.of("server_version", "fsync", "synchronous_commit", "max_connections")) {
                pg.put(s, Databases.pgSetting(s));
            }
            doc.put("postgres", pg);
        }
        List<ConfigResult> results = new ArrayList<>();
        if (o.jvmWarmupSeconds() > 0 && o.lifecycles() == 0) {
            // one untimed run at the largest instance count first, so no configuration is measured in a colder JVM
            // than the next; its checks count like any other's
            int most = o.instances().stream().max(Integer::compare).orElse(1);
            log.printf(Locale.ROOT, "scale-out: JVM warm-up, %d instance(s), %.1f s%n", most, o.jvmWarmupSeconds());
            Options w = new Options(
                    o.backend(),
                    o.schema(),
                    List.of(most),
                    o.threads(),
                    0,
                    o.jvmWarmupSeconds(),
                    0,
                    o.contendedEvery(),
                    0.2,
                    o.deliveryIntervalMs(),
                    Deliveries.Fault.NONE,
                    o.statistics(),
                    0,
                    null);
            ConfigResult r = runConfig(w, most, log);
            results.add(r);
            Map<String, Object> c = new LinkedHashMap<>(r.figures());
            c.put("checks", r.checks().toMap());
            doc.put("jvmWarmup", c);
            log.println("JVM warm-up: " + summary(r));
        }
        List<Object> configs = new ArrayList<>();
        for (int n : o.instances()) {
            ConfigResult r = runConfig(o, n, log);
            results.add(r);
            Map<String, Object> c = new LinkedHashMap<>(r.figures());
            c.put("checks", r.checks().toMap());
            configs.add(c);
            log.println(summary(r));
        }
        doc.put("configurations", configs);
        doc.put("passed", results.stream().allMatch(r -> r.checks().passed()));
        if (o.out() != null) {
            if (o.out().getParent() != null) {
                Files.createDirectories(o.out().getParent());
            }
            Files.writeString(o.out(), Json.write(doc) + "\n");
        }
        return results;
    }

    private static String summary(ConfigResult r) {
        Map<String, Object> f = r.figures();
        return String.format("%s%n  %s", figures(r), workers(f));
    }

    /**
     * One line on the background workers: per node its deliveries and transactions in the measured window, failed run
     * parts and stalls (gaps without a worker transaction over the threshold), {@code WORKER TROUBLE} first if any.
     */
    @SuppressWarnings("unchecked")
    static String workers(Map<String, Object> f) {
        Object list = f.get("workers");
        if (!(list instanceof List<?> workers)) {
            return "workers: n/a";
        }
        StringBuilder b = new StringBuilder();
        boolean trouble = false;
        for (Object o : workers) {
            Map<String, Object> w = (Map<String, Object>) o;
            long stalls = ((Number) w.get("stalls")).longValue();
            Map<String, Long> failed = (Map<String, Long>) w.get("failedParts");
            trouble |= stalls > 0 || !failed.isEmpty();
            b.append(String.format(
                    Locale.ROOT,
                    " %s: delivered %s in the window (%s tx), failed parts %s, stalls %d (%s s, longest gap %s s)%s;",
                    w.get("node"),
                    w.get("windowDelivered"),
                    w.get("windowTransactions"),
                    failed.isEmpty() ? "none" : failed,
                    stalls,
                    w.get("stalledSeconds"),
                    w.get("longestGapSeconds"),
                    stalls > 0 ? " first stall at " + ((List<Object>) w.get("stallSamples")).get(0) : ""));
        }
        return (trouble ? "WORKER TROUBLE: " : "") + "workers:" + b + " final drain " + f.get("deliveredByFinalDrain")
                + " in " + f.get("finalDrainRounds") + " rounds (" + f.get("finalDrainStopped") + ", "
                + f.get("pendingAfterFinalDrain") + " pending)";
    }

    private static String figures(ConfigResult r) {
        Map<String, Object> f = r.figures();
        return String.format(
                Locale.ROOT,
                "scale-out instances=%s total threads=%s: %s lifecycles/s (%s lifecycles measured, %s contended), "
                        + "tx/lifecycle %s (requests %s), ceiling %s commits/s -> bound %s / own-tx bound %s "
                        + "lifecycles/s, ratio %s / %s; conflicts %d; "
                        + "checks %s %s",
                f.get("instances"),
                f.get("totalThreads"),
                f.get("lifecyclesPerSecond"),
                f.get("measuredLifecycles"),
                f.get("contendedLifecycles"),
                f.get("txPerLifecycle"),
                f.get("txRequestPerLifecycle"),
                f.get("ceilingCommitsPerSecond"),
                f.get("boundLifecyclesPerSecond"),
                f.get("boundOwnTxLifecyclesPerSecond"),
                f.get("ratioToBound"),
                f.get("ratioToBoundOwnTx"),
                r.checks().conflicts,
                r.checks().passed() ? "PASSED" : "FAILED " + r.checks().failures(),
                r.checks().details().isEmpty() ? "" : r.checks().details());
    }

    // ------------------------------------------------------------------------------------------ one configuration

    private static ConfigResult runConfig(Options o, int n, PrintStream log) throws Exception {
        boolean pg = o.backend().equals("postgres");
        String h2Url = pg ? null : Databases.newH2Url("scale");
        if (pg) {
            Databases.resetPgSchema(o.schema());
            Databases.resetPgSchema(o.schema() + "_probe");
        }
        int total = n * o.threads();
        String load0 = loadAverage();
        log.printf(
                Locale.ROOT,
                "scale-out: %d instance(s) x %d threads, commit ceiling probe %.1f s%n",
                n,
                o.threads(),
                o.ceilingSeconds());
        String probeUrl = pg ? null : Databases.newH2Url("scale-probe");
        double ceilingBefore = probeCeiling(o, probeUrl, total);
        double txReq = Double.NaN;
        double txWorker = Double.NaN;
        double perSecond = Double.NaN;
        long deadlocksBefore = pg ? pgDeadlocks() : -1;
        Deliveries deliveries = new Deliveries(o.fault());
        List<ScaleNode> nodes = new ArrayList<>();
        ScaleChecks checks = new ScaleChecks();
        Map<String, Object> f = new LinkedHashMap<>();
        try {
            for (int i = 0; i < n; i++) {
                // request threads + partner threads + the background worker + the final drain
                HikariDataSource p = pool(o, h2Url, 2 * o.threads() + 2, "scale-node-" + i);
                if (i == 0) {
                    JdbcSchema.migrate(p);
                    if (o.statistics().equals("none")) {
                        keepWithoutStatistics(p);
                    }
                }
                nodes.add(new ScaleNode(
                        i,
                        p,
                        java.time.Clock.systemUTC(),
                        deliveries,
                        o.threads(),
                        java.time.Duration.ofMillis(o.deliveryIntervalMs())));
            }
            ScaleDriver driver = new ScaleDriver(nodes, o, checks);
            driver.calibrate();
            deliveries.arm();
            ScaleDriver.Window w = driver.drive();
            for (ScaleNode node : nodes) {
                node.stopWork(); // background workers stopped, a running delivery finished
            }
            ScaleDriver.Drain drained = driver.finalDrain();
            if (drained.pending() > 0) {
                log.printf(
                        Locale.ROOT,
                        "scale-out: the final drain stopped (%s) after %d rounds and %.1f s with %d side effects "
                                + "pending%n",
                        drained.stopped(),
                        drained.rounds(),
                        drained.seconds(),
                        drained.pending());
            }
            driver.readBack(readOutbox(nodes.get(0)), countEscalations(nodes.get(0)), deliveries.callsByKey());
            Map<String, Long> states = new LinkedHashMap<>();
            for (ScaleNode node : nodes) {
                node.watched.sqlStates().forEach((k, v) -> states.merge(k, v, Long::sum));
            }
            checks.deadlockSqlState = states.getOrDefault("40P01", 0L);
            checks.serializationFailures = states.getOrDefault("40001", 0L);

            txReq = w.lifecycles() == 0 ? Double.NaN : (double) w.requestTx() / w.lifecycles();
            txWorker = w.lifecycles() == 0 ? Double.NaN : (double) w.workerTx() / w.lifecycles();
            perSecond = w.lifecycles() / w.seconds();
            f.put("instances", n);
            f.put("threadsPerInstance", o.threads());
            f.put("totalThreads", total);
            f.put("poolSizePerInstance", 2 * o.threads() + 2);
            f.put("measuredSeconds", round(w.seconds(), 3));
            f.put("measuredLifecycles", w.lifecycles());
            f.put("allLifecycles", driver.done().size());
            f.put("contendedLifecycles", driver.contendedDone());
            f.put("contendedInterleaved", driver.interleavedContended());
            f.put("contendedEscalatesWonByPartner", driver.escalatesWonByPartner());
            f.put("lifecyclesPerSecond", round(perSecond, 1));
            f.put("commandsPerSecond", round(perSecond * SdkLifecycle.COMMANDS, 0));
            f.put("txRequestPerLifecycle", round(txReq, 2));
            f.put("txWorkerPerLifecycle", round(txWorker, 2));
            f.put("txPerLifecycle", round(txReq + txWorker, 2));
            f.put("jvmCpuMicrosPerLifecycle", round(w.cpuNanos() / 1000.0 / Math.max(1, w.lifecycles()), 0));
            f.put("expectedEntriesPerLifecycle", driver.expectedEntries());
            f.put("expectedSideEffectsPerLifecycle", driver.expectedMessages());
            f.put("deliveredByFinalDrain", drained.delivered());
            f.put("finalDrainRounds", drained.rounds());
            f.put("finalDrainSeconds", drained.seconds());
            f.put("finalDrainStopped", drained.stopped());
            f.put("pendingAfterFinalDrain", drained.pending());
            List<Object> workers = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                Map<String, Object> wf = new LinkedHashMap<>();
                wf.put("node", "node-" + i);
                wf.putAll(nodes.get(i).watch.toMap(w.nodeWorkerTx()[i], w.nodeWorkerDelivered()[i]));
                workers.add(wf);
            }
            f.put("workers", workers);
            f.put("sqlStates", states);
            if (pg) {
                f.put("outboxAnalyzed", outboxAnalyzed(nodes.get(0)));
            }
            f.put("loadStart", load0);
            f.put("loadEnd", loadAverage());
        } finally {
            for (ScaleNode node : nodes) {
                node.close();
            }
        }
        // the ceiling again once the nodes are gone; the bound uses the mean of both probes
        double ceilingAfter = probeCeiling(o, probeUrl, total);
        double ceiling = (ceilingBefore + ceilingAfter) / 2;
        double bound = ceiling / (txReq + txWorker);
        // the lifecycle's own transactions: its commands (and their reads) plus the SPI's 4 dispatcher transactions
        // per lifecycle; the measured worker figure also holds the empty polls of every node
        double boundOwn = ceiling / (txReq + DISPATCH_TX_PER_LIFECYCLE);
        f.put("ceilingThreads", total);
        f.put("ceilingCommitsPerSecondBefore", round(ceilingBefore, 0));
        f.put("ceilingCommitsPerSecondAfter", round(ceilingAfter, 0));
        f.put("ceilingCommitsPerSecond", round(ceiling, 0));
        f.put("boundLifecyclesPerSecond", round(bound, 1));
        f.put("ratioToBound", round(perSecond / bound, 3));
        f.put("boundOwnTxLifecyclesPerSecond", round(boundOwn, 1));
        f.put("ratioToBoundOwnTx", round(perSecond / boundOwn, 3));
        if (pg) {
            Thread.sleep(1500); // closed backends have flushed their statistics
            checks.deadlocksDelta = pgDeadlocks() - deadlocksBefore;
            if (checks.deadlocksDelta != 0) {
                checks.detail("pg_stat_database.deadlocks of the database rose by " + checks.deadlocksDelta
                        + " during the run (database-wide: another client of the database counts too)");
            }
        }
        return new ConfigResult(f, checks);
    }

    /** The commit ceiling at {@code threads} threads on its own pool (PostgreSQL: schema {@code <schema>_probe}). */
    private static double probeCeiling(Options o, String h2Url, int threads) throws Exception {
        boolean pg = o.backend().equals("postgres");
        try (HikariDataSource probe = pg
                ? Databases.pgPool(o.schema() + "_probe", threads, "scale-probe")
                : Databases.h2Pool(h2Url, threads, "scale-probe")) {
            return commitCeiling(probe, threads, o.ceilingSeconds());
        }
    }

    private static HikariDataSource pool(Options o, String h2Url, int size, String name) {
        return o.backend().equals("postgres")
                ? Databases.pgPool(o.schema(), size, name)
                : Databases.h2Pool(h2Url, size, name);
    }

    /** Bare single-row INSERT + COMMIT per connection checkout from {@code threads} threads; commits per second. */
    static double commitCeiling(HikariDataSource pool, int threads, double seconds) throws Exception {
        try (Connection c = pool.getConnection();
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS scale_probe (id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, "
                    + "payload VARCHAR(200) NOT NULL)");
        }
        String payload = "x".repeat(200);
        LongAdder commits = new LongAdder();
        long end = System.nanoTime() + (long) (seconds * 1e9);
        List<Thread> ts = new ArrayList<>();
        List<Exception> errors = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int i = 0; i < threads; i++) {
            Thread t = new Thread(
                    () -> {
                        try {
                            while (System.nanoTime() < end) {
                                try (Connection c = pool.getConnection()) {
                                    c.setAutoCommit(false);
                                    try (PreparedStatement ps =
                                            c.prepareStatement("INSERT INTO scale_probe (payload) VALUES (?)")) {
                                        ps.setString(1, payload);
                                        ps.executeUpdate();
                                    }
                                    c.commit();
                                    c.setAutoCommit(true);
                                }
                                commits.increment();
                            }
                        } catch (SQLException e) {
                            synchronized (errors) {
                                errors.add(e);
                            }
                        }
                    },
                    "scale-probe-" + i);
            t.start();
            ts.add(t);
        }
        for (Thread t : ts) {
            t.join();
        }
        if (!errors.isEmpty()) {
            throw errors.get(0);
        }
        return commits.sum() / ((System.nanoTime() - t0) / 1e9);
    }

    private static long pgDeadlocks() throws SQLException {
        try (Connection c = DriverManager.getConnection(Databases.pgUrl(), Databases.pgUser(), Databases.pgPassword());
                Statement s = c.createStatement();
                ResultSet rs =
                        s.executeQuery("SELECT deadlocks FROM pg_stat_database WHERE datname = current_database()")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Every outbox message's (escalation, idempotency key, status), read straight from {@code esc_outbox}. */
    private static List<String[]> readOutbox(ScaleNode node) throws SQLException {
        List<String[]> rows = new ArrayList<>();
        try (Connection c = node.pool.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT escalation_id, idempotency_key, status FROM esc_outbox")) {
            while (rs.next()) {
                rows.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3)});
            }
        }
        return rows;
    }

    /** Autovacuum off for the outbox tables (a new schema's state until its first ANALYZE). */
    private static void keepWithoutStatistics(HikariDataSource pool) throws SQLException {
        try (Connection c = pool.getConnection();
                Statement s = c.createStatement()) {
            s.execute("ALTER TABLE esc_outbox SET (autovacuum_enabled = false)");
            s.execute("ALTER TABLE esc_ticket SET (autovacuum_enabled = false)");
        }
    }

    /**
     * Whether {@code esc_outbox} had planner statistics at the end of the configuration (analyzed by autovacuum or by
     * hand since the schema was made): without them the claim's plan depended on the planner's defaults.
     */
    private static boolean outboxAnalyzed(ScaleNode node) throws SQLException {
        try (Connection c = node.pool.getConnection();
                Statement s = c.createStatement();
                ResultSet rs =
                        s.executeQuery("SELECT reltuples >= 0 FROM pg_class WHERE oid = 'esc_outbox'::regclass")) {
            return rs.next() && rs.getBoolean(1);
        }
    }

    private static long countEscalations(ScaleNode node) throws SQLException {
        try (Connection c = node.pool.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM esc_escalation")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String loadAverage() {
        try {
            String[] p = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return p[0] + " " + p[1] + " " + p[2];
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    private static Object round(double x, int digits) {
        if (Double.isNaN(x) || Double.isInfinite(x)) {
            return null;
        }
        double m = Math.pow(10, digits);
        return Math.round(x * m) / m;
    }
}
