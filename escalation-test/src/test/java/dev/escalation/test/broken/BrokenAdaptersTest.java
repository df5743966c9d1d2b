package dev.escalation.test.broken;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.escalation.inmemory.InMemoryCustomerDirectory;
import dev.escalation.inmemory.InMemoryStaffDirectory;
import dev.escalation.model.Party;
import dev.escalation.spi.CustomerAccount;
import dev.escalation.spi.CustomerDirectory;
import dev.escalation.spi.EscalationStore;
import dev.escalation.spi.Notifier;
import dev.escalation.spi.PortalMessages;
import dev.escalation.spi.StaffDirectory;
import dev.escalation.spi.StaffMember;
import dev.escalation.spi.SupportCase;
import dev.escalation.spi.Ticketing;
import dev.escalation.spi.Touchpoint;
import dev.escalation.test.CustomerDirectoryContract;
import dev.escalation.test.DataRetentionContract;
import dev.escalation.test.DueWorkContract;
import dev.escalation.test.EscalationQueriesContract;
import dev.escalation.test.EscalationStoreContract;
import dev.escalation.test.MetricsQueriesContract;
import dev.escalation.test.NotifierContract;
import dev.escalation.test.OutboxContract;
import dev.escalation.test.PortalMessagesContract;
import dev.escalation.test.ReceivedNotification;
import dev.escalation.test.StaffDirectoryContract;
import dev.escalation.test.TicketView;
import dev.escalation.test.TicketingContract;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/**
 * The kit is tested: each fault-injecting wrapper of the shipped in-memory adapters runs against its contract through
 * the JUnit Platform {@link EngineTestKit}, and the test named after the rule written for it must fail. The other
 * rules it happens to break are listed too, and the set of failing rules must be exactly that list in every run, so
 * RULES.md stays honest. The wrappers that stage a race (S4, S10, S19, D8, and the one of S8b) are run 20 times each,
 * as are the plain adapters' runs of those rules, in {@link StagedRacesTest} (a class of its own, so that Surefire can
 * run it beside this one).
 */
class BrokenAdaptersTest {

    /** The fault of the adapters the nested contracts create; set before each engine run (runs are sequential). */
    static volatile Fault fault;

    static Stream<Arguments> brokenAdapters() {
        return Stream.of(
                // fault, contract, the rule written for it, the other rules it happens to break
                Arguments.of(Fault.DROPS_ENTRY_PARAMS, Store.class, "S1", List.of("S2", "S20")),
                Arguments.of(Fault.FORGETS_PLAN_ZONE, Store.class, "S1", List.of()),
                Arguments.of(Fault.REFUSES_LONG_IDS, Store.class, "S1", List.of()),
                Arguments.of(Fault.REORDERS_LOG, Store.class, "S2", List.of("S1", "S15", "S16", "S20")),
                Arguments.of(Fault.WRITES_BEFORE_DECIDE_FAILS, Store.class, "S3", List.of("S15", "S19", "S20")),
                Arguments.of(Fault.LOADS_OUTSIDE_LOCK, Store.class, "S4", List.of("S21")),
                Arguments.of(Fault.REPAIRS_FIXED_COMPONENTS, Store.class, "S21", List.of()),
                Arguments.of(Fault.DECIDES_ON_CACHED_READ, Store.class, "S20", List.of()),
                Arguments.of(Fault.LEAKS_ACROSS_CUSTOMERS, Store.class, "S6", List.of("S15")),
                Arguments.of(Fault.MATCHES_CASE_AND_KEY_ONLY, Store.class, "S6", List.of("S15")),
                Arguments.of(Fault.PAGES_BY_INSTANT_ONLY, Store.class, "S7", List.of("S15")),
                Arguments.of(Fault.OFFSET_IN_CURSOR, Store.class, "S8", List.of()),
                Arguments.of(Fault.VANISHES_WHILE_MOVING, Store.class, "S8b", List.of()),
                Arguments.of(Fault.FREES_CASE_ON_RESOLVE, Store.class, "S9", List.of("S15")),
                Arguments.of(Fault.DROPS_MESSAGES_OF_CREATE, Store.class, "S11", List.of("S1", "S15", "S18")),
                Arguments.of(Fault.ACCEPTS_ANY_VERSION_ON_CREATE, Store.class, "S12", List.of()),
                Arguments.of(Fault.RENUMBERS_LOG_ON_CREATE, Store.class, "S12", List.of()),
                Arguments.of(Fault.FORGETS_SUBMISSION_KEY, Store.class, "S13", List.of("S1", "S6", "S15", "S18")),
                Arguments.of(Fault.SWALLOWS_FAILURES, Store.class, "S14", List.of()),
                Arguments.of(Fault.QUIET_OUTBOX_WHEN_DOWN, Store.class, "S14", List.of()),
                Arguments.of(Fault.TRUNCATES_LONG_LOGS, Store.class, "S16", List.of()),
                Arguments.of(Fault.SHOWS_INTERNAL_ENTRIES, Store.class, "S17", List.of("S16")),
                Arguments.of(Fault.FORGETS_TICKET_REFERENCE, Store.class, "S18", List.of()),
                Arguments.of(Fault.SKIPS_LATE_COMMITS, Store.class, "S19", List.of()),
                Arguments.of(Fault.MISMAPS_CASE_CONFLICT, Store.class, "S10", List.of()),
                Arguments.of(Fault.KEEPS_SUPERSEDED_CLAIMS, Outbox.class, "O2b", List.of("O10")),
                Arguments.of(Fault.CLAIMS_TWICE, Outbox.class, "O2", List.of("O1", "O3", "O5", "O6", "O9")),
                Arguments.of(Fault.RETRIES_EARLY, Outbox.class, "O4", List.of("O6", "O9")),
                Arguments.of(Fault.REPLAY_KEEPS_ATTEMPTS, Outbox.class, "O5", List.of("O11")),
                Arguments.of(Fault.HIDES_READABLE_DEAD_LETTERS, Outbox.class, "O5", List.of()),
                Arguments.of(Fault.TELLS_UNTOLD_DEAD_LETTERS, Outbox.class, "O5", List.of()),
                Arguments.of(Fault.ORDERS_PER_ESCALATION_ONLY, Outbox.class, "O6", List.of()),
                Arguments.of(Fault.CHAINS_BY_RECIPIENT_ID_ONLY, Outbox.class, "O6", List.of()),
                Arguments.of(Fault.IGNORES_DEAD_LETTER_IN_CHAIN, Outbox.class, "O6", List.of("O9", "O11")),
                Arguments.of(Fault.FORGETS_DELIVERED_KEYS, Outbox.class, "O7", List.of("O9")),
                Arguments.of(
                        Fault.DELIVERED_ONLY_RELEASES,
                        Outbox.class,
                        "O8",
                        List.of("O1", "O6", "O7", "O9", "O10", "O11", "O12")),
                Arguments.of(Fault.FINISHES_PARTIALLY, Outbox.class, "O10", List.of()),
                Arguments.of(Fault.COUNTS_BEFORE_FINISHING, Outbox.class, "O10", List.of()),
                Arguments.of(Fault.REPLAYS_OUT_OF_ORDER, Outbox.class, "O11", List.of()),
                Arguments.of(Fault.TRUNCATES_INVITE_INSTANTS, Outbox.class, "O12", List.of()),
                Arguments.of(Fault.REPAIRS_CLAIM_ARGUMENTS, Outbox.class, "O13", List.of()),
                Arguments.of(Fault.MIXES_CLAIMED_CUSTOMERS, Outbox.class, "O1", List.of()),
                Arguments.of(Fault.LOSES_SECOND_RETRY, Outbox.class, "O4", List.of()),
                Arguments.of(Fault.JOINS_TICKET_REFERENCE_BY_CUSTOMER, Store.class, "S18", List.of()),
                Arguments.of(Fault.DUE_HIDES_CLAIMED, Due.class, "D1", List.of("D7")),
                Arguments.of(Fault.CLAIMS_DUE_TWICE, Due.class, "D2", List.of("D1", "D8")),
                Arguments.of(Fault.RELEASES_ANY_CLAIM, Due.class, "D3", List.of()),
                Arguments.of(Fault.COMPLETES_BY_RELEASING, Due.class, "D4", List.of("D1", "D2b", "D3", "D5", "D6")),
                Arguments.of(Fault.QUEUES_FOLLOW_UPS_OF_REFUSED_COMPLETE, Due.class, "D5", List.of()),
                Arguments.of(Fault.KEEPS_REPLACED_DUE_ITEMS, Due.class, "D7", List.of()),
                Arguments.of(Fault.ORDERS_DUE_BY_KIND, Due.class, "D1", List.of()),
                Arguments.of(Fault.CLAIMS_DUE_IN_KEY_ORDER, Due.class, "D1", List.of()),
                Arguments.of(Fault.DERIVES_DUE_KEYS, Due.class, "D1", List.of("D7")),
                Arguments.of(Fault.REPLACES_DUE_ITEMS_BY_PARTS, Due.class, "D7", List.of()),
                Arguments.of(Fault.COMPLETES_SUPERSEDED_CLAIMS, Due.class, "D2b", List.of()),
                Arguments.of(Fault.REQUEUES_COMPLETED_DUE_KEYS, Due.class, "D6", List.of()),
                Arguments.of(Fault.CLAIMS_DUE_WITHOUT_LOCK, Due.class, "D8", List.of()),
                Arguments.of(Fault.REPAIRS_DUE_ARGUMENTS, Due.class, "D9", List.of()),
                Arguments.of(Fault.CLAIMS_DUE_WITH_FIRST_ESCALATION, Due.class, "D1", List.of()),
                Arguments.of(Fault.IGNORES_BREACHED_FILTER, Queries.class, "Q1", List.of("Q3")),
                Arguments.of(Fault.IGNORES_SORT_DIRECTION, Queries.class, "Q2", List.of("Q4")),
                Arguments.of(Fault.COUNTS_WITH_OWN_FACET, Queries.class, "Q3", List.of()),
                Arguments.of(Fault.QUERY_LEAKS_TENANT, Queries.class, "Q4", List.of("Q1", "Q2")),
                Arguments.of(Fault.OVERDUE_IGNORES_MEETINGS, Queries.class, "Q5", List.of()),
                Arguments.of(Fault.OVERDUE_MIXES_HOTLINE_ADVICE, Queries.class, "Q5", List.of()),
                Arguments.of(Fault.ERASES_ONLY_RECORDS, Retention.class, "R1", List.of("R2", "R5", "R9")),
                Arguments.of(Fault.PURGES_OPEN_ESCALATIONS, Retention.class, "R2", List.of()),
                Arguments.of(Fault.PURGES_INSIDE_WINDOW, Retention.class, "R3", List.of()),
                Arguments.of(Fault.NAMES_AFTER_DELETING, Retention.class, "R8", List.of()),
                Arguments.of(Fault.EXPORTS_WITHOUT_DEAD_LETTERS, Retention.class, "R4", List.of()),
                Arguments.of(Fault.FORGETS_OWNER_KINDS, Retention.class, "R4", List.of()),
                Arguments.of(Fault.ERASES_EVERY_MATCH, Retention.class, "R5", List.of()),
                Arguments.of(Fault.EXPORTS_ENTRIES_OUT_OF_ORDER, Retention.class, "R6", List.of()),
                Arguments.of(Fault.ERASES_INSIDE_OTHER_PARTIES, Retention.class, "R7", List.of("R5")),
                Arguments.of(Fault.ERASES_ADDRESSES_IGNORING_CASE, Retention.class, "R9", List.of()),
                Arguments.of(Fault.IGNORES_CRITICALITY_FILTER, Metrics.class, "K1", List.of()),
                Arguments.of(Fault.DROPS_METRICS_OF_CHANGES, Metrics.class, "K2", List.of("K1", "K3")),
                Arguments.of(Fault.PURGES_METRIC_ROWS, Metrics.class, "K3", List.of()),
                Arguments.of(Fault.DROPS_MESSAGE_PARAMS, Portal.class, "M1", List.of()),
                Arguments.of(Fault.OVERWRITES_REPEATED_KEYS, Portal.class, "M2", List.of()),
                Arguments.of(Fault.MIXES_RECIPIENT_KINDS, Portal.class, "M3", List.of("M5")),
                Arguments.of(Fault.PAGES_MESSAGES_BY_INSTANT_ONLY, Portal.class, "M4", List.of()),
                Arguments.of(Fault.CYCLES_PAGES_AFTER_STORE, Portal.class, "M4", List.of()),
                Arguments.of(Fault.ERASES_ACROSS_KINDS, Portal.class, "M5", List.of()),
                Arguments.of(Fault.ERASES_FIRST_ESCALATION_ONLY, Portal.class, "M6", List.of()),
                Arguments.of(Fault.CLAIMS_EVERY_CHANNEL, Notifications.class, "N1", List.of()),
                Arguments.of(Fault.REORDERS_NOTIFICATIONS, Notifications.class, "N2", List.of("N4")),
                Arguments.of(Fault.SWALLOWS_FAILURES, Notifications.class, "N3", List.of()),
                Arguments.of(Fault.DUPLICATES_ON_RETRY, Notifications.class, "N4", List.of()),
                Arguments.of(Fault.REJECTS_INVITATIONS, Notifications.class, "N5", List.of()),
                Arguments.of(Fault.MISDIRECTS_NOTIFICATIONS, Notifications.class, "N1", List.of()),
                Arguments.of(
                        Fault.POSTS_DESCRIPTION_AS_UPDATE, Tickets.class, "T1", List.of("T4", "T5", "T6", "T7", "T9")),
                Arguments.of(Fault.LISTS_PARTICIPANT_TWICE, Tickets.class, "T2", List.of("T9")),
                Arguments.of(Fault.REMOVING_ABSENT_FAILS, Tickets.class, "T3", List.of()),
                Arguments.of(Fault.REORDERS_UPDATES, Tickets.class, "T4", List.of("T5", "T9")),
                Arguments.of(Fault.IGNORES_STATUS, Tickets.class, "T5", List.of()),
                Arguments.of(Fault.DROPS_STATUS_NOTE, Tickets.class, "T5", List.of()),
                Arguments.of(Fault.OPENS_AGAIN_ON_RETRY, Tickets.class, "T7", List.of()),
                Arguments.of(Fault.IGNORES_TICKET_REFERENCE, Tickets.class, "T6", List.of()),
                Arguments.of(Fault.MATCHES_TICKETS_BY_SUBSTRING, Tickets.class, "T6", List.of()),
                Arguments.of(Fault.SWALLOWS_FAILURES, Tickets.class, "T8", List.of()),
                Arguments.of(Fault.DUPLICATES_ON_RETRY, Tickets.class, "T9", List.of()),
                Arguments.of(Fault.FORGETS_CONTACT_PREFERENCES, Customers.class, "C1", List.of()),
                Arguments.of(Fault.IGNORES_CONTACT_ROLE, Customers.class, "C2", List.of()),
                Arguments.of(Fault.IGNORES_CONTACT_ID_CASE, Customers.class, "C1", List.of()),
                Arguments.of(Fault.FORGETS_STAFF_PREFERENCES, Staff.class, "P1", List.of()),
                Arguments.of(Fault.IGNORES_STAFF_ROLE, Staff.class, "P2", List.of()),
                Arguments.of(Fault.IGNORES_STAFF_ID_CASE, Staff.class, "P1", List.of()),
                Arguments.of(Fault.KEEPS_LESS_THAN_DECLARED, Audit.class, "A1", List.of()),
                Arguments.of(Fault.ANCHORS_RETURN_FIRST, Audit.class, "A2", List.of()),
                Arguments.of(Fault.KEYS_IGNORE_KIND, Audit.class, "A3", List.of()),
                Arguments.of(Fault.SHRED_KEEPS_KEY, Audit.class, "A4", List.of("A5")),
                Arguments.of(Fault.KEEPS_OWN_KEYS, Audit.class, "A5", List.of()),
                Arguments.of(Fault.CUTS_EXTERNAL_KEYS, Audit.class, "A6", List.of()));
    }

    @ParameterizedTest(name = "{0} fails rule {2} of {1}")
    @MethodSource("brokenAdapters")
    void brokenAdapterFailsExactlyItsRules(Fault f, Class<?> contract, String rule, List<String> alsoBreaks) {
        Events tests = run(f, selectClass(contract));
        Set<String> failed = rulesOf(tests.failed());
        assertThat(failed)
                .as("the contract test of rule %s must fail for %s", rule, f)
                .contains(rule);
        Set<String> expected = new TreeSet<>(alsoBreaks);
        expected.add(rule);
        assertThat(failed)
                .as("rules failed by %s (update the list in brokenAdapters() and RULES.md if a change is intended)", f)
                .containsExactlyInAnyOrderElementsOf(expected);
        tests.failed().stream()
                .forEach(e -> assertThat(e.getPayload(TestExecutionResult.class)
                                .flatMap(TestExecutionResult::getThrowable)
                                .map(Throwable::getMessage)
                                .orElse(""))
                        .as("the failure message of a rule test names the rule")
                        .containsPattern("Rule [SODNTQRCPAMK]\\d+b? broken"));
    }

    @ParameterizedTest(name = "the unbroken adapters pass {0}")
    @MethodSource("contracts")
    void theUnbrokenAdaptersPassEveryContract(Class<?> contract) {
        Events tests = run(null, selectClass(contract));
        assertThat(rulesOf(tests.failed()))
                .as("rules failed by the plain in-memory adapters")
                .isEmpty();
        assertThat(tests.aborted().count())
                .as("skipped rules of the plain in-memory adapters (every capability is declared in this test)")
                .isZero();
        assertThat(tests.succeeded().count()).isPositive();
    }

    static Stream<Class<?>> contracts() {
        return Stream.of(
                Store.class,
                Outbox.class,
                Due.class,
                Queries.class,
                Retention.class,
                Metrics.class,
                Tickets.class,
                Notifications.class,
                Portal.class,
                Customers.class,
                Staff.class,
                Audit.class);
    }

    @Test
    void everyFaultHasACase() {
        Set<Fault> covered = brokenAdapters().map(a -> (Fault) a.get()[0]).collect(Collectors.toSet());
        assertThat(EnumSet.complementOf(EnumSet.copyOf(covered)))
                .as("faults without a case")
                .isEmpty();
    }

    /**
     * RULES.md names, first in each rule's "Failed by" cell, the wrapper written to fail it; that wrapper's case above
     * must fail the rule (the case itself is run by {@link #brokenAdapterFailsExactlyItsRules}), and every rule but a
     * folded one can fail.
     */
    @Test
    void everyRuleFailsWithTheWrapperRulesMdNames() throws java.io.IOException {
        java.util.regex.Pattern row = java.util.regex.Pattern.compile("^\\| ([A-Z]\\d+b?) \\| (.*) \\| (.*) \\|$");
        java.util.regex.Pattern wrapper = java.util.regex.Pattern.compile("`([A-Z][a-z]+(?:[A-Z][a-z]+)+)`");
        java.util.Map<String, Set<String>> failedBy = new java.util.HashMap<>();
        brokenAdapters().forEach(a -> {
            Object[] c = a.get();
            String name = ((Fault) c[0]).wrapper();
            failedBy.computeIfAbsent((String) c[2], r -> new TreeSet<>()).add(name);
            for (Object also : (List<?>) c[3]) {
                failedBy.computeIfAbsent((String) also, r -> new TreeSet<>()).add(name);
            }
        });
        int rules = 0;
        for (String line : java.nio.file.Files.readAllLines(
                java.nio.file.Path.of("RULES.md"), java.nio.charset.StandardCharsets.UTF_8)) {
            java.util.regex.Matcher m = row.matcher(line);
            if (!m.matches() || m.group(2).startsWith("*Folded into")) {
                continue;
            }
            rules++;
            String rule = m.group(1);
            assertThat(failedBy.getOrDefault(rule, Set.of()))
                    .as("wrappers whose case fails rule %s", rule)
                    .isNotEmpty();
            java.util.regex.Matcher named = wrapper.matcher(m.group(3));
            if (named.find()) {
                assertThat(failedBy.getOrDefault(rule, Set.of()))
                        .as(
                                "RULES.md says %s fails rule %s, but its case in brokenAdapters() does not",
                                named.group(1), rule)
                        .contains(named.group(1));
            } else {
                assertThat(m.group(3))
                        .as("rule %s names no wrapper that fails it", rule)
                        .startsWith("many (listed in BrokenAdaptersTest)");
            }
        }
        assertThat(rules).as("rules read from RULES.md").isGreaterThan(50);
    }

    static Events run(Fault f, DiscoverySelector selector) {
        fault = f;
        try {
            return EngineTestKit.engine("junit-jupiter")
                    .selectors(selector)
                    .execute()
                    .testEvents();
        } finally {
            fault = null;
        }
    }

    /** "s4_concurrent…" → "S4", "o2b_…" → "O2b". */
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

    // --- the contracts, run against the wrappers (static nested: Surefire does not run them by itself) --------------

    static class Store extends EscalationStoreContract {
        @Override
        protected EscalationStore createStore() {
            return Broken.store(fault);
        }

        @Override
        protected Optional<EscalationStore> createUnavailableStore() {
            return Optional.of(Broken.unavailableStore(fault));
        }

        @Override
        protected int statefulTries() {
            return 40;
        }

        @Override
        protected long statefulSeed() {
            return 20261127L;
        }

        @Override
        protected int concurrentListings() {
            return 300;
        }

        @Override
        protected java.time.Duration changeFeedPatience() {
            return java.time.Duration.ofMillis(300); // the in-memory feed has no lag
        }

        /**
         * The two wrappers whose fault shows as the second change running at once (S4, S19) get 10 s, so that a
         * second change's thread held up for a second on a busy host still shows it; every other store serialises the
         * changes and waits the whole window, so it keeps the kit's 1 s.
         */
        @Override
        protected java.time.Duration raceWindow() {
            return fault == Fault.LOADS_OUTSIDE_LOCK || fault == Fault.SKIPS_LATE_COMMITS
                    ? java.time.Duration.ofSeconds(10)
                    : super.raceWindow();
        }
    }

    static class Outbox extends OutboxContract {
        @Override
        protected EscalationStore createStore() {
            return Broken.store(fault);
        }

        @Override
        protected int statefulTries() {
            return 40;
        }

        @Override
        protected long statefulSeed() {
            return 20261127L;
        }
    }

    static class Due extends DueWorkContract {
        @Override
        protected EscalationStore createStore() {
            return Broken.store(fault);
        }
    }

    static class Queries extends EscalationQueriesContract {
        @Override
        protected EscalationStore createStore() {
            return Broken.store(fault);
        }

        @Override
        protected int queryTries() {
            return 60;
        }

        @Override
        protected long querySeed() {
            return 20261127L;
        }
    }

    static class Retention extends DataRetentionContract {
        @Override
        protected EscalationStore createStore() {
            return Broken.store(fault);
        }
    }

    static class Metrics extends MetricsQueriesContract {
        @Override
        protected EscalationStore createStore() {
            return Broken.store(fault);
        }
    }

    static class Tickets extends TicketingContract {
        @Override
        protected Ticketing createTicketing() {
            return Broken.ticketing(fault);
        }

        @Override
        protected Optional<TicketView> inspect(Ticketing ticketing, String reference) {
            return ((Forwarding.TicketingPort) ticketing).view(reference);
        }

        @Override
        protected Optional<Ticketing> createUnavailableTicketing() {
            Forwarding.TicketingPort down = Broken.ticketing(fault);
            down.setAvailable(false);
            return Optional.of(down);
        }
    }

    static class Notifications extends NotifierContract {
        private Forwarding.NotifierPort notifier;

        @Override
        protected Notifier createNotifier() {
            notifier = Broken.notifier(fault);
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
            // the simulated outage of the same instance, so receivedBy would see a delivery that slipped through
            notifier.setAvailable(false);
            return Optional.of(notifier);
        }
    }

    static class Portal extends PortalMessagesContract {
        @Override
        protected PortalMessages createPortalMessages() {
            return BrokenPortalMessages.of(fault);
        }
    }

    static class Audit extends dev.escalation.test.AuditTrailContract {
        @Override
        protected EscalationStore createStore() {
            return BrokenAudit.store(fault);
        }

        @Override
        protected dev.escalation.spi.AuditAnchors createAnchors() {
            return BrokenAudit.anchors(fault);
        }

        @Override
        protected dev.escalation.spi.SubjectKeys createKeys() {
            return BrokenAudit.keys(fault);
        }
    }

    static class Customers extends CustomerDirectoryContract {
        @Override
        protected CustomerDirectory createDirectory(
                List<CustomerAccount> accounts, List<Touchpoint> touchpoints, List<SupportCase> cases) {
            InMemoryCustomerDirectory directory = new InMemoryCustomerDirectory();
            accounts.forEach(directory::add);
            touchpoints.forEach(directory::add);
            cases.forEach(directory::add);
            return Broken.customers(fault, directory);
        }
    }

    static class Staff extends StaffDirectoryContract {
        @Override
        protected StaffDirectory createDirectory(List<StaffMember> members) {
            InMemoryStaffDirectory directory = new InMemoryStaffDirectory();
            members.forEach(directory::add);
            return Broken.staff(fault, directory);
        }
    }
}
