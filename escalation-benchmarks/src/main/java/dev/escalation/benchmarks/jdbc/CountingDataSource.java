package dev.escalation.benchmarks.jdbc;

import dev.escalation.benchmarks.PerThread;
import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;

/**
 * Counts the JDBC store's transactions per calling thread. The store (escalation-jdbc {@code Db}) takes one
 * connection from the pool per transaction and returns it afterwards (one commit, one rollback, or one auto-commit
 * statement), so a connection checkout is one transaction. A checkout in which an INSERT, UPDATE, DELETE or MERGE was
 * prepared is also counted as a write transaction, and on H2 one that commits with changes H2 holds uncommitted: the
 * H2 store keeps its statements with the physical connection (prepared once, through {@code unwrap}), so their texts
 * are not seen at each checkout. Counters are per thread, so the benchmark attributes them to the phase it is in (user
 * commands or the outbox dispatcher) by reading them before and after, also at 2 threads.
 *
 * <p>Only the connection handed to the store is wrapped, never a statement: each call on a wrapped statement went
 * through a reflective proxy, ~2–3 % of the SDK's H2 lifecycle's CPU (issue 17, thirty-fifth pass), a cost the peers,
 * which run without this wrapper, did not pay.
 */
public final class CountingDataSource implements DataSource {

    /** One thread's counters. */
    public static final class Counts {
        /** Connection checkouts = transactions. */
        public long transactions;
        /** Checkouts that prepared a write statement. */
        public long writeTransactions;
        /** Explicit commits. */
        public long commits;
        /** Explicit rollbacks. */
        public long rollbacks;
    }

    private final DataSource delegate;
    private final PerThread<Counts> counts = new PerThread<>(Counts::new);
    private volatile java.util.function.Consumer<String> prepared = sql -> {};

    /**
     * Shows every SQL text prepared through this data source's connections to {@code listener} (the PostgreSQL
     * overdue benchmark takes the store's query from it to print its plan); not the statements the H2 store prepares
     * on the unwrapped connection.
     *
     * @param listener called on the preparing thread
     */
    public void onPrepare(java.util.function.Consumer<String> listener) {
        this.prepared = listener;
    }

    public CountingDataSource(DataSource delegate) {
        this.delegate = delegate;
    }

    /** @return the calling thread's counters (live; copy the fields to take a snapshot) */
    public Counts mine() {
        return counts.get();
    }

    @Override
    public Connection getConnection() throws SQLException {
        return wrap(delegate.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return wrap(delegate.getConnection(username, password));
    }

    private Connection wrap(Connection connection) {
        Counts k = counts.get();
        k.transactions++;
        return (Connection) Proxy.newProxyInstance(
                Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, new Handler(connection, k, this));
    }

    /**
     * Whether a statement writes: an INSERT, UPDATE, DELETE or MERGE anywhere in it (also inside a data-modifying
     * {@code WITH}, as the PostgreSQL store writes a command in one statement), a row lock ({@code FOR UPDATE}) not.
     */
    static boolean writes(String sql) {
        // the store prepares a few dozen constant texts: scanned once each, so the benchmark's own counting does not
        // add a text scan per statement to the SDK's measured CPU
        Boolean known = WRITES.get(sql);
        if (known != null) {
            return known;
        }
        String upper = sql.toUpperCase(Locale.ROOT).replace("FOR UPDATE", "");
        boolean writes = upper.contains("INSERT ")
                || upper.contains("UPDATE ")
                || upper.contains("DELETE ")
                || upper.contains("MERGE ");
        if (WRITES.size() < 10_000) {
            WRITES.put(sql, writes);
        }
        return writes;
    }

    /** Whether a statement text writes, per text seen (bounded by the store's distinct texts). */
    private static final ConcurrentHashMap<String, Boolean> WRITES = new ConcurrentHashMap<>();

    private static final class Handler implements InvocationHandler {
        private final Connection target;
        private final Counts counts;
        private final CountingDataSource owner;
        private boolean wrote;

        Handler(Connection target, Counts counts, CountingDataSource owner) {
            this.target = target;
            this.counts = counts;
            this.owner = owner;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            switch (method.getName()) {
                case "prepareStatement":
                    if (args != null && args.length > 0 && args[0] instanceof String sql) {
                        owner.prepared.accept(sql);
                        wrote = wrote || writes(sql);
                    }
                    break;
                case "commit":
                    counts.commits++;
                    if (!wrote) {
                        wrote = changesOnH2(target);
                    }
                    break;
                case "rollback":
                    if (args == null || args.length == 0) {
                        counts.rollbacks++;
                    }
                    break;
                case "close":
                    if (wrote) {
                        counts.writeTransactions++;
                        wrote = false;
                    }
                    break;
                default:
                    break;
            }
            return call(target, method, args);
        }
    }

    /**
     * Whether {@code connection} is H2's and its session holds uncommitted changes (a kept statement wrote in this
     * transaction; H2 also writes a row lock into its row, so a transaction that only locked counts too).
     */
    private static boolean changesOnH2(Connection connection) throws SQLException {
        return connection.isWrapperFor(JdbcConnection.class)
                && connection.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal session
                && session.hasPendingTransaction();
    }

    private static Object call(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return delegate.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        delegate.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        delegate.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return delegate.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return delegate.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        return delegate.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return iface.isInstance(this) || delegate.isWrapperFor(iface);
    }
}
