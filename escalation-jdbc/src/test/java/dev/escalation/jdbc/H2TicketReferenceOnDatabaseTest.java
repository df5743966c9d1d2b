package dev.escalation.jdbc;

/** {@link TicketReferenceOnDatabaseTestBase} on H2. */
class H2TicketReferenceOnDatabaseTest extends TicketReferenceOnDatabaseTestBase {
    @Override
    protected TestDatabase openDatabase() {
        return TestDatabase.h2();
    }
}
