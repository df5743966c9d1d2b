package dev.escalation.jdbc;

/**
 * {@link TicketReferenceOnDatabaseTestBase} on PostgreSQL ({@code ESCALATION_TEST_PG_URL}); skipped with a reason
 * without it.
 */
class PostgresTicketReferenceOnDatabaseTest extends TicketReferenceOnDatabaseTestBase {
    @Override
    protected TestDatabase openDatabase() {
        return TestDatabase.postgresql(getClass().getSimpleName());
    }
}
