package dev.escalation.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link Db#kept}: on H2 a reading statement is prepared once per physical connection (under the pool's proxy), runs
 * in the caller's transaction, survives failures and pool turnover, and the statements of closed connections are
 * forgotten.
 */
class H2KeptStatementsTest {
    private static final String READ = "SELECT v FROM kept_t WHERE id = ? FOR UPDATE";

    private String url;
    private HikariDataSource pool;

    @BeforeEach
    void open() throws SQLException {
        url = "jdbc:h2:mem:kept-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setMaximumPoolSize(1);
        pool = new HikariDataSource(config);
        try (Connection c = pool.getConnection();
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE kept_t (id INT PRIMARY KEY, v VARCHAR(10))");
            s.execute("INSERT INTO kept_t VALUES (1, 'one')");
        }
    }

    @AfterEach
    void close() {
        pool.close();
    }

    private static String read(Db db, Connection c, int id) throws SQLException {
        PreparedStatement ps = db.kept(c, READ);
        try {
            ps.setInt(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } finally {
            db.closeUnlessKept(ps);
        }
    }

    private static String readIn(Db db, int id) {
        return db.<String>inTransaction("read", c -> read(db, c, id));
    }

    @Test
    void aKeptStatementIsPreparedOncePerPhysicalConnectionAndRunsInTheCallersTransaction() {
        Db db = new Db(pool, Duration.ofSeconds(30));
        PreparedStatement[] first = new PreparedStatement[1];
        db.inTransaction("first", c -> {
            first[0] = db.kept(c, READ);
            return null;
        });
        PreparedStatement again = db.inTransaction("again", c -> db.kept(c, READ));
        assertThat(again).isSameAs(first[0]); // the pool gave the same physical connection back
        assertThat(db.keptConnections()).isEqualTo(1);

        // it sees the transaction's own uncommitted row, and the row is gone after the rollback
        assertThatThrownBy(() -> db.inTransaction("rolled back", c -> {
                    try (PreparedStatement insert = c.prepareStatement("INSERT INTO kept_t VALUES (2, 'two')")) {
                        insert.executeUpdate();
                    }
                    assertThat(read(db, c, 2)).isEqualTo("two");
                    throw new IllegalStateException("roll back");
                }))
                .isInstanceOf(IllegalStateException.class);
        assertThat(readIn(db, 2)).isNull();
        assertThat(readIn(db, 1)).isEqualTo("one");
    }

    @Test
    void aKeptStatementWorksAgainAfterAFailedUseAndAfterThePoolReplacedItsConnection() throws SQLException {
        Db db = new Db(pool, Duration.ofSeconds(30));
        assertThat(readIn(db, 1)).isEqualTo("one");
        // a use that fails before it runs (a parameter left unbound): the next use binds it again
        assertThatThrownBy(() -> db.inTransaction("unbound", c -> {
                    PreparedStatement ps = db.kept(c, READ);
                    ps.clearParameters();
                    return ps.executeQuery();
                }))
                .isInstanceOf(RuntimeException.class);
        assertThat(readIn(db, 1)).isEqualTo("one");

        // the pool closes its connection and opens another one: a new statement on the new connection
        pool.getHikariPoolMXBean().softEvictConnections();
        assertThat(readIn(db, 1)).isEqualTo("one");
        assertThat(readIn(db, 1)).isEqualTo("one");
    }

    @Test
    void theStatementsOfClosedConnectionsAreForgotten() {
        // no pool: every transaction has a physical connection of its own, closed afterwards
        JdbcDataSource unpooled = new JdbcDataSource();
        unpooled.setURL(url);
        Db db = new Db(unpooled, Duration.ofSeconds(30));
        for (int i = 0; i < 200; i++) {
            assertThat(readIn(db, 1)).isEqualTo("one");
            assertThat(db.keptConnections()).isBetween(1, 32);
        }
    }
}
