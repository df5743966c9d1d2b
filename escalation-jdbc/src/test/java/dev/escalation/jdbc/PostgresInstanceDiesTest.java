package dev.escalation.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.Actor;
import dev.escalation.EscalationEngine;
import dev.escalation.model.Criticality;
import dev.escalation.sla.SlaPolicy;
import dev.escalation.spi.ClaimedDue;
import dev.escalation.spi.ClaimedMessage;
import dev.escalation.test.MutableClock;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Two engine instances on one PostgreSQL database (two pools), one of which dies in the middle of its work: it claimed
 * due work or a batch of the outbox and never finishes it. The other instance takes the work over once the lease has
 * run out (in the database's time), not before; each due item's follow-ups are queued once and each message is sent
 * once by the survivor; what the dead instance would record late, if it came back, is refused. Skipped without
 * {@code ESCALATION_TEST_PG_URL}.
 */
@Timeout(60)
class PostgresInstanceDiesTest extends StoreTestSupport {
    private static final Actor INA = Actor.contact("ina");
    private static final Duration LEASE = Duration.ofSeconds(2);

    private MutableClock clock;
    private EngineOnDatabaseTestBase.CountingNotifier notifier;
    private JdbcEscalationStore dead;
    private JdbcEscalationStore survivor;

    @Override
    protected TestDatabase openDatabase() {
        return TestDatabase.postgresql(getClass().getSimpleName());
    }

    @BeforeEach
    void twoInstances() {
        clock = MutableClock.at(Instant.parse("2027-01-12T09:00:00Z"));
        notifier = new EngineOnDatabaseTestBase.CountingNotifier();
        dead = JdbcEscalationStore.builder(database.newPool("dead", 2)).build();
        survivor = JdbcEscalationStore.builder(database.newPool("survivor", 2)).build();
    }

    private EscalationEngine engine(JdbcEscalationStore on, String instance) {
        return EngineOnDatabaseTestBase.seededEngine(clock, notifier, on)
                .slaPolicy(SlaPolicy.builder("standard", 1)
                        .firstContact(Criticality.HIGH, Duration.ofHours(1))
                        .resolution(Criticality.HIGH, Duration.ofHours(16))
                        .warnAt(75)
                        .build())
                .delivery(LEASE, 100, 16)
                .instanceName(instance)
                .build();
    }

    private long count(String sql) throws SQLException {
        return PostgresOutageTest.count(pool, sql);
    }

    private static void waitForLeasesToExpire(DataSource on, String table) throws Exception {
        long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (PostgresOutageTest.count(
                                on,
                                "SELECT COUNT(*) FROM " + table
                                        + " WHERE lease_until > EXTRACT(EPOCH FROM CURRENT_TIMESTAMP)")
                        > 0
                && System.nanoTime() < until) {
            Thread.sleep(50);
        }
    }

    @Test
    void dueWorkClaimedByAnInstanceThatDiedIsTakenOverAfterItsLeaseAndDoneOnce() throws Exception {
        EscalationEngine survivorEngine = engine(survivor, "survivor");
        survivorEngine.escalate(INA, PostgresOutageTest.escalate("C-1", "form-1"));
        survivorEngine.deliverPending();
        clock.advance(Duration.ofDays(30)); // every deadline of the escalation is due
        long due = count("SELECT COUNT(*) FROM esc_due WHERE status = 'PENDING'");
        assertThat(due).isPositive();
        long messages = count("SELECT COUNT(*) FROM esc_outbox");

        // the dead instance's due-work run claimed everything due, then its JVM ended
        long claimedAt = System.nanoTime();
        List<ClaimedDue> claimed = dead.dueWork().claim("dead", clock.instant(), LEASE, 100);
        assertThat(claimed).hasSize((int) due);

        survivorEngine.processDueWork();
        if (System.nanoTime() - claimedAt < LEASE.toNanos()) { // a pause as long as the lease ends it
            assertThat(count("SELECT COUNT(*) FROM esc_outbox"))
                    .as("nothing is taken over while the lease holds")
                    .isEqualTo(messages);
        }

        waitForLeasesToExpire(pool, "esc_due");
        survivorEngine.processDueWork();
        assertThat(count("SELECT COUNT(*) FROM esc_due WHERE status = 'PENDING' AND due_at <= "
                        + clock.instant().getEpochSecond()))
                .as("the survivor did the dead instance's due work")
                .isZero();
        long followUps = count("SELECT COUNT(*) FROM esc_outbox");
        assertThat(followUps).isGreaterThan(messages);

        for (ClaimedDue late : claimed) { // the dead instance's late completion, had it come back
            assertThat(dead.dueWork().complete(late, List.of())).isFalse();
        }
        survivorEngine.processDueWork();
        assertThat(count("SELECT COUNT(*) FROM esc_outbox"))
                .as("each follow-up queued once")
                .isEqualTo(followUps);
        assertThat(survivorEngine.deliverPending().pending()).isZero();
        assertThat(notifier.calls.values())
                .allSatisfy(calls -> assertThat(calls.get()).isEqualTo(1));
    }

    @Test
    void aBatchClaimedByAnInstanceThatDiedIsSentOnceByTheSurvivorAfterItsLease() throws Exception {
        EscalationEngine survivorEngine = engine(survivor, "survivor");
        survivorEngine.escalate(INA, PostgresOutageTest.escalate("C-1", "form-1"));
        long messages = count("SELECT COUNT(*) FROM esc_outbox WHERE status = 'PENDING'");
        assertThat(messages).isPositive();

        // the dead instance's delivery run claimed the batch, then its JVM ended before sending
        long claimedAt = System.nanoTime();
        List<ClaimedMessage> claimed = dead.outbox().claim("dead", clock.instant(), LEASE, 100);
        assertThat(claimed).isNotEmpty();
        long delivered = survivorEngine.deliverPending().delivered();
        if (System.nanoTime() - claimedAt < LEASE.toNanos()) { // a pause as long as the lease ends it
            assertThat(delivered)
                    .as("nothing is taken over while the lease holds")
                    .isZero();
        }

        waitForLeasesToExpire(pool, "esc_outbox");
        assertThat(survivorEngine.deliverPending().pending()).isZero();
        assertThat(count("SELECT COUNT(*) FROM esc_outbox WHERE status = 'DONE'"))
                .isEqualTo(messages);
        assertThat(notifier.calls).isNotEmpty();
        assertThat(notifier.calls.values())
                .allSatisfy(calls -> assertThat(calls.get()).isEqualTo(1));
    }
}
