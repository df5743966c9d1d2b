package dev.escalation.benchmarks.sdk;

import com.zaxxer.hikari.HikariDataSource;
import dev.escalation.AuditSettings;
import dev.escalation.DeliveryReport;
import dev.escalation.EscalationEngine;
import dev.escalation.EscalationEngineBuilder;
import dev.escalation.EscalationView;
import dev.escalation.benchmarks.CpuTime;
import dev.escalation.benchmarks.ThreadCpu;
import dev.escalation.benchmarks.TickingClock;
import dev.escalation.benchmarks.jdbc.CountingDataSource;
import dev.escalation.benchmarks.jdbc.Databases;
import dev.escalation.calendar.BusinessCalendar;
import dev.escalation.inmemory.InMemoryAuditAnchors;
import dev.escalation.inmemory.InMemoryEscalationStore;
import dev.escalation.inmemory.InMemoryStaffDirectory;
import dev.escalation.inmemory.InMemorySubjectKeys;
import dev.escalation.jdbc.JdbcAuditAnchors;
import dev.escalation.jdbc.JdbcEscalationStore;
import dev.escalation.jdbc.JdbcSchema;
import dev.escalation.jdbc.JdbcSubjectKeys;
import dev.escalation.model.Criticality;
import dev.escalation.model.HotlineNumber;
import dev.escalation.model.StaffId;
import dev.escalation.model.StaffRole;
import dev.escalation.sla.SlaPolicy;
import dev.escalation.spi.EscalationStore;
import dev.escalation.spi.StaffMember;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Wires the engine as a host would: German coverage hours with hotline numbers, the reference staff directory, the
 * benchmark customer directory, no-op notification and ticketing adapters, and a store chosen by name.
 *
 * <p>Backends: {@code memory} (the in-memory reference store), {@code h2} and {@code postgres} (escalation-jdbc's
 * {@code JdbcEscalationStore} behind a HikariCP pool and a {@link CountingDataSource}).
 */
public final class SdkFixture implements AutoCloseable {
    public static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    /** Pool size of the JDBC backends: the 2-thread benchmarks never wait for a connection. */
    static final int POOL_SIZE = 4;
    /**
     * The SLA policy every SDK benchmark runs under (SLA planning on): critical first contact 1 h, resolution 16 h,
     * warning at 75 %, two repeats 2 h apart after a breach.
     */
    public static final SlaPolicy SLA = SlaPolicy.builder("bench", 1)
            .firstContact(Criticality.CRITICAL, Duration.ofHours(1))
            .firstContact(Criticality.HIGH, Duration.ofHours(4))
            .resolution(Criticality.CRITICAL, Duration.ofHours(16))
            .resolution(Criticality.HIGH, Duration.ofHours(40))
            .warnAt(75)
            .repeatAfterBreach(Duration.ofHours(2), 2)
            .build();
    /** The host's Ed25519 key pair that signs audit anchors (one per JVM). */
    static final KeyPair SIGNING = ed25519();

    /**
     * The claim lease of every SDK benchmark engine: 10 years of business time, far longer than one claimed batch takes
     * to deliver on the ticking clock (see {@link #builder}). Both threads of a 2-thread trial move the one clock, 5
     * minutes a read: 30 days (8,640 reads, ~35 ms of the other thread's lifecycles) ran out while a thread that held a
     * claim was descheduled, and the engine rightly failed the attempt ("directory reads outlasted the lease"), which
     * stopped the run's drain check (FINDINGS.md, forty-second pass). 10 years is ~1,050,000 reads, seconds of work.
     */
    public static final Duration BENCH_LEASE = Duration.ofDays(3_650);

    public final Clock clock;
    public final EscalationStore store;
    public final NoOpNotifier notifier = new NoOpNotifier();
    public final NoOpTicketing ticketing = new NoOpTicketing();
    public final BenchCustomers customers = new BenchCustomers();
    public final InMemoryStaffDirectory staff = staffDirectory();
    /** Counts validations, audit hashes, rendered notifications and deliveries (registered as a listener). */
    public final CountingObserver observer = new CountingObserver();

    public final EscalationEngine engine;
    /** The transaction counter in front of the pool; {@code null} for the in-memory store. */
    public final CountingDataSource counting;

    private final HikariDataSource pool;
    private final String backend;

    /**
     * @param backend {@code memory} (a new in-memory store), {@code h2} (a new in-memory H2 database, same mode as
     *                Flowable's) or {@code postgres} (the schema {@value Databases#SDK_SCHEMA} of the database named by
     *                ESCALATION_TEST_PG_URL, dropped and created empty, then primed and analyzed: {@link
     *                #primeAndAnalyze}); the JDBC ones through a HikariCP pool, schema applied by {@code
     *                JdbcSchema.migrate}
     */
    public SdkFixture(String backend, Clock clock) {
        this.clock = clock;
        this.backend = backend;
        AuditSettings audit;
        switch (backend) {
            case "memory":
                pool = null;
                counting = null;
                store = new InMemoryEscalationStore();
                audit = inMemoryAudit();
                break;
            case "h2":
                pool = Databases.h2Pool(Databases.newH2Url("escalation"), POOL_SIZE, "sdk-h2");
                counting = new CountingDataSource(pool);
                JdbcSchema.migrate(pool);
                store = JdbcEscalationStore.builder(counting).build();
                audit = new AuditSettings(new JdbcSubjectKeys(counting), new JdbcAuditAnchors(counting), SIGNING);
                break;
            case "postgres":
                Databases.resetPgSchema(Databases.SDK_SCHEMA);
                pool = Databases.pgPool(Databases.SDK_SCHEMA, POOL_SIZE, "sdk-pg");
                counting = new CountingDataSource(pool);
                JdbcSchema.migrate(pool);
                store = JdbcEscalationStore.builder(counting).build();
                audit = new AuditSettings(new JdbcSubjectKeys(counting), new JdbcAuditAnchors(counting), SIGNING);
                break;
            default:
                throw new IllegalArgumentException("unknown backend '" + backend + "' (memory, h2, postgres)");
        }
        this.engine = builder(clock, customers, staff, notifier, ticketing)
                .store(store)
                .auditTrail(audit)
                .listener(observer)
                .build();
        if ("postgres".equals(backend)) {
            primeAndAnalyze();
        }
    }

    /**
     * PostgreSQL only: {@value Databases#PRIMED_LIFECYCLES} unmeasured lifecycles on their own cases ({@code
     * C-primed-<n>}), drained, then every table of the schema analyzed ({@link Databases#analyzePgSchema}), so the
     * measured commands run on planner statistics as in a host's database, not on a schema created a second ago; from
     * then on autovacuum keeps them, as in a host's database ({@link Databases}).
     */
    private void primeAndAnalyze() {
        for (int i = 0; i < Databases.PRIMED_LIFECYCLES; i++) {
            SdkLifecycle.full(engine, clock, "C-primed-" + i, "primed-" + i);
        }
        Databases.analyzePgSchema(Databases.SDK_SCHEMA);
    }

    /**
     * The end of an iteration of a lifecycle benchmark: fails the run if the engine reported no validation, no audit
     * hash, no rendered notification or no delivery ({@link CountingObserver}), or if after a last drain anything is
     * left undelivered or nothing reached the adapters; then closes the fixture.
     */
    public void checkDrainedAndClose() {
        try {
            checkDrained();
        } finally {
            close();
        }
    }

    /**
     * {@link #checkDrainedAndClose} without the close: the end of an iteration whose fixture lives for the whole trial
     * ({@link #livesForTrial}).
     */
    public void checkDrained() {
        observer.requireAllCounted();
        if (clock instanceof TickingClock ticking) {
            // this thread's business time may lag what another thread read when it queued its last messages: the
            // last drain must run after all of them, or it finds them not due yet (twenty-fifth and twenty-eighth
            // passes)
            ticking.catchUp();
        }
        DeliveryReport last = engine.deliverPending();
        long pending = store.outbox().counts().pending();
        if (pending != 0 || notifier.sent() == 0 || ticketing.calls() == 0) {
            throw new IllegalStateException("outbox not drained: pending=" + pending + ", notifications="
                    + notifier.sent() + ", ticket calls=" + ticketing.calls() + "; the last drain: " + last
                    + pendingRows());
        }
    }

    /**
     * A JDBC fixture's pending outbox rows, for the message of a failed drain check: type, attempts, the last error,
     * when due and the lease (the benchmark's data carries no personal data). Empty in memory.
     */
    private String pendingRows() {
        if (pool == null) {
            return "";
        }
        String lease = "h2".equals(backend)
                ? "(SELECT l.lease_until FROM esc_outbox_lease l WHERE l.seq = o.seq)"
                : "o.lease_until";
        StringBuilder rows = new StringBuilder(
                "; pending rows (seq, escalation, type, attempts, next attempt, lease until, last error):");
        try (Connection c = pool.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT o.seq, o.escalation_id, o.effect_type, o.attempts,"
                        + " o.next_attempt_at, " + lease + ", o.last_error FROM esc_outbox o"
                        + " WHERE o.status = 'PENDING' ORDER BY o.seq LIMIT 20")) {
            while (rs.next()) {
                rows.append("\n  ");
                for (int i = 1; i <= 7; i++) {
                    rows.append(i == 1 ? "" : ", ").append(rs.getString(i));
                }
            }
        } catch (SQLException e) {
            rows.append(" not readable: ").append(e);
        }
        return rows.toString();
    }

    /**
     * Whether a benchmark keeps one fixture of {@code backend} for its whole trial instead of a fresh one per
     * iteration: PostgreSQL, as Flowable's schema lives for its trial ({@code FlowableLifecycleBenchmark}), so that
     * both subjects' tables grow alike, primed and analyzed once, then kept by autovacuum. In memory and on H2 a fresh
     * store per iteration.
     */
    public static boolean livesForTrial(String backend) {
        return "postgres".equals(backend);
    }

    /**
     * PostgreSQL 15 and later: makes every connection of the pool publish its pending statistics (table counters) now,
     * by {@code SELECT pg_stat_force_next_flush()} on each, all held at once (so no connection is left out), outside a
     * transaction: the server process publishes them before it reports itself ready for the next query, so they are
     * in {@code pg_stat_user_tables} when the call returns. Otherwise an idle process publishes them 10 s later.
     *
     * @return whether every connection did; {@code false} for other backends or an older server
     */
    public boolean flushPgStatistics() {
        if (!"postgres".equals(backend)) {
            return false;
        }
        List<Connection> held = new ArrayList<>();
        try {
            for (int i = 0; i < POOL_SIZE; i++) {
                Connection c = pool.getConnection();
                held.add(c);
                c.setAutoCommit(true);
                try (Statement s = c.createStatement()) {
                    s.execute("SELECT pg_stat_force_next_flush()");
                }
            }
            return true;
        } catch (SQLException e) {
            return false; // before PostgreSQL 15: no such function
        } finally {
            for (Connection c : held) {
                try {
                    c.close();
                } catch (SQLException e) {
                    // back to the pool or gone: nothing left to publish
                }
            }
        }
    }

    /** PostgreSQL: {@code ANALYZE} of every table of the schema (after a set-up); other backends: nothing. */
    public void analyze() {
        if ("postgres".equals(backend)) {
            Databases.analyzePgSchema(Databases.SDK_SCHEMA);
        }
    }

    /**
     * One full lifecycle ({@link SdkLifecycle#full}: the 14 commands and the drain) with the calling thread's CPU time
     * added to {@code cpu}, and the work the engine reported on this thread added to {@code work} (outside the CPU
     * time).
     */
    EscalationView measuredLifecycle(String caseId, String submission, CpuTime cpu, WorkCounts work) {
        CountingObserver.Tally tally = observer.mine();
        CountingObserver.Tally before = tally.copy();
        long t0 = ThreadCpu.now();
        EscalationView v = SdkLifecycle.full(engine, clock, caseId, submission);
        cpu.stop(t0);
        work.add(before, tally);
        return v;
    }

    /** Closes the pool (H2: drops the in-memory database). */
    @Override
    public void close() {
        if (pool == null) {
            return;
        }
        if ("h2".equals(backend)) {
            Databases.closeH2(pool);
        } else {
            pool.close();
        }
    }

    /**
     * The builder with every required call but the store, which the caller sets; the SLA policy {@link #SLA} and the
     * audit trail (hash chain, in-memory per-person keys and anchors; a JDBC fixture replaces them by its database's)
     * are on, as in every SDK benchmark.
     */
    public static EscalationEngineBuilder builder(
            Clock clock,
            BenchCustomers customers,
            InMemoryStaffDirectory staff,
            NoOpNotifier notifier,
            NoOpTicketing ticketing) {
        return EscalationEngine.builder()
                .clock(clock)
                .customers(customers)
                .staff(staff)
                .notifier(notifier)
                .ticketing(ticketing)
                .coverage(BusinessCalendar.builder(BERLIN)
                        .openWeekdays(LocalTime.of(9, 0), LocalTime.of(17, 0))
                        .build())
                .hotline(new HotlineNumber("Germany", "+49 911 2399 110"), new HotlineNumber("USA", "+1 415-363-5510"))
                .slaPolicy(SLA)
                // business time moves 5 minutes per clock read (BenchTime), so the default 1-minute claim lease would
                // expire between one thread's claim and its finish, and the other thread would claim and deliver the
                // same messages again: a lease longer than a batch's delivery keeps the 2-thread deliveries per
                // lifecycle equal to the 1-thread ones (batch size and attempts are the defaults)
                .delivery(BENCH_LEASE, 100, 8)
                .auditTrail(inMemoryAudit());
    }

    /** The audit trail with in-memory per-person keys and anchors. */
    public static AuditSettings inMemoryAudit() {
        return new AuditSettings(new InMemorySubjectKeys(), new InMemoryAuditAnchors(), SIGNING);
    }

    private static KeyPair ed25519() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sam (Support Management), Eve (Escalation Manager), Dan (engineer) and two more Escalation Managers. */
    public static InMemoryStaffDirectory staffDirectory() {
        InMemoryStaffDirectory staff = new InMemoryStaffDirectory();
        staff.add(member("sam", "Sam Support", StaffRole.SUPPORT_MANAGEMENT))
                .add(member("eve", "Eve Escalation", StaffRole.ESCALATION_MANAGER))
                .add(member("max", "Max Manager", StaffRole.ESCALATION_MANAGER))
                .add(member("hal", "Hal Head", StaffRole.HEAD_OF_SUPPORT))
                .add(member("dan", "Dan Developer", StaffRole.SUPPORT_ENGINEER));
        return staff;
    }

    private static StaffMember member(String id, String name, StaffRole role) {
        return new StaffMember(StaffId.of(id), name, id + "@vendor.example", Optional.empty(), Set.of(role), true);
    }
}
