package dev.escalation.jdbc;

import static dev.escalation.jdbc.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.spi.ClaimedMessage;
import dev.escalation.spi.DeliveryOutcome;
import dev.escalation.spi.OutboxMessage;
import dev.escalation.spi.StoredEscalation;
import dev.escalation.spi.UnitOfWork;
import dev.escalation.test.Records;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The H2 claim's race (V16): a claim reads its candidates, another claim leases one of them and commits, and only then
 * does the first claim's lease {@code MERGE} run. The merge must leave the other claim's live lease alone, and the
 * first claim must hand out neither that message nor the younger members of its chain (their leases let go again),
 * while it keeps what it leased of other chains. A concurrent run hits this window rarely, so the test opens it
 * deterministically: a data source runs the other claim's lease, committed on a connection of its own, just before the
 * first claim's merge executes.
 */
class H2OutboxLeaseRaceTest extends StoreTestSupport {
    private static final Duration MINUTE = Duration.ofMinutes(1);

    @Override
    protected TestDatabase openDatabase() {
        return TestDatabase.h2();
    }

    /** Runs {@link #beforeMerge} (once) when the store executes its lease merge; kept statements included. */
    private final AtomicReference<Runnable> beforeMerge = new AtomicReference<>();

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
                            if (m.getName().equals("prepareStatement") && JdbcOutbox.H2_LEASE.equals(args[0])) {
                                return merge((PreparedStatement) result);
                            }
                            return result;
                        });
            }
        };
    }

    private PreparedStatement merge(PreparedStatement statement) {
        return (PreparedStatement) Proxy.newProxyInstance(
                PreparedStatement.class.getClassLoader(),
                new Class<?>[] {PreparedStatement.class},
                (proxy, m, args) -> {
                    if (m.getName().equals("executeUpdate")) {
                        Runnable r = beforeMerge.getAndSet(null);
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
    void aMessageLeasedByAnotherClaimBeforeTheMergeIsLeftWithTheYoungerMembersOfItsChain() {
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
        beforeMerge.set(() -> leaseByAnotherClaim(first));

        List<ClaimedMessage> mine = racingStore.outbox().claim("w1", T0.plusSeconds(1), MINUTE, 10);

        assertThat(beforeMerge.get()).as("the merge ran").isNull();
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
        try (Connection c = pool.getConnection();
                Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE esc_outbox_lease SET lease_until = lease_until - 7200");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        assertThat(racingStore.outbox().claim("w2", T0.plusSeconds(1), MINUTE, 10))
                .extracting(ClaimedMessage::message)
                .containsExactly(m1, m2);
    }
}
