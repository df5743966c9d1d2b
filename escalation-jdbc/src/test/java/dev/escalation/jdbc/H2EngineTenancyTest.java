package dev.escalation.jdbc;

/** {@link EngineTenancyTestBase} on embedded H2. */
class H2EngineTenancyTest extends EngineTenancyTestBase {
    @Override
    protected TestDatabase openDatabase() {
        return TestDatabase.h2();
    }
}
