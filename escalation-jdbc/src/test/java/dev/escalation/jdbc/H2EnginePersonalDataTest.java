package dev.escalation.jdbc;

/** {@link EnginePersonalDataTestBase} on H2. */
class H2EnginePersonalDataTest extends EnginePersonalDataTestBase {
    @Override
    protected TestDatabase openDatabase() {
        return TestDatabase.h2();
    }
}
