package dev.escalation.test;

import static dev.escalation.test.Rules.broken;
import static dev.escalation.test.Rules.thrown;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.escalation.model.CaseId;
import dev.escalation.model.CustomerId;
import dev.escalation.model.DueKind;
import dev.escalation.model.EscalationId;
import dev.escalation.model.EscalationState;
import dev.escalation.model.EscalationSummary;
import dev.escalation.model.Page;
import dev.escalation.model.PageCursor;
import dev.escalation.model.PageRequest;
import dev.escalation.spi.DueItem;
import dev.escalation.spi.EscalationRecord;
import dev.escalation.spi.EscalationStore;
import dev.escalation.spi.OpenEscalationExistsException;
import dev.escalation.spi.OutboxMessage;
import dev.escalation.spi.ProgressEntry;
import dev.escalation.spi.StaleVersionException;
import dev.escalation.spi.UnavailableException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.sessions.JqwikSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

/**
 * The contract of {@link EscalationStore}: rules S1 to S15 of {@code RULES.md}. Extend it, implement
 * {@link #createStore()}, and run it as a JUnit 5 test.
 *
 * <p>Every test gets a fresh store from {@link #createStore()} and uses ids unique to the test instance. Tests that
 * list across customers ({@link EscalationStore#listByState}) or count the outbox expect the store to start empty,
 * so a store backed by a shared database should be emptied in {@link #createStore()}.
 *
 * <p>The outbox and due-work facets are exercised here only where a write must include them (S4, S9, S11); their
 * own rules are in {@link OutboxContract} and {@link DueWorkContract}, which use the same factory.
 */
public abstract class EscalationStoreContract {

    /** Unique per test instance, so a shared backend never mixes data of two tests. */
    private final String run = "s" + Long.toString(ThreadLocalRandom.current().nextLong() & 0xffffffffL, 36);

    /** The store under test, created before each test. */
    private EscalationStore store;

    /** Creates the contract. */
    protected EscalationStoreContract() {}

    /**
     * Creates the store under test: empty, with its outbox and due work empty. Called once per test.
     *
     * @return a new, empty store
     */
    protected abstract EscalationStore createStore();

    /**
     * Releases what {@link #createStore()} acquired (connections, containers). Called after each test.
     *
     * @param store the store the test used
     */
    protected void disposeStore(EscalationStore store) {
        // nothing to release by default
    }

    /**
     * Optional capability: a store whose backend cannot answer (for example pointed at a closed port), to check
     * rule S14. Without it, S14 is skipped with a reason.
     *
     * @return the unavailable store, or empty (the default)
     */
    protected Optional<EscalationStore> createUnavailableStore() {
        return Optional.empty();
    }

    /**
     * How many random operation sequences the stateful property (S15) runs. The default suits an in-memory store;
     * a remote backend may return fewer.
     *
     * @return the number of tries, 1 or more
     */
    protected int statefulTries() {
        return 200;
    }

    /**
     * How many operations one try of the stateful property runs at most.
     *
     * @return the maximum sequence length, 1 or more
     */
    protected int statefulSteps() {
        return 25;
    }

    /**
     * The seed of the stateful property. Defaults to the system property {@code escalation.tck.seed} if set,
     * else a random seed; a failure message names the seed to replay it.
     *
     * @return the seed
     */
    protected long statefulSeed() {
        return Rules.seed(ThreadLocalRandom.current().nextLong());
    }

    /**
     * How many threads race in the concurrency rules (S5, S10).
     *
     * @return the number of concurrent writers, 2 or more
     */
    protected int concurrentWriters() {
        return 8;
    }

    /**
     * How many listings rule S8b runs while another thread keeps changing an escalation's state.
     *
     * @return the number of listings, 1 or more
     */
    protected int concurrentListings() {
        return 2000;
    }

    @BeforeEach
    final void createStoreUnderTest() {
        store = createStore();
        assertThat(store).as("createStore() returned null").isNotNull();
    }

    @AfterEach
    final void disposeStoreUnderTest() {
        if (store != null) {
            disposeStore(store);
        }
    }

    /**
     * The store of the running test.
     *
     * @return the store created by {@link #createStore()} for this test
     */
    protected final EscalationStore store() {
        return store;
    }

    private EscalationId id(String name) {
        return EscalationId.of(run + "-" + name);
    }

    private CustomerId customer(String name) {
        return CustomerId.of(run + "-" + name);
    }

    private static CaseId caseId(String name) {
        return CaseId.of(name);
    }

    private static final Instant AT = Records.T0.plusNanos(123_456_000); // microsecond precision, see RULES.md
    private static final Instant FAR = AT.plus(java.time.Duration.ofDays(3650));

    private EscalationRecord simple(String name, String customer, String caseName, Instant raisedAt) {
        return Records.escalation(id(name), customer(customer), caseId(caseName))
                .raisedAt(raisedAt)
                .build();
    }

    // ---------------------------------------------------------------------------------------------------------------

    /** S1: every component of a record, and of its summary, survives the round trip unchanged. */
    @Test
    void s1_everyFieldSurvivesARoundTrip() {
        EscalationRecord full = Records.fullyPopulated(id("full"), customer("acme"), caseId("C-1"), AT);
        EscalationRecord minimal = simple("minimal", "acme", "C-2", AT.plusSeconds(1));
        store.insert(full, List.of(), List.of());
        store.insert(minimal, List.of(), List.of());

        for (EscalationRecord r : List.of(full, minimal)) {
            String check = "that every component of EscalationRecord is stored and mapped back (Optional.empty() "
                    + "stays empty, an empty string stays empty, lists keep their order, instants keep microseconds)";
            assertThat(store.find(r.id()))
                    .as(broken("S1", "find(id) did not return the record as written", check))
                    .contains(r);
            assertThat(store.find(r.customer(), r.id()))
                    .as(broken("S1", "find(customer, id) did not return the record as written", check))
                    .contains(r);
            assertDetailOrder(r, store.find(r.id()).orElseThrow(), "S1");
        }
        List<EscalationSummary> listed = all(p -> store.listByCustomer(customer("acme"), p), 10);
        assertThat(listed)
                .as(broken(
                        "S1",
                        "listByCustomer did not return the summaries of the stored records",
                        "that the list query maps every component of EscalationSummary"))
                .containsExactly(full.summary(), minimal.summary());

        EscalationRecord next = Records.next(full, EscalationState.LESSONS_LEARNED, AT.plusSeconds(7), "second");
        store.update(next, List.of(), List.of());
        assertThat(store.find(next.id()))
                .as(broken(
                        "S1",
                        "the record read after update differs from the one written",
                        "that update writes every component, not only the state"))
                .contains(next);
    }

    private static void assertDetailOrder(EscalationRecord expected, EscalationRecord actual, String rule) {
        for (int i = 0; i < expected.progress().size(); i++) {
            assertThat(List.copyOf(actual.progress().get(i).details().keySet()))
                    .as(broken(
                            rule,
                            "the details of progress entry " + (i + 1) + " came back in another order",
                            "that the details map is stored with its iteration order (e.g. a JSON object read into a "
                                    + "LinkedHashMap, or a position column)"))
                    .containsExactlyElementsOf(
                            expected.progress().get(i).details().keySet());
        }
    }

    /** S2: the progress log keeps every entry unchanged and in sequence order across versions. */
    @Test
    void s2_progressLogKeepsEveryEntryInOrder() {
        EscalationRecord r = Records.fullyPopulated(id("log"), customer("acme"), caseId("C-1"), AT);
        store.insert(r, List.of(), List.of());
        for (int i = 0; i < 6; i++) {
            r = Records.next(r, EscalationState.LESSONS_LEARNED, AT.plusSeconds(10L + i), "update " + i);
            store.update(r, List.of(), List.of());
            List<ProgressEntry> stored = store.find(r.id()).orElseThrow().progress();
            assertThat(stored)
                    .as(broken(
                            "S2",
                            "after " + (i + 1) + " updates the progress log is not the one written",
                            "that entries are read back ordered by sequence and that earlier entries are neither "
                                    + "rewritten nor dropped when new ones are appended"))
                    .containsExactlyElementsOf(r.progress());
        }
        assertDetailOrder(r, store.find(r.id()).orElseThrow(), "S2");
    }

    /** S3: the stored version is the written one and grows by exactly one with every save. */
    @Test
    void s3_versionIncreasesByOneOnEverySave() {
        EscalationRecord r = simple("v", "acme", "C-1", AT);
        store.insert(r, List.of(), List.of());
        assertThat(store.find(r.id()).map(EscalationRecord::version))
                .as(broken("S3", "a new escalation is not at version 1", "that insert stores record.version()"))
                .contains(1L);
        for (long v = 2; v <= 5; v++) {
            r = Records.next(r, EscalationState.ACTIVE, AT.plusSeconds(v), "v" + v);
            store.update(r, List.of(), List.of());
            assertThat(store.find(r.id()).map(EscalationRecord::version))
                    .as(broken(
                            "S3", "after a save the stored version is not " + v, "that update stores next.version()"))
                    .contains(v);
        }
        EscalationRecord skipping = Records.from(r).version(r.version() + 2).build();
        Throwable t = thrown(() -> {
            store.update(skipping, List.of(), List.of());
            return null;
        });
        assertThat(t)
                .as(broken(
                        "S3",
                        "an update that skips a version (stored 5, written 7) was accepted",
                        "that update requires the stored version to be exactly next.version() - 1"))
                .isInstanceOf(StaleVersionException.class);
        assertThat(store.find(r.id()))
                .as(broken(
                        "S3",
                        "a refused update changed the record",
                        "that the version check happens before anything is written"))
                .contains(r);
    }

    /** S4: a stale save throws StaleVersionException and changes nothing: record, outbox and due work stay. */
    @Test
    void s4_staleSaveIsRefusedAndChangesNothing() {
        EscalationRecord v1 = simple("stale", "acme", "C-1", AT);
        store.insert(v1, List.of(), List.of());
        EscalationRecord winner = Records.next(v1, EscalationState.ACKNOWLEDGED, AT.plusSeconds(1), "winner");
        store.update(winner, List.of(Records.notificationMessage(v1.customer(), v1.id(), run + "-w", AT)), List.of());
        long pending = store.outbox().pendingCount();
        List<DueItem> due = store.dueWork().due(FAR, 100);

        EscalationRecord loser = Records.next(v1, EscalationState.WITHDRAWN, AT.plusSeconds(2), "loser");
        Throwable t = thrown(() -> {
            store.update(
                    loser,
                    List.of(Records.notificationMessage(v1.customer(), v1.id(), run + "-l", AT)),
                    List.of(Records.dueItem(v1.id(), v1.customer(), DueKind.RESOLUTION, "breach", AT)));
            return null;
        });
        assertThat(t)
                .as(
                        broken(
                                "S4",
                                "a save based on version 1 was accepted after version 2 was stored",
                                "that update compares the stored version with next.version() - 1 in the same transaction as the "
                                        + "write (e.g. UPDATE … WHERE version = ?) and throws StaleVersionException when no row matched"))
                .isInstanceOf(StaleVersionException.class);
        StaleVersionException stale = (StaleVersionException) t;
        assertThat(stale.escalation())
                .as(broken(
                        "S4",
                        "StaleVersionException names the wrong escalation",
                        "the arguments of new StaleVersionException(...)"))
                .isEqualTo(v1.id());
        assertThat(stale.expectedVersion())
                .as(broken(
                        "S4",
                        "StaleVersionException names the wrong expected version",
                        "that it carries next.version() - 1"))
                .isEqualTo(1L);
        assertThat(store.find(v1.id()))
                .as(broken(
                        "S4",
                        "the stale save changed the stored record",
                        "that the version check happens before anything is written"))
                .contains(winner);
        assertThat(store.outbox().pendingCount())
                .as(broken(
                        "S4",
                        "the stale save queued outbox messages",
                        "that outbox messages are inserted in the same transaction as the version-checked update, and "
                                + "rolled back with it"))
                .isEqualTo(pending);
        assertThat(store.dueWork().due(FAR, 100))
                .as(broken(
                        "S4",
                        "the stale save changed the due work",
                        "that due items are written in the same transaction as the version-checked update"))
                .containsExactlyElementsOf(due);
    }

    /** S5: of N concurrent writers of one version exactly one wins; the others get StaleVersionException. */
    @Test
    void s5_concurrentWritersOfOneVersionExactlyOneWins() {
        EscalationRecord current = simple("race", "acme", "C-1", AT);
        store.insert(current, List.of(), List.of());
        int writers = concurrentWriters();
        for (int round = 1; round <= 3; round++) {
            EscalationRecord base = current;
            int r = round;
            List<Concurrency.Outcome<EscalationRecord>> outcomes = Concurrency.race(writers, i -> () -> {
                EscalationRecord next = Records.next(base, EscalationState.ACTIVE, AT.plusSeconds(r), "writer " + i);
                store.update(next, List.of(), List.of());
                return next;
            });
            List<EscalationRecord> winners = outcomes.stream()
                    .filter(Concurrency.Outcome::succeeded)
                    .map(Concurrency.Outcome::value)
                    .toList();
            String check = "that the version check and the write are one atomic step (a conditional UPDATE or a "
                    + "compare-and-set), not a read followed by a write";
            assertThat(winners)
                    .as(broken(
                            "S5",
                            writers + " writers of version " + base.version() + " raced and " + winners.size()
                                    + " succeeded; exactly one must",
                            check))
                    .hasSize(1);
            assertThat(outcomes.stream().filter(o -> !o.succeeded()).map(Concurrency.Outcome::failure))
                    .as(broken(
                            "S5",
                            "a losing writer failed with something else than StaleVersionException",
                            "that a lost race is reported as StaleVersionException"))
                    .allMatch(StaleVersionException.class::isInstance);
            assertThat(store.find(base.id()))
                    .as(broken("S5", "the stored record is not the winner's", check))
                    .contains(winners.get(0));
            current = winners.get(0);
        }
    }

    /** S6: customer-scoped look-ups never return another customer's escalation. */
    @Test
    void s6_customerScopedLookUpsNeverReturnAnotherCustomersData() {
        CustomerId acme = customer("acme");
        CustomerId globex = customer("globex");
        EscalationRecord a = Records.escalation(id("a"), acme, caseId("C-1"))
                .submissionKey("same-key")
                .build();
        EscalationRecord b = Records.escalation(id("b"), globex, caseId("C-1"))
                .submissionKey("same-key")
                .raisedAt(AT)
                .build();
        store.insert(a, List.of(), List.of());
        store.insert(b, List.of(), List.of());
        String check = "that every customer-scoped query filters by customer (WHERE customer = ?), including look-ups "
                + "by id, by case and by submission key";
        assertThat(store.find(globex, a.id()))
                .as(broken("S6", "find(globex, id of acme's escalation) returned it", check))
                .isEmpty();
        assertThat(store.find(acme, b.id()))
                .as(broken("S6", "find(acme, id of globex's escalation) returned it", check))
                .isEmpty();
        assertThat(store.findOpen(acme, caseId("C-1")))
                .as(broken(
                        "S6",
                        "findOpen(acme, C-1) did not return acme's escalation of a case id both customers use",
                        check))
                .contains(a);
        assertThat(store.findOpen(globex, caseId("C-1")))
                .as(broken(
                        "S6",
                        "findOpen(globex, C-1) did not return globex's escalation of a case id both customers use",
                        check))
                .contains(b);
        assertThat(store.findBySubmission(acme, "same-key"))
                .as(broken(
                        "S6",
                        "findBySubmission(acme, key) did not return acme's escalation of a key both customers use",
                        check))
                .contains(a);
        assertThat(store.findBySubmission(globex, "same-key"))
                .as(broken("S6", "findBySubmission(globex, key) did not return globex's escalation", check))
                .contains(b);
        assertThat(all(p -> store.listByCustomer(acme, p), 10))
                .as(broken("S6", "listByCustomer(acme) did not return exactly acme's escalations", check))
                .containsExactly(a.summary());
        assertThat(all(p -> store.listByCustomer(customer("initech"), p), 10))
                .as(broken("S6", "listByCustomer of a customer without escalations returned some", check))
                .isEmpty();
    }

    /** S7: paged lists are ordered by (raisedAt, id) and, followed to the end, return each match exactly once. */
    @Test
    void s7_pagedListsAreCompleteAndOrdered() {
        List<EscalationRecord> acme = new ArrayList<>();
        Random random = new Random(7);
        for (int i = 0; i < 23; i++) {
            // every third shares its raisedAt with another one, so the id must break the tie
            Instant raised = AT.plusSeconds(random.nextInt(8) * 60L);
            EscalationState state = i % 3 == 0
                    ? EscalationState.ACTIVE
                    : i % 3 == 1 ? EscalationState.REQUESTED : EscalationState.CLOSED;
            EscalationRecord r = Records.escalation(
                            id(String.format("p%02d", (i * 7) % 23)), customer("acme"), caseId("C-" + i))
                    .raisedAt(raised)
                    .state(state)
                    .build();
            store.insert(r, List.of(), List.of());
            acme.add(r);
        }
        store.insert(simple("other", "globex", "C-1", AT), List.of(), List.of());
        List<EscalationSummary> expected =
                acme.stream().map(EscalationRecord::summary).sorted(LIST_ORDER).toList();
        String check = "that the query orders by (raisedAt, id) ascending, that the next page starts strictly after "
                + "the cursor (raisedAt > ? OR (raisedAt = ? AND id > ?)), and that next is empty only on the last page";
        for (int size : new int[] {1, 4, 5, 23, 500}) {
            assertThat(all(p -> store.listByCustomer(customer("acme"), p), size))
                    .as(broken(
                            "S7",
                            "listByCustomer with page size " + size + " did not return every escalation "
                                    + "once, in order",
                            check))
                    .containsExactlyElementsOf(expected);
        }
        Set<EscalationState> states = EnumSet.of(EscalationState.ACTIVE, EscalationState.REQUESTED);
        List<EscalationSummary> inStates =
                expected.stream().filter(s -> states.contains(s.state())).toList();
        List<EscalationSummary> listed = all(p -> store.listByState(states, p), 4).stream()
                .filter(s -> s.customer().equals(customer("acme")))
                .toList();
        assertThat(listed)
                .as(broken(
                        "S7",
                        "listByState(ACTIVE, REQUESTED) with page size 4 did not return exactly "
                                + "the escalations in these states, once each, in order",
                        check + "; and that it filters by state"))
                .containsExactlyElementsOf(inStates);
    }

    /** S8: inserting while a client pages through a list neither skips nor repeats the items already present. */
    @Test
    void s8_pagedListsStayStableWhileInserting() {
        List<EscalationSummary> before = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            EscalationRecord r = simple(String.format("b%02d", i), "acme", "C-" + i, AT.plusSeconds(i * 10L));
            store.insert(r, List.of(), List.of());
            before.add(r.summary());
        }
        List<EscalationSummary> seen = new ArrayList<>();
        Optional<PageCursor> cursor = Optional.empty();
        int inserted = 0;
        int pages = 0;
        do {
            Page<EscalationSummary> page = store.listByCustomer(customer("acme"), new PageRequest(cursor, 3));
            seen.addAll(page.items());
            cursor = page.next();
            // between pages: one escalation behind the reader and one ahead of it
            EscalationRecord behind = simple("n" + inserted + "a", "acme", "N-" + inserted + "a", AT.minusSeconds(5));
            EscalationRecord ahead = simple("n" + inserted + "b", "acme", "N-" + inserted + "b", AT.plusSeconds(900));
            store.insert(behind, List.of(), List.of());
            store.insert(ahead, List.of(), List.of());
            inserted++;
            assertThat(++pages)
                    .as(broken("S8", "paging does not end while inserting", "that the cursor advances strictly"))
                    .isLessThan(100);
        } while (cursor.isPresent());
        String check = "keyset paging: the next page must start strictly after the cursor position, never at an offset";
        assertThat(seen)
                .as(broken("S8", "an item was returned twice while inserting between pages", check))
                .doesNotHaveDuplicates();
        assertThat(seen)
                .as(broken("S8", "an item present before paging started was skipped", check))
                .containsAll(before);
        assertThat(seen)
                .as(broken("S8", "pages were not in ascending (raisedAt, id) order while inserting", check))
                .isSortedAccordingTo(LIST_ORDER);
        assertThat(seen.stream().filter(s -> s.raisedAt().isBefore(AT)))
                .as(broken("S8", "an item inserted behind the cursor was returned on a later page", check))
                .isEmpty();
    }

    /**
     * S8b: an escalation that moves between two listed states (resolved, reopened, …) while clients list those
     * states is returned by every listing: a state change never makes it vanish for a moment.
     */
    @Test
    void s8b_escalationMovingBetweenListedStatesIsNeverMissing() {
        EscalationRecord r = simple("mover", "acme", "C-1", AT);
        store.insert(r, List.of(), List.of());
        Set<EscalationState> states = EnumSet.of(EscalationState.ACTIVE, EscalationState.RESOLVED);
        EscalationRecord first = Records.next(r, EscalationState.ACTIVE, AT.plusSeconds(1), "active");
        store.update(first, List.of(), List.of());
        java.util.concurrent.atomic.AtomicBoolean listing = new java.util.concurrent.atomic.AtomicBoolean(true);
        java.util.concurrent.atomic.AtomicBoolean writerDone = new java.util.concurrent.atomic.AtomicBoolean(false);
        java.util.concurrent.atomic.AtomicInteger writes = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger misses = new java.util.concurrent.atomic.AtomicInteger();
        int listings = concurrentListings();
        // no sleeps: the reader lists until it has listed `listings` times AND the writer has changed the state
        // `listings` times meanwhile, so the two really overlap however the threads are scheduled
        List<Concurrency.Outcome<Integer>> outcomes = Concurrency.race(2, i -> () -> {
            if (i == 0) { // the writer: resolve, reopen, resolve, … until the reader is done
                try {
                    EscalationRecord current = first;
                    while (listing.get()) {
                        EscalationState nextState = current.state() == EscalationState.ACTIVE
                                ? EscalationState.RESOLVED
                                : EscalationState.ACTIVE;
                        current = Records.from(current)
                                .version(current.version() + 1)
                                .state(nextState)
                                .build();
                        store.update(current, List.of(), List.of());
                        writes.incrementAndGet();
                    }
                    return writes.get();
                } finally {
                    writerDone.set(true);
                }
            }
            int n = 0;
            try {
                while ((n < listings || writes.get() < listings) && !writerDone.get()) {
                    if (store.listByState(states, PageRequest.first(10)).items().stream()
                            .noneMatch(x -> x.id().equals(r.id()))) {
                        misses.incrementAndGet();
                    }
                    n++;
                }
            } finally {
                listing.set(false);
            }
            return n;
        });
        assertThat(outcomes).allMatch(Concurrency.Outcome::succeeded);
        int listed = outcomes.get(1).value();
        assertThat(misses.get())
                .as(broken(
                        "S8b",
                        misses.get() + " of " + listed + " listings of (ACTIVE, "
                                + "RESOLVED) missed an escalation that was in one of them all the time",
                        "that a state change moves the escalation between list indexes atomically (one row update, or add "
                                + "to the new index before removing from the old one)"))
                .isZero();
    }

    /** S9: at most one open escalation per case; a refused insert writes nothing; closing frees the case. */
    @Test
    void s9_atMostOneOpenEscalationPerCase() {
        EscalationRecord first = simple("first", "acme", "C-1", AT);
        store.insert(first, List.of(), List.of());
        long pending = store.outbox().pendingCount();
        for (EscalationState finalState : List.of(EscalationState.CLOSED, EscalationState.WITHDRAWN)) {
            EscalationRecord open =
                    store.findOpen(first.customer(), first.caseId()).orElseThrow();
            EscalationRecord second = simple("second-" + finalState, "acme", "C-1", AT.plusSeconds(1));
            Throwable t = thrown(() -> {
                store.insert(
                        second,
                        List.of(Records.notificationMessage(
                                second.customer(), second.id(), run + "-refused-" + finalState, AT)),
                        List.of());
                return null;
            });
            String check = "a unique constraint on (customer, case) over open escalations (e.g. a partial unique "
                    + "index WHERE state NOT IN ('CLOSED','WITHDRAWN')) and its mapping to OpenEscalationExistsException";
            assertThat(t)
                    .as(broken("S9", "a second open escalation of case C-1 was accepted", check))
                    .isInstanceOf(OpenEscalationExistsException.class);
            assertThat(((OpenEscalationExistsException) t).existing())
                    .as(broken(
                            "S9",
                            "OpenEscalationExistsException does not name the open escalation",
                            "its constructor arguments"))
                    .isEqualTo(open.id());
            assertThat(store.find(second.id()))
                    .as(broken("S9", "the refused escalation was stored anyway", check))
                    .isEmpty();
            assertThat(store.outbox().pendingCount())
                    .as(broken(
                            "S9",
                            "the refused insert queued outbox messages",
                            "that the insert's messages are rolled back with it"))
                    .isEqualTo(pending);

            store.update(Records.next(open, finalState, AT.plusSeconds(2), "done"), List.of(), List.of());
            assertThat(store.findOpen(first.customer(), first.caseId()))
                    .as(broken(
                            "S9",
                            "findOpen still returns an escalation after it became " + finalState,
                            "that a " + finalState + " escalation no longer counts as open"))
                    .isEmpty();
            EscalationRecord again = simple("again-" + finalState, "acme", "C-1", AT.plusSeconds(3));
            Throwable refused = thrown(() -> {
                store.insert(again, List.of(), List.of());
                return null;
            });
            assertThat(refused)
                    .as(broken(
                            "S9",
                            "the case is not free for a new escalation after the open one became " + finalState,
                            "that the open-per-case constraint excludes CLOSED and WITHDRAWN"))
                    .isNull();
            assertThat(store.findOpen(first.customer(), first.caseId()))
                    .as(broken("S9", "findOpen does not return the case's new open escalation", check))
                    .contains(again);
        }
    }

    /** S10: when N writers race to open an escalation for one case, exactly one insert succeeds. */
    @Test
    void s10_concurrentInsertsForOneCaseExactlyOneWins() {
        for (int round = 0; round < 3; round++) {
            CaseId theCase = caseId("R-" + round);
            int r = round;
            List<Concurrency.Outcome<EscalationRecord>> outcomes = Concurrency.race(concurrentWriters(), i -> () -> {
                EscalationRecord rec = simple("race" + r + "-" + i, "acme", theCase.value(), AT.plusSeconds(i));
                store.insert(rec, List.of(), List.of());
                return rec;
            });
            List<EscalationRecord> winners = outcomes.stream()
                    .filter(Concurrency.Outcome::succeeded)
                    .map(Concurrency.Outcome::value)
                    .toList();
            String check = "that the one-open-escalation-per-case check is enforced by the backend atomically (a "
                    + "unique index), not by a look-up before the insert";
            assertThat(winners)
                    .as(broken(
                            "S10",
                            concurrentWriters() + " concurrent inserts for one case gave " + winners.size()
                                    + " open escalations",
                            check))
                    .hasSize(1);
            assertThat(outcomes.stream().filter(o -> !o.succeeded()).map(Concurrency.Outcome::failure))
                    .as(broken(
                            "S10",
                            "a losing insert failed with something else than OpenEscalationExistsException",
                            "the mapping of the backend's unique-constraint violation"))
                    .allMatch(OpenEscalationExistsException.class::isInstance);
            assertThat(store.findOpen(customer("acme"), theCase))
                    .as(broken("S10", "findOpen does not return the winner", check))
                    .contains(winners.get(0));
        }
    }

    /** S11: a write stores its outbox messages and due items together with the record. */
    @Test
    void s11_aWriteStoresItsOutboxMessagesAndDueItemsTogether() {
        EscalationRecord r = simple("tx", "acme", "C-1", AT);
        OutboxMessage m1 = Records.notificationMessage(r.customer(), r.id(), run + "-m1", AT);
        OutboxMessage m2 = Records.ticketMessage(r.customer(), r.id(), run + "-m2", AT);
        DueItem d1 = Records.dueItem(r.id(), r.customer(), DueKind.FIRST_CONTACT, "breach", AT.plusSeconds(60));
        store.insert(r, List.of(m1, m2), List.of(d1));
        String check = "that insert and update write the record, its outbox messages and its due items in one "
                + "transaction";
        assertThat(store.outbox().pendingCount())
                .as(broken("S11", "insert did not queue its 2 outbox messages", check))
                .isEqualTo(2);
        assertThat(store.dueWork().due(AT.plusSeconds(60), 10))
                .as(broken("S11", "insert did not queue its due item", check))
                .containsExactly(d1);

        EscalationRecord next = Records.next(r, EscalationState.ACKNOWLEDGED, AT.plusSeconds(1), "ack");
        OutboxMessage m3 = Records.notificationMessage(r.customer(), r.id(), run + "-m3", AT.plusSeconds(1));
        DueItem d2 = Records.dueItem(r.id(), r.customer(), DueKind.NEXT_MEETING, "warning", AT.plusSeconds(120));
        store.update(next, List.of(m3), List.of(d2));
        assertThat(store.outbox().pendingCount())
                .as(broken("S11", "update did not queue its outbox message", check))
                .isEqualTo(3);
        assertThat(store.dueWork().due(AT.plusSeconds(120), 10))
                .as(broken(
                        "S11",
                        "after update the due work is not exactly the update's due items (d1 was dropped from the set, "
                                + "so it must be removed)",
                        check + ", and that update replaces the pending due items"))
                .containsExactly(d2);
        assertThat(store.outbox().claim("s11", AT.plusSeconds(5), java.time.Duration.ofMinutes(1), 10).stream()
                        .map(c -> c.message().id())
                        .toList())
                .as(broken(
                        "S11",
                        "the queued messages are not the ones written",
                        check + "; and that messages are stored unchanged"))
                .contains(m1.id(), m2.id());
    }

    /** S12: insert refuses a version other than 1 and an id that exists, and changes nothing. */
    @Test
    void s12_insertRefusesWrongVersionAndExistingId() {
        EscalationRecord r = simple("dup", "acme", "C-1", AT);
        store.insert(r, List.of(), List.of());
        store.update(Records.next(r, EscalationState.CLOSED, AT.plusSeconds(1), "closed"), List.of(), List.of());
        EscalationRecord closed = store.find(r.id()).orElseThrow();
        EscalationRecord sameId = simple("dup", "acme", "C-9", AT.plusSeconds(5));
        Throwable t = thrown(() -> {
            store.insert(sameId, List.of(), List.of());
            return null;
        });
        assertThat(t)
                .as(broken(
                        "S12",
                        "insert of an existing id was not refused with IllegalArgumentException",
                        "the primary key on the escalation id and its mapping to IllegalArgumentException"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(store.find(r.id()))
                .as(broken(
                        "S12",
                        "the refused insert overwrote the stored escalation",
                        "that insert never replaces a row"))
                .contains(closed);
        EscalationRecord v2 =
                Records.from(simple("v2", "acme", "C-2", AT)).version(2).build();
        Throwable wrongVersion = thrown(() -> {
            store.insert(v2, List.of(), List.of());
            return null;
        });
        assertThat(wrongVersion)
                .as(broken(
                        "S12",
                        "insert of a record at version 2 was accepted",
                        "that insert checks record.version() == 1"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(store.find(v2.id()))
                .as(broken("S12", "the refused version-2 insert was stored", "that the check happens before writing"))
                .isEmpty();
    }

    /** S13: the escalation created by a portal submission is found by (customer, submission key). */
    @Test
    void s13_findBySubmissionFindsTheEscalationOfTheKey() {
        EscalationRecord r = Records.escalation(id("sub"), customer("acme"), caseId("C-1"))
                .submissionKey("click-1")
                .build();
        store.insert(r, List.of(), List.of());
        assertThat(store.findBySubmission(customer("acme"), "click-1"))
                .as(broken(
                        "S13",
                        "findBySubmission did not find the escalation of its submission key",
                        "that submissionKey is stored and indexed per customer"))
                .contains(r);
        assertThat(store.findBySubmission(customer("acme"), "click-2"))
                .as(broken(
                        "S13",
                        "findBySubmission returned an escalation for an unknown key",
                        "the WHERE clause of the look-up"))
                .isEmpty();
    }

    /** S14: when the backend cannot answer, the store throws UnavailableException (optional capability). */
    @Test
    void s14_backendFailuresSurfaceAsUnavailableException() {
        Optional<EscalationStore> unavailable = createUnavailableStore();
        assumeTrue(
                unavailable.isPresent(),
                "capability not declared: createUnavailableStore() returns empty, so "
                        + "rule S14 (failures surface as UnavailableException) is not checked");
        EscalationStore down = unavailable.orElseThrow();
        String check = "that the adapter wraps its backend's failures (SQLException, IOException, timeouts) in "
                + "UnavailableException instead of swallowing them or throwing them raw";
        EscalationRecord r = simple("down", "acme", "C-1", AT);
        assertThat(thrown(() -> {
                    down.insert(r, List.of(), List.of());
                    return null;
                }))
                .as(broken("S14", "insert on an unavailable backend did not throw UnavailableException", check))
                .isInstanceOf(UnavailableException.class);
        assertThat(thrown(() -> down.find(r.id())))
                .as(broken("S14", "find on an unavailable backend did not throw UnavailableException", check))
                .isInstanceOf(UnavailableException.class);
    }

    // --- S15: stateful property -------------------------------------------------------------------------------------

    private sealed interface Op permits Insert, Update {}

    private record Insert(int customer, int caseNo, int raisedOffset, int messages) implements Op {}

    private record Update(int pick, EscalationState state, boolean stale, int messages) implements Op {}

    private static final List<EscalationState> NEXT_STATES = List.of(
            EscalationState.ACKNOWLEDGED,
            EscalationState.ACTIVE,
            EscalationState.RESOLVED,
            EscalationState.LESSONS_LEARNED,
            EscalationState.CLOSED,
            EscalationState.WITHDRAWN);

    private static Arbitrary<List<Op>> operations(int maxSteps) {
        Arbitrary<Op> insert = Combinators.combine(
                        Arbitraries.integers().between(0, 1),
                        Arbitraries.integers().between(0, 2),
                        Arbitraries.integers().between(0, 4),
                        Arbitraries.integers().between(0, 2))
                .as(Insert::new);
        Arbitrary<Op> update = Combinators.combine(
                        Arbitraries.integers().between(0, 1000),
                        Arbitraries.of(NEXT_STATES),
                        Arbitraries.of(true, false),
                        Arbitraries.integers().between(0, 2))
                .as(Update::new);
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(2, insert), net.jqwik.api.Tuple.of(3, update))
                .list()
                .ofMinSize(1)
                .ofMaxSize(maxSteps);
    }

    /**
     * S15: random sequences of inserts, updates and stale updates, checked against a simple model after every step.
     * Tries come from {@link #statefulTries()}; the seed is reported and can be fixed with {@link #statefulSeed()}.
     *
     * @param reporter publishes the seed and the number of tries and steps run
     */
    @Test
    void s15_randomOperationSequencesAgreeWithTheModel(TestReporter reporter) {
        long seed = statefulSeed();
        int tries = statefulTries();
        List<List<Op>> sequences = new ArrayList<>();
        JqwikSession.run(Long.toString(seed), () -> {
            Random random = new Random(seed);
            var generator = operations(statefulSteps()).generator(statefulSteps());
            for (int t = 0; t < tries; t++) {
                sequences.add(generator.next(random).value());
            }
        });
        int steps = 0;
        for (int t = 0; t < tries; t++) {
            EscalationStore fresh = t == 0 ? store : createStore();
            try {
                steps += runSequence(fresh, sequences.get(t), "seed " + seed + ", try " + (t + 1) + " of " + tries);
            } finally {
                if (fresh != store) {
                    disposeStore(fresh);
                }
            }
        }
        reporter.publishEntry(Map.of(
                "S15.seed",
                Long.toString(seed),
                "S15.tries",
                Integer.toString(tries),
                "S15.steps",
                Integer.toString(steps)));
        assertThat(steps).as("S15 ran no step at all").isPositive();
    }

    private int runSequence(EscalationStore s, List<Op> ops, String where) {
        Map<EscalationId, EscalationRecord> model = new LinkedHashMap<>();
        Map<String, EscalationId> open = new HashMap<>();
        long messages = 0;
        List<String> done = new ArrayList<>();
        int n = 0;
        for (Op op : ops) {
            n++;
            done.add(op.toString());
            String trail = where + ", after " + done;
            if (op instanceof Insert ins) {
                CustomerId c = customer("c" + ins.customer());
                EscalationRecord r = Records.escalation(id("e" + n), c, caseId("K-" + ins.caseNo()))
                        .raisedAt(AT.plusSeconds(ins.raisedOffset()))
                        .submissionKey("sub-" + n)
                        .build();
                List<OutboxMessage> msgs = messages(r, n, ins.messages());
                EscalationId occupying = open.get(c + "/" + r.caseId());
                Throwable t = thrown(() -> {
                    s.insert(r, msgs, List.of());
                    return null;
                });
                if (occupying != null) {
                    assertThat(t)
                            .as(broken(
                                    "S15",
                                    "a second open escalation for one case was accepted (" + trail + ")",
                                    "rule S9"))
                            .isInstanceOf(OpenEscalationExistsException.class);
                } else {
                    assertThat(t)
                            .as(broken("S15", "a valid insert failed (" + trail + ")", "the stack trace"))
                            .isNull();
                    model.put(r.id(), r);
                    open.put(c + "/" + r.caseId(), r.id());
                    messages += msgs.size();
                }
            } else if (op instanceof Update up) {
                List<EscalationRecord> candidates =
                        model.values().stream().filter(r -> r.state().isOpen()).toList();
                if (candidates.isEmpty()) {
                    continue;
                }
                EscalationRecord current = candidates.get(up.pick() % candidates.size());
                EscalationRecord next =
                        Records.next(current, up.state(), current.updatedAt().plusSeconds(1), "step " + n);
                EscalationRecord written = up.stale() ? next.withVersion(current.version()) : next;
                List<OutboxMessage> msgs = messages(current, n, up.messages());
                Throwable t = thrown(() -> {
                    s.update(written, msgs, List.of());
                    return null;
                });
                if (up.stale()) {
                    assertThat(t)
                            .as(broken("S15", "a stale update was accepted (" + trail + ")", "rules S3 and S4"))
                            .isInstanceOf(StaleVersionException.class);
                } else {
                    assertThat(t)
                            .as(broken("S15", "a valid update failed (" + trail + ")", "the stack trace"))
                            .isNull();
                    model.put(next.id(), next);
                    if (!next.state().isOpen()) {
                        open.remove(next.customer() + "/" + next.caseId());
                    }
                    messages += msgs.size();
                }
            }
            checkInvariants(s, model, open, messages, trail);
        }
        return n;
    }

    private List<OutboxMessage> messages(EscalationRecord r, int step, int count) {
        List<OutboxMessage> msgs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            msgs.add(Records.notificationMessage(r.customer(), r.id(), run + "-k" + step + "-" + i, AT));
        }
        return msgs;
    }

    private void checkInvariants(
            EscalationStore s,
            Map<EscalationId, EscalationRecord> model,
            Map<String, EscalationId> open,
            long messages,
            String trail) {
        for (EscalationRecord r : model.values()) {
            assertThat(s.find(r.id()))
                    .as(broken("S15", "find(" + r.id() + ") differs from the model (" + trail + ")", "rules S1 to S4"))
                    .contains(r);
            CustomerId other = r.customer().equals(customer("c0")) ? customer("c1") : customer("c0");
            assertThat(s.find(other, r.id()))
                    .as(broken("S15", "another customer sees " + r.id() + " (" + trail + ")", "rule S6"))
                    .isEmpty();
            assertThat(s.findBySubmission(r.customer(), r.submissionKey().orElseThrow()))
                    .as(broken("S15", "findBySubmission differs from the model (" + trail + ")", "rule S13"))
                    .contains(r);
        }
        for (int c = 0; c < 2; c++) {
            CustomerId customer = customer("c" + c);
            for (int k = 0; k < 3; k++) {
                EscalationId expected = open.get(customer + "/" + caseId("K-" + k));
                assertThat(s.findOpen(customer, caseId("K-" + k)).map(EscalationRecord::id))
                        .as(broken(
                                "S15",
                                "findOpen(" + customer + ", K-" + k + ") differs from the model (" + trail + ")",
                                "rule S9"))
                        .isEqualTo(Optional.ofNullable(expected));
            }
            List<EscalationSummary> expectedList = model.values().stream()
                    .filter(r -> r.customer().equals(customer))
                    .map(EscalationRecord::summary)
                    .sorted(LIST_ORDER)
                    .toList();
            assertThat(all(p -> s.listByCustomer(customer, p), 3))
                    .as(broken(
                            "S15",
                            "listByCustomer(" + customer + ") differs from the model (" + trail + ")",
                            "rules S6 and S7"))
                    .containsExactlyElementsOf(expectedList);
        }
        Set<EscalationState> openStates = EnumSet.of(
                EscalationState.REQUESTED,
                EscalationState.ACKNOWLEDGED,
                EscalationState.ACTIVE,
                EscalationState.RESOLVED);
        List<EscalationSummary> inStates = model.values().stream()
                .filter(r -> openStates.contains(r.state()))
                .map(EscalationRecord::summary)
                .sorted(LIST_ORDER)
                .toList();
        assertThat(all(p -> s.listByState(openStates, p), 4))
                .as(broken("S15", "listByState differs from the model (" + trail + ")", "rule S7"))
                .containsExactlyElementsOf(inStates);
        assertThat(s.outbox().pendingCount())
                .as(broken(
                        "S15",
                        "the outbox holds another number of messages than " + "were written by successful writes ("
                                + trail + ")",
                        "rules S4 and S11"))
                .isEqualTo(messages);
    }

    // ---------------------------------------------------------------------------------------------------------------

    /** The order of every paged list: ascending by (raisedAt, id). */
    static final Comparator<EscalationSummary> LIST_ORDER =
            Comparator.comparing(EscalationSummary::raisedAt).thenComparing(s -> s.id().value());

    /** Follows the cursors of a paged query to the end. */
    static <T> List<T> all(Function<PageRequest, Page<T>> query, int size) {
        List<T> items = new ArrayList<>();
        AtomicReference<Optional<PageCursor>> cursor = new AtomicReference<>(Optional.empty());
        Set<PageCursor> seen = new HashSet<>();
        do {
            Page<T> page = query.apply(new PageRequest(cursor.get(), size));
            assertThat(page.items().size())
                    .as("a page holds more items than its size")
                    .isLessThanOrEqualTo(size);
            items.addAll(page.items());
            cursor.set(page.next());
            if (page.next().isPresent() && !seen.add(page.next().get())) {
                throw new AssertionError(broken(
                        "S7",
                        "paging returned the same cursor twice " + page.next().get(),
                        "that the cursor names the last item of the page"));
            }
        } while (cursor.get().isPresent());
        return items;
    }
}
