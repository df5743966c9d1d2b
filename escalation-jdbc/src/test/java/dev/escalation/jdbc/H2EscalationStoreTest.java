package dev.escalation.jdbc;

/** {@link EscalationStoreTestBase} on embedded H2. */
class H2EscalationStoreTest extends EscalationStoreTestBase {
    @Override
    protected TestDatabase openDatabase() {
        return TestDatabase.h2();
    }
}
