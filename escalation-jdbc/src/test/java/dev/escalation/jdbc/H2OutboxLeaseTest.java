package dev.escalation.jdbc;

import static dev.escalation.jdbc.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.spi.ClaimedMessage;
import dev.escalation.spi.DeliveryOutcome;
import dev.escalation.spi.OutboxCounts;
import dev.escalation.spi.OutboxMessage;
import dev.escalation.spi.StoredEscalation;
import dev.escalation.spi.UnitOfWork;
import dev.escalation.test.Records;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * H2's leases in {@code esc_outbox_lease} (V16): leases are in database time, so the contract kit does not check their
 * expiry (rule O2b); here a lease is made to end by moving its end into the past, and a superseded claim's outcomes of
 * every kind are refused. The outbox row itself carries no lease on H2.
 */
class H2OutboxLeaseTest extends StoreTestSupport {
    private static final Duration MINUTE = Duration.ofMinutes(1);

    @Override
    protected TestDatabase openDatabase() {
        return TestDatabase.h2();
    }

    private StoredEscalation escalation(String id) {
        StoredEscalation r = Fixtures.raised("acme", id, "C-" + id, T0);
        store.create(Fixtures.creation(r));
        return r;
    }

    private void queue(StoredEscalation r, OutboxMessage... messages) {
        store.changeForVendor(
                r.id(),
                current -> UnitOfWork.Decision.write(
                        Records.change(current).messages(List.of(messages)).build(), 0));
    }

    private long count(String sql) throws SQLException {
        try (Connection c = pool.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private void expireLeases() throws SQLException {
        try (Connection c = pool.getConnection();
                Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE esc_outbox_lease SET lease_until = lease_until - 3600");
        }
    }

    private static DeliveryOutcome delivered(ClaimedMessage c) {
        return new DeliveryOutcome.Delivered(c, Optional.empty());
    }

    @Test
    void aLeaseIsARowOfTheLeaseTableUntilTheFinishAndTheOutboxRowKeepsNoLease() throws SQLException {
        StoredEscalation r = escalation("E-1");
        queue(r, Fixtures.message("acme", Fixtures.notification(r.id(), "k1"), T0));
        List<ClaimedMessage> mine = store.outbox().claim("w1", T0, MINUTE, 10);
        assertThat(mine).hasSize(1);
        assertThat(count("SELECT COUNT(*) FROM esc_outbox_lease l JOIN esc_outbox m ON m.seq = l.seq "
                        + "WHERE l.claimed_by = 'w1' AND l.claim_token = '"
                        + mine.get(0).claimToken() + "'"))
                .isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM esc_outbox WHERE claim_token IS NOT NULL OR claimed_by IS NOT NULL "
                        + "OR lease_until IS NOT NULL"))
                .isZero();
        assertThat(store.outbox().claim("w2", T0.plusSeconds(30), MINUTE, 10)).isEmpty();
        assertThat(store.outbox().finish(List.of(delivered(mine.get(0))), T0)).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM esc_outbox_lease")).isZero();
        assertThat(store.outbox().counts()).isEqualTo(new OutboxCounts(0, 0, Optional.empty()));
    }

    @Test
    void everyLeaseOfAClaimEndsOneLeaseAfterTheDatabasesClockAtTheClaim() throws SQLException {
        StoredEscalation r = escalation("E-1");
        queue(
                r,
                Fixtures.message("acme", Fixtures.notification(r.id(), "k1"), T0),
                Fixtures.message("acme", Fixtures.notification(r.id(), "k2"), T0),
                Fixtures.message("acme", Fixtures.notification(r.id(), "k3"), T0));
        BigDecimal before = databaseEpoch();
        List<ClaimedMessage> mine = store.outbox().claim("w1", T0, MINUTE, 10);
        BigDecimal after = databaseEpoch();
        assertThat(mine).hasSize(3);
        List<BigDecimal> ends = new ArrayList<>();
        try (Connection c = pool.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT lease_until FROM esc_outbox_lease ORDER BY seq")) {
            while (rs.next()) {
                ends.add(rs.getBigDecimal(1));
            }
        }
        // one reading of the clock for the whole claim: the three ends are one instant, within the claim's span
        assertThat(ends).hasSize(3).containsOnly(ends.get(0));
        assertThat(ends.get(0)).isBetween(before.add(BigDecimal.valueOf(60)), after.add(BigDecimal.valueOf(60)));
    }

    /**
     * The lease merge reads the database's clock once: H2 joins the one-row table of the clock as the outer side, so
     * {@code EXTRACT(EPOCH ...)} (a {@code BigDecimal} division) is not evaluated for every leased message.
     */
    @Test
    void theLeaseMergeReadsTheClockOnceAsTheOuterSideOfItsJoin() throws SQLException {
        String plan;
        try (Connection c = pool.getConnection();
                PreparedStatement ps = c.prepareStatement("EXPLAIN " + JdbcOutbox.H2_LEASE)) {
            ps.setArray(1, c.createArrayOf("BIGINT", new Long[] {1L, 2L, 3L}));
            for (int i = 2; i <= 7; i++) {
                ps.setObject(i, i == 4 || i == 7 ? BigDecimal.ONE : "x");
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                plan = rs.getString(1);
            }
        }
        // the optimised plan is the comment after the source; its FROM lists the tables in join order
        String chosen = plan.substring(plan.indexOf("/* SELECT"));
        assertThat(chosen.indexOf("EXTRACT(EPOCH FROM CURRENT_TIMESTAMP)"))
                .as(plan)
                .isNotNegative()
                .isLessThan(chosen.indexOf("UNNEST("));
    }

    private BigDecimal databaseEpoch() throws SQLException {
        try (Connection c = pool.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT " + Db.EPOCH_NOW)) {
            rs.next();
            return rs.getBigDecimal(1);
        }
    }

    @Test
    void anExpiredLeaseIsTakenOverAndEveryOutcomeOfTheSupersededClaimIsRefused() throws SQLException {
        StoredEscalation r = escalation("E-1");
        OutboxMessage m = Fixtures.message("acme", Fixtures.notification(r.id(), "k1"), T0);
        queue(r, m);
        ClaimedMessage old = store.outbox().claim("w1", T0, MINUTE, 10).get(0);
        assertThat(store.outbox().claim("w2", T0, MINUTE, 10))
                .as("the lease holds")
                .isEmpty();

        expireLeases();
        List<ClaimedMessage> again = store.outbox().claim("w2", T0, MINUTE, 10);
        assertThat(again).hasSize(1);
        ClaimedMessage current = again.get(0);
        assertThat(current.message()).isEqualTo(m);
        assertThat(current.claimToken()).isNotEqualTo(old.claimToken());
        assertThat(count("SELECT COUNT(*) FROM esc_outbox_lease WHERE claimed_by = 'w2'"))
                .isEqualTo(1);

        for (DeliveryOutcome stale : List.of(
                delivered(old),
                new DeliveryOutcome.Retry(old, T0.plusSeconds(60), "late"),
                new DeliveryOutcome.DeadLetter(old, "PERMANENT", "late"),
                new DeliveryOutcome.Released(old))) {
            assertThat(store.outbox().finish(List.of(stale), T0))
                    .as("an outcome of the superseded claim: "
                            + stale.getClass().getSimpleName())
                    .isZero();
        }
        assertThat(store.outbox().counts()).isEqualTo(new OutboxCounts(1, 0, Optional.of(T0)));
        assertThat(store.outbox().claim("w3", T0, MINUTE, 10))
                .as("w2's lease still holds")
                .isEmpty();
        assertThat(store.outbox().finish(List.of(delivered(current)), T0)).isEqualTo(1);
        assertThat(store.outbox().counts().pending()).isZero();
        assertThat(count("SELECT COUNT(*) FROM esc_outbox_lease")).isZero();
    }

    @Test
    void theHolderOfAnExpiredLeaseNobodyTookOverStillFinishesIt() throws SQLException {
        StoredEscalation r = escalation("E-1");
        queue(
                r,
                Fixtures.message("acme", Fixtures.notification(r.id(), "k1"), T0),
                Fixtures.message("acme", Fixtures.notification(r.id(), "k2", Fixtures.contact("x")), T0),
                Fixtures.message("acme", Fixtures.notification(r.id(), "k3", Fixtures.contact("y")), T0),
                Fixtures.message("acme", Fixtures.notification(r.id(), "k4", Fixtures.contact("z")), T0));
        List<ClaimedMessage> mine = store.outbox().claim("w1", T0, MINUTE, 10);
        assertThat(mine).hasSize(4);
        expireLeases();
        List<DeliveryOutcome> outcomes = new ArrayList<>();
        outcomes.add(delivered(mine.get(0)));
        outcomes.add(new DeliveryOutcome.Retry(mine.get(1), T0.plusSeconds(60), "busy"));
        outcomes.add(new DeliveryOutcome.DeadLetter(mine.get(2), "PERMANENT", "gone"));
        outcomes.add(new DeliveryOutcome.Released(mine.get(3)));
        assertThat(store.outbox().finish(outcomes, T0)).isEqualTo(4);
        assertThat(count("SELECT COUNT(*) FROM esc_outbox_lease")).isZero();
        assertThat(store.outbox().counts()).isEqualTo(new OutboxCounts(2, 1, Optional.of(T0)));
        // the released one is claimable at once, the retried one at its next attempt
        assertThat(store.outbox().claim("w2", T0, MINUTE, 10)).hasSize(1);
        assertThat(store.outbox().claim("w3", T0.plusSeconds(60), MINUTE, 10)).hasSize(1);
    }

    @Test
    void aLiveLeaseOfAnOlderChainMemberHoldsBackTheYoungerOnesUntilItExpires() throws SQLException {
        StoredEscalation r = escalation("E-1");
        OutboxMessage first = Fixtures.message("acme", Fixtures.notification(r.id(), "k1"), T0);
        OutboxMessage second = Fixtures.message("acme", Fixtures.notification(r.id(), "k2"), T0.plusSeconds(1));
        queue(r, first, second);
        List<ClaimedMessage> one = store.outbox().claim("w1", T0, MINUTE, 1);
        assertThat(one).extracting(ClaimedMessage::message).containsExactly(first);
        assertThat(store.outbox().claim("w2", T0.plusSeconds(1), MINUTE, 10))
                .as("the chain's older member is leased")
                .isEmpty();
        expireLeases();
        assertThat(store.outbox().claim("w2", T0.plusSeconds(1), MINUTE, 10))
                .extracting(ClaimedMessage::message)
                .containsExactly(first, second);
    }

    @Test
    void claimantsRacingForLeasesThatEndAtOnceLoseNothingAndEachMessageIsFinishedOnce() throws Exception {
        int escalations = 20;
        int perChain = 5;
        for (int e = 0; e < escalations; e++) {
            StoredEscalation r = escalation(String.format(Locale.ROOT, "E-%02d", e));
            List<OutboxMessage> chain = new ArrayList<>();
            for (int k = 0; k < perChain; k++) {
                chain.add(Fixtures.message("acme", Fixtures.notification(r.id(), "k" + e + "-" + k), T0.plusMillis(k)));
            }
            queue(r, chain.toArray(new OutboxMessage[0]));
        }
        int all = escalations * perChain;
        // leases of a millisecond: claims keep taking over leases whose holder has not finished yet
        Duration instant = Duration.ofMillis(1);
        AtomicInteger accepted = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                String claimant = "w" + t;
                runs.add(threads.submit(() -> {
                    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                    while (accepted.get() < all && System.nanoTime() < end) {
                        List<ClaimedMessage> batch = store.outbox().claim(claimant, T0.plusSeconds(1), instant, 3);
                        if (!batch.isEmpty()) {
                            accepted.addAndGet(store.outbox()
                                    .finish(
                                            batch.stream()
                                                    .map(H2OutboxLeaseTest::delivered)
                                                    .toList(),
                                            T0.plusSeconds(1)));
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> run : runs) {
                run.get(90, TimeUnit.SECONDS); // a failed claim or finish (deadlock, duplicate key) fails the test
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(accepted.get()).as("finishes accepted: one per message").isEqualTo(all);
        assertThat(store.outbox().counts()).isEqualTo(new OutboxCounts(0, 0, Optional.empty()));
        assertThat(count("SELECT COUNT(*) FROM esc_outbox_lease")).isZero();
    }

    /*
     * The claim's race: a claim reads its candidates, another claim leases one of them and commits, and only then
     * does the first claim's lease MERGE run. A concurrent run hits this window rarely, so the test below opens it
     * deterministically: a data source runs the other claim's lease, committed on a connection of its own, just
     * before the first claim's merge executes.
     */

    /** What runs (once) just before the store executes a statement of the given text; kept statements included. */
    private final Map<String, Runnable> before = new ConcurrentHashMap<>();

    private DataSource racing(DataSource pool) {
        return new WrappingDataSource(pool) {
            @Override
            Connection wrap(Connection connection) {
                return (Connection) Proxy.newProxyInstance(
                        Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, (proxy, m, args) -> {
                            if (m.getName().equals("unwrap")) {
                                // no physical connection: the store keeps its statements with this wrapper
                                throw new SQLException("not unwrapped in this test");
                            }
                            Object result = call(connection, m, args);
                            if (m.getName().equals("prepareStatement")) {
                                return hooked((PreparedStatement) result, (String) args[0]);
                            }
                            return result;
                        });
            }
        };
    }

    private PreparedStatement hooked(PreparedStatement statement, String sql) {
        return (PreparedStatement) Proxy.newProxyInstance(
                PreparedStatement.class.getClassLoader(),
                new Class<?>[] {PreparedStatement.class},
                (proxy, m, args) -> {
                    if (m.getName().startsWith("execute")) {
                        Runnable r = before.remove(sql);
                        if (r != null) {
                            r.run();
                        }
                    }
                    return call(statement, m, args);
                });
    }

    private static Object call(Object target, Method m, Object[] args) throws Throwable {
        try {
            return m.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private List<String> rows(String sql) {
        List<String> rows = new ArrayList<>();
        try (Connection c = pool.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return rows;
    }

    private long seqOf(OutboxMessage m) {
        return Long.parseLong(rows("SELECT seq FROM esc_outbox WHERE message_id = '" + m.id().value() + "'")
                .get(0));
    }

    private void leaseByAnotherClaim(long seq) {
        try (Connection c = pool.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO esc_outbox_lease (seq, claim_token, claimed_by, lease_until) VALUES (?, "
                                + "'other#1', 'other', " + Db.EPOCH_NOW + " + 3600)")) {
            ps.setLong(1, seq);
            ps.executeUpdate();
            if (!c.getAutoCommit()) {
                c.commit();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aMessageLeasedByAnotherClaimBeforeTheMergeIsLeftWithTheYoungerMembersOfItsChain() throws SQLException {
        StoredEscalation e1 = escalation("E-1");
        StoredEscalation e2 = escalation("E-2");
        OutboxMessage m1 = Fixtures.message("acme", Fixtures.notification(e1.id(), "m1"), T0);
        OutboxMessage m2 = Fixtures.message("acme", Fixtures.notification(e1.id(), "m2"), T0.plusSeconds(1));
        OutboxMessage n1 = Fixtures.message("acme", Fixtures.notification(e2.id(), "n1"), T0);
        queue(e1, m1, m2);
        queue(e2, n1);
        long first = seqOf(m1);
        JdbcEscalationStore racingStore =
                JdbcEscalationStore.builder(racing(pool)).build();
        before.put(JdbcOutbox.H2_LEASE, () -> leaseByAnotherClaim(first));

        List<ClaimedMessage> mine = racingStore.outbox().claim("w1", T0.plusSeconds(1), MINUTE, 10);

        assertThat(before).as("the merge ran").isEmpty();
        assertThat(mine).extracting(ClaimedMessage::message).containsExactly(n1);
        assertThat(rows("SELECT claimed_by || ':' || seq FROM esc_outbox_lease ORDER BY seq"))
                .as("the other claim keeps its lease; m2's lease was let go; n1 is w1's")
                .containsExactly("other:" + first, "w1:" + seqOf(n1));

        assertThat(racingStore
                        .outbox()
                        .finish(
                                List.of(new DeliveryOutcome.Delivered(mine.get(0), Optional.empty())),
                                T0.plusSeconds(1)))
                .isEqualTo(1);
        assertThat(racingStore.outbox().claim("w2", T0.plusSeconds(1), MINUTE, 10))
                .as("m1 is the other claim's, m2 waits behind it")
                .isEmpty();
        expireLeases();
        assertThat(racingStore.outbox().claim("w2", T0.plusSeconds(1), MINUTE, 10))
                .extracting(ClaimedMessage::message)
                .containsExactly(m1, m2);
    }

    /**
     * The finish's side of the race: between the finish's update (which checked the lease) and the delete of its
     * lease, the lease row shows another claim's token (a take-over committed before the update locked the outbox
     * row). The message must not stay done: it goes back to pending, the finish records nothing, the other claim keeps
     * its lease.
     */
    @Test
    void aFinishThatFindsItsLeaseTakenOverPutsTheMessageBackAndRecordsNothing() {
        StoredEscalation r = escalation("E-1");
        OutboxMessage m = Fixtures.message("acme", Fixtures.notification(r.id(), "k1"), T0);
        queue(r, m);
        long seq = seqOf(m);
        JdbcEscalationStore racingStore =
                JdbcEscalationStore.builder(racing(pool)).build();
        ClaimedMessage mine = racingStore.outbox().claim("w1", T0, MINUTE, 10).get(0);
        before.put(JdbcOutbox.H2_UNLEASE, () -> takeOver(seq));

        assertThat(racingStore.outbox().finish(List.of(delivered(mine)), T0)).isZero();

        assertThat(before).as("the delete ran").isEmpty();
        assertThat(rows("SELECT status FROM esc_outbox")).containsExactly("PENDING");
        assertThat(rows("SELECT claimed_by FROM esc_outbox_lease")).containsExactly("other");
        assertThat(store.outbox().counts()).isEqualTo(new OutboxCounts(1, 0, Optional.of(T0)));
    }

    private void takeOver(long seq) {
        try (Connection c = pool.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "UPDATE esc_outbox_lease SET claim_token = 'other#2', claimed_by = 'other' WHERE seq = ?")) {
            ps.setLong(1, seq);
            assertThat(ps.executeUpdate()).isEqualTo(1);
            if (!c.getAutoCommit()) {
                c.commit();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
