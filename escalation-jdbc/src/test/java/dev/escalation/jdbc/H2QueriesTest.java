package dev.escalation.jdbc;

/** {@link QueriesTestBase} on embedded H2. */
class H2QueriesTest extends QueriesTestBase {
    @Override
    protected TestDatabase openDatabase() {
        return TestDatabase.h2();
    }
}
