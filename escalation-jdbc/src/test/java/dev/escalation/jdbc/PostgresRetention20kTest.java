package dev.escalation.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.Actor;
import dev.escalation.EscalationEngine;
import dev.escalation.RetentionPolicy;
import dev.escalation.RetentionReport;
import dev.escalation.calendar.BusinessCalendar;
import dev.escalation.inmemory.InMemoryCustomerDirectory;
import dev.escalation.inmemory.InMemoryNotifier;
import dev.escalation.inmemory.InMemoryStaffDirectory;
import dev.escalation.inmemory.InMemoryTicketing;
import dev.escalation.model.StaffId;
import dev.escalation.model.StaffRole;
import dev.escalation.spi.StaffMember;
import dev.escalation.test.MutableClock;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retention on 20,000 closed escalations inserted by SQL on PostgreSQL, applied by two engines (two instances, two
 * connection pools) at once: everything old is purged exactly once in at most 60 seconds, in batches of 500, with
 * open and recent escalations and their rows untouched; every outbox message is deleted exactly once, and the two
 * reports' delivered messages add up to what the delivered-message purge deleted (a row trigger of the test logs
 * each delete), however the two instances' batches interleave. Runs in its own Surefire execution
 * ({@code retention-20k} in this module's pom) with {@code -Xmx128m}, so a run that loads what it purges into memory
 * fails.
 */
class PostgresRetention20kTest extends StoreTestSupport {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresRetention20kTest.class);
    static final int CLOSED = 20_000;
    private static final Actor SAM = Actor.staff("sam");

    @Override
    protected TestDatabase openDatabase() {
        return TestDatabase.postgresql(getClass().getSimpleName());
    }

    private EscalationEngine engine(DataSource pool, MutableClock clock, String name) {
        InMemoryStaffDirectory staff = new InMemoryStaffDirectory();
        staff.add(new StaffMember(
                StaffId.of("sam"),
                "Sam Support",
                "sam@vendor.example",
                Optional.empty(),
                Set.of(StaffRole.SUPPORT_MANAGEMENT),
                true));
        return EscalationEngine.builder()
                .clock(clock)
                .customers(new InMemoryCustomerDirectory())
                .staff(staff)
                .notifier(new InMemoryNotifier())
                .ticketing(new InMemoryTicketing())
                .store(JdbcEscalationStore.builder(pool).build())
                .coverage(BusinessCalendar.alwaysOpen())
                .instanceName(name)
                .build();
    }

    @Test
    void twoInstancesPurge20000ClosedEscalationsInAMinute() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(
                Boolean.getBoolean("escalation.retention20k"),
                "runs in the retention-20k Surefire execution only (with -Xmx128m)");
        assertThat(Runtime.getRuntime().maxMemory())
                .as("run in the retention-20k execution (-Xmx128m)")
                .isLessThanOrEqualTo(160L * 1024 * 1024);
        Instant now = Instant.parse("2027-01-12T09:00:00Z");
        MutableClock clock = MutableClock.at(now);
        long load = System.nanoTime();
        RetentionLoad.escalations(pool, "old", CLOSED, "CLOSED", now.minus(Duration.ofDays(500)));
        RetentionLoad.escalations(pool, "recent", 100, "CLOSED", now.minus(Duration.ofDays(20)));
        RetentionLoad.escalations(pool, "open", 100, "ACTIVE", now.minus(Duration.ofDays(500)));
        LOG.info("loaded {} escalations in {} ms", CLOSED + 200, (System.nanoTime() - load) / 1_000_000);
        assertThat(count("esc_entry")).isEqualTo(3L * (CLOSED + 200));
        long messages = count("esc_outbox");
        assertThat(messages).isEqualTo(2L * (CLOSED + 200));
        logOutboxDeletes();

        DataSource poolB = database.newPool("instance-b", 4);
        EscalationEngine a = engine(pool, clock, "instance-a");
        EscalationEngine b = engine(poolB, clock, "instance-b");
        RetentionPolicy policy = RetentionPolicy.closedAfterMonths(12);
        CountDownLatch start = new CountDownLatch(1);
        long t0 = System.nanoTime();
        CompletableFuture<RetentionReport> ra = CompletableFuture.supplyAsync(() -> {
            await(start);
            return a.operations().applyRetention(SAM, policy);
        });
        CompletableFuture<RetentionReport> rb = CompletableFuture.supplyAsync(() -> {
            await(start);
            return b.operations().applyRetention(SAM, policy);
        });
        start.countDown();
        RetentionReport first = ra.get();
        RetentionReport second = rb.get();
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        LOG.info(
                "retention of {} closed escalations by two instances took {} ms ({} + {} escalations, {} + {} "
                        + "batches, {} + {} delivered messages)",
                CLOSED,
                took.toMillis(),
                first.escalations(),
                second.escalations(),
                first.batches(),
                second.batches(),
                first.messages(),
                second.messages());
        System.out.println("RETENTION-20K ms=" + took.toMillis());

        assertThat(took).as("retention of 20,000 closed escalations").isLessThanOrEqualTo(Duration.ofSeconds(60));
        assertThat(first.escalations() + second.escalations())
                .as("every old escalation purged exactly once across the two instances")
                .isEqualTo(CLOSED);
        assertThat(count("esc_escalation")).isEqualTo(200);
        assertThat(count("esc_escalation WHERE escalation_id LIKE 'old-%'")).isZero();
        for (String table : List.of("esc_entry", "esc_due", "esc_ticket", "esc_change")) {
            assertThat(count(table + " WHERE escalation_id LIKE 'old-%'"))
                    .as(table)
                    .isZero();
            assertThat(count(table + " WHERE escalation_id NOT LIKE 'old-%'"))
                    .as(table + " of kept escalations")
                    .isPositive();
        }
        // the kept escalations' messages were delivered 20 and 500 days ago, before the 7-day window: purged too
        assertThat(count("esc_outbox")).isZero();
        // Which purge deletes an old escalation's messages depends on the interleaving: the escalation purge (with
        // the escalation, not counted as messages) or, when one instance has moved on to delivered messages while
        // the other still purges escalations, the delivered-message purge (counted). So the reports are checked
        // against what the database deleted: every message exactly once, and the messages the delivered-message
        // purge deleted are the sum of both reports; the kept escalations' 400 are always among them.
        assertThat(count("retention_deleted")).as("outbox rows deleted").isEqualTo(messages);
        assertThat(count("(SELECT DISTINCT seq FROM retention_deleted) d"))
                .as("distinct outbox rows deleted (each exactly once)")
                .isEqualTo(messages);
        assertThat(first.messages() + second.messages())
                .as(
                        "delivered messages purged, summed over both reports (%d + %d)",
                        first.messages(), second.messages())
                .isEqualTo(count("retention_deleted WHERE by_delivered_purge"));
        assertThat(count("retention_deleted WHERE by_delivered_purge AND escalation_id NOT LIKE 'old-%'"))
                .as("messages of the kept escalations, purged as delivered messages")
                .isEqualTo(400);
        assertThat(count("retention_deleted WHERE NOT by_delivered_purge AND escalation_id NOT LIKE 'old-%'"))
                .as("messages of kept escalations deleted with an escalation")
                .isZero();
    }

    /**
     * Logs every deleted outbox row with whether the delivered-message purge deleted it (its statement) or the
     * escalation purge did (with its escalation): a row trigger of this test's schema.
     */
    private void logOutboxDeletes() throws SQLException {
        try (Connection c = pool.getConnection();
                Statement s = c.createStatement()) {
            String schema;
            try (ResultSet rs = s.executeQuery("SELECT current_schema()")) {
                rs.next();
                schema = "\"" + rs.getString(1) + "\"";
            }
            s.execute("CREATE TABLE " + schema + ".retention_deleted (seq BIGINT NOT NULL, escalation_id VARCHAR(200)"
                    + " NOT NULL, by_delivered_purge BOOLEAN NOT NULL)");
            s.execute("CREATE FUNCTION " + schema + ".log_outbox_delete() RETURNS trigger LANGUAGE plpgsql AS $$"
                    + " BEGIN INSERT INTO " + schema + ".retention_deleted VALUES (OLD.seq, OLD.escalation_id,"
                    + " current_query() LIKE 'DELETE FROM esc_outbox WHERE seq IN%'); RETURN OLD; END $$");
            s.execute("CREATE TRIGGER log_outbox_delete AFTER DELETE ON " + schema + ".esc_outbox FOR EACH ROW"
                    + " EXECUTE FUNCTION " + schema + ".log_outbox_delete()");
            if (!c.getAutoCommit()) {
                c.commit();
            }
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private long count(String from) throws SQLException {
        try (Connection c = pool.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + from)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
