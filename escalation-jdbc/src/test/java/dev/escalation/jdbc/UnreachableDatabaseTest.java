package dev.escalation.jdbc;

import static dev.escalation.jdbc.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.escalation.model.EscalationId;
import dev.escalation.model.PageRequest;
import dev.escalation.spi.UnavailableException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/** A database that cannot be reached makes every call fail with the retryable UnavailableException. */
class UnreachableDatabaseTest {

    private static void assertUnavailable(DataSource dataSource) {
        JdbcEscalationStore store = JdbcEscalationStore.builder(dataSource)
                .queryTimeout(Duration.ofSeconds(2))
                .build();
        assertThatThrownBy(() -> store.create(Fixtures.creation(Fixtures.raised("acme", "E-1", "C-1", T0))))
                .isInstanceOf(UnavailableException.class);
        assertThatThrownBy(() -> store.findForVendor(EscalationId.of("E-1"))).isInstanceOf(UnavailableException.class);
        assertThatThrownBy(() -> store.changeForVendor(EscalationId.of("E-1"), current -> {
                    throw new AssertionError("decide must not run");
                }))
                .isInstanceOf(UnavailableException.class);
        assertThatThrownBy(() -> store.changesSince("", 10)).isInstanceOf(UnavailableException.class);
        assertThatThrownBy(() -> store.outbox().claim("me", T0, Duration.ofMinutes(1), 10))
                .isInstanceOf(UnavailableException.class);
        assertThatThrownBy(() -> store.dueWork().due(T0, 10)).isInstanceOf(UnavailableException.class);
        assertThatThrownBy(() -> store.outbox().deadLetters(PageRequest.first(10)))
                .isInstanceOf(UnavailableException.class);
    }

    @Test
    void anUnreachableH2ServerIsUnavailable() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:tcp://127.0.0.1:1/nowhere");
        assertUnavailable(h2);
    }

    @Test
    void anUnreachablePostgresqlServerIsUnavailable() {
        PGSimpleDataSource pg = new PGSimpleDataSource();
        pg.setServerNames(new String[] {"127.0.0.1"});
        pg.setPortNumbers(new int[] {1});
        pg.setDatabaseName("nowhere");
        pg.setConnectTimeout(2);
        assertUnavailable(pg);
    }

    @Test
    void subjectKeysAndAnchorsOnAnUnreachableDatabaseAreUnavailable() {
        PGSimpleDataSource pg = new PGSimpleDataSource();
        pg.setServerNames(new String[] {"127.0.0.1"});
        pg.setPortNumbers(new int[] {1});
        pg.setDatabaseName("nowhere");
        pg.setConnectTimeout(2);
        JdbcSubjectKeys keys = new JdbcSubjectKeys(pg, Duration.ofSeconds(1));
        dev.escalation.spi.PartyRef ina =
                new dev.escalation.spi.PartyRef(dev.escalation.model.Party.Kind.CONTACT, "ina");
        assertThatThrownBy(() -> keys.keyOf(ina)).isInstanceOf(UnavailableException.class);
        assertThatThrownBy(() -> keys.existingKey(ina)).isInstanceOf(UnavailableException.class);
        assertThatThrownBy(() -> keys.shred(ina)).isInstanceOf(UnavailableException.class);
        JdbcAuditAnchors anchors = new JdbcAuditAnchors(pg, Duration.ofSeconds(1));
        assertThatThrownBy(() -> anchors.latest(EscalationId.of("E-1"))).isInstanceOf(UnavailableException.class);
    }

    @Test
    void theQueryTimeoutOfKeysAndAnchorsIsCheckedAsTheStores() {
        DataSource any = new JdbcDataSource();
        assertThatThrownBy(() -> new JdbcSubjectKeys(any, Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("queryTimeout");
        assertThatThrownBy(() -> new JdbcAuditAnchors(any, Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("queryTimeout");
        assertThatThrownBy(() -> new JdbcSubjectKeys(any, null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new JdbcAuditAnchors(null, Duration.ZERO)).isInstanceOf(NullPointerException.class);
        assertThat(new JdbcSubjectKeys(any, Duration.ZERO).dataSource()).isSameAs(any);
    }

    @Test
    void connectionAndTransientFailuresAreUnavailableOthersAreNot() {
        assertThat(SqlErrors.translate("x", new SQLTransientConnectionException("pool exhausted")))
                .isInstanceOf(UnavailableException.class);
        assertThat(SqlErrors.translate("x", new SQLException("connection reset", "08006")))
                .isInstanceOf(UnavailableException.class);
        assertThat(SqlErrors.translate("x", new SQLException("deadlock", "40P01")))
                .isInstanceOf(UnavailableException.class);
        assertThat(SqlErrors.translate("x", new SQLException("lock timeout", "55P03")))
                .isInstanceOf(UnavailableException.class);
        assertThat(SqlErrors.translate("x", new SQLException("idle in transaction timeout", "25P03")))
                .isInstanceOf(UnavailableException.class);
        assertThat(SqlErrors.isConnectionLost(new SQLException("idle in transaction timeout", "25P03")))
                .isTrue();
        assertThat(SqlErrors.translate("x", new SQLException("transaction timeout", "25P04")))
                .isInstanceOf(UnavailableException.class);
        assertThat(SqlErrors.isConnectionLost(new SQLException("transaction timeout", "25P04")))
                .isTrue();
        assertThat(SqlErrors.translate("x", new SQLException("no such table", "42P01")))
                .isInstanceOf(IllegalStateException.class);
    }
}
