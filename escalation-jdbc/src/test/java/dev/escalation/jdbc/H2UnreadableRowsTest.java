package dev.escalation.jdbc;

/** {@link UnreadableRowsTestBase} on embedded H2. */
class H2UnreadableRowsTest extends UnreadableRowsTestBase {
    @Override
    protected TestDatabase openDatabase() {
        return TestDatabase.h2();
    }
}
