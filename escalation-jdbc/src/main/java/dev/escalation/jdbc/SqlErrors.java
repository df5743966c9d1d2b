package dev.escalation.jdbc;

import dev.escalation.spi.UnavailableException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns JDBC failures into the SPI's exceptions. Logs SQLState and vendor code only: messages may carry data. */
final class SqlErrors {
    private static final Logger LOG = LoggerFactory.getLogger(SqlErrors.class);

    private SqlErrors() {}

    static boolean isUniqueViolation(SQLException e) {
        return "23505".equals(e.getSQLState());
    }

    /** Whether the failure is about reaching the database or a transient conflict: retrying may succeed. */
    static boolean isUnavailable(SQLException e) {
        if (e instanceof SQLTransientException
                || e instanceof SQLRecoverableException
                || e instanceof SQLNonTransientConnectionException) {
            return true;
        }
        @Nullable String state = e.getSQLState();
        if (state == null) {
            return false;
        }
        return state.startsWith("08") // connection exception
                || state.startsWith("53") // PostgreSQL: insufficient resources (too many connections, ...)
                || state.startsWith("57") // PostgreSQL: operator intervention (shutdown, query cancelled)
                || state.equals("40001") // serialization failure
                || state.equals("40P01") // PostgreSQL: deadlock detected
                || state.equals("55P03") // PostgreSQL: lock not available (lock_timeout)
                || refusesWrites(state) // the database or this session refuses writes (read-only)
                || endedSession(state) // PostgreSQL: the server ended an idle or too long transaction's session
                || state.equals("HYT00") // H2: lock or query timeout
                || state.equals("90131") // H2: concurrent update
                || state.equals("90098") // H2: database closed
                || state.equals("90067"); // H2: connection broken
    }

    /**
     * Whether the connection itself failed (it broke, timed out, or the server ended the session), so that the
     * database may have done what was sent last without the answer coming back.
     */
    static boolean isConnectionLost(SQLException e) {
        @Nullable String state = e.getSQLState();
        return e instanceof SQLRecoverableException
                || e instanceof SQLNonTransientConnectionException
                || (state != null && (state.startsWith("08") || state.startsWith("57P") || endedSession(state)))
                || "90067".equals(state); // H2: connection broken
    }

    /**
     * Whether {@code failure}, or a cause of it, is the database refusing a write because the session is read-only:
     * PostgreSQL's {@code read_only_sql_transaction} (25006: {@code default_transaction_read_only} set for the
     * database or role, or a server in recovery after a failover), H2's read-only database (90097). Such a session
     * stays read-only for its life, even once new sessions may write again: it must not go back into the pool.
     */
    static boolean refusesWrites(Throwable failure) {
        Throwable t = failure;
        for (int depth = 0; t != null && depth < 8; depth++, t = t.getCause()) {
            if (t instanceof SQLException e) {
                @Nullable String state = e.getSQLState();
                if (state != null && refusesWrites(state)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean refusesWrites(String state) {
        return state.equals("25006") || state.equals("90097");
    }

    /**
     * PostgreSQL ended the session because its transaction was idle ({@code idle_in_transaction_session_timeout},
     * 25P03) or ran too long ({@code transaction_timeout}, 25P04, PostgreSQL 17): the transaction is rolled back and
     * the connection closed, as when an operator terminates it.
     */
    private static boolean endedSession(String state) {
        return state.equals("25P03") || state.equals("25P04");
    }

    /**
     * Whether the database refused a value the statement carried (SQLState class 22, data exception: a text longer than
     * its column, a number or an instant out of the column's range). Retrying the same call fails the same way.
     */
    static boolean isDataException(SQLException e) {
        @Nullable String state = e.getSQLState();
        return state != null && state.startsWith("22");
    }

    static RuntimeException translate(String operation, SQLException e) {
        if (isDataException(e)) {
            LOG.warn(
                    "escalation store refused a value during {}: SQLState {}, vendor code {}",
                    operation,
                    e.getSQLState(),
                    e.getErrorCode());
            return new IllegalArgumentException(
                    "a value does not fit the escalation store's columns during " + operation + " (SQLState "
                            + e.getSQLState() + "); nothing was written",
                    e);
        }
        if (isUnavailable(e)) {
            LOG.warn(
                    "escalation store unavailable during {}: SQLState {}, vendor code {}",
                    operation,
                    e.getSQLState(),
                    e.getErrorCode());
            return new UnavailableException(
                    "escalation store unavailable during " + operation + " (SQLState " + e.getSQLState() + ")", e);
        }
        LOG.error(
                "escalation store failed during {}: SQLState {}, vendor code {}",
                operation,
                e.getSQLState(),
                e.getErrorCode());
        return new IllegalStateException(
                "escalation store failed during " + operation + " (SQLState " + e.getSQLState() + ", vendor code "
                        + e.getErrorCode() + ")",
                e);
    }
}
