package dev.escalation.jdbc;

/** {@link AuditTamperTestBase} on PostgreSQL ({@code ESCALATION_TEST_PG_URL}); skipped with a reason without it. */
class PostgresAuditTamperTest extends AuditTamperTestBase {
    @Override
    protected TestDatabase openDatabase() {
        return TestDatabase.postgresql(getClass().getSimpleName());
    }
}
