package dev.escalation.jdbc;

import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * {@link StoresAgree} on PostgreSQL with planted store faults: a quarter of the operations meet a failing call to the
 * database (a lost connection, a serialization failure, an internal error, or a commit whose answer is lost). The engine
 * either absorbs the fault or refuses with {@code UNAVAILABLE} having changed nothing; given again, the operation has
 * the in-memory engine's outcome, and every read agrees after it.
 */
class PostgresStoresAgreeUnderFaultsProperties {
    private static TestDatabase database;
    private static StoresAgree stores;

    private static synchronized StoresAgree stores() {
        if (stores == null) {
            database = TestDatabase.postgresql("PostgresStoresAgreeUnderFaultsProperties");
            database.migrate();
            stores = new StoresAgree(database.newPool("agree-faults", 4), true);
        }
        return stores;
    }

    @AfterContainer
    static void close() {
        if (database != null) {
            database.close();
            database = null;
            stores = null;
        }
    }

    @Provide
    Arbitrary<List<StoresAgree.Op>> ops() {
        return StoresAgree.ops(true);
    }

    @Property(tries = 100)
    void aFaultOnPostgresqlChangesNothingAndTheRetryAgreesWithTheInMemoryStore(
            @ForAll("ops") List<StoresAgree.Op> ops) {
        stores().check(ops);
    }
}
