package dev.escalation.jdbc;

/** {@link DeskPolicyOnDatabaseTestBase} on embedded H2. */
class H2DeskPolicyOnDatabaseTest extends DeskPolicyOnDatabaseTestBase {
    @Override
    protected TestDatabase openDatabase() {
        return TestDatabase.h2();
    }
}
