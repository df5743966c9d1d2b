package dev.escalation.jdbc;

/** {@link EnginePersonalDataTestBase} on PostgreSQL ({@code ESCALATION_TEST_PG_URL}); skipped with a reason without it. */
class PostgresEnginePersonalDataTest extends EnginePersonalDataTestBase {
    @Override
    protected TestDatabase openDatabase() {
        return TestDatabase.postgresql(getClass().getSimpleName());
    }
}
