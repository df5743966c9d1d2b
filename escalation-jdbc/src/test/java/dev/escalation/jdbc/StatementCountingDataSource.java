package dev.escalation.jdbc;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/**
 * Counts what a store sends to the database over a pool: statements executed (an {@code executeBatch} is one
 * statement, a round trip; its rows are counted apart), commits and rollbacks (round trips of their own), and
 * transactions as {@link CountingDataSource} defines them (a connection checkout in which a statement ran; a write
 * transaction if it prepared an INSERT, UPDATE, DELETE or MERGE). Also a histogram of the executed SQL (its first
 * words), to show which statements a phase ran. Meant for one thread at a time (the counts are totals).
 */
final class StatementCountingDataSource extends WrappingDataSource {

    /** A snapshot of the counters. */
    record Counts(
            long statements,
            long batchedRows,
            long transactions,
            long writeTransactions,
            long commits,
            long rollbacks) {
        Counts minus(Counts before) {
            return new Counts(
                    statements - before.statements,
                    batchedRows - before.batchedRows,
                    transactions - before.transactions,
                    writeTransactions - before.writeTransactions,
                    commits - before.commits,
                    rollbacks - before.rollbacks);
        }

        Counts plus(Counts other) {
            return new Counts(
                    statements + other.statements,
                    batchedRows + other.batchedRows,
                    transactions + other.transactions,
                    writeTransactions + other.writeTransactions,
                    commits + other.commits,
                    rollbacks + other.rollbacks);
        }

        /** Statements plus commits and rollbacks: what goes to the server and waits for an answer. */
        long roundTrips() {
            return statements + commits + rollbacks;
        }

        @Override
        public String toString() {
            return statements + " statements (" + batchedRows + " batched rows), " + roundTrips() + " round trips, "
                    + transactions + " transactions (" + writeTransactions + " writing, " + commits + " commits, "
                    + rollbacks + " rollbacks)";
        }
    }

    private final AtomicLong statements = new AtomicLong();
    private final AtomicLong batchedRows = new AtomicLong();
    private final AtomicLong transactions = new AtomicLong();
    private final AtomicLong writeTransactions = new AtomicLong();
    private final AtomicLong commits = new AtomicLong();
    private final AtomicLong rollbacks = new AtomicLong();
    private final Map<String, Long> histogram = new TreeMap<>();

    StatementCountingDataSource(DataSource delegate) {
        super(delegate);
    }

    Counts counts() {
        return new Counts(
                statements.get(),
                batchedRows.get(),
                transactions.get(),
                writeTransactions.get(),
                commits.get(),
                rollbacks.get());
    }

    /** The executed statements by their first words since the last call, then forgets them. */
    synchronized Map<String, Long> drainHistogram() {
        Map<String, Long> copy = new TreeMap<>(histogram);
        histogram.clear();
        return copy;
    }

    private synchronized void executed(String sql) {
        statements.incrementAndGet();
        histogram.merge(shape(sql), 1L, Long::sum);
    }

    private static String shape(String sql) {
        String s = sql.replaceAll("\\s+", " ").trim();
        int max = Integer.getInteger("escalation.test.sqlShape", 70);
        return s.length() <= max ? s : s.substring(0, max) + "…";
    }

    @Override
    Connection wrap(Connection connection) {
        return (Connection) Proxy.newProxyInstance(
                Connection.class.getClassLoader(),
                new Class<?>[] {Connection.class},
                new ConnectionHandler(connection));
    }

    private final class ConnectionHandler implements InvocationHandler {
        private final Connection target;
        private boolean used;
        private boolean wrote;

        ConnectionHandler(Connection target) {
            this.target = target;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            switch (method.getName()) {
                case "prepareStatement", "prepareCall" -> {
                    used = true;
                    String sql = (String) args[0];
                    if (CountingDataSource.writes(sql)) {
                        wrote = true;
                    }
                    return statement(call(target, method, args), sql, PreparedStatement.class);
                }
                case "createStatement" -> {
                    used = true;
                    return statement(call(target, method, args), null, Statement.class);
                }
                case "unwrap" -> {
                    // the store keeps statements with the physical connection (Db.kept, H2): they run in this
                    // checkout's transaction and are counted like the others, through one counting proxy per
                    // physical connection, so that the store finds its kept statements again
                    used = true;
                    Object unwrapped = call(target, method, args);
                    if (args[0] == Connection.class) {
                        Connection physical = (Connection) unwrapped;
                        // a kept statement that writes (prepared once per physical connection) makes this checkout
                        // a writing one when it runs in it
                        checkouts.put(physical, this);
                        return physicalProxies.computeIfAbsent(physical, StatementCountingDataSource.this::physical);
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

    /** One counting proxy per physical connection, for the statements the store keeps with it. */
    private final Map<Connection, Connection> physicalProxies = new java.util.concurrent.ConcurrentHashMap<>();

    /** The checkout that last unwrapped each physical connection: the one its kept statements run in. */
    private final Map<Connection, ConnectionHandler> checkouts = new java.util.concurrent.ConcurrentHashMap<>();

    /** A physical connection whose statements count their executions (preparing one is no transaction of its own). */
    private Connection physical(Connection physical) {
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getName().equals("prepareStatement")) {
                String sql = (String) args[0];
                return statement(call(physical, method, args), sql, PreparedStatement.class, () -> {
                    ConnectionHandler checkout = checkouts.get(physical);
                    if (checkout != null && CountingDataSource.writes(sql)) {
                        checkout.wrote = true;
                    }
                });
            }
            return call(physical, method, args);
        };
        return (Connection)
                Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, handler);
    }

    private Object statement(Object statement, String preparedSql, Class<?> type) {
        return statement(statement, preparedSql, type, () -> {});
    }

    private Object statement(Object statement, String preparedSql, Class<?> type, Runnable onExecute) {
        InvocationHandler handler = (proxy, method, args) -> {
            String name = method.getName();
            if (name.equals("addBatch") && (args == null || args.length == 0)) {
                batchedRows.incrementAndGet();
            } else if (name.equals("executeBatch") || name.equals("executeLargeBatch")) {
                executed(preparedSql == null ? "batch" : preparedSql);
                onExecute.run();
            } else if (name.startsWith("execute")) {
                executed(args != null && args.length > 0 && args[0] instanceof String sql ? sql : preparedSql);
                onExecute.run();
            }
            return call(statement, method, args);
        };
        return Proxy.newProxyInstance(
                StatementCountingDataSource.class.getClassLoader(), new Class<?>[] {type}, handler);
    }

    private static Object call(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
