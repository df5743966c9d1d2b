package dev.escalation.jdbc;

/** {@link OutboxAndDueWorkTestBase} on PostgreSQL ({@code ESCALATION_TEST_PG_URL}); skipped with a reason without it. */
class PostgresOutboxAndDueWorkTest extends OutboxAndDueWorkTestBase {
    @Override
    protected TestDatabase openDatabase() {
        return TestDatabase.postgresql(getClass().getSimpleName());
    }
}
