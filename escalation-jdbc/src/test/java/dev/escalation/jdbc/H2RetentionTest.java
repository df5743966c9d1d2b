package dev.escalation.jdbc;

/** {@link RetentionTestBase} on embedded H2. */
class H2RetentionTest extends RetentionTestBase {
    @Override
    protected TestDatabase openDatabase() {
        return TestDatabase.h2();
    }
}
