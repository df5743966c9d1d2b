package dev.escalation.jdbc;

/** {@link EngineTenantProbeTestBase} on embedded H2. */
class H2EngineTenantProbeTest extends EngineTenantProbeTestBase {
    @Override
    protected TestDatabase openDatabase() {
        return TestDatabase.h2();
    }
}
