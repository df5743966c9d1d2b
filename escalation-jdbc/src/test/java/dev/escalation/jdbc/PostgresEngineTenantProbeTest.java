package dev.escalation.jdbc;

/** {@link EngineTenantProbeTestBase} on PostgreSQL ({@code ESCALATION_TEST_PG_URL}); skipped, with why, without it. */
class PostgresEngineTenantProbeTest extends EngineTenantProbeTestBase {
    @Override
    protected TestDatabase openDatabase() {
        return TestDatabase.postgresql(getClass().getSimpleName());
    }
}
