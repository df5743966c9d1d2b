package dev.escalation.jdbc;

/** {@link OutboxTamperTestBase} on embedded H2. */
class H2OutboxTamperTest extends OutboxTamperTestBase {
    @Override
    protected TestDatabase openDatabase() {
        return TestDatabase.h2();
    }
}
