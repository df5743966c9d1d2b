package dev.escalation.jdbc;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/**
 * Counts the transactions a store runs over a pool. The store takes one connection per transaction and gives it back
 * afterwards, so a connection checkout in which a statement ran is one transaction: committed or rolled back
 * explicitly, or one statement in auto-commit mode. A checkout that prepared an INSERT, UPDATE, DELETE or MERGE
 * (also inside a {@code WITH} or {@code FINAL TABLE}; not {@code FOR UPDATE}) is a write transaction.
 */
final class CountingDataSource extends WrappingDataSource {

    /** A snapshot of the counters. */
    record Counts(long transactions, long writeTransactions, long commits, long rollbacks) {
        Counts minus(Counts before) {
            return new Counts(
                    transactions - before.transactions,
                    writeTransactions - before.writeTransactions,
                    commits - before.commits,
                    rollbacks - before.rollbacks);
        }
    }

    private final AtomicLong transactions = new AtomicLong();
    private final AtomicLong writeTransactions = new AtomicLong();
    private final AtomicLong commits = new AtomicLong();
    private final AtomicLong rollbacks = new AtomicLong();

    CountingDataSource(DataSource delegate) {
        super(delegate);
    }

    Counts counts() {
        return new Counts(transactions.get(), writeTransactions.get(), commits.get(), rollbacks.get());
    }

    static boolean writes(String sql) {
        String upper = sql.toUpperCase(Locale.ROOT).replace("FOR UPDATE", "");
        return upper.contains("INSERT ")
                || upper.contains("UPDATE ")
                || upper.contains("DELETE ")
                || upper.contains("MERGE ");
    }

    @Override
    Connection wrap(Connection connection) {
        return (Connection) Proxy.newProxyInstance(
                Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, new Handler(connection));
    }

    private final class Handler implements InvocationHandler {
        private final Connection target;
        private boolean used;
        private boolean wrote;

        Handler(Connection target) {
            this.target = target;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            switch (method.getName()) {
                case "prepareStatement", "prepareCall" -> {
                    used = true;
                    if (args != null && args.length > 0 && args[0] instanceof String sql && writes(sql)) {
                        wrote = true;
                    }
                }
                case "createStatement" -> used = true;
                case "unwrap" -> {
                    // the store unwraps to run a statement it keeps with the physical connection (Db.kept, H2); a
                    // kept statement that writes is prepared once per physical connection, so its executions make
                    // the checkout they run in a writing one
                    used = true;
                    Object unwrapped = call(target, method, args);
                    if (args[0] == Connection.class) {
                        Connection physical = (Connection) unwrapped;
                        checkouts.put(physical, this);
                        return physicalProxies.computeIfAbsent(physical, CountingDataSource.this::physical);
                    }
                    return unwrapped;
                }
                case "commit" -> commits.incrementAndGet();
                case "rollback" -> {
                    if (args == null || args.length == 0) {
                        rollbacks.incrementAndGet();
                    }
                }
                case "close" -> {
                    if (used) {
                        transactions.incrementAndGet();
                    }
                    if (wrote) {
                        writeTransactions.incrementAndGet();
                    }
                    used = false;
                    wrote = false;
                }
                default -> {}
            }
            return call(target, method, args);
        }
    }

    /** One proxy per physical connection, for the statements the store keeps with it. */
    private final Map<Connection, Connection> physicalProxies = new ConcurrentHashMap<>();

    /** The checkout that last unwrapped each physical connection: the one its kept statements run in. */
    private final Map<Connection, Handler> checkouts = new ConcurrentHashMap<>();

    /** A physical connection whose writing statements mark the checkout they run in as a write transaction. */
    private Connection physical(Connection physical) {
        InvocationHandler handler = (proxy, method, args) -> {
            Object result = call(physical, method, args);
            if (method.getName().equals("prepareStatement") && writes((String) args[0])) {
                PreparedStatement statement = (PreparedStatement) result;
                InvocationHandler marking = (p, m, a) -> {
                    if (m.getName().startsWith("execute")) {
                        Handler checkout = checkouts.get(physical);
                        if (checkout != null) {
                            checkout.wrote = true;
                        }
                    }
                    return call(statement, m, a);
                };
                return Proxy.newProxyInstance(
                        CountingDataSource.class.getClassLoader(), new Class<?>[] {PreparedStatement.class}, marking);
            }
            return result;
        };
        return (Connection)
                Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, handler);
    }

    private static Object call(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
