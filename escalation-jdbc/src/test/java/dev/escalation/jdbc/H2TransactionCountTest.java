package dev.escalation.jdbc;

/** {@link TransactionCountTestBase} on embedded H2. */
class H2TransactionCountTest extends TransactionCountTestBase {
    @Override
    protected TestDatabase openDatabase() {
        return TestDatabase.h2();
    }
}
