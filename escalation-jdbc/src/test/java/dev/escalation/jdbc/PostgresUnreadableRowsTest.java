package dev.escalation.jdbc;

/** {@link UnreadableRowsTestBase} on PostgreSQL ({@code ESCALATION_TEST_PG_URL}); skipped with a reason without it. */
class PostgresUnreadableRowsTest extends UnreadableRowsTestBase {
    @Override
    protected TestDatabase openDatabase() {
        return TestDatabase.postgresql(getClass().getSimpleName());
    }
}
