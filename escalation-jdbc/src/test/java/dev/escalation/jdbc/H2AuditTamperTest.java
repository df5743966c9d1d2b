package dev.escalation.jdbc;

/** {@link AuditTamperTestBase} on embedded H2. */
class H2AuditTamperTest extends AuditTamperTestBase {
    @Override
    protected TestDatabase openDatabase() {
        return TestDatabase.h2();
    }
}
