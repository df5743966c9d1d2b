package dev.escalation.jdbc;

/** {@link ConcurrencyTestBase} on H2. */
class H2ConcurrencyTest extends ConcurrencyTestBase {
    @Override
    protected TestDatabase openDatabase() {
        return TestDatabase.h2();
    }
}
