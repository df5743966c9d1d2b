package dev.escalation.test.example;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.escalation.inmemory.InMemoryEscalationStore;
import dev.escalation.spi.EscalationStore;
import dev.escalation.test.EscalationStoreContract;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/** What a vendor sees in the report: undeclared capabilities are skipped with a reason; the stateful tries count. */
class KitReportsTest {

    @Test
    void undeclaredCapabilitiesAreSkippedWithTheirReasonNeverPassed() {
        Events tests = EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(MapBasedTicketingContractTest.class))
                .execute()
                .testEvents();
        List<String> reasons = tests.aborted().stream()
                .map(e -> e.getPayload(TestExecutionResult.class)
                        .flatMap(TestExecutionResult::getThrowable)
                        .map(Throwable::getMessage)
                        .orElse(""))
                .toList();
        assertThat(reasons)
                .hasSize(2)
                .allMatch(r -> r.contains("capability not declared"))
                .anyMatch(r -> r.contains("rule T8"))
                .anyMatch(r -> r.contains("rule T9"));
        assertThat(tests.succeeded().count()).isEqualTo(7);
        assertThat(tests.failed().count()).isZero();
    }

    /** A store contract whose stateful property runs a known number of tries. */
    static class ThreeTries extends EscalationStoreContract {
        @Override
        protected EscalationStore createStore() {
            return new InMemoryEscalationStore();
        }

        @Override
        protected int statefulTries() {
            return 3;
        }
    }

    @Test
    void theStatefulPropertyRunsAndReportsTheTriesFromTheHook() {
        Events events = EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(ThreeTries.class))
                .execute()
                .allEvents();
        List<ReportEntry> entries = events.reportingEntryPublished().stream()
                .map(e -> e.getRequiredPayload(ReportEntry.class))
                .toList();
        assertThat(entries).anySatisfy(e -> {
            assertThat(e.getKeyValuePairs()).containsEntry("S15.tries", "3").containsKey("S15.seed");
            assertThat(Integer.parseInt(e.getKeyValuePairs().get("S15.steps"))).isPositive();
        });
    }
}
