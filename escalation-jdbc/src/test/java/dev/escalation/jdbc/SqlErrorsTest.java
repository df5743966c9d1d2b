package dev.escalation.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.spi.UnavailableException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * How the store sorts a JDBC failure: retryable ({@link UnavailableException}), a refused value
 * ({@link IllegalArgumentException}) or a failure retrying cannot mend ({@link IllegalStateException}); whether the
 * connection was lost (a commit may have happened) and whether the session refuses writes (the connection is
 * discarded). Every SQLState the store names is checked here, on both sides of its rule: a database answer the store
 * sorted wrongly is retried for ever, or given up on while retrying would have succeeded.
 */
class SqlErrorsTest {

    /** SQLStates of a failure to reach the database or of a transient conflict: retrying may succeed. */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "08000", "08006", "53300", "57014", "57P01", "40001", "40P01", "55P03", "25006", "90097", "25P03",
                "25P04", "HYT00", "90131", "90098", "90067"
            })
    void aStateOfAnOutageOrConflictIsUnavailable(String state) {
        SQLException e = new SQLException("reason with data: ina@example.com", state, 4711);
        assertThat(SqlErrors.isUnavailable(e)).isTrue();
        RuntimeException translated = SqlErrors.translate("probe", e);
        assertThat(translated).isInstanceOf(UnavailableException.class).hasCause(e);
        assertThat(translated.getMessage()).contains("probe", state).doesNotContain("ina@example.com");
    }

    /**
     * SQLStates next to those above that are no outage: a constraint, a syntax or a missing table, another 40 or 55
     * state, H2's neighbouring codes, a state of class 25 the store does not name.
     */
    @ParameterizedTest
    @ValueSource(strings = {"23505", "42P01", "42000", "40002", "40P02", "55P02", "25001", "25P02", "HY000", "90132"})
    void anotherStateIsAFailureRetryingCannotMend(String state) {
        SQLException e = new SQLException("reason with data: ina@example.com", state, 4711);
        assertThat(SqlErrors.isUnavailable(e)).isFalse();
        assertThat(SqlErrors.isConnectionLost(e)).isFalse();
        assertThat(SqlErrors.refusesWrites(e)).isFalse();
        RuntimeException translated = SqlErrors.translate("probe", e);
        assertThat(translated).isInstanceOf(IllegalStateException.class).hasCause(e);
        assertThat(translated.getMessage()).contains("probe", state, "4711").doesNotContain("ina@example.com");
    }

    @Test
    void aFailureWithoutStateIsUnavailableOnlyByItsType() {
        assertThat(SqlErrors.isUnavailable(new SQLException("no state"))).isFalse();
        assertThat(SqlErrors.isConnectionLost(new SQLException("no state"))).isFalse();
        assertThat(SqlErrors.isDataException(new SQLException("no state"))).isFalse();
        assertThat(SqlErrors.translate("probe", new SQLException("no state")))
                .isInstanceOf(IllegalStateException.class);
        for (SQLException e : new SQLException[] {
            new SQLTransientException("transient"),
            new SQLRecoverableException("recoverable"),
            new SQLNonTransientConnectionException("connection")
        }) {
            assertThat(SqlErrors.isUnavailable(e)).as(e.getMessage()).isTrue();
            assertThat(SqlErrors.translate("probe", e)).isInstanceOf(UnavailableException.class);
        }
        assertThat(SqlErrors.isConnectionLost(new SQLRecoverableException("recoverable")))
                .isTrue();
        assertThat(SqlErrors.isConnectionLost(new SQLNonTransientConnectionException("connection")))
                .isTrue();
        // a transient failure (a lock timeout, say) had an answer from the database: the commit did not happen
        assertThat(SqlErrors.isConnectionLost(new SQLTransientException("transient")))
                .isFalse();
    }

    /** The connection failed: the database may have done what was sent last (a commit's outcome is unknown). */
    @ParameterizedTest
    @ValueSource(strings = {"08000", "08006", "57P01", "57P02", "57P03", "25P03", "25P04", "90067"})
    void aLostConnectionIsToldApart(String state) {
        assertThat(SqlErrors.isConnectionLost(new SQLException("lost", state))).isTrue();
    }

    /** The database answered (it refused or cancelled): the statement did not take effect. */
    @ParameterizedTest
    @ValueSource(strings = {"57014", "53300", "40001", "40P01", "55P03", "25006", "90097", "HYT00", "90131", "90098"})
    void anAnsweredFailureIsNoLostConnection(String state) {
        assertThat(SqlErrors.isConnectionLost(new SQLException("answered", state)))
                .isFalse();
    }

    @Test
    void aReadOnlySessionIsFoundUpToEightCausesDeep() {
        assertThat(SqlErrors.refusesWrites(new SQLException("read only", "25006")))
                .isTrue();
        assertThat(SqlErrors.refusesWrites(new SQLException("read only", "90097")))
                .isTrue();
        assertThat(SqlErrors.refusesWrites(nested(new SQLException("read only", "25006"), 7)))
                .isTrue();
        assertThat(SqlErrors.refusesWrites(nested(new SQLException("read only", "25006"), 8)))
                .isFalse();
        assertThat(SqlErrors.refusesWrites(nested(new SQLException("other", "25001"), 3)))
                .isFalse();
        assertThat(SqlErrors.refusesWrites(nested(new SQLException("no state"), 1)))
                .isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"22001", "22003", "22008", "22P02"})
    void aRefusedValueIsAnIllegalArgument(String state) {
        SQLException e = new SQLException("value too long: ina@example.com", state, 4711);
        assertThat(SqlErrors.isDataException(e)).isTrue();
        RuntimeException translated = SqlErrors.translate("probe", e);
        assertThat(translated).isInstanceOf(IllegalArgumentException.class).hasCause(e);
        assertThat(translated.getMessage())
                .contains("probe", state, "nothing was written")
                .doesNotContain("ina@example.com");
        assertThat(SqlErrors.isDataException(new SQLException("other", "23505")))
                .isFalse();
    }

    /** {@code failure} wrapped in {@code depth} runtime exceptions. */
    private static Throwable nested(SQLException failure, int depth) {
        Throwable t = failure;
        for (int i = 0; i < depth; i++) {
            t = new IllegalStateException("wrapper " + i, t);
        }
        return t;
    }
}
