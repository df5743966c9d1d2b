package dev.escalation.jdbc;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;

/**
 * A data source that fails one call a test chooses, as a database, driver or network would: {@link #arm} names the
 * n-th call from now among those that talk to the database (preparing or creating a statement, executing one, moving a
 * result set on, committing), and that call throws an {@link SQLException} of the armed {@link Fault} instead. A
 * {@link Fault#LOST_AFTER_COMMIT} fault lets the commit through and loses its answer (the outcome unknown to the
 * store, which must find out); every other fault throws before the call reaches the database. One fault per arming;
 * statements the store keeps with the physical connection ({@code Db.kept}, H2) are reached through one proxy per
 * physical connection, so they fail too. Meant for one thread at a time.
 */
final class FaultyDataSource extends WrappingDataSource {

    /** What the failing call throws. */
    enum Fault {
        /** The connection broke before the call reached the database (SQLState 08006). */
        CONNECTION_LOST("08006"),
        /** The database refused the transaction as a serialization failure (SQLState 40001). */
        SERIALIZATION("40001"),
        /** A driver or database error the store cannot classify (SQLState XX000, an internal error). */
        INTERNAL("XX000"),
        /** The commit reached the database and committed; its answer was lost (SQLState 08006). */
        LOST_AFTER_COMMIT("08006");

        final String state;

        Fault(String state) {
            this.state = state;
        }
    }

    private int countdown;
    private Fault fault = Fault.CONNECTION_LOST;
    private boolean fired;
    private final Map<Connection, Connection> physicalProxies = new ConcurrentHashMap<>();

    FaultyDataSource(DataSource delegate) {
        super(delegate);
    }

    /**
     * Fails the {@code n}-th call from now (1: the next one) with {@code fault}; under {@link Fault#LOST_AFTER_COMMIT}
     * the first or second commit from now ({@code n} odd or even), as most operations commit once or twice.
     */
    void arm(int n, Fault fault) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be at least 1");
        }
        this.countdown = fault == Fault.LOST_AFTER_COMMIT ? 2 - n % 2 : n;
        this.fault = fault;
        this.fired = false;
    }

    /** Disarms; whether the armed fault fired. */
    boolean disarm() {
        countdown = 0;
        boolean f = fired;
        fired = false;
        return f;
    }

    /** Whether this call is the one to fail (a commit under {@link Fault#LOST_AFTER_COMMIT} fails after it ran). */
    private boolean failsNow(String call) {
        if (countdown == 0) {
            return false;
        }
        if (fault == Fault.LOST_AFTER_COMMIT && !call.equals("commit")) {
            return false; // counts commits only
        }
        if (--countdown > 0) {
            return false;
        }
        fired = true;
        return true;
    }

    private SQLException planted(String call) {
        return new SQLException("planted fault at " + call, fault.state);
    }

    @Override
    Connection wrap(Connection connection) {
        return connection(connection, false);
    }

    private Connection connection(Connection target, boolean physical) {
        InvocationHandler handler = (proxy, method, args) -> {
            String name = method.getName();
            switch (name) {
                case "prepareStatement", "prepareCall", "createStatement" -> {
                    if (failsNow(name)) {
                        throw planted(name);
                    }
                    Class<?> type = name.equals("createStatement")
                            ? Statement.class
                            : name.equals("prepareCall") ? CallableStatement.class : PreparedStatement.class;
                    return proxy(type, call(target, method, args), this::statement);
                }
                case "commit" -> {
                    boolean afterIt = fault == Fault.LOST_AFTER_COMMIT; // the commit runs, its answer is lost
                    if (!afterIt && failsNow(name)) {
                        throw planted(name);
                    }
                    Object result = call(target, method, args);
                    if (afterIt && failsNow(name)) {
                        throw planted(name);
                    }
                    return result;
                }
                case "unwrap" -> {
                    Object unwrapped = call(target, method, args);
                    if (!physical && args[0] == Connection.class) {
                        return physicalProxies.computeIfAbsent((Connection) unwrapped, c -> connection(c, true));
                    }
                    return unwrapped;
                }
                default -> {
                    return call(target, method, args);
                }
            }
        };
        return (Connection) proxy(Connection.class, target, t -> handler);
    }

    private InvocationHandler statement(Object target) {
        return (proxy, method, args) -> {
            String name = method.getName();
            if (name.startsWith("execute") && failsNow(name)) {
                throw planted(name);
            }
            Object result = call(target, method, args);
            if (result instanceof ResultSet rs) {
                return proxy(ResultSet.class, rs, this::resultSet);
            }
            return result;
        };
    }

    private InvocationHandler resultSet(Object target) {
        return (proxy, method, args) -> {
            if (method.getName().equals("next") && failsNow("next")) {
                throw planted("next");
            }
            return call(target, method, args);
        };
    }

    private static Object proxy(
            Class<?> type, Object target, java.util.function.Function<Object, InvocationHandler> h) {
        return Proxy.newProxyInstance(FaultyDataSource.class.getClassLoader(), new Class<?>[] {type}, h.apply(target));
    }

    private static Object call(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
