package dev.escalation.jdbc;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * A data source that records every query and single (not batched) update the store runs, with its parameters, so a test
 * can look at the SQL the store really issues (e.g. EXPLAIN it) instead of a copy that could drift from the store's
 * statement builder.
 */
final class StatementRecorder extends WrappingDataSource {

    /** A query as the store ran it: its SQL and its parameters in order. */
    record Recorded(String sql, List<Object> parameters) {
        /** Binds the parameters to {@code statement} (same positions, same setters as the store used). */
        void bind(PreparedStatement statement) throws SQLException {
            for (int i = 0; i < parameters.size(); i++) {
                statement.setObject(i + 1, parameters.get(i));
            }
        }
    }

    private final List<Recorded> recorded = new ArrayList<>();

    StatementRecorder(DataSource delegate) {
        super(delegate);
    }

    /** The queries recorded since the last call, then forgets them. */
    synchronized List<Recorded> drain() {
        List<Recorded> all = List.copyOf(recorded);
        recorded.clear();
        return all;
    }

    private synchronized void add(Recorded r) {
        recorded.add(r);
    }

    @Override
    Connection wrap(Connection connection) {
        InvocationHandler handler = (proxy, method, args) -> {
            Object result = invoke(connection, method, args);
            if (method.getName().equals("prepareStatement") && args != null && args.length == 1) {
                return recording((PreparedStatement) result, (String) args[0]);
            }
            return result;
        };
        return (Connection) Proxy.newProxyInstance(
                StatementRecorder.class.getClassLoader(), new Class<?>[] {Connection.class}, handler);
    }

    private PreparedStatement recording(PreparedStatement statement, String sql) {
        Map<Integer, Object> parameters = new TreeMap<>();
        InvocationHandler handler = (proxy, method, args) -> {
            String name = method.getName();
            if (name.startsWith("set") && args != null && args.length == 2 && args[0] instanceof Integer index) {
                parameters.put(index, args[1]);
            } else if (name.equals("executeQuery") || (name.equals("executeUpdate") && args == null)) {
                // a NULL bound (setString(i, null), as the PostgreSQL write binds an unchanged document) is kept
                add(new Recorded(
                        sql, java.util.Collections.unmodifiableList(new java.util.ArrayList<>(parameters.values()))));
            }
            return invoke(statement, method, args);
        };
        return (PreparedStatement) Proxy.newProxyInstance(
                StatementRecorder.class.getClassLoader(), new Class<?>[] {PreparedStatement.class}, handler);
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
