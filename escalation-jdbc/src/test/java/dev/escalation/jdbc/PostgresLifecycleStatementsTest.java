package dev.escalation.jdbc;

/**
 * {@link LifecycleStatementsTestBase} on PostgreSQL ({@code ESCALATION_TEST_PG_URL}); skipped with a reason without
 * it.
 */
class PostgresLifecycleStatementsTest extends LifecycleStatementsTestBase {
    @Override
    protected TestDatabase openDatabase() {
        return TestDatabase.postgresql(getClass().getSimpleName());
    }
}
