package dev.escalation.jdbc;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.AfterFailureMode;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * {@link StoresAgree} on PostgreSQL: the engine behaves the same on the JDBC store as on the in-memory one, also when a
 * third of the operations meet a planted failure of one call to the database.
 *
 * <p>The tries of a property share one database and one pair of engines: each try goes on from the state the tries
 * before it left. So a property that failed runs again from its seed ({@code AfterFailureMode.PREVIOUS_SEED}), the
 * failed try at the same place: jqwik's default runs the failed (shrunk) sample first, which shifts every try after it,
 * and the run again with the same seed could pass.
 */
@AddLifecycleHook(PostgresRequired.class)
class PostgresStoresAgreeProperties {
    /** One database and one pair of engines per mode: without faults ({@code false}) and with them. */
    private static final Map<Boolean, TestDatabase> DATABASES = new HashMap<>();

    private static final Map<Boolean, StoresAgree> STORES = new HashMap<>();

    private static synchronized StoresAgree stores(boolean faults) {
        StoresAgree stores = STORES.get(faults);
        if (stores == null) {
            TestDatabase database = TestDatabase.postgresql("PostgresStoresAgreeProperties");
            DATABASES.put(faults, database);
            database.migrate();
            stores = new StoresAgree(database.newPool(faults ? "agree-faults" : "agree", 4), faults);
            STORES.put(faults, stores);
        }
        return stores;
    }

    @AfterContainer
    static synchronized void close() {
        DATABASES.values().forEach(TestDatabase::close);
        DATABASES.clear();
        STORES.clear();
    }

    @Provide
    Arbitrary<List<StoresAgree.Op>> ops() {
        return StoresAgree.ops(false);
    }

    @Provide
    Arbitrary<List<StoresAgree.Op>> opsWithFaults() {
        return StoresAgree.ops(true);
    }

    @Property(tries = 100, afterFailure = AfterFailureMode.PREVIOUS_SEED)
    void theEngineOnPostgresqlBehavesAsOnTheInMemoryStore(@ForAll("ops") List<StoresAgree.Op> ops) {
        stores(false).check(ops);
    }

    /**
     * A third of the operations meet a failing call to the database (a lost connection, a serialization failure, an
     * internal error, or a commit whose answer is lost): the engine either absorbs the fault or refuses with
     * {@code UNAVAILABLE} having changed nothing; given again, the operation has the in-memory engine's outcome, and
     * every read agrees after it. Two refused operations may have changed something: a retention run keeps the batches
     * it purged before the fault, and an erasure whose commit's answer was lost may have committed whole (given again,
     * it reports no store row changed).
     */
    @Property(tries = 100, afterFailure = AfterFailureMode.PREVIOUS_SEED)
    void aFaultOnPostgresqlChangesNothingAndTheRetryAgreesWithTheInMemoryStore(
            @ForAll("opsWithFaults") List<StoresAgree.Op> ops) {
        stores(true).check(ops);
    }

    /**
     * An escalation ended, purged and read from the change feed in one run: the feed agrees on what is left (the JDBC
     * store's feed loses the purged escalation's changes, the in-memory store's keeps them).
     */
    @Example
    void theFeedsAgreeButForAnEscalationPurgedBeforeTheyAreReadOnPostgresql() {
        stores(false).check(StoresAgree.purgedWithinTheRun());
    }

    /**
     * An erasure whose commit's answer is lost, refused with {@code UNAVAILABLE} and given again: the retry finds the
     * person erased already.
     */
    @Example
    void anErasureWhoseCommitAnswerIsLostIsGivenAgainOnPostgresql() {
        stores(true).check(StoresAgree.erasureWhoseCommitAnswerIsLost());
    }
}
