package dev.escalation.jdbc;

/** {@link HostileDirectoryOnDatabaseTestBase} on embedded H2. */
class H2HostileDirectoryOnDatabaseTest extends HostileDirectoryOnDatabaseTestBase {
    @Override
    protected TestDatabase openDatabase() {
        return TestDatabase.h2();
    }
}
