package dev.escalation.test.broken;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.escalation.model.Party;
import dev.escalation.spi.EscalationStore;
import dev.escalation.spi.Notifier;
import dev.escalation.spi.Ticketing;
import dev.escalation.test.DueWorkContract;
import dev.escalation.test.EscalationStoreContract;
import dev.escalation.test.NotifierContract;
import dev.escalation.test.OutboxContract;
import dev.escalation.test.ReceivedNotification;
import dev.escalation.test.TicketingContract;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/**
 * The kit is tested: each deliberately broken adapter runs against its contract through the JUnit Platform
 * {@link EngineTestKit}, and the test named after the rule written for its bug must fail. The other rules it happens
 * to break are listed too, and the set of failing rules must be exactly that list, so the table stays honest.
 */
class BrokenAdaptersTest {

    /** The faults of the adapter the nested contracts create; set before each engine run (runs are sequential). */
    static volatile Set<Fault> faults = EnumSet.noneOf(Fault.class);

    static Stream<Arguments> brokenAdapters() {
        return Stream.of(
                // fault, contract, the rule written for it, the other rules it happens to break
                Arguments.of(Fault.IGNORES_VERSIONS, Store.class, "S4", List.of("S3", "S5", "S15")),
                Arguments.of(Fault.LEAKS_ACROSS_CUSTOMERS, Store.class, "S6", List.of("S15")),
                Arguments.of(Fault.REORDERS_PROGRESS_LOG, Store.class, "S2", List.of("S3")),
                Arguments.of(Fault.ALLOWS_TWO_OPEN_PER_CASE, Store.class, "S9", List.of("S10", "S15")),
                Arguments.of(Fault.STALE_SAVE_WRITES_OUTBOX, Store.class, "S4", List.of("S15")),
                Arguments.of(Fault.PAGES_BY_INSTANT_ONLY, Store.class, "S7", List.of("S15")),
                Arguments.of(Fault.DROPS_DETAIL_ORDER, Store.class, "S1", List.of("S2")),
                Arguments.of(Fault.OFFSET_IN_CURSOR, Store.class, "S8", List.of()),
                // the race is found in practice by hundreds of the 2000 listings; a miss of all would need none to
                // interleave with a state change
                Arguments.of(Fault.MOVES_BETWEEN_STATES_NON_ATOMICALLY, Store.class, "S8b", List.of()),
                Arguments.of(Fault.OVERWRITES_ON_INSERT, Store.class, "S12", List.of()),
                Arguments.of(Fault.FORGETS_SUBMISSION_KEY, Store.class, "S13", List.of("S6", "S15")),
                Arguments.of(Fault.DROPS_FAILURES_SILENTLY, Store.class, "S14", List.of()),
                Arguments.of(Fault.COMPLETE_ONLY_RELEASES, Outbox.class, "O8", List.of("O1", "O5", "O6", "O7", "O9")),
                Arguments.of(Fault.DUE_HIDES_CLAIMED, Due.class, "D1", List.of()),
                Arguments.of(Fault.REMOVING_ABSENT_FAILS, Tickets.class, "T3", List.of()),
                Arguments.of(Fault.IGNORES_STATUS, Tickets.class, "T5", List.of()),
                Arguments.of(Fault.REJECTS_INVITATIONS, Notifications.class, "N5", List.of()),
                Arguments.of(Fault.CLAIMS_OUTBOX_TWICE, Outbox.class, "O2", List.of("O1", "O3", "O9")),
                Arguments.of(Fault.RETURNS_FAILED_BEFORE_NEXT_ATTEMPT, Outbox.class, "O4", List.of("O6", "O9")),
                Arguments.of(Fault.IGNORES_ORDER_PER_TARGET, Outbox.class, "O6", List.of("O9")),
                Arguments.of(Fault.REQUEUES_IDEMPOTENCY_KEY, Outbox.class, "O7", List.of("O9")),
                Arguments.of(Fault.REPLAY_KEEPS_ATTEMPTS, Outbox.class, "O5", List.of()),
                Arguments.of(Fault.CLAIMS_DUE_TWICE, Due.class, "D2", List.of("D3", "D8")),
                Arguments.of(Fault.RETURNS_COMPLETED_DUE, Due.class, "D4", List.of("D6")),
                Arguments.of(Fault.QUEUES_FOLLOW_UPS_OF_REFUSED_COMPLETE, Due.class, "D5", List.of()),
                Arguments.of(Fault.KEEPS_REPLACED_DUE_ITEMS, Due.class, "D7", List.of()),
                Arguments.of(Fault.DUPLICATES_ON_RETRY, Tickets.class, "T9", List.of()),
                Arguments.of(Fault.REORDERS_UPDATES, Tickets.class, "T4", List.of("T9")),
                Arguments.of(Fault.DROPS_FAILURES_SILENTLY, Tickets.class, "T8", List.of()),
                Arguments.of(Fault.LISTS_PARTICIPANT_TWICE, Tickets.class, "T2", List.of()),
                Arguments.of(Fault.OPEN_TWICE_REPLACES_TICKET, Tickets.class, "T7", List.of()),
                Arguments.of(Fault.DUPLICATES_ON_RETRY, Notifications.class, "N4", List.of()),
                Arguments.of(Fault.REORDERS_UPDATES, Notifications.class, "N2", List.of("N4")),
                Arguments.of(Fault.DROPS_FAILURES_SILENTLY, Notifications.class, "N3", List.of()));
    }

    @ParameterizedTest(name = "{0} fails rule {2} of {1}")
    @MethodSource("brokenAdapters")
    void brokenAdapterFailsItsRule(Fault fault, Class<?> contract, String rule, List<String> alsoBreaks) {
        Events tests = run(contract, EnumSet.of(fault));
        Set<String> failed = rulesOf(tests.failed());
        assertThat(failed)
                .as("the contract test of rule %s must fail for %s", rule, fault)
                .contains(rule);
        Set<String> expected = new TreeSet<>(alsoBreaks);
        expected.add(rule);
        assertThat(failed)
                .as("rules failed by %s (update the list in brokenAdapters() if a change is intended)", fault)
                .containsExactlyInAnyOrderElementsOf(expected);
        tests.failed().stream()
                .forEach(e -> assertThat(e.getPayload(org.junit.platform.engine.TestExecutionResult.class)
                                .flatMap(org.junit.platform.engine.TestExecutionResult::getThrowable)
                                .map(Throwable::getMessage)
                                .orElse(""))
                        .as("the failure message of a rule test names the rule")
                        .containsPattern("Rule [SODNT]\\d+b? broken"));
    }

    @ParameterizedTest(name = "the unbroken copy passes {0}")
    @MethodSource("contracts")
    void theUnbrokenCopyPassesEveryContract(Class<?> contract) {
        Events tests = run(contract, EnumSet.noneOf(Fault.class));
        assertThat(rulesOf(tests.failed()))
                .as("rules failed by the fault-free copy")
                .isEmpty();
        assertThat(tests.succeeded().count()).isPositive();
    }

    static Stream<Class<?>> contracts() {
        return Stream.of(Store.class, Outbox.class, Due.class, Tickets.class, Notifications.class);
    }

    static Events run(Class<?> contract, Set<Fault> withFaults) {
        faults = withFaults;
        try {
            return EngineTestKit.engine("junit-jupiter")
                    .selectors(selectClass(contract))
                    .execute()
                    .testEvents();
        } finally {
            faults = EnumSet.noneOf(Fault.class);
        }
    }

    /** "s4_staleSaveIs…" → "S4", "o2b_…" → "O2b". */
    static Set<String> rulesOf(Events events) {
        Set<String> rules = new TreeSet<>();
        events.stream()
                .forEach(e -> e.getTestDescriptor()
                        .getSource()
                        .filter(org.junit.platform.engine.support.descriptor.MethodSource.class::isInstance)
                        .map(s -> ((org.junit.platform.engine.support.descriptor.MethodSource) s).getMethodName())
                        .ifPresent(
                                m -> rules.add(Character.toUpperCase(m.charAt(0)) + m.substring(1, m.indexOf('_')))));
        return rules;
    }

    // --- the contracts, run against the faulty copies (static nested: Surefire does not run them by itself) ---------

    static class Store extends EscalationStoreContract {
        @Override
        protected EscalationStore createStore() {
            return new FaultyStore(faults);
        }

        @Override
        protected int statefulTries() {
            return 60;
        }

        @Override
        protected long statefulSeed() {
            return 20261127L;
        }

        @Override
        protected Optional<EscalationStore> createUnavailableStore() {
            FaultyStore down = new FaultyStore(faults);
            down.setAvailable(false);
            return Optional.of(down);
        }
    }

    static class Outbox extends OutboxContract {
        @Override
        protected EscalationStore createStore() {
            return new FaultyStore(faults);
        }

        @Override
        protected int statefulTries() {
            return 60;
        }

        @Override
        protected long statefulSeed() {
            return 20261127L;
        }
    }

    static class Due extends DueWorkContract {
        @Override
        protected EscalationStore createStore() {
            return new FaultyStore(faults);
        }
    }

    static class Tickets extends TicketingContract {
        @Override
        protected Ticketing createTicketing() {
            return new FaultyTicketing(faults);
        }

        @Override
        protected Optional<Ticketing> createUnavailableTicketing() {
            FaultyTicketing down = new FaultyTicketing(faults);
            down.setAvailable(false);
            return Optional.of(down);
        }
    }

    static class Notifications extends NotifierContract {
        private FaultyNotifier notifier;

        @Override
        protected Notifier createNotifier() {
            notifier = new FaultyNotifier(faults);
            return notifier;
        }

        @Override
        protected List<ReceivedNotification> receivedBy(Party recipient) {
            return notifier.delivered().stream()
                    .filter(n -> n.recipient().equals(recipient))
                    .map(ReceivedNotification::of)
                    .toList();
        }

        @Override
        protected Optional<Notifier> createUnavailableNotifier() {
            notifier.setAvailable(false);
            return Optional.of(notifier);
        }
    }
}
