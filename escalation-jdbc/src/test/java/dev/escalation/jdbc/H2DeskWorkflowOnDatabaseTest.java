package dev.escalation.jdbc;

/** {@link DeskWorkflowOnDatabaseTestBase} on embedded H2. */
class H2DeskWorkflowOnDatabaseTest extends DeskWorkflowOnDatabaseTestBase {
    @Override
    protected TestDatabase openDatabase() {
        return TestDatabase.h2();
    }
}
