package dev.escalation.benchmarks.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.escalation.benchmarks.jdbc.Databases;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link PgWork} on the real PostgreSQL: its row counts agree with what the engine reports and with the lifecycle's
 * shape (identical lifecycles write whole numbers of rows each), so the per-lifecycle figures it puts into
 * BENCHMARKS.md are the server's own counts, not estimates. It counts; it times nothing.
 */
class PostgresPgWorkTest {
    private static PgWork.Result result;

    @BeforeAll
    static void measure() throws Exception {
        Assumptions.assumeTrue(
                Databases.postgresConfigured(),
                "skipped: PostgreSQL not configured (set ESCALATION_TEST_PG_URL, ESCALATION_TEST_PG_USER and "
                        + "ESCALATION_TEST_PG_PASSWORD)");
        result = PgWork.measure(48, 2, 0);
    }

    @Test
    void everyLifecycleInsertsOneEscalationAndAWholeNumberOfEntries() {
        assertThat(result.table("esc_escalation").orElseThrow().inserts()).isEqualTo(1.0);
        double entries = result.table("esc_entry").orElseThrow().inserts();
        assertThat(entries).isGreaterThanOrEqualTo(14.0);
        assertThat(entries).isEqualTo(Math.rint(entries));
    }

    @Test
    void theOutboxInsertsOneRowPerDeliveredSideEffectAndUpdatesEachAtItsFinish() {
        PgWork.TableWork outbox = result.table("esc_outbox").orElseThrow();
        assertThat(result.deliveries()).isPositive();
        assertThat(outbox.inserts()).isEqualTo(result.deliveries());
        // the claim leases each message and the finish marks it delivered: two updates of every row
        assertThat(outbox.hotUpdates() + outbox.otherUpdates()).isCloseTo(2 * outbox.inserts(), within(1e-9));
        assertThat(outbox.deletes()).isZero();
    }

    @Test
    void indexesAreReadFromTheBenchmarkSchemaAndWalFollowsTheWrites() {
        // the schema's catalog, as the escalation-jdbc README lists it: five outbox indexes, five partial ones (V12
        // made six, V20 dropped the next-deadline index)
        assertThat(result.table("esc_outbox").orElseThrow().indexes()).isEqualTo(5);
        assertThat(result.table("esc_escalation").orElseThrow().partialIndexes())
                .isEqualTo(5);
        assertThat(result.indexInsertionsAtMost())
                .isGreaterThanOrEqualTo(
                        5 * result.table("esc_outbox").orElseThrow().inserts());
        assertThat(result.walBytes())
                .isGreaterThan(result.table("esc_outbox").orElseThrow().inserts() * 100);
        assertThat(result.statements().isEmpty())
                .isNotEqualTo(result.statementsUnavailable().isEmpty());
    }

    @Test
    void theThreadsTimeIsSplitFromTheirConnectionsStatesAndSomeOfItWasSpentExecuting() {
        BackendStates.Shares time = result.threadTime();
        assertThat(time.samples()).isPositive();
        assertThat(time.percent()).containsOnlyKeys(BackendStates.Kind.values());
        assertThat(time.percent().values()).allSatisfy(p -> assertThat(p).isBetween(0.0, 100.0));
        assertThat(time.percent().values().stream()
                        .mapToDouble(Double::doubleValue)
                        .sum())
                .isCloseTo(100.0, within(1e-6));
        // the lifecycles' statements ran on the sampled connections: seen executing, not all outside transactions
        assertThat(time.percent().get(BackendStates.Kind.EXECUTING)).isPositive();
        assertThat(time.overfullSamples()).isLessThanOrEqualTo(time.samples() / 10);
        // the statements seen running are the lifecycle's, and no more of the time than the connections were busy
        assertThat(time.statements()).isNotEmpty();
        double busy = 100.0
                - time.percent().get(BackendStates.Kind.OUTSIDE_TRANSACTIONS)
                - time.percent().get(BackendStates.Kind.IN_TRANSACTION_BETWEEN_STATEMENTS);
        assertThat(time.statements().stream()
                        .mapToDouble(BackendStates.StatementShare::percent)
                        .sum())
                .isLessThanOrEqualTo(busy + 1e-6);
        assertThat(time.statements())
                .anySatisfy(st -> assertThat(st.statement()).containsIgnoringCase("esc_"));
    }
}
