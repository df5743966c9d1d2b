package dev.escalation.jdbc;

/** {@link OutboxAndDueWorkTestBase} on embedded H2. */
class H2OutboxAndDueWorkTest extends OutboxAndDueWorkTestBase {
    @Override
    protected TestDatabase openDatabase() {
        return TestDatabase.h2();
    }
}
