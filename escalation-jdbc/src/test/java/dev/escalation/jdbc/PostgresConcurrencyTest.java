package dev.escalation.jdbc;

/** {@link ConcurrencyTestBase} on PostgreSQL. */
class PostgresConcurrencyTest extends ConcurrencyTestBase {
    @Override
    protected TestDatabase openDatabase() {
        return TestDatabase.postgresql(getClass().getSimpleName());
    }
}
