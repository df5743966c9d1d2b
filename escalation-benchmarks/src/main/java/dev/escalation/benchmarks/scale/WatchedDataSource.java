package dev.escalation.benchmarks.scale;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * One app node's view of its pool: counts transactions (connection checkouts; the store takes one connection per
 * transaction) of request threads and of the engine's background worker ({@code escalation-worker}) apart, and every
 * SQLState of an {@link SQLException} thrown by a connection or statement, whether or not the store or the engine
 * later swallows it (the background worker only logs its failures). That is how a deadlock ({@code 40P01}) or a
 * serialization failure ({@code 40001}) inside the background delivery is seen. The physical connection a
 * connection unwraps to ({@code unwrap(Connection.class)}, where the JDBC store keeps its H2 statements) is watched
 * too, through one proxy per physical connection, so statements kept with it stay kept and their failures are seen.
 */
final class WatchedDataSource implements DataSource {
    /** Name of the engine's background thread ({@code BackgroundWorker}). */
    static final String WORKER_THREAD = "escalation-worker";

    private final DataSource delegate;
    private final LongAdder requestTx = new LongAdder();
    private final LongAdder workerTx = new LongAdder();
    private final Map<String, LongAdder> sqlStates = new ConcurrentHashMap<>();
    private final Map<Connection, Connection> physicalProxies = new ConcurrentHashMap<>();
    private volatile long lastWorkerTx;
    private volatile Thread workerThread;

    WatchedDataSource(DataSource delegate) {
        this.delegate = delegate;
    }

    /** @return transactions taken on request threads (commands, reads, the final drain) */
    long requestTransactions() {
        return requestTx.sum();
    }

    /** @return transactions taken by the background worker (claims, finishes, due work, including empty polls) */
    long workerTransactions() {
        return workerTx.sum();
    }

    /** @return {@link System#nanoTime()} of the worker's last transaction (connection checkout), 0 before the first */
    long lastWorkerTransaction() {
        return lastWorkerTx;
    }

    /** @return the engine's background worker thread, once it has taken a transaction (else null) */
    Thread workerThread() {
        return workerThread;
    }

    /** @return how often each SQLState was thrown (sorted by state) */
    Map<String, Long> sqlStates() {
        Map<String, Long> out = new TreeMap<>();
        sqlStates.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    private void record(SQLException e) {
        for (SQLException x = e; x != null; x = x.getNextException()) {
            String state = x.getSQLState() == null ? "none" : x.getSQLState();
            sqlStates.computeIfAbsent(state, k -> new LongAdder()).increment();
            if (x.getNextException() == x) {
                break;
            }
        }
    }

    @Override
    public Connection getConnection() throws SQLException {
        count();
        try {
            return wrap(delegate.getConnection(), Connection.class);
        } catch (SQLException e) {
            record(e);
            throw e;
        }
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        count();
        try {
            return wrap(delegate.getConnection(username, password), Connection.class);
        } catch (SQLException e) {
            record(e);
            throw e;
        }
    }

    private void count() {
        Thread t = Thread.currentThread();
        if (t.getName().startsWith(WORKER_THREAD)) {
            workerTx.increment();
            workerThread = t;
            lastWorkerTx = System.nanoTime();
        } else {
            requestTx.increment();
        }
    }

    private <T> T wrap(T target, Class<T> type) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, new Handler(target)));
    }

    /** Passes every call through; records SQLExceptions; wraps the statements a connection returns. */
    private final class Handler implements InvocationHandler {
        private final Object target;

        Handler(Object target) {
            this.target = target;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            Object result;
            try {
                result = method.invoke(target, args);
            } catch (InvocationTargetException e) {
                if (e.getCause() instanceof SQLException sql) {
                    record(sql);
                }
                throw e.getCause();
            }
            if (result == null) {
                return null;
            }
            Class<?> returned = method.getReturnType();
            if (method.getName().equals("unwrap") && result instanceof Connection physical) {
                // the same proxy for each unwrap of one physical connection: the store keys its kept statements by it
                return physicalProxies.computeIfAbsent(physical, c -> wrap(c, Connection.class));
            }
            if (returned == CallableStatement.class) {
                return wrap((CallableStatement) result, CallableStatement.class);
            }
            if (returned == PreparedStatement.class) {
                return wrap((PreparedStatement) result, PreparedStatement.class);
            }
            if (returned == Statement.class) {
                return wrap((Statement) result, Statement.class);
            }
            return result;
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
