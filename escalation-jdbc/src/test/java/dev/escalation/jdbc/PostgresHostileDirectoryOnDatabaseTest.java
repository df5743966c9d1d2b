package dev.escalation.jdbc;

/** {@link HostileDirectoryOnDatabaseTestBase} on PostgreSQL ({@code ESCALATION_TEST_PG_URL}); skipped with a reason without it. */
class PostgresHostileDirectoryOnDatabaseTest extends HostileDirectoryOnDatabaseTestBase {
    @Override
    protected TestDatabase openDatabase() {
        return TestDatabase.postgresql(getClass().getSimpleName());
    }
}
