package dev.escalation.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.escalation.Actor;
import dev.escalation.EscalationEngine;
import dev.escalation.EscalationUnavailableException;
import dev.escalation.command.Acknowledge;
import dev.escalation.model.EscalationId;
import dev.escalation.model.StaffId;
import dev.escalation.test.MutableClock;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The store on PostgreSQL while the database refuses writes: an administrator's {@code ALTER DATABASE … SET
 * default_transaction_read_only = on} (or a failover that left the application on a server in recovery) makes every
 * new session read-only, and the store's writes fail with SQLState 25006. Each such call is the retryable {@code
 * UNAVAILABLE}, nothing is written, and once new sessions may write again the same engine and pool write again by
 * themselves: a session that refused a write is dropped, not handed out again for the rest of its pool's lifetime
 * (HikariCP's default is 30 minutes), so at most one call per pooled session still fails. The test's data source
 * plays the server's setting for new sessions ({@code SET SESSION default_transaction_read_only}, what the
 * database-level setting does at a session's start), so no other test on the shared database is affected. Skipped
 * without {@code ESCALATION_TEST_PG_URL}.
 */
@Timeout(60)
class PostgresWritesRefusedTest extends StoreTestSupport {
    private static final Actor INA = Actor.contact("ina");
    private static final Actor SAM = Actor.staff("sam");
    private static final int POOL_SIZE = 3;

    /** Whether the server's setting for new sessions is read-only (the test's stand-in for {@code ALTER DATABASE}). */
    private final AtomicBoolean newSessionsReadOnly = new AtomicBoolean();

    private final List<HikariDataSource> pools = new ArrayList<>();
    private HikariDataSource refusing;
    private MutableClock clock;
    private EngineOnDatabaseTestBase.CountingNotifier notifier;

    @Override
    protected TestDatabase openDatabase() {
        return TestDatabase.postgresql(getClass().getSimpleName());
    }

    @BeforeEach
    void poolOfSessionsThatMayBeReadOnly() {
        newSessionsReadOnly.set(false);
        HikariConfig config = database.config();
        PGSimpleDataSource server = new PGSimpleDataSource();
        server.setURL(config.getJdbcUrl());
        config.setDataSource(new WrappingDataSource(server) {
            @Override
            Connection wrap(Connection session) {
                if (newSessionsReadOnly.get()) {
                    try (Statement s = session.createStatement()) {
                        s.execute("SET SESSION default_transaction_read_only = on");
                    } catch (SQLException e) {
                        throw new IllegalStateException(e);
                    }
                }
                return session;
            }
        });
        config.setPoolName("pg-writes-refused");
        config.setMaximumPoolSize(POOL_SIZE);
        config.setMinimumIdle(POOL_SIZE);
        config.setConnectionTimeout(5_000);
        refusing = new HikariDataSource(config);
        pools.add(refusing);
        clock = MutableClock.at(Instant.parse("2027-01-12T09:00:00Z"));
        notifier = new EngineOnDatabaseTestBase.CountingNotifier();
    }

    @AfterEach
    void closePools() {
        pools.forEach(HikariDataSource::close);
        pools.clear();
    }

    private EscalationEngine engine() {
        return EngineOnDatabaseTestBase.seededEngine(
                        clock, notifier, JdbcEscalationStore.builder(refusing).build())
                .instanceName("writes-refused")
                .build();
    }

    /** The database starts refusing writes: new sessions are read-only, and the pool's sessions are new ones. */
    private void refuseWrites() throws InterruptedException {
        newSessionsReadOnly.set(true);
        refusing.getHikariPoolMXBean().softEvictConnections();
        poolRefilled();
    }

    /** Waits until the pool holds {@value #POOL_SIZE} idle sessions again (it replaces the ones it dropped). */
    private void poolRefilled() throws InterruptedException {
        long until = System.nanoTime() + 10_000_000_000L;
        while (refusing.getHikariPoolMXBean().getIdleConnections() < POOL_SIZE && System.nanoTime() < until) {
            Thread.sleep(20);
        }
        assertThat(refusing.getHikariPoolMXBean().getIdleConnections())
                .as("the pool is full")
                .isEqualTo(POOL_SIZE);
    }

    /**
     * Writes are allowed again for new sessions, while the pool is full of sessions opened while they were refused
     * (each read-only for its life); runs {@code call} until it succeeds and returns how many calls failed first
     * ({@code UNAVAILABLE}). A session that refused a write is not used again, so at most one call per pooled
     * session fails; without that, every call fails for as long as the pool keeps its sessions.
     */
    private int failuresUntilWritesAreBack(Runnable call) throws InterruptedException {
        poolRefilled();
        newSessionsReadOnly.set(false); // the administrator's ALTER DATABASE … SET default_transaction_read_only = off
        int failures = 0;
        while (true) {
            try {
                call.run();
                return failures;
            } catch (EscalationUnavailableException e) {
                failures++;
                assertThat(failures)
                        .as("calls failing after writes are back (pool of " + POOL_SIZE + ")")
                        .isLessThanOrEqualTo(POOL_SIZE);
            }
        }
    }

    private long count(String sql) throws SQLException {
        return PostgresOutageTest.count(pool, sql);
    }

    @Test
    void aCommandWhileWritesAreRefusedIsUnavailableAndTheNextOneWritesOnceTheyAreBack() throws Exception {
        EscalationEngine engine = engine();
        EscalationId id = engine.escalate(INA, PostgresOutageTest.escalate("C-1", "form-1"))
                .escalation();
        long messages = count("SELECT COUNT(*) FROM esc_outbox");

        refuseWrites();
        for (int i = 0; i < POOL_SIZE + 1; i++) {
            assertThatThrownBy(() -> engine.acknowledge(SAM, new Acknowledge(id, StaffId.of("eve"), "Called Ina")))
                    .isInstanceOf(EscalationUnavailableException.class);
            assertThatThrownBy(() -> engine.escalate(INA, PostgresOutageTest.escalate("C-2", "form-2")))
                    .isInstanceOf(EscalationUnavailableException.class);
        }
        assertThat(count("SELECT COUNT(*) FROM esc_escalation")).isEqualTo(1);
        assertThat(count("SELECT row_version FROM esc_escalation")).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM esc_outbox")).isEqualTo(messages);

        failuresUntilWritesAreBack(() -> engine.acknowledge(SAM, new Acknowledge(id, StaffId.of("eve"), "Called Ina")));
        assertThat(engine.escalate(INA, PostgresOutageTest.escalate("C-2", "form-2"))
                        .created())
                .isTrue();
        assertThat(count("SELECT row_version FROM esc_escalation WHERE escalation_id = '" + id.value() + "'"))
                .isEqualTo(2);
        assertThat(count("SELECT COUNT(*) FROM esc_escalation")).isEqualTo(2);
    }

    @Test
    void deliveryWhileWritesAreRefusedSendsNothingAndDeliversEachMessageOnceWhenTheyAreBack() throws Exception {
        EscalationEngine engine = engine();
        engine.escalate(INA, PostgresOutageTest.escalate("C-1", "form-1"));
        long messages = count("SELECT COUNT(*) FROM esc_outbox");
        assertThat(messages).isPositive();

        refuseWrites();
        for (int i = 0; i < POOL_SIZE + 1; i++) {
            assertThatThrownBy(engine::deliverPending).isInstanceOf(EscalationUnavailableException.class);
        }
        assertThat(notifier.calls)
                .as("nothing is sent on a claim the database refused")
                .isEmpty();

        failuresUntilWritesAreBack(engine::deliverPending);
        assertThat(engine.deliverPending().pending()).isZero();
        assertThat(count("SELECT COUNT(*) FROM esc_outbox WHERE status = 'DONE'"))
                .isEqualTo(messages);
        assertThat(notifier.calls.values())
                .allSatisfy(calls -> assertThat(calls.get()).isEqualTo(1));
    }
}
