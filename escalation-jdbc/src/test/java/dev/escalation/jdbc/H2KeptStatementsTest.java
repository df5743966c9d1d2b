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
 * {@link Db#kept}: on H2 a statement is prepared once per physical connection (under the pool's proxy), runs in the
 * caller's transaction, survives failures and pool turnover, carries nothing of one use over to the next, is prepared
 * again for a nested use of its text or past the cap on texts, and the statements of closed connections are forgotten.
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
        try (Db.Kept kept = db.kept(c, READ)) {
            PreparedStatement ps = kept.statement();
            ps.setInt(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    /** The statement {@link Db#kept} hands out for {@code sql}, given back at once. */
    private static PreparedStatement keptOnce(Db db, Connection c, String sql) throws SQLException {
        try (Db.Kept kept = db.kept(c, sql)) {
            assertThat(kept.stays()).isTrue();
            return kept.statement();
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
            first[0] = keptOnce(db, c, READ);
            return null;
        });
        PreparedStatement again = db.inTransaction("again", c -> keptOnce(db, c, READ));
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
                    try (Db.Kept kept = db.kept(c, READ)) {
                        kept.statement().clearParameters();
                        return kept.statement().executeQuery();
                    }
                }))
                .isInstanceOf(RuntimeException.class);
        assertThat(readIn(db, 1)).isEqualTo("one");

        // the pool closes its connection and opens another one: a new statement on the new connection
        pool.getHikariPoolMXBean().softEvictConnections();
        assertThat(readIn(db, 1)).isEqualTo("one");
        assertThat(readIn(db, 1)).isEqualTo("one");
    }

    @Test
    void aUseThatEndsEarlyLeavesNeitherItsBatchNorItsParametersToTheNext() {
        Db db = new Db(pool, Duration.ofSeconds(30));
        String insert = "INSERT INTO kept_t VALUES (?, ?)";
        // a batch of one row and bound parameters, given back unrun (the use failed between binding and running)
        assertThatThrownBy(() -> db.inTransaction("abandoned", c -> {
                    try (Db.Kept kept = db.kept(c, insert)) {
                        kept.statement().setInt(1, 7);
                        kept.statement().setString(2, "seven");
                        kept.statement().addBatch();
                        kept.statement().setInt(1, 8);
                        kept.statement().setString(2, "eight");
                        throw new IllegalStateException("failed before the batch ran");
                    }
                }))
                .isInstanceOf(IllegalStateException.class);
        // the next use runs only what it added itself, and a parameter it leaves unbound is not the old one
        int[] counts = db.inTransaction("next", c -> {
            try (Db.Kept kept = db.kept(c, insert)) {
                kept.statement().setInt(1, 9);
                kept.statement().setString(2, "nine");
                kept.statement().addBatch();
                return kept.statement().executeBatch();
            }
        });
        assertThat(counts).containsExactly(1);
        assertThatThrownBy(() -> db.inTransaction("unbound", c -> {
                    try (Db.Kept kept = db.kept(c, insert)) {
                        kept.statement().setInt(1, 10);
                        return kept.statement().executeUpdate();
                    }
                }))
                .isInstanceOf(RuntimeException.class);
        assertThat(readIn(db, 7)).isNull();
        assertThat(readIn(db, 8)).isNull();
        assertThat(readIn(db, 9)).isEqualTo("nine");
        assertThat(readIn(db, 10)).isNull();
    }

    @Test
    void aTextInUseIsPreparedAgainForANestedUseOnly() {
        Db db = new Db(pool, Duration.ofSeconds(30));
        db.inTransaction("nested", c -> {
            try (Db.Kept outer = db.kept(c, READ)) {
                outer.statement().setInt(1, 1);
                try (ResultSet rs = outer.statement().executeQuery()) {
                    PreparedStatement inner;
                    try (Db.Kept nested = db.kept(c, READ)) {
                        assertThat(nested.stays()).isFalse();
                        inner = nested.statement();
                        assertThat(inner).isNotSameAs(outer.statement());
                        inner.setInt(1, 1);
                        try (ResultSet again = inner.executeQuery()) {
                            assertThat(again.next()).isTrue();
                            assertThat(again.getString(1)).isEqualTo("one");
                        }
                    }
                    assertThat(inner.isClosed()).isTrue();
                    // the outer use's result is untouched by the nested one
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString(1)).isEqualTo("one");
                }
            }
            return null;
        });
        // given back: the next use has the kept statement again
        PreparedStatement first = db.inTransaction("first", c -> keptOnce(db, c, READ));
        PreparedStatement second = db.inTransaction("second", c -> keptOnce(db, c, READ));
        assertThat(second).isSameAs(first);
    }

    @Test
    void pastTheCapOnTextsAStatementIsPreparedForItsOneUse() {
        Db db = new Db(pool, Duration.ofSeconds(30));
        int texts = Db.KEPT_TEXTS + 5;
        db.inTransaction("many texts", c -> {
            for (int i = 0; i < texts; i++) {
                String sql = "SELECT v FROM kept_t WHERE id = ? AND " + i + " = " + i;
                PreparedStatement statement;
                try (Db.Kept kept = db.kept(c, sql)) {
                    assertThat(kept.stays()).as("text %d", i).isEqualTo(i < Db.KEPT_TEXTS);
                    statement = kept.statement();
                    statement.setInt(1, 1);
                    try (ResultSet rs = statement.executeQuery()) {
                        assertThat(rs.next()).isTrue();
                        assertThat(rs.getString(1)).isEqualTo("one");
                    }
                }
                assertThat(statement.isClosed()).as("text %d", i).isEqualTo(i >= Db.KEPT_TEXTS);
            }
            return null;
        });
        // the kept ones stay kept
        boolean stays = db.inTransaction("kept", c -> {
            try (Db.Kept kept = db.kept(c, "SELECT v FROM kept_t WHERE id = ? AND 0 = 0")) {
                return kept.stays();
            }
        });
        assertThat(stays).isTrue();
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
