package dev.escalation.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Locale;

/** The few places where PostgreSQL and H2 need different SQL. */
enum Dialect {
    POSTGRESQL {
        @Override
        String sortableId(String column) {
            // ids sort by code point, as String.compareTo does, whatever the database's default collation is
            return column + " COLLATE \"C\"";
        }

        @Override
        String insertIgnoringDuplicate(String insert, String uniqueColumn) {
            return insert + " ON CONFLICT (" + uniqueColumn + ") DO NOTHING";
        }

        @Override
        boolean insertIgnoringDuplicate(
                Connection connection, PreparedStatement statement, String table, String uniqueColumn, String value)
                throws SQLException {
            return statement.executeUpdate() == 1;
        }

        @Override
        String forUpdateSkipLocked(String alias) {
            return "FOR UPDATE OF " + alias + " SKIP LOCKED";
        }

        @Override
        String updateReturning(String with, String table, String set, String where, String columns) {
            return with + " UPDATE " + table + " u SET " + set + " WHERE " + where + " RETURNING " + columns;
        }

        @Override
        String joinedText(String expression, String separator) {
            return "string_agg(" + expression + ", chr(" + (int) separator.charAt(0) + "))";
        }

        @Override
        String withChange(String write) {
            return "WITH w AS (" + write + " RETURNING " + CHANGED + ") " + INSERT_CHANGE + " SELECT " + CHANGED
                    + " FROM w";
        }

        @Override
        String changeXidOnInsert() {
            // the writing transaction's id (xid8), as its 64-bit value so the column is portable
            return "CAST(CAST(pg_current_xact_id() AS TEXT) AS BIGINT)";
        }

        @Override
        String changeXidOnUpdate() {
            // never below the previous change of the same escalation: its versions stay in feed order even if this
            // transaction got its id before the previous writer did
            return "GREATEST(CAST(CAST(pg_current_xact_id() AS TEXT) AS BIGINT), change_xid)";
        }
    },
    H2 {
        @Override
        String sortableId(String column) {
            return column; // H2 compares strings like String.compareTo by default
        }

        @Override
        String insertIgnoringDuplicate(String insert, String uniqueColumn) {
            return insert;
        }

        @Override
        boolean insertIgnoringDuplicate(
                Connection connection, PreparedStatement statement, String table, String uniqueColumn, String value)
                throws SQLException {
            // H2 rolls back only the failing statement, so the transaction goes on after a duplicate key; this also
            // covers two transactions racing on one key, which a check before the insert would not. A violation of
            // another unique constraint (a reused message id) is an error, as on PostgreSQL.
            try {
                return statement.executeUpdate() == 1;
            } catch (SQLException e) {
                if (SqlErrors.isUniqueViolation(e) && exists(connection, table, uniqueColumn, value)) {
                    return false;
                }
                throw e;
            }
        }

        @Override
        String forUpdateSkipLocked(String alias) {
            return "FOR UPDATE SKIP LOCKED";
        }

        @Override
        String updateReturning(String with, String table, String set, String where, String columns) {
            return with + " SELECT " + columns + " FROM FINAL TABLE (UPDATE " + table + " SET " + set + " WHERE "
                    + where + ") u";
        }

        @Override
        String joinedText(String expression, String separator) {
            return "LISTAGG(" + expression + ", CHAR(" + (int) separator.charAt(0) + "))";
        }

        @Override
        String withChange(String write) {
            return INSERT_CHANGE + " SELECT " + CHANGED + " FROM FINAL TABLE (" + write + ")";
        }

        @Override
        String changeXidOnInsert() {
            return "0"; // H2 keeps no transaction id; the feed orders by seq
        }

        @Override
        String changeXidOnUpdate() {
            return "change_xid";
        }

        private boolean exists(Connection connection, String table, String column, String value) throws SQLException {
            try (PreparedStatement ps =
                    connection.prepareStatement("SELECT 1 FROM " + table + " WHERE " + column + " = ?")) {
                ps.setString(1, value);
                try (java.sql.ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        }
    };

    /** An id column in ORDER BY and keyset comparisons. */
    abstract String sortableId(String column);

    /** The SQL of an INSERT that skips a row whose unique column already holds the value. */
    abstract String insertIgnoringDuplicate(String insert, String uniqueColumn);

    /**
     * Runs a statement from {@link #insertIgnoringDuplicate(String, String)}; {@code false} if {@code table} already
     * had a row with {@code value} in {@code uniqueColumn}.
     */
    abstract boolean insertIgnoringDuplicate(
            Connection connection, PreparedStatement statement, String table, String uniqueColumn, String value)
            throws SQLException;

    /** The locking clause of a claim's candidate query; {@code alias} is the table to lock. */
    abstract String forUpdateSkipLocked(String alias);

    /**
     * One statement that updates rows of {@code table} (alias {@code u} in {@code columns}) and returns them:
     * PostgreSQL {@code UPDATE … RETURNING}, H2 {@code SELECT … FROM FINAL TABLE (UPDATE …)}. {@code with} is a
     * {@code WITH} clause (or empty) the {@code where} condition may refer to.
     */
    abstract String updateReturning(String with, String table, String set, String where, String columns);

    /** The columns of a written escalation row that its change-feed row copies. */
    private static final String CHANGED = "change_xid, escalation_id, customer_id, row_version, state, updated_at";

    private static final String INSERT_CHANGE =
            "INSERT INTO esc_change (xid, escalation_id, customer_id, row_version, state, changed_at)";

    /**
     * One statement that runs {@code write} (an INSERT or UPDATE of one row of {@code esc_escalation}) and records
     * the written row in the change feed ({@code esc_change}); its update count is the number of rows written.
     * PostgreSQL: a data-modifying {@code WITH}; H2: {@code INSERT … SELECT … FROM FINAL TABLE (…)}.
     */
    abstract String withChange(String write);

    /**
     * The aggregate joining the text {@code expression} of every row of a group by {@code separator} (one character),
     * in no particular order; SQL NULL for no row.
     */
    abstract String joinedText(String expression, String separator);

    /** The {@code change_xid} of a new escalation row. */
    abstract String changeXidOnInsert();

    /** The {@code change_xid} of an updated escalation row. */
    abstract String changeXidOnUpdate();

    /** The condition that keeps a change-feed read to rows that no running transaction can precede. */
    static Dialect of(Connection connection) throws SQLException {
        String product = connection.getMetaData().getDatabaseProductName();
        String name = product.toLowerCase(Locale.ROOT);
        if (name.contains("postgresql")) {
            return POSTGRESQL;
        }
        if (name.equals("h2")) {
            return H2;
        }
        throw new IllegalStateException("escalation-jdbc supports PostgreSQL and H2, not " + product);
    }
}
