package dev.escalation.benchmarks.scale;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.benchmarks.jdbc.Databases;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The scale-out harness on the real PostgreSQL: its required checks pass with 1 and 2 engine instances (contended
 * lifecycles included). In CI, {@code .ci/checks/benchmarks-postgresql-not-skipped.sh} fails the run if it skipped.
 * It counts and checks; it times nothing.
 */
class PostgresScaleOutTest {

    @Test
    void requiredChecksPassOnPostgresWithOneAndTwoInstances() throws Exception {
        Assumptions.assumeTrue(
                Databases.postgresConfigured(),
                "skipped: PostgreSQL not configured (set ESCALATION_TEST_PG_URL, ESCALATION_TEST_PG_USER and "
                        + "ESCALATION_TEST_PG_PASSWORD)");
        List<ScaleOut.ConfigResult> results = ScaleOutTest.run(
                "--backend",
                "postgres",
                "--schema",
                "escalation_scale_test",
                "--instances",
                "1,2",
                "--threads",
                "2",
                "--lifecycles",
                "12",
                "--contended-every",
                "2");

        assertThat(results).hasSize(2);
        for (ScaleOut.ConfigResult r : results) {
            assertThat(r.checks().failures())
                    .as("%s", r.checks().details())
                    .allSatisfy((k, v) -> assertThat(v).as(k).isZero());
            assertThat(r.checks().passed()).isTrue();
            assertThat(r.checks().deadlocksDelta).isZero();
            assertThat(r.figures().get("measuredLifecycles")).isEqualTo(12L);
            assertThat((int) r.figures().get("expectedEntriesPerLifecycle")).isGreaterThanOrEqualTo(14);
            assertThat((int) r.figures().get("expectedSideEffectsPerLifecycle")).isPositive();
        }
        assertThat(results.get(0).figures().get("contendedLifecycles")).isEqualTo(0L);
        assertThat(results.get(1).figures().get("contendedLifecycles")).isEqualTo(6L);
    }
}
