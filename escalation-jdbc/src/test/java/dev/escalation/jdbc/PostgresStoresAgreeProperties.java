package dev.escalation.jdbc;

import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

/** {@link StoresAgree} on PostgreSQL: the engine behaves the same on the JDBC store as on the in-memory one. */
class PostgresStoresAgreeProperties {
    private static TestDatabase database;
    private static StoresAgree stores;

    private static synchronized StoresAgree stores() {
        if (stores == null) {
            database = TestDatabase.postgresql("PostgresStoresAgreeProperties");
            database.migrate();
            stores = new StoresAgree(database.newPool("agree", 4));
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
        return StoresAgree.ops();
    }

    @Property(tries = 100)
    void theEngineOnPostgresqlBehavesAsOnTheInMemoryStore(@ForAll("ops") List<StoresAgree.Op> ops) {
        stores().check(ops);
    }
}
