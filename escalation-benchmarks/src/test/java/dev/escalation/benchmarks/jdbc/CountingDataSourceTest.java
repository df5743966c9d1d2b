package dev.escalation.benchmarks.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link CountingDataSource} on H2, used as the JDBC store uses it: one checkout per transaction, statements prepared
 * through the checkout or kept with the unwrapped physical connection. Each checkout is a transaction; it is a write
 * transaction when it prepared a writing text, or committed changes made by a statement on the physical connection,
 * which is handed out unwrapped (no statement is wrapped).
 */
class CountingDataSourceTest {
    private HikariDataSource pool;
    private CountingDataSource counting;

    @BeforeEach
    void database() throws SQLException {
        pool = Databases.h2Pool(Databases.newH2Url("counting"), 1, "counting");
        counting = new CountingDataSource(pool);
        try (Connection c = pool.getConnection();
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE counted (id INT PRIMARY KEY, n INT)");
            s.execute("INSERT INTO counted VALUES (1, 0)");
        }
    }

    @AfterEach
    void close() {
        pool.close();
    }

    /** One transaction as the store runs it: {@code sql} on the physical connection, then a commit. */
    private void onPhysical(String sql) throws SQLException {
        try (Connection c = counting.getConnection()) {
            c.setAutoCommit(false);
            Connection physical = c.unwrap(Connection.class);
            assertThat(Proxy.isProxyClass(physical.getClass()))
                    .as("the physical connection is handed out as it is")
                    .isFalse();
            try (PreparedStatement ps = physical.prepareStatement(sql)) {
                assertThat(Proxy.isProxyClass(ps.getClass())).isFalse();
                ps.execute();
            }
            c.commit();
            c.setAutoCommit(true);
        }
    }

    @Test
    void aTransactionWhoseStatementOnThePhysicalConnectionWroteIsAWriteTransaction() throws SQLException {
        CountingDataSource.Counts k = counting.mine();
        onPhysical("UPDATE counted SET n = n + 1 WHERE id = 1");
        assertThat(k.transactions).isEqualTo(1);
        assertThat(k.commits).isEqualTo(1);
        assertThat(k.writeTransactions).isEqualTo(1);
    }

    @Test
    void aTransactionThatOnlyReadOnThePhysicalConnectionIsNotAWriteTransaction() throws SQLException {
        CountingDataSource.Counts k = counting.mine();
        onPhysical("SELECT n FROM counted WHERE id = 1");
        assertThat(k.transactions).isEqualTo(1);
        assertThat(k.writeTransactions).isZero();
    }

    @Test
    void aWritingTextPreparedThroughTheCheckoutMakesAWriteTransactionAlsoInAutoCommit() throws SQLException {
        CountingDataSource.Counts k = counting.mine();
        try (Connection c = counting.getConnection();
                PreparedStatement ps = c.prepareStatement("UPDATE counted SET n = n + 1 WHERE id = 1")) {
            ps.executeUpdate();
        }
        try (Connection c = counting.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT n FROM counted FOR UPDATE")) {
            ps.executeQuery().close();
        }
        assertThat(k.transactions).isEqualTo(2);
        assertThat(k.writeTransactions).isEqualTo(1);
        assertThat(k.commits).isZero();
    }
}
