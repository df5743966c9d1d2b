package dev.escalation.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * {@link ReadModelOracle} on PostgreSQL, whose store orders ids by code point ({@code COLLATE "C"}; see
 * escalation-jdbc's README): on the test database as it is, and on a schema whose escalation ids carry a locale's
 * collation ({@code "en-x-icu"}: "a" before "B", "é" before "f"), as on a database created with such a default
 * collation, where the store must order by code point all the same.
 */
@AddLifecycleHook(PostgresRequired.class)
class PostgresReadModelOracleProperties {
    /** One database per collation of the id column: the database's ({@code ""}) and ICU's English. */
    private static final Map<String, TestDatabase> DATABASES = new HashMap<>();

    private static final Map<String, JdbcEscalationStore> STORES = new HashMap<>();

    private static final Map<String, DataSource> POOLS = new HashMap<>();

    private static synchronized JdbcEscalationStore store(String collation) throws SQLException {
        JdbcEscalationStore store = STORES.get(collation);
        TestDatabase database = DATABASES.get(collation);
        if (store == null) {
            database = TestDatabase.postgresql("PostgresReadModelOracleProperties");
            database.migrate();
            DATABASES.put(collation, database);
            if (!collation.isEmpty()) {
                try (Connection c = database.newPool("read-model-ddl", 1).getConnection();
                        Statement s = c.createStatement()) {
                    s.execute("ALTER TABLE esc_escalation ALTER COLUMN escalation_id TYPE VARCHAR(128) COLLATE \""
                            + collation + "\"");
                }
            }
            DataSource pool = database.newPool("read-model", 2);
            POOLS.put(collation, pool);
            store = JdbcEscalationStore.builder(pool).build();
            STORES.put(collation, store);
        }
        database.clear(POOLS.get(collation));
        return store;
    }

    @AfterContainer
    static synchronized void close() {
        DATABASES.values().forEach(TestDatabase::close);
        DATABASES.clear();
        STORES.clear();
        POOLS.clear();
    }

    @Provide
    Arbitrary<List<ReadModelOracle.Step>> steps() {
        return ReadModelOracle.steps(45);
    }

    @Property(tries = 10)
    void theReadModelOnPostgresqlAgreesWithTheOracle(@ForAll("steps") List<ReadModelOracle.Step> steps)
            throws SQLException {
        new ReadModelOracle(store(""), OverduePage::byCodePoint).run(steps);
    }

    @Property(tries = 5)
    void theReadModelOnPostgresqlWithALocaleCollationOfIdsAgreesWithTheOracle(
            @ForAll("steps") List<ReadModelOracle.Step> steps) throws SQLException {
        new ReadModelOracle(store("en-x-icu"), OverduePage::byCodePoint).run(steps);
    }

    /** {@link ReadModelOracle#MISSED_MEETING_BEHIND_A_HELD_DEADLINE} on PostgreSQL. */
    @Example
    void aMissedMeetingBehindAHeldDeadlineIsBreachedOnPostgresql() throws SQLException {
        new ReadModelOracle(store(""), OverduePage::byCodePoint)
                .run(ReadModelOracle.MISSED_MEETING_BEHIND_A_HELD_DEADLINE);
    }
}
