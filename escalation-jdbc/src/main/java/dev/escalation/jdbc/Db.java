package dev.escalation.jdbc;

import static java.util.Objects.requireNonNull;

import dev.escalation.spi.UnavailableException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/** Connections, transactions, the dialect and the conversions every table uses. */
final class Db {

    /** The work of one transaction. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /** The query timeout of a store, subject keys, anchors or portal messages built without one. */
    static final Duration DEFAULT_QUERY_TIMEOUT = Duration.ofSeconds(30);

    private final DataSource dataSource;
    private final int queryTimeoutSeconds;
    /** {@link #bound}: how long the connection waits for the server at most; 0 without a query timeout. */
    private final int networkTimeoutMillis;

    private volatile @Nullable Dialect dialect;

    Db(DataSource dataSource, Duration queryTimeout) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        // JDBC counts whole seconds; a partial second is rounded up so that a short timeout is not "no limit"
        long seconds = queryTimeout.toSeconds() + (queryTimeout.getNano() > 0 ? 1 : 0);
        this.queryTimeoutSeconds = (int) Math.min(Integer.MAX_VALUE, seconds);
        this.networkTimeoutMillis = networkTimeoutMillis(seconds);
    }

    /** Checks a query timeout as every public constructor takes it: zero (no limit) or more. */
    static Duration checkQueryTimeout(Duration timeout) {
        requireNonNull(timeout, "queryTimeout");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("queryTimeout must not be negative: " + timeout);
        }
        return timeout;
    }

    /**
     * Runs {@code work} in one transaction: commits if it returns, rolls back if it throws anything. SQL failures
     * become {@link UnavailableException} (connection problems, timeouts, deadlocks) or {@link IllegalStateException}.
     */
    <T> T inTransaction(String operation, Work<T> work) {
        Connection connection;
        try {
            connection = dataSource.getConnection();
        } catch (SQLException e) {
            throw new UnavailableException("escalation store: no database connection for " + operation, e);
        }
        try (connection) {
            if (dialect == null) {
                dialect = Dialect.of(connection);
            }
            bound(connection);
            boolean autoCommit = connection.getAutoCommit();
            if (autoCommit) {
                connection.setAutoCommit(false);
            }
            try {
                T result = work.run(connection);
                commit(operation, connection);
                return result;
            } catch (Throwable t) {
                rollbackQuietly(connection, t);
                discardIfReadOnly(connection, t);
                throw t;
            } finally {
                if (autoCommit) {
                    restoreAutoCommit(connection);
                }
            }
        } catch (SQLException e) {
            throw SqlErrors.translate(operation, e);
        }
    }

    /**
     * Runs one statement's worth of work: in auto-commit mode when the pool hands out auto-commit connections (saving
     * the COMMIT round trip), otherwise in a transaction of its own. Only for work that issues a single write.
     */
    <T> T singleStatement(String operation, Work<T> work) {
        Connection connection;
        try {
            connection = dataSource.getConnection();
        } catch (SQLException e) {
            throw new UnavailableException("escalation store: no database connection for " + operation, e);
        }
        try (connection) {
            if (dialect == null) {
                dialect = Dialect.of(connection);
            }
            bound(connection);
            if (connection.getAutoCommit()) {
                try {
                    return work.run(connection);
                } catch (Throwable t) {
                    discardIfReadOnly(connection, t);
                    throw t;
                }
            }
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (Throwable t) {
                rollbackQuietly(connection, t);
                discardIfReadOnly(connection, t);
                throw t;
            }
        } catch (SQLException e) {
            throw SqlErrors.translate(operation, e);
        }
    }

    /** {@link #bound}'s network timeout for a query timeout of {@code seconds}: 0 for none, at most ~24 days. */
    static int networkTimeoutMillis(long seconds) {
        if (seconds <= 0) {
            return 0;
        }
        long limit = Integer.MAX_VALUE / 1000 / 2; // no overflow below, and JDBC counts milliseconds in an int
        return (int) ((Math.min(seconds, limit) + Math.max(Math.min(seconds, limit), 5)) * 1000);
    }

    /**
     * The connection failed while the {@code COMMIT} was on its way or its answer was: the transaction may have
     * committed or not. An {@link UnavailableException}, so a caller that cannot tell is as before; one that can look
     * for what it wrote ({@link JdbcEscalationStore}) finds out with another connection.
     */
    static final class CommitUnknown extends UnavailableException {
        private static final long serialVersionUID = 1L;

        CommitUnknown(String operation, SQLException cause) {
            super(
                    "escalation store: the connection failed during the commit of " + operation + " (SQLState "
                            + cause.getSQLState() + "); it may have committed",
                    cause);
        }
    }

    private static void commit(String operation, Connection connection) throws SQLException {
        try {
            connection.commit();
        } catch (SQLException e) {
            if (!SqlErrors.isConnectionLost(e)) {
                throw e; // the database answered: it did not commit (a serialization failure, say)
            }
            SqlErrors.translate(operation, e); // logged as any other failure to reach the database
            throw new CommitUnknown(operation, e);
        }
    }

    /** Runs a network timeout's abort on the thread that notices it (the driver's reader). */
    private static final java.util.concurrent.Executor DIRECT = Runnable::run;

    /**
     * Bounds every wait of the connection for the server ({@link Connection#setNetworkTimeout}), so that a server or
     * network that stops answering fails the call instead of holding its thread for good: the query timeout is
     * enforced by a cancel request the server has to answer, and a {@code COMMIT} has no query timeout at all. The
     * bound is the query timeout plus as much again (at least 5 s more), so a slow statement is still cancelled by the
     * server first; the pool restores its own value when the connection goes back. (PostgreSQL's driver also waits for
     * its cancel request, up to its own {@code cancelSignalTimeout}, before the failing call returns: with a short
     * query timeout that wait, not this bound, is the longer one.) Not on H2 (embedded, or a
     * network server meant for tests) and not without a query timeout.
     */
    private void bound(Connection connection) throws SQLException {
        if (networkTimeoutMillis == 0 || dialect == Dialect.H2) {
            return;
        }
        try {
            connection.setNetworkTimeout(DIRECT, networkTimeoutMillis);
        } catch (java.sql.SQLFeatureNotSupportedException | UnsupportedOperationException | AbstractMethodError e) {
            // a driver without network timeouts: the query timeout is all there is
        }
    }

    private static void rollbackQuietly(Connection connection, Throwable cause) {
        try {
            connection.rollback();
        } catch (SQLException | RuntimeException e) {
            cause.addSuppressed(e);
        }
    }

    /**
     * Aborts the connection ({@link Connection#abort}) if the database refused a write on it because the session is
     * read-only ({@link SqlErrors#refusesWrites}): such a session never writes again, so a pool must not hand it out
     * once new sessions may write (HikariCP keeps a connection up to its {@code maxLifetime}, 30 minutes by default).
     * The pool sees a closed connection when it is given back and discards it; the next call gets a new session.
     */
    private static void discardIfReadOnly(Connection connection, Throwable cause) {
        if (!SqlErrors.refusesWrites(cause)) {
            return;
        }
        try {
            connection.abort(DIRECT);
        } catch (SQLException | RuntimeException | AbstractMethodError e) {
            cause.addSuppressed(e);
        }
    }

    private static void restoreAutoCommit(Connection connection) {
        try {
            connection.setAutoCommit(true);
        } catch (SQLException e) {
            // the connection is broken; the pool will discard it
        }
    }

    /** The data source every connection comes from. */
    DataSource dataSource() {
        return dataSource;
    }

    /** The dialect, recognised with a connection of its own if no transaction ran yet. */
    Dialect knownDialect() {
        Dialect d = dialect;
        if (d != null) {
            return d;
        }
        return singleStatement("dialect", c -> dialect());
    }

    Dialect dialect() {
        Dialect d = dialect;
        if (d == null) {
            throw new IllegalStateException("dialect is known only inside a transaction");
        }
        return d;
    }

    PreparedStatement prepare(Connection connection, String sql) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        // H2 keeps the timeout per session and runs SET QUERY_TIMEOUT for every setQueryTimeout call; a SET bumps H2's
        // database-wide modification id, which empties every session's statement cache and makes every prepared
        // statement parse again. Its getQueryTimeout is the session's cached value: set it only when it differs.
        if (queryTimeoutSeconds > 0 && (dialect != Dialect.H2 || statement.getQueryTimeout() != queryTimeoutSeconds)) {
            statement.setQueryTimeout(queryTimeoutSeconds);
        }
        // the PostgreSQL driver writes an unpaired surrogate as '?': a text holding one would be stored changed
        return dialect == Dialect.POSTGRESQL ? UnpairedSurrogates.refusedIn(statement) : statement;
    }

    /** How many physical connections may have kept statements before the closed ones are forgotten. */
    private static final int KEPT_SWEEP = 32;

    /** How many physical connections may have kept statements at all; above it, all are forgotten. */
    private static final int KEPT_MAX = 256;

    /**
     * How many texts one physical connection keeps statements of: the store uses a few dozen constant texts on H2;
     * past it (texts that vary, or a host that somehow makes more), a statement is prepared for its one use.
     */
    static final int KEPT_TEXTS = 64;

    /** H2: the statements of {@link #kept}, per physical connection and text. */
    private final ConcurrentHashMap<Connection, Map<String, Kept>> kept = new ConcurrentHashMap<>();

    /**
     * A statement of {@link Db#kept}, for one use in a try-with-resources: {@link #close} closes it, or, when it stays
     * with its connection (H2), clears its parameters and batch and frees it for the next use.
     */
    static final class Kept implements AutoCloseable {
        private final PreparedStatement statement;
        private final boolean stays;
        private boolean inUse;

        private Kept(PreparedStatement statement, boolean stays) {
            this.statement = statement;
            this.stays = stays;
        }

        /** The statement: bind every parameter, close the result sets; do not close it (close this instead). */
        PreparedStatement statement() {
            return statement;
        }

        /** Whether the statement stays with its physical connection (for tests). */
        boolean stays() {
            return stays;
        }

        @Override
        public void close() throws SQLException {
            if (!stays) {
                statement.close();
                return;
            }
            try {
                // a batch or parameters left by a failed use are not run or held (personal data) until the next one
                statement.clearBatch();
                statement.clearParameters();
            } finally {
                inUse = false;
            }
        }
    }

    /**
     * A statement of {@code sql} for one use, in a try-with-resources, that on H2 stays open with its connection: H2
     * never caches the plan of a {@code SELECT … FOR UPDATE}, and its session cache holds 8 texts, fewer than a
     * lifecycle uses, so every statement on a command's or a delivery's path would be parsed again at each use. On H2
     * the statement is prepared once per physical connection ({@code connection.unwrap(Connection.class)}, under the
     * pool's proxy, which closes the statements prepared through it when the connection goes back) and kept until
     * that connection is closed; it runs in the caller's transaction (the same session). The caller binds every
     * parameter and closes its result sets. A connection is used by one thread at a time (as a pool hands it out), so
     * its statements are too; a text already in use on the connection (a nested use), or one past {@link #KEPT_TEXTS},
     * is prepared for this use only. A kept statement that writes is prepared only once per physical connection: a
     * data source that recognises writing transactions by the text prepared through its checkout (as the
     * statement-counting ones of the tests and benchmarks do) has to look past the checkout too: at the executions of
     * statements prepared on the unwrapped connection (the tests'), or at the session's uncommitted changes when it
     * commits (the benchmarks'). On PostgreSQL (whose driver keeps server-prepared statements per connection
     * itself) and other databases it is {@link #prepare}, closed by {@link Kept#close}.
     */
    Kept kept(Connection connection, String sql) throws SQLException {
        if (dialect != Dialect.H2) {
            return new Kept(prepare(connection, sql), false);
        }
        Connection physical;
        try {
            physical = connection.unwrap(Connection.class);
        } catch (SQLException e) {
            physical = connection; // a wrapper that does not unwrap: kept while it stays open
        }
        Map<String, Kept> statements = kept.get(physical);
        if (statements == null) {
            if (kept.size() >= KEPT_SWEEP) {
                forgetClosed();
            }
            statements = new HashMap<>();
            kept.put(physical, statements);
        }
        Kept statement = statements.get(sql);
        if (statement == null || statement.statement.isClosed()) {
            if (statement == null && statements.size() >= KEPT_TEXTS) {
                return new Kept(prepare(connection, sql), false);
            }
            statement = new Kept(prepare(physical, sql), true);
            statements.put(sql, statement);
        } else if (statement.inUse) {
            return new Kept(prepare(connection, sql), false);
        }
        statement.inUse = true;
        return statement;
    }

    /** Forgets the kept statements of closed connections; of all connections, if still too many. */
    private void forgetClosed() {
        kept.keySet().removeIf(c -> {
            try {
                return c.isClosed();
            } catch (SQLException e) {
                return true;
            }
        });
        if (kept.size() >= KEPT_MAX) {
            // connections that are not closed but no longer used (a host that never closes them): their statements
            // are dropped, not closed (another thread may be running one); they go with their connection
            kept.clear();
        }
    }

    /** How many physical connections have kept statements (for tests). */
    int keptConnections() {
        return kept.size();
    }

    /** Binds the columns of one row of a batched insert, from parameter 1 on. */
    @FunctionalInterface
    interface RowBinder<T> {
        void bind(PreparedStatement statement, T row) throws SQLException;
    }

    /**
     * Inserts {@code rows} into {@code table} as one batch, skipping each row whose {@code uniqueColumn} value
     * ({@code key}) is present already: PostgreSQL {@code ON CONFLICT DO NOTHING}; H2 a plain batched insert, and each
     * row that fails (H2 runs every row of a batch and rolls back only the failing ones) is retried on its own as
     * {@link Dialect#insertIgnoringDuplicate(Connection, PreparedStatement, String, String, String)} does: skipped if
     * its key is present (also when a concurrent transaction inserted it). Any other failure throws.
     *
     * @return per row: 1 if inserted, 0 if skipped, or {@link java.sql.Statement#SUCCESS_NO_INFO} if the driver did
     *     not say
     */
    <T> int[] insertSkippingPresent(
            Connection connection,
            String table,
            String columns,
            int columnCount,
            String uniqueColumn,
            List<T> rows,
            RowBinder<T> binder,
            java.util.function.Function<T, String> key)
            throws SQLException {
        if (rows.isEmpty()) {
            return new int[0];
        }
        String values = String.join(", ", java.util.Collections.nCopies(columnCount, "?"));
        String insert = "INSERT INTO " + table + " (" + columns + ")";
        Dialect d = dialect();
        if (d == Dialect.POSTGRESQL) {
            try (PreparedStatement ps = prepare(
                    connection, insert + " VALUES (" + values + ") ON CONFLICT (" + uniqueColumn + ") DO NOTHING")) {
                for (T row : rows) {
                    binder.bind(ps, row);
                    ps.addBatch();
                }
                return ps.executeBatch();
            }
        }
        int[] counts;
        // a plain insert: the unique index finds a present key anyway (a NOT EXISTS look-up before it would read the
        // index twice per row); the rows that fail are retried below
        String plain = insert + " VALUES (" + values + ")";
        try (Kept kept = kept(connection, plain)) {
            PreparedStatement ps = kept.statement();
            for (T row : rows) {
                binder.bind(ps, row);
                ps.addBatch();
            }
            try {
                return ps.executeBatch();
            } catch (java.sql.BatchUpdateException e) {
                // H2 runs every row of a batch and rolls back only the failing ones; retry those one by one
                counts = java.util.Arrays.copyOf(e.getUpdateCounts(), rows.size());
                for (int i = e.getUpdateCounts().length; i < rows.size(); i++) {
                    counts[i] = java.sql.Statement.EXECUTE_FAILED;
                }
            }
        }
        try (Kept kept = kept(connection, plain)) {
            PreparedStatement ps = kept.statement();
            for (int i = 0; i < rows.size(); i++) {
                if (counts[i] == java.sql.Statement.EXECUTE_FAILED) {
                    T row = rows.get(i);
                    binder.bind(ps, row);
                    counts[i] = d.insertIgnoringDuplicate(connection, ps, table, uniqueColumn, key.apply(row)) ? 1 : 0;
                }
            }
        }
        return counts;
    }

    /** The database's current time: leases are measured in it so that instances with skewed clocks agree. */
    Instant databaseNow(Connection connection) throws SQLException {
        try (PreparedStatement statement = prepare(connection, "SELECT CURRENT_TIMESTAMP");
                ResultSet rs = statement.executeQuery()) {
            rs.next();
            return rs.getObject(1, OffsetDateTime.class).toInstant();
        }
    }

    /** The longest claimant, in UTF-16 units: what the claim columns ({@code claimed_by}) hold. */
    static final int CLAIMANT_MAX = 200;

    /** The argument checks shared by the outbox and due-work claims. */
    static void checkClaim(String claimant, Instant now, java.time.Duration lease, int limit) {
        java.util.Objects.requireNonNull(claimant, "claimant");
        if (claimant.length() > CLAIMANT_MAX) {
            throw new IllegalArgumentException(
                    "claimant must be at most " + CLAIMANT_MAX + " characters: " + claimant.length());
        }
        java.util.Objects.requireNonNull(now, "now");
        java.util.Objects.requireNonNull(lease, "lease");
        if (lease.isNegative() || lease.isZero()) {
            throw new IllegalArgumentException("lease must be positive: " + lease);
        }
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1: " + limit);
        }
    }

    /** Seconds whose nanoseconds fit a long: the instants of the next 290 years and the past as many. */
    private static final long COMPACT_SECONDS = 9_000_000_000L;

    private static final long NANOS = 1_000_000_000L;

    static BigDecimal toDecimal(Instant instant) {
        long seconds = instant.getEpochSecond();
        if (seconds > -COMPACT_SECONDS && seconds < COMPACT_SECONDS) {
            // one object, the same value and scale (9) as the sum below
            return BigDecimal.valueOf(seconds * NANOS + instant.getNano(), 9);
        }
        return BigDecimal.valueOf(seconds).add(BigDecimal.valueOf(instant.getNano(), 9));
    }

    static Instant toInstant(BigDecimal decimal) {
        if (decimal.scale() == 9 && decimal.precision() <= 18) {
            // the form a NUMERIC(30,9) column is read in: the unscaled value counts nanoseconds
            long nanos = decimal.unscaledValue().longValue();
            return Instant.ofEpochSecond(Math.floorDiv(nanos, NANOS), Math.floorMod(nanos, NANOS));
        }
        BigDecimal exact = decimal.setScale(9, RoundingMode.UNNECESSARY);
        BigDecimal seconds = exact.setScale(0, RoundingMode.FLOOR);
        int nanos = exact.subtract(seconds).movePointRight(9).intValueExact();
        return Instant.ofEpochSecond(seconds.longValueExact(), nanos);
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        return toInstant(rs.getBigDecimal(column));
    }

    static java.util.Optional<Instant> optionalInstant(ResultSet rs, String column) throws SQLException {
        BigDecimal value = rs.getBigDecimal(column);
        return value == null ? java.util.Optional.empty() : java.util.Optional.of(toInstant(value));
    }

    static void setInstant(PreparedStatement ps, int index, java.util.Optional<Instant> instant) throws SQLException {
        if (instant.isPresent()) {
            ps.setBigDecimal(index, toDecimal(instant.get()));
        } else {
            ps.setNull(index, java.sql.Types.NUMERIC);
        }
    }

    /**
     * PostgreSQL: binds an instant (or NULL) as the text of its {@code NUMERIC(30,9)} value with no declared type, so
     * the server reads it as the type of the column it is written to, exactly. The driver's binary form of a
     * {@code BigDecimal} costs a {@code BigInteger} division per four digits; this costs one string. Always of no
     * declared type, null or not, so a server-prepared statement keeps its parameter types.
     */
    static void setInstantLiteral(PreparedStatement ps, int index, @Nullable Instant instant) throws SQLException {
        if (instant == null) {
            ps.setNull(index, java.sql.Types.OTHER);
        } else {
            ps.setObject(index, toDecimal(instant).toPlainString(), java.sql.Types.OTHER);
        }
    }

    /** The database's current time as epoch seconds, in SQL: what lease columns are compared with. */
    static final String EPOCH_NOW = "EXTRACT(EPOCH FROM CURRENT_TIMESTAMP)";

    /** A duration as the seconds a lease column adds. */
    static BigDecimal seconds(Duration duration) {
        return BigDecimal.valueOf(duration.getSeconds()).add(BigDecimal.valueOf(duration.getNano(), 9));
    }

    /** Checks a page or batch limit of the SPI: 1 to {@code max}. */
    static void checkLimit(int limit, int max) {
        if (limit < 1 || limit > max) {
            throw new IllegalArgumentException("limit must be between 1 and " + max + ": " + limit);
        }
    }

    /**
     * PostgreSQL: binds {@code values} as the text of a {@code text[]} literal, for a parameter written
     * {@code CAST(? AS TEXT[])}: every element quoted (a null as {@code NULL}), so any text passes unchanged. Cheaper
     * than {@link Connection#createArrayOf}, whose binary form takes a buffer of up to 1 KB per array, and free for an
     * empty one.
     */
    static void setTextArray(PreparedStatement ps, int index, @Nullable String[] values) throws SQLException {
        ps.setString(index, textArray(values));
    }

    /**
     * The {@code text[]} literal of {@code values}, as {@link #setTextArray} binds it. Sized exactly before it is
     * written (the outbox's JSON payloads are full of quotes, each written escaped), and an element with nothing to
     * escape is copied whole.
     */
    static String textArray(@Nullable String[] values) {
        if (values.length == 0) {
            return "{}";
        }
        int size = 1 + values.length; // the braces and the commas
        for (String v : values) {
            size += v == null ? 4 : v.length() + 2 + escapes(v);
        }
        StringBuilder literal = new StringBuilder(size).append('{');
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                literal.append(',');
            }
            String v = values[i];
            if (v == null) {
                literal.append("NULL");
                continue;
            }
            literal.append('"');
            if (v.indexOf('"') < 0 && v.indexOf('\\') < 0) {
                literal.append(v);
            } else {
                for (int k = 0, n = v.length(); k < n; k++) {
                    char ch = v.charAt(k);
                    if (ch == '"' || ch == '\\') {
                        literal.append('\\');
                    }
                    literal.append(ch);
                }
            }
            literal.append('"');
        }
        return literal.append('}').toString();
    }

    /** How many characters of {@code v} a {@code text[]} literal escapes (quotes and backslashes). */
    private static int escapes(String v) {
        int n = 0;
        for (int k = 0, length = v.length(); k < length; k++) {
            char ch = v.charAt(k);
            if (ch == '"' || ch == '\\') {
                n++;
            }
        }
        return n;
    }

    static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}
