package dev.escalation.jdbc;

/** {@link ChangeFeedTestBase} on embedded H2. */
class H2ChangeFeedTest extends ChangeFeedTestBase {
    @Override
    protected TestDatabase openDatabase() {
        return TestDatabase.h2();
    }
}
