package dev.escalation.jdbc;

/** {@link OutboxTestBase} on embedded H2. */
class H2OutboxTest extends OutboxTestBase {
    @Override
    protected TestDatabase openDatabase() {
        return TestDatabase.h2();
    }
}
