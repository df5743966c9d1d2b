package dev.escalation.benchmarks.scale;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The scale-out harness, briefly: its required checks catch a planted fault in the shared notifier (one delivery
 * dropped, one duplicated). The planted faults run on an in-memory H2 database shared by the nodes, so they run without
 * PostgreSQL; {@code PostgresScaleOutTest} runs the checks on PostgreSQL. These tests count and check; they time
 * nothing.
 */
class ScaleOutTest {

    @Test
    void aDroppedDeliveryFailsTheRunAsLost() throws Exception {
        ScaleChecks checks = plantedOnH2(Deliveries.Fault.DROP_ONE);

        assertThat(checks.passed()).isFalse();
        assertThat(checks.lost).isEqualTo(1);
        assertThat(checks.details()).anyMatch(d -> d.startsWith("lost: "));
        assertOnlyFailing(checks, "lost");
    }

    @Test
    void aDuplicatedDeliveryFailsTheRunApartFromLost() throws Exception {
        ScaleChecks checks = plantedOnH2(Deliveries.Fault.DUPLICATE_ONE);

        assertThat(checks.passed()).isFalse();
        assertThat(checks.deliveredMoreThanOnce).isEqualTo(1);
        assertThat(checks.details()).anyMatch(d -> d.startsWith("delivered 2 times: "));
        assertOnlyFailing(checks, "deliveredMoreThanOnce");
    }

    @Test
    void deliveryCheckTellsUndeliveredLostDuplicatedAndPhantomApart() {
        ScaleChecks checks = new ScaleChecks();
        checks.deliveries(
                Map.of("ok", "DONE", "pending", "PENDING", "dead", "DEAD", "lost", "DONE", "twice", "DONE"),
                Map.of("ok", 1, "twice", 2, "ghost", 1));

        assertThat(checks.undelivered).isEqualTo(2);
        assertThat(checks.lost).isEqualTo(1);
        assertThat(checks.deliveredMoreThanOnce).isEqualTo(1);
        assertThat(checks.phantom).isEqualTo(1);
        assertThat(checks.passed()).isFalse();

        ScaleChecks clean = new ScaleChecks();
        clean.deliveries(Map.of("a", "DONE", "b", "DONE"), Map.of("a", 1, "b", 1));
        assertThat(clean.passed()).isTrue();
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyNodesWorkerAndTheFinalDrainAreReported() throws Exception {
        List<ScaleOut.ConfigResult> results = run(
                "--backend",
                "h2",
                "--instances",
                "2",
                "--threads",
                "1",
                "--lifecycles",
                "4",
                "--contended-every",
                "2",
                "--ceiling-seconds",
                "0.2");
        Map<String, Object> f = results.get(0).figures();

        assertThat(results.get(0).checks().passed()).isTrue();
        assertThat(f.get("finalDrainStopped")).isEqualTo("EMPTY");
        assertThat(number(f.get("pendingAfterFinalDrain"))).isZero();
        assertThat(number(f.get("finalDrainRounds"))).isPositive();
        List<Map<String, Object>> workers = (List<Map<String, Object>>) f.get("workers");
        assertThat(workers).extracting(w -> w.get("node")).containsExactly("node-0", "node-1");
        for (Map<String, Object> w : workers) {
            assertThat(w)
                    .containsKeys(
                            "windowTransactions",
                            "windowDelivered",
                            "delivered",
                            "failedParts",
                            "stalls",
                            "longestGapSeconds",
                            "stallSamples");
            assertThat((Map<String, Long>) w.get("failedParts")).isEmpty();
        }
        long byWorkers =
                workers.stream().mapToLong(w -> number(w.get("delivered"))).sum();
        long lifecycles = number(f.get("allLifecycles")) + 1; // and the calibration lifecycle
        assertThat(byWorkers + number(f.get("deliveredByFinalDrain")))
                .as("every side effect delivered once, by a worker or by the final drain")
                .isEqualTo(number(f.get("expectedSideEffectsPerLifecycle")) * lifecycles);
        assertThat(ScaleOut.workers(f)).startsWith("workers: node-0: delivered ");
    }

    @Test
    void statisticsNoneIsForPostgresOnly() {
        assertThat(ScaleOut.parse().statistics()).isEqualTo("auto");
        assertThat(ScaleOut.parse("--statistics", "none").statistics()).isEqualTo("none");
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> ScaleOut.parse("--backend", "h2", "--statistics", "none"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static long number(Object o) {
        return ((Number) o).longValue();
    }

    private static ScaleChecks plantedOnH2(Deliveries.Fault fault) throws Exception {
        List<ScaleOut.ConfigResult> results = run(
                "--backend",
                "h2",
                "--instances",
                "2",
                "--threads",
                "1",
                "--lifecycles",
                "4",
                "--contended-every",
                "2",
                "--ceiling-seconds",
                "0.2",
                "--fault",
                fault.name());
        assertThat(results).hasSize(1);
        return results.get(0).checks();
    }

    /** Every failing counter but {@code planted} is zero: the rest of the run was clean. */
    private static void assertOnlyFailing(ScaleChecks checks, String planted) {
        checks.failures().forEach((name, value) -> {
            if (!name.equals(planted)) {
                assertThat(value).as("%s (%s)", name, checks.details()).isZero();
            }
        });
    }

    static List<ScaleOut.ConfigResult> run(String... args) throws Exception {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(log, true, StandardCharsets.UTF_8)) {
            return ScaleOut.run(ScaleOut.parse(args), out);
        } finally {
            System.out.print(log.toString(StandardCharsets.UTF_8));
        }
    }
}
