package dev.escalation.benchmarks.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.escalation.benchmarks.harness.BackendStates.Kind;
import org.junit.jupiter.api.Test;

/** How {@link BackendStates} sorts a connection's state and adds samples up to shares of thread time. */
class BackendStatesTest {

    @Test
    void aConnectionIsSortedByItsStateAndWaitEvent() {
        assertThat(BackendStates.classify("active", null, null)).isEqualTo(Kind.EXECUTING);
        assertThat(BackendStates.classify("active", "IO", "WALSync")).isEqualTo(Kind.WAL_WRITE_AND_FLUSH);
        assertThat(BackendStates.classify("active", "LWLock", "WALWrite")).isEqualTo(Kind.WAL_WRITE_AND_FLUSH);
        assertThat(BackendStates.classify("active", "LWLock", "WALInsert")).isEqualTo(Kind.LOCKS);
        assertThat(BackendStates.classify("active", "Lock", "transactionid")).isEqualTo(Kind.LOCKS);
        assertThat(BackendStates.classify("active", "IO", "DataFileExtend")).isEqualTo(Kind.OTHER_WAITS);
        assertThat(BackendStates.classify("idle in transaction", "Client", "ClientRead"))
                .isEqualTo(Kind.IN_TRANSACTION_BETWEEN_STATEMENTS);
        assertThat(BackendStates.classify("idle in transaction (aborted)", "Client", "ClientRead"))
                .isEqualTo(Kind.IN_TRANSACTION_BETWEEN_STATEMENTS);
    }

    @Test
    void whatTheBusyConnectionsDoNotAccountForIsTimeOutsideTransactions() {
        BackendStates.Shares shares = sampled(2, new long[][] {
            {1, 0, 0, 0, 0, 0}, // one executing, the other thread outside
            {1, 1, 0, 0, 0, 0}, // one executing, one flushing
            {0, 0, 0, 0, 1, 0}, // one between statements
            {0, 0, 0, 0, 0, 0} // none busy
        });
        assertThat(shares.samples()).isEqualTo(4);
        assertThat(shares.overfullSamples()).isZero();
        assertThat(shares.percent().get(Kind.EXECUTING)).isCloseTo(25.0, within(1e-9));
        assertThat(shares.percent().get(Kind.WAL_WRITE_AND_FLUSH)).isCloseTo(12.5, within(1e-9));
        assertThat(shares.percent().get(Kind.IN_TRANSACTION_BETWEEN_STATEMENTS)).isCloseTo(12.5, within(1e-9));
        assertThat(shares.percent().get(Kind.OUTSIDE_TRANSACTIONS)).isCloseTo(50.0, within(1e-9));
        assertThat(shares.percent().values().stream()
                        .mapToDouble(Double::doubleValue)
                        .sum())
                .isCloseTo(100.0, within(1e-9));
    }

    @Test
    void moreBusyConnectionsThanThreadsAreCountedUpToTheThreadsAndReported() {
        BackendStates.Shares shares = sampled(1, new long[][] {{1, 1, 0, 0, 0, 0}});
        assertThat(shares.overfullSamples()).isEqualTo(1);
        assertThat(shares.percent().get(Kind.EXECUTING)).isCloseTo(100.0, within(1e-9));
        assertThat(shares.percent().get(Kind.WAL_WRITE_AND_FLUSH)).isZero();
        assertThat(shares.percent().get(Kind.OUTSIDE_TRANSACTIONS)).isZero();
    }

    @Test
    void statementsSeenRunningAreListedByTheirShareOfThreadTime() {
        BackendStates.Tally tally = new BackendStates.Tally(2);
        tally.add(new long[] {1, 1, 0, 0, 0, 0}, 2);
        tally.addStatement("COMMIT");
        tally.addStatement("  SELECT   1\n FROM x ");
        tally.add(new long[] {0, 1, 0, 0, 0, 0}, 1);
        tally.addStatement("COMMIT");
        tally.add(new long[] {1, 0, 0, 0, 0, 0}, 1);
        tally.addStatement("x".repeat(BackendStates.STATEMENT_CHARS + 5));
        assertThat(tally.shares().statements())
                .containsExactly(
                        new BackendStates.StatementShare("COMMIT", 100.0 * 2 / 6),
                        new BackendStates.StatementShare("SELECT 1 FROM x", 100.0 / 6),
                        new BackendStates.StatementShare("x".repeat(BackendStates.STATEMENT_CHARS), 100.0 / 6));
    }

    /** Shares from samples added directly (no connection: the sampler thread is not started). */
    private static BackendStates.Shares sampled(int threads, long[][] samples) {
        BackendStates.Tally tally = new BackendStates.Tally(threads);
        for (long[] s : samples) {
            int busy = 0;
            for (long n : s) {
                busy += (int) n;
            }
            tally.add(s, busy);
        }
        return tally.shares();
    }
}
