package dev.escalation.jdbc;

/**
 * {@link DeskWorkflowOnDatabaseTestBase} on PostgreSQL ({@code ESCALATION_TEST_PG_URL}); skipped with a reason without
 * it.
 */
class PostgresDeskWorkflowOnDatabaseTest extends DeskWorkflowOnDatabaseTestBase {
    @Override
    protected TestDatabase openDatabase() {
        return TestDatabase.postgresql(getClass().getSimpleName());
    }
}
