package dev.escalation.jdbc;

/** {@link LifecycleStatementsTestBase} on embedded H2. */
class H2LifecycleStatementsTest extends LifecycleStatementsTestBase {
    @Override
    protected TestDatabase openDatabase() {
        return TestDatabase.h2();
    }
}
