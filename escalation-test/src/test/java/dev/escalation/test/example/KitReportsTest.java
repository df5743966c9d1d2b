package dev.escalation.test.example;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.escalation.inmemory.InMemoryEscalationStore;
import dev.escalation.spi.EscalationStore;
import dev.escalation.spi.StoreCapabilities;
import dev.escalation.test.DataRetentionContract;
import dev.escalation.test.EscalationQueriesContract;
import dev.escalation.test.EscalationStoreContract;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
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
        long rules = java.util.Arrays.stream(dev.escalation.test.TicketingContract.class.getDeclaredMethods())
                .filter(m -> m.isAnnotationPresent(Test.class))
                .count();
        assertThat(tests.succeeded().count())
                .as("every other check of the contract passed")
                .isEqualTo(rules - 2);
        assertThat(tests.failed().count()).isZero();
    }

    /** The in-memory store, declaring no optional capability (its facets are still there). */
    static EscalationStore withoutCapabilities() {
        InMemoryEscalationStore store = new InMemoryEscalationStore();
        return (EscalationStore) Proxy.newProxyInstance(
                EscalationStore.class.getClassLoader(),
                new Class<?>[] {EscalationStore.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("capabilities")) {
                        return new StoreCapabilities(
                                Set.of(), ChronoUnit.NANOS, store.capabilities().deduplicationWindow());
                    }
                    try {
                        return method.invoke(store, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    static class QueriesNotDeclared extends EscalationQueriesContract {
        @Override
        protected EscalationStore createStore() {
            return withoutCapabilities();
        }
    }

    static class RetentionNotDeclared extends DataRetentionContract {
        @Override
        protected EscalationStore createStore() {
            return withoutCapabilities();
        }
    }

    @Test
    void theRulesOfUndeclaredFacetsAreSkippedWithTheirReason() {
        for (Class<?> contract : List.of(QueriesNotDeclared.class, RetentionNotDeclared.class)) {
            Events tests = EngineTestKit.engine("junit-jupiter")
                    .selectors(selectClass(contract))
                    .execute()
                    .testEvents();
            assertThat(tests.succeeded().count())
                    .as("rules of %s that ran", contract)
                    .isZero();
            assertThat(tests.failed().count())
                    .as("rules of %s that failed", contract)
                    .isZero();
            assertThat(tests.aborted().stream()
                            .map(e -> e.getPayload(TestExecutionResult.class)
                                    .flatMap(TestExecutionResult::getThrowable)
                                    .map(Throwable::getMessage)
                                    .orElse(""))
                            .toList())
                    .as("skip reasons of %s", contract)
                    .isNotEmpty()
                    .allMatch(r -> r.contains("capability not declared: capabilities() does not hold"));
        }
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
