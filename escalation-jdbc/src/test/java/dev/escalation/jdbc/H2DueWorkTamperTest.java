package dev.escalation.jdbc;

/** {@link DueWorkTamperTestBase} on embedded H2. */
class H2DueWorkTamperTest extends DueWorkTamperTestBase {
    @Override
    protected TestDatabase openDatabase() {
        return TestDatabase.h2();
    }
}
