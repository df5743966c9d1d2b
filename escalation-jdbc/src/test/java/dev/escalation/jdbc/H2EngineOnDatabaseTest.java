package dev.escalation.jdbc;

/** {@link EngineOnDatabaseTestBase} on embedded H2. */
class H2EngineOnDatabaseTest extends EngineOnDatabaseTestBase {
    @Override
    protected TestDatabase openDatabase() {
        return TestDatabase.h2();
    }
}
