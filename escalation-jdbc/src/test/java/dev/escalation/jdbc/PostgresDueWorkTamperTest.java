package dev.escalation.jdbc;

/** {@link DueWorkTamperTestBase} on PostgreSQL ({@code ESCALATION_TEST_PG_URL}); skipped with a reason without it. */
class PostgresDueWorkTamperTest extends DueWorkTamperTestBase {
    @Override
    protected TestDatabase openDatabase() {
        return TestDatabase.postgresql(getClass().getSimpleName());
    }
}
