package dev.escalation.jdbc;

import dev.escalation.inmemory.InMemoryEscalationStore;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * {@link ReadModelOracle} on the in-memory store and on H2: every list, count and page of the read model after every
 * step of a random command sequence equals what the single-escalation reads imply. Both stores order ids as
 * {@code String.compareTo} does (by UTF-16 unit; see escalation-jdbc's README).
 */
class ReadModelOracleProperties {
    private static TestDatabase database;
    private static DataSource pool;
    private static JdbcEscalationStore h2;

    private static synchronized JdbcEscalationStore h2() throws SQLException {
        if (database == null) {
            database = TestDatabase.h2();
            database.migrate();
            pool = database.newPool("read-model", 2);
            h2 = JdbcEscalationStore.builder(pool).build();
        }
        database.clear(pool);
        return h2;
    }

    @AfterContainer
    static synchronized void close() {
        if (database != null) {
            database.close();
            database = null;
        }
    }

    @Provide
    Arbitrary<List<ReadModelOracle.Step>> steps() {
        return ReadModelOracle.steps(45);
    }

    @Property(tries = 80)
    void theInMemoryReadModelAgreesWithTheOracle(@ForAll("steps") List<ReadModelOracle.Step> steps) {
        new ReadModelOracle(new InMemoryEscalationStore(), String::compareTo).run(steps);
    }

    @Property(tries = 12)
    void theReadModelOnH2AgreesWithTheOracle(@ForAll("steps") List<ReadModelOracle.Step> steps) throws SQLException {
        new ReadModelOracle(h2(), String::compareTo).run(steps);
    }

    /** {@link ReadModelOracle#MISSED_MEETING_BEHIND_A_HELD_DEADLINE} in memory. */
    @Example
    void aMissedMeetingBehindAHeldDeadlineIsBreachedInMemory() {
        new ReadModelOracle(new InMemoryEscalationStore(), String::compareTo)
                .run(ReadModelOracle.MISSED_MEETING_BEHIND_A_HELD_DEADLINE);
    }

    /** {@link ReadModelOracle#MISSED_MEETING_BEHIND_A_HELD_DEADLINE} on H2. */
    @Example
    void aMissedMeetingBehindAHeldDeadlineIsBreachedOnH2() throws SQLException {
        new ReadModelOracle(h2(), String::compareTo).run(ReadModelOracle.MISSED_MEETING_BEHIND_A_HELD_DEADLINE);
    }
}
