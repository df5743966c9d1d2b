package dev.escalation.jdbc;

/** {@link LongestValuesOnDatabaseTestBase} on H2. */
class H2LongestValuesOnDatabaseTest extends LongestValuesOnDatabaseTestBase {
    @Override
    protected TestDatabase openDatabase() {
        return TestDatabase.h2();
    }
}
