package dev.escalation.jdbc;

/**
 * {@link LongestValuesOnDatabaseTestBase} on PostgreSQL ({@code ESCALATION_TEST_PG_URL}); skipped with a reason without
 * it.
 */
class PostgresLongestValuesOnDatabaseTest extends LongestValuesOnDatabaseTestBase {
    @Override
    protected TestDatabase openDatabase() {
        return TestDatabase.postgresql(getClass().getSimpleName());
    }
}
