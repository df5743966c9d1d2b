package dev.escalation.jdbc;

/** {@link EngineOnDatabaseTestBase} on PostgreSQL ({@code ESCALATION_TEST_PG_URL}); skipped with a reason without it. */
class PostgresEngineOnDatabaseTest extends EngineOnDatabaseTestBase {
    @Override
    protected TestDatabase openDatabase() {
        return TestDatabase.postgresql(getClass().getSimpleName());
    }
}
