package dev.escalation.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.escalation.Actor;
import dev.escalation.AuditSettings;
import dev.escalation.AuditVerification;
import dev.escalation.DataSubject;
import dev.escalation.EscalationEngine;
import dev.escalation.EscalationUnavailableException;
import dev.escalation.calendar.BusinessCalendar;
import dev.escalation.command.EscalateCase;
import dev.escalation.inmemory.InMemoryCustomerDirectory;
import dev.escalation.inmemory.InMemoryNotifier;
import dev.escalation.inmemory.InMemoryStaffDirectory;
import dev.escalation.inmemory.InMemoryTicketing;
import dev.escalation.model.EscalationId;
import dev.escalation.model.Party;
import dev.escalation.spi.AuditAnchors;
import dev.escalation.spi.PartyRef;
import dev.escalation.spi.SubjectKeys;
import dev.escalation.test.MutableClock;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The audit trail's own tables on PostgreSQL during an outage: {@link JdbcSubjectKeys} and {@link JdbcAuditAnchors}
 * on a data source that goes through an {@link OutageProxy} the test freezes (a server or network that stops
 * answering), while the store stays reachable. Each call is bounded as the store's are (query timeout 1 s: the
 * network timeout 6 s): the engine's command fails with {@code UNAVAILABLE} within a few seconds, nothing is written
 * half, and it works again once the proxy heals. Skipped without {@code ESCALATION_TEST_PG_URL}.
 */
@Timeout(90)
class PostgresAuditOutageTest extends StoreTestSupport {
    private static final Actor INA = Actor.contact("ina");
    private static final Actor SAM = Actor.staff("sam");

    /**
     * How long a failing call may take: the network timeout (6 s; the pool's driver waits 2 s for a cancel, not its
     * default 10 s, which would make it 11 s: {@link OutageProxy#pool}) plus the pool's wait (2 s), and some slack.
     */
    private static final Duration BOUND = Duration.ofSeconds(12);

    private OutageProxy proxy;
    private HikariDataSource proxied;

    @Override
    protected TestDatabase openDatabase() {
        return TestDatabase.postgresql(getClass().getSimpleName());
    }

    @BeforeEach
    void proxiedPool() throws Exception {
        try (Connection c = pool.getConnection();
                java.sql.Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM esc_anchor"); // tables the shared fixture does not empty
            s.executeUpdate("DELETE FROM esc_subject_key");
        }
        HikariConfig config = database.config();
        proxy = OutageProxy.forPostgresql(config.getJdbcUrl());
        proxied = proxy.pool(config, "pg-audit-outage");
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

    /** Subject keys on {@code dataSource}, bounded as a store with a query timeout of 1 s. */
    private static JdbcSubjectKeys keys(DataSource dataSource) {
        return new JdbcSubjectKeys(dataSource, Duration.ofSeconds(1));
    }

    /** Audit anchors on {@code dataSource}, bounded as a store with a query timeout of 1 s. */
    private static JdbcAuditAnchors anchors(DataSource dataSource) {
        return new JdbcAuditAnchors(dataSource, Duration.ofSeconds(1));
    }

    /** The engine on the store (not proxied) with the given audit tables. */
    private EscalationEngine engine(SubjectKeys keys, AuditAnchors anchors) {
        InMemoryCustomerDirectory customers = new InMemoryCustomerDirectory();
        InMemoryStaffDirectory staff = new InMemoryStaffDirectory();
        EngineOnDatabaseTestBase.seed(customers, staff);
        return EscalationEngine.builder()
                .clock(MutableClock.at(Instant.parse("2027-01-12T09:00:00Z")))
                .customers(customers)
                .staff(staff)
                .notifier(new InMemoryNotifier())
                .ticketing(new InMemoryTicketing())
                .store(store)
                .coverage(BusinessCalendar.alwaysOpen())
                .auditTrail(new AuditSettings(keys, anchors, AuditTamperTestBase.SIGNING))
                .build();
    }

    private static EscalateCase escalate(String caseId, String submission) {
        return PostgresOutageTest.escalate(caseId, submission);
    }

    /** A count, read past the proxy. */
    private long count(String sql) throws SQLException {
        return PostgresOutageTest.count(pool, sql);
    }

    /** Runs {@code call}, which must fail with {@code UNAVAILABLE} within {@link #BOUND}. */
    private static void unavailableWithinTheBound(Runnable call) {
        assertThat(PostgresOutageTest.timeToFail(call, EscalationUnavailableException.class))
                .as("failed within the bound")
                .isLessThan(BOUND);
    }

    // ----------------------------------------------------------------------------------------------------------

    @Test
    void aKeyLookupOnAServerThatStopsAnsweringFailsTheCommandWithinTheBound() throws Exception {
        EscalationEngine engine = engine(keys(proxied), anchors(pool));
        engine.escalate(INA, escalate("C-1", "form-1"));

        // the statement itself is held: a pool's check of an idle connection (HikariCP's, after 500 ms) would find a
        // server that stops answering before it
        proxy.hangWhenClientSends("SELECT key_hex FROM esc_subject_key");
        unavailableWithinTheBound(() -> engine.escalate(INA, escalate("C-2", "form-2")));
        assertThat(count("SELECT COUNT(*) FROM esc_escalation"))
                .as("nothing was written")
                .isEqualTo(1);

        proxy.restore();
        assertThat(PostgresOutageTest.whenBack(() -> engine.escalate(INA, escalate("C-2", "form-2")))
                        .created())
                .isTrue();
        assertThat(count("SELECT COUNT(*) FROM esc_escalation")).isEqualTo(2);
    }

    @Test
    void aKeyCreationTheServerStopsAnsweringFailsTheCommandWithinTheBoundAndWritesNothing() throws Exception {
        EscalationEngine engine = engine(keys(proxied), anchors(pool));

        proxy.hangWhenClientSends("INSERT INTO esc_subject_key");
        unavailableWithinTheBound(() -> engine.escalate(INA, escalate("C-1", "form-1")));
        proxy.cut(); // the partition ends with the connections reset: the held INSERT never arrives
        assertThat(count("SELECT COUNT(*) FROM esc_escalation")).isZero();
        assertThat(count("SELECT COUNT(*) FROM esc_subject_key")).isZero();

        proxy.restore();
        assertThat(PostgresOutageTest.whenBack(() -> engine.escalate(INA, escalate("C-1", "form-1")))
                        .created())
                .isTrue();
        assertThat(count("SELECT COUNT(*) FROM esc_subject_key WHERE subject_id = 'ina'"))
                .isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM esc_escalation")).isEqualTo(1);
    }

    @Test
    void anAnchorReadOnAServerThatStopsAnsweringFailsWithinTheBound() throws Exception {
        EscalationEngine engine = engine(keys(pool), anchors(proxied));
        EscalationId id = engine.escalate(INA, escalate("C-1", "form-1")).escalation();

        proxy.hangWhenClientSends("SELECT chain_length"); // the statement itself is held, and from then on everything
        unavailableWithinTheBound(() -> engine.operations().audit().anchor(SAM, id));
        unavailableWithinTheBound(() -> engine.operations().audit().verify(SAM, id));
        assertThat(count("SELECT COUNT(*) FROM esc_anchor")).isZero();

        proxy.restore();
        Optional<?> anchored =
                PostgresOutageTest.whenBack(() -> engine.operations().audit().anchor(SAM, id));
        assertThat(anchored).isPresent();
        assertThat(count("SELECT COUNT(*) FROM esc_anchor")).isEqualTo(1);
    }

    @Test
    void anAnchorWriteTheServerStopsAnsweringFailsWithinTheBoundAndWritesNothing() throws Exception {
        EscalationEngine engine = engine(keys(pool), anchors(proxied));
        EscalationId id = engine.escalate(INA, escalate("C-1", "form-1")).escalation();

        proxy.hangWhenClientSends("INSERT INTO esc_anchor");
        unavailableWithinTheBound(() -> engine.operations().audit().anchor(SAM, id));
        proxy.cut(); // the partition ends with the connections reset: the held INSERT never arrives
        assertThat(count("SELECT COUNT(*) FROM esc_anchor")).isZero();

        proxy.restore();
        assertThat(PostgresOutageTest.whenBack(() -> engine.operations().audit().anchor(SAM, id)))
                .isPresent();
        assertThat(count("SELECT COUNT(*) FROM esc_anchor")).isEqualTo(1);
        AuditVerification verified = engine.operations().audit().verify(SAM, id);
        assertThat(verified.intact()).as("%s", verified).isTrue();
        assertThat(verified.anchored()).contains(verified.length());
    }

    @Test
    void aKeyShredTheServerStopsAnsweringFailsTheErasureWithinTheBoundAndItsRetryShreds() throws Exception {
        JdbcSubjectKeys keys = keys(proxied);
        EscalationEngine engine = engine(keys, anchors(pool));
        PartyRef tom = new PartyRef(Party.Kind.CONTACT, "tom");
        keys.keyOf(tom);

        proxy.hangWhenClientSends("DELETE FROM esc_subject_key");
        unavailableWithinTheBound(() -> engine.operations().erasePerson(SAM, DataSubject.contact("tom")));
        proxy.cut(); // the partition ends with the connections reset: the held DELETE never arrives
        assertThat(count("SELECT COUNT(*) FROM esc_subject_key WHERE subject_id = 'tom'"))
                .as("the key is still there: the erasure reported UNAVAILABLE, to be retried")
                .isEqualTo(1);

        proxy.restore();
        PostgresOutageTest.whenBack(() -> engine.operations().erasePerson(SAM, DataSubject.contact("tom")));
        assertThat(count("SELECT COUNT(*) FROM esc_subject_key WHERE subject_id = 'tom'"))
                .as("shredded")
                .isZero();
    }
}
