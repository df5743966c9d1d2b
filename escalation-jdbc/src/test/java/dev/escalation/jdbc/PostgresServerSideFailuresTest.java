package dev.escalation.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.escalation.Actor;
import dev.escalation.DeliveryReport;
import dev.escalation.EscalationEngine;
import dev.escalation.EscalationUnavailableException;
import dev.escalation.command.Acknowledge;
import dev.escalation.model.EscalationId;
import dev.escalation.model.StaffId;
import dev.escalation.spi.EscalationWrite;
import dev.escalation.spi.UnavailableException;
import dev.escalation.spi.UnitOfWork;
import dev.escalation.test.MutableClock;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The store on PostgreSQL when the server itself ends a statement or a session: a {@code lock_timeout} the host set
 * on its sessions, and the session terminated by an operator ({@code pg_terminate_backend}) while a command or a
 * dispatcher claim waits inside its transaction. Each is the documented retryable failure ({@link
 * UnavailableException} from the store, {@code UNAVAILABLE} from the engine), nothing is written half, and the same
 * pool and engine work again at once. A second session of the test holds the lock the store's statement waits for;
 * the store's sessions carry an application name of their own, so the test finds and ends only its own backends.
 * Skipped without {@code ESCALATION_TEST_PG_URL}.
 */
@Timeout(120)
class PostgresServerSideFailuresTest extends StoreTestSupport {
    private static final Actor INA = Actor.contact("ina");
    private static final Actor SAM = Actor.staff("sam");

    private final String application = "esc-server-side-" + UUID.randomUUID();
    private final java.util.List<HikariDataSource> pools = new java.util.ArrayList<>();
    private HikariDataSource lockTimeoutPool;
    private JdbcEscalationStore onLockTimeout;
    private MutableClock clock;
    private EngineOnDatabaseTestBase.CountingNotifier notifier;

    @Override
    protected TestDatabase openDatabase() {
        return TestDatabase.postgresql(getClass().getSimpleName());
    }

    @BeforeEach
    void poolWithALockTimeout() {
        lockTimeoutPool = storePool("300ms");
        onLockTimeout = JdbcEscalationStore.builder(lockTimeoutPool).build();
        clock = MutableClock.at(Instant.parse("2027-01-12T09:00:00Z"));
        notifier = new EngineOnDatabaseTestBase.CountingNotifier();
    }

    /**
     * A pool of the store whose sessions carry the test's application name and wait for a lock at most {@code
     * lockTimeout} ("0": for good), as a host (or its DBA, {@code ALTER ROLE … SET lock_timeout}) bounds lock waits.
     */
    private HikariDataSource storePool(String lockTimeout) {
        return storePool(lockTimeout, "0");
    }

    /** {@link #storePool(String)} whose sessions the server ends once idle in a transaction for {@code idle}. */
    private HikariDataSource storePool(String lockTimeout, String idle) {
        HikariConfig config = database.config();
        config.setPoolName("pg-server-side");
        config.setMaximumPoolSize(2);
        config.setConnectionTimeout(5_000);
        config.setConnectionInitSql(
                "SET lock_timeout = '" + lockTimeout + "'; SET idle_in_transaction_session_timeout = '" + idle + "'");
        config.addDataSourceProperty("ApplicationName", application);
        HikariDataSource created = new HikariDataSource(config);
        pools.add(created);
        return created;
    }

    @AfterEach
    void closePools() {
        pools.forEach(HikariDataSource::close);
        pools.clear();
    }

    private EscalationEngine engine(JdbcEscalationStore on) {
        return EngineOnDatabaseTestBase.seededEngine(clock, notifier, on)
                .instanceName("server-side")
                .build();
    }

    private long count(String sql) throws SQLException {
        return PostgresOutageTest.count(pool, sql);
    }

    /** A session of the test's own (not the store's) that holds {@code lockSql}'s locks until it is closed. */
    private Connection holding(String lockSql, String... parameters) throws SQLException {
        Connection holder = pool.getConnection();
        holder.setAutoCommit(false);
        try (PreparedStatement ps = holder.prepareStatement(lockSql)) {
            for (int i = 0; i < parameters.length; i++) {
                ps.setString(i + 1, parameters[i]);
            }
            ps.execute();
        }
        return holder;
    }

    private static void release(Connection holder) throws SQLException {
        holder.rollback();
        holder.setAutoCommit(true);
        holder.close();
    }

    /** The pid of the store's session that waits for a lock (polled: the server says when it waits), or -1. */
    private int waitingBackend() throws Exception {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < until) {
            try (Connection c = pool.getConnection();
                    PreparedStatement ps = c.prepareStatement("SELECT pid FROM pg_stat_activity"
                            + " WHERE application_name = ? AND wait_event_type = 'Lock'")) {
                ps.setString(1, application);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return rs.getInt(1);
                    }
                }
            }
            Thread.onSpinWait();
        }
        return -1;
    }

    private void terminate(int pid) throws SQLException {
        try (Connection c = pool.getConnection();
                Statement s = c.createStatement()) {
            s.execute("SELECT pg_terminate_backend(" + pid + ")");
        }
    }

    // ----------------------------------------------------------------------------------------------------------

    @Test
    void aCommandThatRunsIntoTheLockTimeoutIsUnavailableAndWritesNothing() throws Exception {
        EscalationEngine engine = engine(onLockTimeout);
        EscalationId id = engine.escalate(INA, PostgresOutageTest.escalate("C-1", "form-1"))
                .escalation();
        long queued = count("SELECT COUNT(*) FROM esc_outbox");

        Connection holder = holding("SELECT 1 FROM esc_escalation WHERE escalation_id = ? FOR UPDATE", id.value());
        try {
            assertThatThrownBy(() -> onLockTimeout.changeForVendor(id, current -> UnitOfWork.Decision.keep("kept")))
                    .as("the store's own failure: a timeout, retryable")
                    .isInstanceOf(UnavailableException.class);
            assertThatThrownBy(() -> engine.acknowledge(SAM, new Acknowledge(id, StaffId.of("eve"), "Called Ina")))
                    .isInstanceOf(EscalationUnavailableException.class);
        } finally {
            release(holder);
        }
        assertThat(count("SELECT row_version FROM esc_escalation")).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM esc_outbox")).isEqualTo(queued);

        engine.acknowledge(SAM, new Acknowledge(id, StaffId.of("eve"), "Called Ina"));
        assertThat(count("SELECT row_version FROM esc_escalation")).isEqualTo(2);
    }

    @Test
    void aClaimThatRunsIntoTheLockTimeoutIsUnavailableAndLosesNoMessage() throws Exception {
        EscalationEngine engine = engine(onLockTimeout);
        engine.escalate(INA, PostgresOutageTest.escalate("C-1", "form-1"));
        long queued = count("SELECT COUNT(*) FROM esc_outbox");

        // an operator's maintenance holds the outbox's table lock (a VACUUM FULL, an ALTER TABLE)
        Connection holder = holding("LOCK TABLE esc_outbox IN ACCESS EXCLUSIVE MODE");
        try {
            assertThatThrownBy(() -> onLockTimeout.outbox().claim("x", clock.instant(), Duration.ofMinutes(1), 10))
                    .isInstanceOf(UnavailableException.class);
            assertThatThrownBy(engine::deliverPending).isInstanceOf(EscalationUnavailableException.class);
        } finally {
            release(holder);
        }
        assertThat(count("SELECT COUNT(*) FROM esc_outbox WHERE claim_token IS NOT NULL"))
                .isZero();

        DeliveryReport report = engine.deliverPending();
        assertThat(report.pending()).isZero();
        assertThat(report.delivered()).isEqualTo(queued);
        assertThat(notifier.calls.values()).allSatisfy(n -> assertThat(n).hasValue(1));
    }

    @Test
    void aCommandWhoseSessionIsTerminatedWhileItWaitsIsUnavailableAndThePoolWorksAgain() throws Exception {
        JdbcEscalationStore waiting =
                JdbcEscalationStore.builder(storePool("0")).build();
        EscalationEngine engine = engine(waiting);
        EscalationId id = engine.escalate(INA, PostgresOutageTest.escalate("C-1", "form-1"))
                .escalation();

        Connection holder = holding("SELECT 1 FROM esc_escalation WHERE escalation_id = ? FOR UPDATE", id.value());
        CompletableFuture<Object> acknowledged;
        try {
            acknowledged = CompletableFuture.supplyAsync(() -> {
                try {
                    return engine.acknowledge(SAM, new Acknowledge(id, StaffId.of("eve"), "Called Ina"));
                } catch (RuntimeException e) {
                    return e;
                }
            });
            int pid = waitingBackend();
            assertThat(pid).as("the command waits for the row lock").isPositive();
            terminate(pid);
            assertThat(acknowledged.get(30, TimeUnit.SECONDS)).isInstanceOf(EscalationUnavailableException.class);
        } finally {
            release(holder);
        }
        assertThat(count("SELECT row_version FROM esc_escalation")).isEqualTo(1);

        engine.acknowledge(SAM, new Acknowledge(id, StaffId.of("eve"), "Called Ina"));
        assertThat(count("SELECT row_version FROM esc_escalation")).isEqualTo(2);
    }

    @Test
    void aChangeWhoseSessionIsEndedWhileItDecidesIsUnavailableAndWritesNothing() throws Exception {
        JdbcEscalationStore ended = JdbcEscalationStore.builder(storePool("0")).build();
        ended.create(Fixtures.creation(Fixtures.raised("acme", "E-1", "C-1", Fixtures.T0)));
        EscalationId id = EscalationId.of("E-1");
        int[] terminated = new int[1];

        assertThatThrownBy(() -> ended.changeForVendor(id, current -> {
                    // the session is ended while the unit of work decides: by an operator, or by the server's
                    // idle_in_transaction_session_timeout during a long pause of the application
                    try (Connection c = pool.getConnection();
                            PreparedStatement ps = c.prepareStatement("SELECT pg_terminate_backend(pid)"
                                    + " FROM pg_stat_activity WHERE application_name = ?"
                                    + " AND state = 'idle in transaction'")) {
                        ps.setString(1, application);
                        try (ResultSet rs = ps.executeQuery()) {
                            while (rs.next()) {
                                terminated[0]++;
                            }
                        }
                    } catch (SQLException e) {
                        throw new IllegalStateException(e);
                    }
                    EscalationWrite w = Fixtures.next(current, current.state(), "decided");
                    return UnitOfWork.Decision.write(w, w.next());
                }))
                .isInstanceOf(UnavailableException.class);
        assertThat(terminated[0]).as("the deciding session was ended").isEqualTo(1);
        assertThat(count("SELECT row_version FROM esc_escalation")).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM esc_entry")).isEqualTo(1);

        ended.changeForVendor(id, Fixtures.advance(dev.escalation.model.EscalationState.ACKNOWLEDGED, "again"));
        assertThat(count("SELECT row_version FROM esc_escalation")).isEqualTo(2);
    }

    @Test
    void aChangeWhoseSessionTheServerEndsAsIdleInTransactionIsUnavailableAndWritesNothing() throws Exception {
        // 2 s, not less: the wait below must see the session idle before the server ends it, and every gap between the
        // store's own statements must stay under it (a GC pause or a busy second core reached 200 ms)
        JdbcEscalationStore ended =
                JdbcEscalationStore.builder(storePool("0", "2s")).build();
        ended.create(Fixtures.creation(Fixtures.raised("acme", "E-1", "C-1", Fixtures.T0)));
        EscalationId id = EscalationId.of("E-1");
        boolean[] gone = new boolean[1];

        assertThatThrownBy(() -> ended.changeForVendor(id, current -> {
                    // a long pause of the application while it decides: the server ends the idle session
                    try {
                        gone[0] = idleSessionEnded();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    EscalationWrite w = Fixtures.next(current, current.state(), "decided");
                    return UnitOfWork.Decision.write(w, w.next());
                }))
                .isInstanceOf(UnavailableException.class);
        assertThat(gone[0]).as("the server ended the deciding session").isTrue();
        assertThat(count("SELECT row_version FROM esc_escalation")).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM esc_entry")).isEqualTo(1);

        ended.changeForVendor(id, Fixtures.advance(dev.escalation.model.EscalationState.ACKNOWLEDGED, "again"));
        assertThat(count("SELECT row_version FROM esc_escalation")).isEqualTo(2);
    }

    /** Waits (polling the server, at most 20 s) until the store's session idle in a transaction is seen and gone. */
    private boolean idleSessionEnded() throws Exception {
        boolean seen = false;
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < until) {
            try (Connection c = pool.getConnection();
                    PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM pg_stat_activity"
                            + " WHERE application_name = ? AND state = 'idle in transaction'")) {
                ps.setString(1, application);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (rs.getLong(1) > 0) {
                        seen = true;
                    } else if (seen) {
                        return true;
                    }
                }
            }
            Thread.onSpinWait();
        }
        return false;
    }
}
