package dev.escalation.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.escalation.Actor;
import dev.escalation.DeliveryReport;
import dev.escalation.EscalationConflictException;
import dev.escalation.EscalationEngine;
import dev.escalation.EscalationReceipt;
import dev.escalation.EscalationUnavailableException;
import dev.escalation.IllegalTransitionException;
import dev.escalation.calendar.BusinessCalendar;
import dev.escalation.command.Acknowledge;
import dev.escalation.command.EscalateCase;
import dev.escalation.command.LogProgress;
import dev.escalation.inmemory.InMemoryCustomerDirectory;
import dev.escalation.inmemory.InMemoryStaffDirectory;
import dev.escalation.inmemory.InMemoryTicketing;
import dev.escalation.model.CaseId;
import dev.escalation.model.Cause;
import dev.escalation.model.Criticality;
import dev.escalation.model.EscalationId;
import dev.escalation.model.HotlineNumber;
import dev.escalation.model.StaffId;
import dev.escalation.model.Visibility;
import dev.escalation.spi.UnavailableException;
import dev.escalation.test.MutableClock;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The store on PostgreSQL during outages, through an {@link OutageProxy} the test cuts: the database going away in
 * the middle of a command, a connection lost after its {@code COMMIT} was sent (the outcome unknown to the engine), a
 * server that stops answering; and the recovery. Skipped without {@code ESCALATION_TEST_PG_URL}.
 */
class PostgresOutageTest extends StoreTestSupport {
    private static final Actor INA = Actor.contact("ina");
    private static final Actor SAM = Actor.staff("sam");
    private static final Actor EVE = Actor.staff("eve");

    private OutageProxy proxy;
    private HikariDataSource proxied;
    private MutableClock clock;
    private EngineOnDatabaseTestBase.CountingNotifier notifier;
    private InMemoryTicketing ticketing;

    @Override
    protected TestDatabase openDatabase() {
        return TestDatabase.postgresql(getClass().getSimpleName());
    }

    @BeforeEach
    void proxiedPool() throws Exception {
        HikariConfig config = database.config();
        proxy = OutageProxy.forPostgresql(config.getJdbcUrl());
        proxied = proxy.pool(config, "pg-outage");
        clock = MutableClock.at(Instant.parse("2027-01-12T09:00:00Z"));
        notifier = new EngineOnDatabaseTestBase.CountingNotifier();
        ticketing = new InMemoryTicketing();
    }

    @AfterEach
    void closeProxy() {
        if (proxied != null) {
            proxied.close();
        }
        if (proxy != null) {
            proxy.close();
        }
    }

    private EscalationEngine engine(JdbcEscalationStore on) {
        return engine(on, b -> b);
    }

    private EscalationEngine engine(
            JdbcEscalationStore on, java.util.function.UnaryOperator<dev.escalation.EscalationEngineBuilder> settings) {
        InMemoryCustomerDirectory customers = new InMemoryCustomerDirectory();
        InMemoryStaffDirectory staff = new InMemoryStaffDirectory();
        EngineOnDatabaseTestBase.seed(customers, staff);
        return settings.apply(EscalationEngine.builder()
                        .clock(clock)
                        .customers(customers)
                        .staff(staff)
                        .notifier(notifier)
                        .ticketing(ticketing)
                        .store(on)
                        .coverage(BusinessCalendar.builder(ZoneId.of("Europe/Berlin"))
                                .openWeekdays(LocalTime.of(9, 0), LocalTime.of(17, 0))
                                .build())
                        .hotline(new HotlineNumber("Germany", "+49 911 2399 110"))
                        .instanceName("outage"))
                .build();
    }

    /** The escalation of case {@code caseId} the outage tests submit, with the form's submission key. */
    static EscalateCase escalate(String caseId, String submission) {
        return new EscalateCase(
                CaseId.of(caseId), "The nightly load fails", Cause.SOFTWARE_ERROR, Criticality.HIGH, submission);
    }

    /** Rows of {@code table}, read past the proxy. */
    private long count(String sql) throws SQLException {
        return count(pool, sql);
    }

    /** The count {@code sql} selects, read on {@code pool} (past the proxy). */
    static long count(DataSource pool, String sql) throws SQLException {
        try (Connection c = pool.getConnection();
                PreparedStatement ps = c.prepareStatement(sql);
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private List<String> outboxKeys() throws SQLException {
        List<String> keys = new ArrayList<>();
        try (Connection c = pool.getConnection();
                PreparedStatement ps =
                        c.prepareStatement("SELECT idempotency_key FROM esc_outbox ORDER BY idempotency_key");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                keys.add(rs.getString(1));
            }
        }
        return keys;
    }

    // ----------------------------------------------------------------------------------------------------------

    @Test
    void anEscalationWhoseCommitAnswerWasLostIsConfirmedByTheStoreAndItsRetryFindsIt() throws Exception {
        EscalationEngine engine = engine(JdbcEscalationStore.builder(proxied).build());
        proxy.loseAnswerTo("COMMIT");

        EscalationReceipt first = engine.escalate(INA, escalate("C-1", "form-1"));
        assertThat(proxy.awaitCut()).as("the answer to the COMMIT was lost").isTrue();
        assertThat(first.created()).as("the store found its committed write").isTrue();
        assertThat(count("SELECT COUNT(*) FROM esc_escalation")).isEqualTo(1);
        List<String> queued = outboxKeys();

        EscalationReceipt retried = engine.escalate(INA, escalate("C-1", "form-1"));
        assertThat(retried.created()).isFalse();
        assertThat(retried.escalation()).isEqualTo(first.escalation());
        assertThat(count("SELECT COUNT(*) FROM esc_escalation")).isEqualTo(1);
        assertThat(outboxKeys())
                .as("one set of outbox messages")
                .isEqualTo(queued)
                .isNotEmpty();
    }

    @Test
    void aNoteWhoseCommitAnswerWasLostIsRecordedOnceAndReportedDone() throws Exception {
        EscalationEngine engine = engine(JdbcEscalationStore.builder(proxied).build());
        EscalationId id = engine.escalate(INA, escalate("C-1", "form-1")).escalation();
        engine.acknowledge(SAM, new Acknowledge(id, StaffId.of("eve"), "Called Ina"));
        proxy.loseAnswerTo("COMMIT");

        engine.logProgress(
                EVE, new LogProgress(id, LogProgress.Kind.NOTE, "Rolled back the load", Visibility.INTERNAL));

        assertThat(proxy.awaitCut()).as("the answer to the COMMIT was lost").isTrue();
        assertThat(count("SELECT COUNT(*) FROM esc_entry WHERE text = 'Rolled back the load'"))
                .as("recorded once; the caller, told it is done, does not send it again")
                .isEqualTo(1);
        assertThat(count("SELECT row_version FROM esc_escalation")).isEqualTo(3);
    }

    @Test
    void anEscalationWhoseCommitAnswerWasLostWithTheDatabaseIsFoundByItsRetryOnce() throws Exception {
        EscalationEngine engine = engine(JdbcEscalationStore.builder(proxied).build());
        proxy.cutAfterClientSends("COMMIT");

        assertThatThrownBy(() -> engine.escalate(INA, escalate("C-1", "form-1")))
                .as("the store cannot ask the database whether it committed")
                .isInstanceOf(EscalationUnavailableException.class);
        assertThat(proxy.awaitCut()).as("the COMMIT reached the database").isTrue();
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (count("SELECT COUNT(*) FROM esc_escalation") == 0 && System.nanoTime() < until) {
            Thread.sleep(20); // the server finishes the commit its client is no longer waiting for
        }
        assertThat(count("SELECT COUNT(*) FROM esc_escalation"))
                .as("the database committed what the engine could not confirm")
                .isEqualTo(1);
        List<String> queued = outboxKeys();
        proxy.restore();

        EscalationReceipt retried = whenBack(() -> engine.escalate(INA, escalate("C-1", "form-1")));
        assertThat(retried.created())
                .as("the retry finds the committed escalation")
                .isFalse();
        assertThat(count("SELECT COUNT(*) FROM esc_escalation")).isEqualTo(1);
        assertThat(outboxKeys())
                .as("one set of outbox messages")
                .isEqualTo(queued)
                .isNotEmpty();

        DeliveryReport report = engine.deliverPending();
        assertThat(report.pending()).isZero();
        for (String key : queued) {
            if (notifier.calls.containsKey(key)) {
                assertThat(notifier.calls(key)).as(key).isEqualTo(1);
            }
        }
    }

    /**
     * A note whose {@code COMMIT} reached the database just before it went away: the store cannot ask whether it
     * committed, so the caller gets {@code UNAVAILABLE}. Its retry with the version it was sent against is refused as
     * {@code STALE_VERSION} (the first attempt did commit): the note is stored once, as the README promises.
     */
    @Test
    void aNoteWhoseCommitWasCutWithTheDatabaseIsAppliedOnceByItsRetryWithTheExpectedVersion() throws Exception {
        EscalationEngine engine = engine(JdbcEscalationStore.builder(proxied).build());
        EscalationId id = engine.escalate(INA, escalate("C-1", "form-1")).escalation();
        long version = engine.acknowledge(SAM, new Acknowledge(id, StaffId.of("eve"), "Called Ina"))
                .version();
        LogProgress note = new LogProgress(id, LogProgress.Kind.NOTE, "Rolled back the load", Visibility.INTERNAL)
                .expectingVersion(version);
        proxy.cutAfterClientSends("COMMIT");

        assertThatThrownBy(() -> engine.logProgress(EVE, note))
                .as("the store cannot ask the database whether it committed")
                .isInstanceOf(EscalationUnavailableException.class);
        assertThat(proxy.awaitCut()).as("the COMMIT reached the database").isTrue();
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (count("SELECT row_version FROM esc_escalation") < version + 1 && System.nanoTime() < until) {
            Thread.sleep(20); // the server finishes the commit its client is no longer waiting for
        }
        proxy.restore();

        assertThatThrownBy(() -> whenBack(() -> engine.logProgress(EVE, note)))
                .isInstanceOfSatisfying(
                        EscalationConflictException.class,
                        e -> assertThat(e.subReason()).isEqualTo(EscalationConflictException.Reason.STALE_VERSION));
        assertThat(count("SELECT COUNT(*) FROM esc_entry WHERE text = 'Rolled back the load'"))
                .as("the note is stored once")
                .isEqualTo(1);
        assertThat(count("SELECT row_version FROM esc_escalation")).isEqualTo(version + 1);
    }

    @Test
    void aCommandDuringTheOutageIsUnavailableAndAppliesAfterRecovery() throws Exception {
        EscalationEngine engine = engine(JdbcEscalationStore.builder(proxied)
                .queryTimeout(Duration.ofSeconds(2))
                .build());
        EscalationId id = engine.escalate(INA, escalate("C-1", "form-1")).escalation();

        proxy.cut();
        assertThatThrownBy(() -> engine.acknowledge(SAM, new Acknowledge(id, StaffId.of("eve"), "Called Ina")))
                .isInstanceOf(EscalationUnavailableException.class);
        assertThatThrownBy(() -> engine.escalate(INA, escalate("C-2", "form-2")))
                .isInstanceOf(EscalationUnavailableException.class);
        assertThatThrownBy(engine::deliverPending).isInstanceOf(EscalationUnavailableException.class);
        assertThat(count("SELECT COUNT(*) FROM esc_escalation")).isEqualTo(1);
        assertThat(count("SELECT row_version FROM esc_escalation")).isEqualTo(1);

        proxy.restore();
        whenBack(() -> engine.acknowledge(SAM, new Acknowledge(id, StaffId.of("eve"), "Called Ina")));
        EscalationReceipt second = engine.escalate(INA, escalate("C-2", "form-2"));
        assertThat(second.created()).isTrue();
        assertThat(count("SELECT COUNT(*) FROM esc_escalation")).isEqualTo(2);
        assertThat(engine.deliverPending().pending()).isZero();
    }

    /**
     * A read on a server that stops answering (the driver's cancel unanswered too) fails at the network timeout: 6 s
     * for a 1 s query timeout, the driver waiting 2 s for its cancel (the outage pools' setting).
     */
    @Test
    void aServerThatStopsAnsweringFailsTheCallAtTheNetworkTimeout() {
        Duration took = stuckReadOn(proxied);
        assertThat(took).as("the network timeout, 6 s").isBetween(Duration.ofMillis(5_500), Duration.ofSeconds(10));
    }

    /**
     * What the README says of the driver's own wait: with its default {@code cancelSignalTimeout} (10 s) the same read
     * fails only after the query timeout plus that wait, 11 s, later than the network timeout (6 s).
     */
    @Test
    void withTheDriversDefaultCancelWaitAStuckCallFailsAfterTheQueryTimeoutPlusThatWait() {
        try (HikariDataSource defaults = proxy.poolWithDriverDefaults(database.config(), "pg-outage-driver-defaults")) {
            Duration took = stuckReadOn(defaults);
            assertThat(took)
                    .as("the query timeout (1 s) plus the driver's wait for its cancel (10 s)")
                    .isBetween(Duration.ofSeconds(10), Duration.ofSeconds(15));
        }
    }

    /**
     * How long a read takes to fail with {@code UNAVAILABLE} on {@code data} (1 s query timeout) once the proxy hangs.
     */
    private Duration stuckReadOn(DataSource data) {
        JdbcEscalationStore bounded = JdbcEscalationStore.builder(data)
                .queryTimeout(Duration.ofSeconds(1))
                .build();
        bounded.create(Fixtures.creation(Fixtures.raised("acme", "E-1", "C-1", Fixtures.T0)));
        assertThat(bounded.findForVendor(EscalationId.of("E-1"))).isPresent(); // the pool's connection is fresh

        proxy.hang();
        Duration took = timeToFail(() -> bounded.findForVendor(EscalationId.of("E-1")), UnavailableException.class);
        proxy.restore();
        return took;
    }

    /** How long {@code call} took to fail with {@code type}; it must within 30 s (else it hangs with the server). */
    static Duration timeToFail(Runnable call, Class<? extends Throwable> type) {
        long start = System.nanoTime();
        assertTimeoutPreemptively(
                Duration.ofSeconds(30),
                () -> assertThatThrownBy(call::run).isInstanceOf(type),
                "the call hangs with the server");
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /**
     * A {@code COMMIT} that gets no answer: the call fails after the COMMIT's network timeout (6 s) and the store's
     * look for what it wrote on another connection, which the pool refuses within its own limits (here 2 s to wait
     * for a connection, and up to 5 s more checking an idle one that does not answer: HikariCP's validation timeout)
     * — 11 s as measured, at most 13 s plus slack.
     */
    @Test
    void aServerThatStopsAnsweringAtTheCommitFailsTheCommandWithinTheBound() throws Exception {
        EscalationEngine engine = engine(JdbcEscalationStore.builder(proxied)
                .queryTimeout(Duration.ofSeconds(1))
                .build());
        EscalationId id = engine.escalate(INA, escalate("C-1", "form-1")).escalation();

        proxy.hangWhenClientSends("COMMIT");
        assertThat(timeToFail(
                        () -> engine.acknowledge(SAM, new Acknowledge(id, StaffId.of("eve"), "Called Ina")),
                        EscalationUnavailableException.class))
                .as("the COMMIT's network timeout, then the pool's limits for the look at what it wrote")
                .isBetween(Duration.ofMillis(5_500), Duration.ofSeconds(16));
        // the network comes back and delivers the held COMMIT late, as TCP would: the command the engine reported
        // UNAVAILABLE committed after all (its outcome was unknown); the retry waits for its row lock and is refused
        proxy.restore();
        Object retried = whenBack(() -> {
            try {
                return (Object) engine.acknowledge(SAM, new Acknowledge(id, StaffId.of("eve"), "Called Ina"));
            } catch (IllegalTransitionException e) {
                return e;
            }
        });
        assertThat(retried).isInstanceOf(IllegalTransitionException.class);
        assertThat(count("SELECT row_version FROM esc_escalation"))
                .as("acknowledged once")
                .isEqualTo(2);
    }

    @Test
    void aDrainWhoseFinishIsLostRedeliversItsBatchOnceAfterTheLeaseAndNothingAfter() throws Exception {
        EscalationEngine engine =
                engine(JdbcEscalationStore.builder(proxied).build(), b -> b.delivery(Duration.ofSeconds(1), 50, 5));
        engine.escalate(INA, escalate("C-1", "form-1"));
        List<String> queued = outboxKeys();
        notifier.onSend = proxy::cut; // the database goes away while the batch is being sent

        assertThatThrownBy(engine::deliverPending).isInstanceOf(EscalationUnavailableException.class);
        notifier.onSend = () -> {};
        proxy.restore();
        assertThat(count("SELECT COUNT(*) FROM esc_outbox WHERE status = 'PENDING'"))
                .as("the outcomes were not recorded")
                .isEqualTo(queued.size());
        waitForLeasesToExpire();

        DeliveryReport after = engine.deliverPending();
        assertThat(after.pending()).isZero();
        assertThat(engine.deliverPending().delivered())
                .as("nothing goes out a third time")
                .isZero();
        int notifications = 0;
        for (String key : notifier.calls.keySet()) {
            assertThat(notifier.calls(key))
                    .as(key + ": sent before the outage and once again after the lease")
                    .isEqualTo(2);
            notifications++;
        }
        assertThat(notifications).isPositive();
        assertThat(count("SELECT COUNT(*) FROM esc_outbox WHERE status = 'DONE'"))
                .isEqualTo(queued.size());
    }

    @Test
    void theBackgroundWorkerSurvivesTheOutageAndDeliversByItselfAfterRecovery() throws Exception {
        java.util.concurrent.atomic.AtomicInteger failures = new java.util.concurrent.atomic.AtomicInteger();
        dev.escalation.EngineObserver observer = new dev.escalation.EngineObserver() {
            @Override
            public void workerFailed(WorkerPhase phase, Class<? extends Throwable> failure) {
                failures.incrementAndGet();
            }
        };
        EscalationEngine engine = engine(
                JdbcEscalationStore.builder(proxied)
                        .queryTimeout(Duration.ofSeconds(2))
                        .build(),
                b -> b.listener(observer));
        try {
            proxy.cut();
            engine.start(Duration.ofMillis(50));
            long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (failures.get() < 4 && System.nanoTime() < until) {
                Thread.sleep(20);
            }
            assertThat(failures.get())
                    .as("the worker's runs failed during the outage")
                    .isGreaterThanOrEqualTo(4);

            proxy.restore();
            // the pool reconnects in its own time (it backs off while the database is away): the caller retries the
            // retryable UNAVAILABLE, as documented
            EscalationId id = whenBack(() -> engine.escalate(INA, escalate("C-1", "form-1")))
                    .escalation();
            until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (count("SELECT COUNT(*) FROM esc_outbox WHERE status <> 'DONE'") > 0 && System.nanoTime() < until) {
                Thread.sleep(50);
            }
            assertThat(count("SELECT COUNT(*) FROM esc_outbox WHERE status <> 'DONE'"))
                    .as("the worker delivered escalation " + id + " after the outage by itself")
                    .isZero();
            assertThat(notifier.calls).isNotEmpty();
        } finally {
            engine.close();
        }
    }

    @Test
    void theNetworkTimeoutIsTheQueryTimeoutPlusAsMuchAgainAndAnyQueryTimeoutWorks() {
        assertThat(Db.networkTimeoutMillis(0))
                .as("no query timeout: no network timeout")
                .isZero();
        assertThat(Db.networkTimeoutMillis(1)).isEqualTo(6_000);
        assertThat(Db.networkTimeoutMillis(30)).isEqualTo(60_000);
        assertThat(Db.networkTimeoutMillis(Long.MAX_VALUE)).isPositive();
        JdbcEscalationStore longest = JdbcEscalationStore.builder(proxied)
                .queryTimeout(Duration.ofSeconds(Long.MAX_VALUE / 2))
                .build();
        longest.create(Fixtures.creation(Fixtures.raised("acme", "E-1", "C-1", Fixtures.T0)));
        assertThat(longest.findForVendor(EscalationId.of("E-1"))).isPresent();
    }

    /** Runs {@code call}, again while it fails with the retryable UNAVAILABLE (at most 30 s). */
    static <T> T whenBack(java.util.function.Supplier<T> call) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            try {
                return call.get();
            } catch (EscalationUnavailableException e) {
                if (System.nanoTime() > until) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }

    /** Waits until the database's clock is past every lease of the outbox (leases are in database time). */
    private void waitForLeasesToExpire() throws Exception {
        long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (count("SELECT COUNT(*) FROM esc_outbox WHERE lease_until > EXTRACT(EPOCH FROM CURRENT_TIMESTAMP)") > 0
                && System.nanoTime() < until) {
            Thread.sleep(50);
        }
    }
}
