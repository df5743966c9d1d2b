package dev.escalation.benchmarks.scale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.escalation.benchmarks.jdbc.Databases;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * {@link WatchedDataSource} sees the SQLStates of statements prepared on the physical connection under the pool's
 * proxy, where the JDBC store keeps its H2 statements, and hands out one proxy per physical connection, so that what
 * the store keeps by connection stays kept.
 */
class WatchedDataSourceTest {

    @Test
    void failuresOfStatementsOnTheUnwrappedConnectionAreRecorded() throws Exception {
        try (HikariDataSource pool = Databases.h2Pool(Databases.newH2Url("watched"), 1, "watched")) {
            WatchedDataSource watched = new WatchedDataSource(pool);
            Connection first;
            try (Connection c = watched.getConnection()) {
                first = c.unwrap(Connection.class);
                assertThat(c.unwrap(Connection.class)).isSameAs(first);
                try (Statement s = first.createStatement()) {
                    s.execute("CREATE TABLE watched_t (id INT PRIMARY KEY)");
                }
                try (PreparedStatement insert = first.prepareStatement("INSERT INTO watched_t VALUES (?)")) {
                    insert.setInt(1, 1);
                    insert.executeUpdate();
                    assertThatThrownBy(insert::executeUpdate).isInstanceOf(SQLException.class);
                }
            }
            try (Connection again = watched.getConnection()) { // the pool of one hands out the same physical one
                assertThat(again.unwrap(Connection.class)).isSameAs(first);
            }
            assertThat(watched.sqlStates()).containsEntry("23505", 1L).hasSize(1);
        }
    }
}
