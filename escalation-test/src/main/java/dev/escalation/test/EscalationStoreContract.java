package dev.escalation.test;

import static dev.escalation.test.Rules.broken;
import static dev.escalation.test.Rules.thrown;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.escalation.model.ActorRef;
import dev.escalation.model.CaseId;
import dev.escalation.model.CommunicationPlan;
import dev.escalation.model.ContactId;
import dev.escalation.model.Criticality;
import dev.escalation.model.CustomerId;
import dev.escalation.model.DueKind;
import dev.escalation.model.EscalationId;
import dev.escalation.model.EscalationState;
import dev.escalation.model.EscalationSummary;
import dev.escalation.model.MessageId;
import dev.escalation.model.Page;
import dev.escalation.model.PageCursor;
import dev.escalation.model.PageRequest;
import dev.escalation.model.Party;
import dev.escalation.model.PolicyRef;
import dev.escalation.model.ProgressKind;
import dev.escalation.model.Resolution;
import dev.escalation.model.StaffId;
import dev.escalation.model.Visibility;
import dev.escalation.spi.Change;
import dev.escalation.spi.ClaimedMessage;
import dev.escalation.spi.DeliveryOutcome;
import dev.escalation.spi.DueItem;
import dev.escalation.spi.EscalationFacts;
import dev.escalation.spi.EscalationStore;
import dev.escalation.spi.EscalationWrite;
import dev.escalation.spi.ExcludedSpan;
import dev.escalation.spi.NotificationRequest;
import dev.escalation.spi.OpenEscalationExistsException;
import dev.escalation.spi.OutboxMessage;
import dev.escalation.spi.StaleVersionException;
import dev.escalation.spi.StoredEntry;
import dev.escalation.spi.StoredEscalation;
import dev.escalation.spi.SubmissionExistsException;
import dev.escalation.spi.UnavailableException;
import dev.escalation.spi.UnitOfWork;
import dev.escalation.spi.UnitOfWork.Decision;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.sessions.JqwikSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

/**
 * The contract of {@link EscalationStore}: rules S1 to S20 of {@code RULES.md}. Extend it, implement
 * {@link #createStore()}, and run it as a JUnit 5 test.
 *
 * <p>Every test gets a fresh store from {@link #createStore()} and uses ids unique to the test instance. Tests that
 * list across customers ({@link EscalationStore#listForVendor}), count the outbox or read the change feed from its
 * start expect the store to start empty, so a store backed by a shared database should be emptied in
 * {@link #createStore()}. Instants are written at the store's declared
 * {@link dev.escalation.spi.StoreCapabilities#instantPrecision()} and must come back unchanged.
 *
 * <p>The outbox and due-work facets are exercised here only where a write must include them (S3, S9, S11, S18);
 * their own rules are in {@link OutboxContract} and {@link DueWorkContract}, which use the same factory.
 */
public abstract class EscalationStoreContract {

    private final String run = Kit.run("s");

    private EscalationStore store;
    private ChronoUnit precision;
    /** The contract's first instant, with nanoseconds, truncated to the store's precision. */
    private Instant at;

    /** Creates the contract. */
    protected EscalationStoreContract() {}

    /**
     * Creates the store under test: empty, with its outbox, due work and change feed empty. Called once per test
     * (and once per try of the stateful property).
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
     * How many threads race in the concurrency rule S10.
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

    /**
     * How long the staged race of rule S4 waits for the second change's unit of work to start while the first one
     * is held inside its own. A store that serialises the changes of one escalation makes the second change wait
     * (the contract then lets the first one finish after this time); a store that loads the escalation outside its
     * lock, or an optimistic one, starts the second unit of work at once. Raise it on a slow machine.
     *
     * @return the waiting time
     */
    protected Duration raceWindow() {
        return Duration.ofSeconds(1);
    }

    /**
     * How long the contract waits for a committed write to appear in the change feed (rule S19 allows a change to
     * appear some time after its commit).
     *
     * @return the patience
     */
    protected Duration changeFeedPatience() {
        return Duration.ofSeconds(10);
    }

    @BeforeEach
    final void createStoreUnderTest() {
        store = createStore();
        assertThat(store).as("createStore() returned null").isNotNull();
        precision = store.capabilities().instantPrecision();
        at = Records.T0.plusNanos(123_456_789).truncatedTo(precision);
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

    private StoredEscalation simple(String name, String customer, String caseName, Instant raisedAt) {
        return Records.escalation(id(name), customer(customer), caseId(caseName))
                .raisedAt(raisedAt)
                .build();
    }

    private StoredEscalation created(String name, String customer, String caseName, Instant raisedAt) {
        return Kit.create(store, Records.creationOf(simple(name, customer, caseName, raisedAt)));
    }

    /** Creates escalation {@code name} of acme's case C-1 with one outbox message (key suffix) and one due item. */
    private StoredEscalation createdWithMessageAndDueItem(String name, String messageKey) {
        CustomerId acme = customer("acme");
        StoredEscalation e = simple(name, "acme", "C-1", at);
        store.create(Records.creation(e)
                .messages(Records.notificationMessage(acme, e.id(), run + messageKey, at))
                .due(Records.dueItem(e.id(), acme, DueKind.FIRST_CONTACT, "breach", at.plusSeconds(60)))
                .build());
        return e;
    }

    /** Newest first: descending by (raisedAt, id), the order of listForCustomer. */
    static final Comparator<EscalationSummary> NEWEST_FIRST = Comparator.comparing(EscalationSummary::raisedAt)
            .thenComparing(s -> s.id().value())
            .reversed();

    /** Oldest first: ascending by (raisedAt, id), the order of listForVendor. */
    static final Comparator<EscalationSummary> OLDEST_FIRST =
            Comparator.comparing(EscalationSummary::raisedAt).thenComparing(s -> s.id().value());

    private static final Set<EscalationState> ALL_STATES = EnumSet.allOf(EscalationState.class);

    private void assertStored(StoredEscalation expected, Optional<StoredEscalation> actual, String rule, String how) {
        String check = "that every component of StoredEscalation is stored and mapped back (Optional.empty() stays "
                + "empty, an empty string stays empty, lists keep their order, texts outside the BMP keep every "
                + "character, instants keep the declared precision " + precision + ")";
        assertThat(actual)
                .as(broken(
                        rule,
                        how + " did not return " + expected.id() + " as written; differing components: "
                                + actual.map(a -> Kit.differences(expected, a).toString())
                                        .orElse("(absent)"),
                        check))
                .contains(expected);
    }

    private static void assertParamOrder(List<StoredEntry> expected, List<StoredEntry> actual, String rule) {
        for (int i = 0; i < Math.min(expected.size(), actual.size()); i++) {
            assertThat(List.copyOf(actual.get(i).params().keySet()))
                    .as(broken(
                            rule,
                            "the parameters of entry " + actual.get(i).sequence() + " came back in another order",
                            "that the params map is stored with its iteration order (a JSON object read into a "
                                    + "LinkedHashMap, or a position column)"))
                    .containsExactlyElementsOf(expected.get(i).params().keySet());
        }
    }

    // ------------------------------------------------------------------------------------------------ S1, S2

    /**
     * S1: identifiers and texts at their longest, with characters outside ASCII and outside the BMP (more bytes than
     * characters), survive every read: the escalation's id, customer, case, raiser, manager and a staff participant's
     * id (128 characters each, the most the model allows), an external participant's id and address (254, an e-mail
     * address at its longest) and name (200), the submission key (100), the message and an entry's text (4,000, the
     * most the engine accepts), an outbox message (its id and key) and a due item. A store whose columns are narrower
     * than the model's values, or count bytes where the model counts characters, fails here.
     */
    @Test
    void s1_longestIdsAndTextsSurviveARoundTrip() {
        int max = 128;
        CustomerId customer = CustomerId.of(Records.longest(run + "-c", max));
        String submission = Records.longest(run + "-k", 100);
        String address = Records.longest("ext", 254 - "@example.org".length()) + "@example.org";
        StoredEscalation e = Records.escalation(
                        EscalationId.of(Records.longest(run + "-e", max)),
                        customer,
                        CaseId.of(Records.longest("case", max)))
                .raisedAt(at)
                .raisedBy(ContactId.of(Records.longest("ina", max)))
                .message(Records.longest("message", 4000))
                .manager(Optional.of(StaffId.of(Records.longest("sam", max))))
                .participants(List.of(
                        new Party(Party.Kind.STAFF, Records.longest("max", max), "Max", "max@example.org"),
                        new Party(Party.Kind.EXTERNAL, address, Records.longest("Ext", 200), address)))
                .submissionKey(submission)
                .build();
        NotificationRequest like = Records.request(
                Records.longest(run + "-n", max),
                EscalationId.of(run + "-like"),
                e.participants().get(1));
        NotificationRequest request = new NotificationRequest(
                like.idempotencyKey(),
                e.id(),
                e.caseId(),
                like.kind(),
                like.channel(),
                like.recipient(),
                like.params(),
                like.text(),
                like.invite());
        OutboxMessage message = new OutboxMessage(
                MessageId.of(Records.longest(run + "-m", max)), customer, request, at, at, 0, Optional.empty());
        DueItem due = Records.dueItem(e.id(), customer, DueKind.FIRST_CONTACT, "warning", at);
        String check = "that every id column holds the model's longest id (128 characters; more bytes than that in "
                + "UTF-8), addresses 254 and names 200 characters, the submission key 100 and texts 4,000 (more than "
                + "that in bytes), without truncating";
        EscalationWrite write = Records.creation(e)
                .entries(List.of(Records.update(at, Visibility.CUSTOMER, Records.longest("entry", 4000))))
                .messages(List.of(message))
                .due(List.of(due))
                .build();
        StoredEscalation stored = write.next();
        assertThat(thrown(() -> {
                    store.create(write);
                    return null;
                }))
                .as(broken("S1", "create refused an escalation whose ids and texts are at their longest", check))
                .isNull();
        assertStored(stored, store.findForVendor(e.id()), "S1", "findForVendor (longest values)");
        assertStored(stored, store.findForCustomer(customer, e.id()), "S1", "findForCustomer (longest values)");
        assertStored(
                stored, store.findOpenForCustomer(customer, e.caseId()), "S1", "findOpenForCustomer (longest values)");
        assertStored(
                stored,
                store.findBySubmissionForCustomer(customer, submission),
                "S1",
                "findBySubmissionForCustomer (longest values)");
        assertThat(Kit.entries(store, e.id(), 500))
                .as(broken("S1", "the entry with the longest text did not come back as written", check))
                .containsExactlyElementsOf(write.entries());
        assertThat(Kit.all(p -> store.listForCustomer(customer, p), 10, "S1"))
                .as(broken("S1", "listForCustomer did not return the escalation with the longest ids", check))
                .containsExactly(stored.summary());
        assertThat(store.outbox().claim("s1", at, Duration.ofMinutes(1), 10).stream()
                        .map(ClaimedMessage::message)
                        .toList())
                .as(broken("S1", "the outbox message with the longest ids did not come back as written", check))
                .containsExactly(message);
        assertThat(store.dueWork().due(at, 10))
                .as(broken("S1", "the due item of the escalation with the longest id did not come back", check))
                .containsExactly(due);
        EscalationWrite next = Kit.change(
                store, e.id(), cur -> Records.change(cur).at(at.plusSeconds(60)).build());
        assertStored(next.next(), store.findForVendor(e.id()), "S1", "findForVendor after a change (longest values)");
    }

    /** S1: every component of an escalation and of its entries, and its summary, survives the round trip. */
    @Test
    void s1_everyComponentSurvivesARoundTrip() {
        CustomerId acme = customer("acme");
        StoredEscalation full = Records.fullyPopulated(id("full"), acme, caseId("C-1"), at);
        EscalationWrite fullWrite =
                Records.creation(full).entries(Records.everyKindOfEntry(at)).build();
        EscalationWrite minimalWrite = Records.creationOf(simple("minimal", "acme", "C-2", at.plusSeconds(1)));
        store.create(fullWrite);
        store.create(minimalWrite);

        for (EscalationWrite w : List.of(fullWrite, minimalWrite)) {
            StoredEscalation e = w.next();
            assertStored(e, store.findForVendor(e.id()), "S1", "findForVendor");
            assertStored(e, store.findForCustomer(acme, e.id()), "S1", "findForCustomer");
            List<StoredEntry> entries = Kit.entries(store, e.id(), 500);
            assertThat(entries)
                    .as(broken(
                            "S1",
                            "entriesForVendor did not return the entries of " + e.id() + " as written",
                            "that every component of StoredEntry is stored: every EntryParam variant with its value "
                                    + "(Text, At, Span, Code, Ref, Count beyond 2^53), text present, empty and absent, "
                                    + "the audit-chain link present and absent"))
                    .containsExactlyElementsOf(w.entries());
            assertParamOrder(w.entries(), entries, "S1");
        }
        StoredEscalation stored = store.findForVendor(full.id()).orElseThrow();
        assertThat(stored.plan().flatMap(CommunicationPlan::zone))
                .as(broken(
                        "S1",
                        "the communication plan's zone did not come back as written",
                        "that CommunicationPlan.zone (the zone its meeting series repeats in, here " + Records.PLAN_ZONE
                                + ") is stored with the plan"))
                .contains(Records.PLAN_ZONE);
        assertThat(stored.proposal().map(p -> p.plan().zone()))
                .as(broken(
                        "S1",
                        "a plan written without a zone came back with one",
                        "that a CommunicationPlan without a zone (stored before plans had one: its series repeats "
                                + "in the vendor's zone) stays without one"))
                .contains(Optional.empty());
        StoredEscalation minimal = minimalWrite.next();
        assertThat(Kit.all(p -> store.listForCustomer(acme, p), 10, "S1"))
                .as(broken(
                        "S1",
                        "listForCustomer did not return the summaries of the stored escalations",
                        "that the list query maps every component of EscalationSummary"))
                .containsExactly(minimal.summary(), full.summary());
        assertThat(Kit.all(p -> store.listForVendor(ALL_STATES, p), 10, "S1"))
                .as(broken(
                        "S1",
                        "listForVendor did not return the summaries of the stored escalations",
                        "that the list query maps every component of EscalationSummary"))
                .containsExactly(full.summary(), minimal.summary());

        // a change writes every component: other values, present -> empty, empty -> present
        EscalationWrite second = Kit.change(
                store,
                full.id(),
                cur -> Records.change(cur)
                        .at(at.plusSeconds(7200))
                        .state(EscalationState.CLOSED)
                        .with(b -> b.criticality(Criticality.LOW)
                                .message("second " + Records.SUPPLEMENTARY_TEXT)
                                .manager(Optional.of(StaffId.of("max")))
                                .plan(Optional.empty())
                                .proposal(Optional.empty())
                                .participants(List.of(Records.party(Party.Kind.STAFF, "max")))
                                .resolution(
                                        Optional.of(new Resolution("again", at.plusSeconds(7000), StaffId.of("max"))))
                                .lessonsLearned(Optional.empty())
                                .policy(Optional.of(new PolicyRef("premium", 1)))
                                .hotline(Optional.empty())
                                .facts(f -> new EscalationFacts(
                                        f.entryCount(),
                                        f.acknowledgedAt(),
                                        Optional.empty(),
                                        Optional.empty(),
                                        Optional.empty(),
                                        List.of(new ExcludedSpan(
                                                at.plusSeconds(1),
                                                at.plusSeconds(2),
                                                ExcludedSpan.Kind.PAUSED,
                                                Optional.of(""))),
                                        Optional.empty(),
                                        Optional.empty(),
                                        Optional.empty(),
                                        0,
                                        3,
                                        false)))
                        .entry(Records.update(at.plusSeconds(7200), Visibility.CUSTOMER, "closed"))
                        .build());
        assertStored(second.next(), store.findForVendor(full.id()), "S1", "findForVendor after a change");
        StoredEscalation populated =
                Records.fullyPopulated(minimal.id(), minimal.customer(), minimal.caseId(), minimal.raisedAt());
        EscalationWrite third = Kit.change(
                store,
                minimal.id(),
                cur -> Records.change(cur)
                        .at(at.plusSeconds(7300))
                        .state(EscalationState.ACTIVE)
                        .with(b -> b.criticality(populated.criticality())
                                .manager(populated.manager())
                                .plan(populated.plan())
                                .proposal(populated.proposal())
                                .participants(populated.participants())
                                .resolution(populated.resolution())
                                .lessonsLearned(populated.lessonsLearned())
                                .policy(populated.policy())
                                .hotline(populated.hotline())
                                .facts(populated.facts()))
                        .entries(Records.everyKindOfEntry(at.plusSeconds(7300)))
                        .build());
        assertStored(third.next(), store.findForVendor(minimal.id()), "S1", "findForVendor after a change");
        List<StoredEntry> expectedLog = new ArrayList<>(minimalWrite.entries());
        expectedLog.addAll(third.entries());
        assertThat(Kit.entries(store, minimal.id(), 500))
                .as(broken(
                        "S1",
                        "the entries appended by a change did not come back as written",
                        "that a change inserts its entries with every component"))
                .containsExactlyElementsOf(expectedLog);
    }

    /** S2: the log keeps every entry unchanged and in sequence order across versions, however it is sliced. */
    @Test
    void s2_logKeepsEveryEntryInOrderAcrossVersions() {
        EscalationWrite first = Records.creationOf(simple("log", "acme", "C-1", at));
        store.create(first);
        EscalationId e = first.next().id();
        List<StoredEntry> expected = new ArrayList<>(first.entries());
        for (int i = 0; i < 6; i++) {
            int n = i;
            EscalationWrite w = Kit.change(store, e, cur -> {
                Records.WriteBuilder b = Records.change(cur).at(at.plusSeconds(10L + n));
                b.entry(Records.update(at.plusSeconds(10L + n), Visibility.CUSTOMER, "update " + n));
                if (n % 2 == 0) {
                    b.entry(Records.entry(
                            at.plusSeconds(10L + n),
                            ProgressKind.NOTE,
                            ActorRef.staff(StaffId.of("eve")),
                            Visibility.INTERNAL,
                            Optional.of("note " + n),
                            Records.params(
                                    "b",
                                    new dev.escalation.model.EntryParam.Count(n),
                                    "a",
                                    new dev.escalation.model.EntryParam.Ref("x"))));
                }
                return b.build();
            });
            expected.addAll(w.entries());
            List<StoredEntry> stored = Kit.entries(store, e, 500);
            assertThat(stored)
                    .as(broken(
                            "S2",
                            "after " + (i + 1) + " changes the log is not the one written",
                            "that entries are read back ordered by sequence and that earlier entries are neither "
                                    + "rewritten nor dropped when new ones are appended"))
                    .containsExactlyElementsOf(expected);
            assertParamOrder(expected, stored, "S2");
        }
        for (int after = 0; after < expected.size(); after += 3) {
            int from = after;
            assertThat(store.entriesForVendor(e, from, 2))
                    .as(broken(
                            "S2",
                            "entriesForVendor(after " + from + ", limit 2) is not the slice of the log after " + from,
                            "that the slice selects sequence > afterSequence, ordered by sequence, at most limit"))
                    .containsExactlyElementsOf(expected.subList(from, Math.min(from + 2, expected.size())));
        }
    }

    // ------------------------------------------------------------------------------------------------ S3, S4

    /** S3: a change is all or nothing: a unit of work that throws, keeps, or decides a wrong version writes nothing. */
    @Test
    void s3_changeIsAllOrNothing() {
        CustomerId acme = customer("acme");
        StoredEscalation v1 = createdWithMessageAndDueItem("tx", "-m1");
        EscalationWrite v2 = Kit.change(
                store, v1.id(), cur -> Records.next(cur, EscalationState.ACKNOWLEDGED, at.plusSeconds(1), "ack"));
        Snapshot before = snapshot(v1.id());

        // a unit of work that throws after building a write with messages, due items and entries
        for (boolean forCustomer : new boolean[] {false, true}) {
            Kit.DecideFailed failure = new Kit.DecideFailed("refused on purpose by the contract");
            UnitOfWork<Object> throwing = cur -> {
                EscalationWrite never = Records.change(cur)
                        .state(EscalationState.WITHDRAWN)
                        .entry(Records.update(at.plusSeconds(2), Visibility.CUSTOMER, "never"))
                        .messages(Records.notificationMessage(acme, v1.id(), run + "-never", at))
                        .build();
                if (never.entries().size() == 1) { // always: the write is built, then the unit of work fails
                    throw failure;
                }
                return Decision.write(never, "unreachable");
            };
            Throwable t = thrown(() -> forCustomer
                    ? store.changeForCustomer(acme, v1.id(), throwing)
                    : store.changeForVendor(v1.id(), throwing));
            String how = forCustomer ? "changeForCustomer" : "changeForVendor";
            assertThat(t)
                    .as(broken(
                            "S3",
                            how + " did not rethrow the exception of the unit of work unchanged (got " + t + ")",
                            "that the store rolls back and rethrows what decide threw, without wrapping it"))
                    .isSameAs(failure);
            assertUnchanged(before, "S3", "after a unit of work threw in " + how);
        }

        // a write that does not follow the current version is refused
        for (long version : new long[] {v2.next().version(), v2.next().version() + 2}) {
            Throwable t = thrown(() -> store.changeForVendor(v1.id(), cur -> {
                EscalationWrite w = Records.change(cur)
                        .messages(Records.notificationMessage(acme, v1.id(), run + "-v" + version, at))
                        .entry(Records.update(at.plusSeconds(3), Visibility.CUSTOMER, "wrong version"))
                        .build();
                StoredEscalation wrong = Records.from(w.next()).version(version).build();
                return Decision.write(new EscalationWrite(wrong, w.entries(), w.messages(), w.due()), "x");
            }));
            assertThat(t)
                    .as(broken(
                            "S3",
                            "a decided write at version " + version + " on top of version "
                                    + v2.next().version() + " was not refused with IllegalArgumentException (got " + t
                                    + ")",
                            "that the store checks next.version() == current.version() + 1 before writing"))
                    .isInstanceOf(IllegalArgumentException.class);
            assertUnchanged(before, "S3", "after a write at version " + version + " was refused");
        }

        // keep writes nothing and returns the result
        Optional<String> kept = store.changeForVendor(v1.id(), cur -> Decision.keep("kept"));
        assertThat(kept)
                .as(broken("S3", "a unit of work that keeps did not return its result", "that Keep returns result()"))
                .contains("kept");
        assertUnchanged(before, "S3", "after a unit of work kept the escalation");

        // a missing escalation runs nothing
        AtomicBoolean ran = new AtomicBoolean();
        Optional<Object> missing = store.changeForVendor(id("missing"), cur -> {
            ran.set(true);
            return Decision.keep("x");
        });
        assertThat(missing.isEmpty() && !ran.get())
                .as(broken(
                        "S3",
                        "changeForVendor of a missing escalation returned " + missing + " or ran the unit of work",
                        "that a missing escalation returns Optional.empty() without calling decide"))
                .isTrue();
    }

    /** What a failed or kept change must leave as it was. */
    private record Snapshot(
            EscalationId id,
            Optional<StoredEscalation> escalation,
            List<StoredEntry> entries,
            dev.escalation.spi.OutboxCounts counts,
            List<DueItem> due,
            String feedCursor) {}

    private Snapshot snapshot(EscalationId id) {
        Kit.Feed feed = Kit.feed(store, dev.escalation.spi.ChangeBatch.START, 500);
        return new Snapshot(
                id,
                store.findForVendor(id),
                Kit.entries(store, id, 500),
                store.outbox().countsOf(id),
                store.dueWork().due(at.plus(Duration.ofDays(3650)), 500),
                feed.cursor());
    }

    private void assertUnchanged(Snapshot before, String rule, String when) {
        String check = "that the escalation, its entries, outbox messages and due items are written in one "
                + "transaction that is rolled back (or never started) when the change does not go through";
        assertThat(store.findForVendor(before.id()))
                .as(broken(rule, "the escalation changed " + when, check))
                .isEqualTo(before.escalation());
        assertThat(Kit.entries(store, before.id(), 500))
                .as(broken(rule, "entries were appended " + when, check))
                .isEqualTo(before.entries());
        assertThat(store.outbox().countsOf(before.id()))
                .as(broken(rule, "outbox messages were queued " + when, check))
                .isEqualTo(before.counts());
        assertThat(store.dueWork().due(at.plus(Duration.ofDays(3650)), 500))
                .as(broken(rule, "the due work changed " + when, check))
                .isEqualTo(before.due());
        assertThat(Kit.feed(store, before.feedCursor(), 500).changes())
                .as(broken(rule, "the change feed reports a change " + when, check + "; the feed row included"))
                .isEmpty();
    }

    /**
     * S4: concurrent changes of one escalation lose nothing. Staged: change A is held inside its unit of work while
     * change B starts; A finishes after B's unit of work ran or after {@link #raceWindow()}. Each change that goes
     * through must have decided on the version the other one left (or fail with StaleVersionException).
     */
    @Test
    void s4_concurrentChangesLoseNothing() throws Exception {
        StoredEscalation v1 = created("race", "acme", "C-1", at);
        Party a = Records.party(Party.Kind.STAFF, "a-" + run);
        Party b = Records.party(Party.Kind.STAFF, "b-" + run);
        CountDownLatch aInside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch bCalling = new CountDownLatch(1);
        CountDownLatch bInside = new CountDownLatch(1);
        List<Long> aSaw = new CopyOnWriteArrayList<>();
        List<Long> bSaw = new CopyOnWriteArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<Optional<Long>> changeA = pool.submit(() -> store.changeForVendor(v1.id(), cur -> {
                aSaw.add(cur.version());
                aInside.countDown();
                await(release, "S4");
                return appendParticipant(cur, a, at.plusSeconds(1));
            }));
            assertThat(aInside.await(30, TimeUnit.SECONDS))
                    .as(broken("S4", "change A never ran its unit of work", "that changeForVendor calls decide"))
                    .isTrue();
            Future<Optional<Long>> changeB = pool.submit(() -> {
                bCalling.countDown();
                return store.changeForVendor(v1.id(), cur -> {
                    bSaw.add(cur.version());
                    bInside.countDown();
                    return appendParticipant(cur, b, at.plusSeconds(2));
                });
            });
            bCalling.await(30, TimeUnit.SECONDS);
            boolean overlapped = bInside.await(raceWindow().toMillis(), TimeUnit.MILLISECONDS);
            release.countDown();
            List<Throwable> failures = new ArrayList<>();
            List<Long> written = new ArrayList<>();
            List<Party> added = new ArrayList<>();
            for (var c : List.of(Map.entry(changeA, a), Map.entry(changeB, b))) {
                try {
                    written.add(c.getKey().get(60, TimeUnit.SECONDS).orElseThrow());
                    added.add(c.getValue());
                } catch (java.util.concurrent.ExecutionException e) {
                    failures.add(e.getCause());
                }
            }
            String staged = "change A held inside its unit of work while change B "
                    + (overlapped ? "ran its unit of work on version " + bSaw : "waited");
            assertThat(failures)
                    .as(broken(
                            "S4",
                            staged + ", and a change failed with something else than StaleVersionException: "
                                    + failures,
                            "that concurrent changes are serialised (a lock on the escalation's row) or refused "
                                    + "with StaleVersionException"))
                    .allMatch(StaleVersionException.class::isInstance);
            assertThat(written)
                    .as(broken("S4", staged + ", and no change went through", "that one of them wins"))
                    .isNotEmpty();
            StoredEscalation stored = store.findForVendor(v1.id()).orElseThrow();
            String check = "that the unit of work runs on the escalation as stored inside the transaction that "
                    + "writes it, under a lock (SELECT … FOR UPDATE, a per-escalation lock), never on a copy read "
                    + "before the lock";
            assertThat(stored.participants())
                    .as(broken(
                            "S4",
                            staged + "; both went through but the stored participants are " + stored.participants()
                                    + ": a change was lost (units of work saw versions A " + aSaw + ", B " + bSaw + ")",
                            check))
                    .containsExactlyInAnyOrderElementsOf(added);
            assertThat(stored.version())
                    .as(broken("S4", staged + "; the stored version does not count the changes", check))
                    .isEqualTo(1L + written.size());
            assertThat(written)
                    .as(broken("S4", staged + "; two changes wrote the same version " + written, check))
                    .doesNotHaveDuplicates();
            assertThat(Kit.entries(store, v1.id(), 500))
                    .as(broken("S4", staged + "; the log does not hold one entry per change", check))
                    .extracting(StoredEntry::sequence)
                    .containsExactly(java.util.stream.LongStream.rangeClosed(1, 1L + written.size())
                            .boxed()
                            .toArray(Long[]::new));
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
    }

    private static void await(CountDownLatch latch, String rule) {
        try {
            if (!latch.await(60, TimeUnit.SECONDS)) {
                throw new AssertionError("Rule " + rule + ": the contract's latch was not released within 60 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Decision<Long> appendParticipant(StoredEscalation cur, Party p, Instant when) {
        List<Party> participants = new ArrayList<>(cur.participants());
        participants.add(p);
        EscalationWrite w = Records.change(cur)
                .at(when)
                .with(x -> x.participants(participants))
                .entry(Records.entry(
                        when,
                        ProgressKind.PARTICIPANT_ADDED,
                        ActorRef.SYSTEM,
                        Visibility.CUSTOMER,
                        Optional.empty(),
                        Records.params("participant", new dev.escalation.model.EntryParam.Ref(p.id()))))
                .build();
        return Decision.write(w, w.next().version());
    }

    // ------------------------------------------------------------------------------------------------ S6 to S8b

    /** S6: customer-scoped methods never return or change another customer's data, on any page. */
    @Test
    void s6_customerScopedMethodsNeverReachAnotherCustomer() {
        CustomerId acme = customer("acme");
        CustomerId globex = customer("globex");
        StoredEscalation a = Kit.create(
                store,
                Records.creationOf(Records.escalation(id("a"), acme, caseId("C-1"))
                        .submissionKey("same-key")
                        .build()));
        StoredEscalation b = Kit.create(
                store,
                Records.creationOf(Records.escalation(id("b"), globex, caseId("C-1"))
                        .submissionKey("same-key")
                        .build()));
        String check = "that every customer-scoped query filters by customer (WHERE customer = ?), including look-ups "
                + "by id, by case, by submission key, the log, changes and every page of a list";
        assertThat(store.findForCustomer(globex, a.id()))
                .as(broken("S6", "findForCustomer(globex, id of acme's escalation) returned it", check))
                .isEmpty();
        assertThat(store.findForCustomer(acme, b.id()))
                .as(broken("S6", "findForCustomer(acme, id of globex's escalation) returned it", check))
                .isEmpty();
        assertThat(store.findOpenForCustomer(acme, caseId("C-1")))
                .as(broken("S6", "findOpenForCustomer(acme, C-1) did not return acme's escalation", check))
                .contains(a);
        assertThat(store.findOpenForCustomer(globex, caseId("C-1")))
                .as(broken("S6", "findOpenForCustomer(globex, C-1) did not return globex's escalation", check))
                .contains(b);
        assertThat(store.findBySubmissionForCustomer(acme, "same-key"))
                .as(broken("S6", "findBySubmissionForCustomer(acme, key) did not return acme's escalation", check))
                .contains(a);
        assertThat(store.findBySubmissionForCustomer(globex, "same-key"))
                .as(broken("S6", "findBySubmissionForCustomer(globex, key) did not return globex's escalation", check))
                .contains(b);
        assertThat(store.entriesForCustomer(globex, a.id(), 0, 500))
                .as(broken("S6", "entriesForCustomer(globex, acme's escalation) returned entries", check))
                .isEmpty();
        // a case and a submission key that only the other customer has: nothing (not the other's escalation)
        StoredEscalation onlyGlobex = Kit.create(
                store,
                Records.creationOf(Records.escalation(id("only-globex"), globex, caseId("G-only"))
                        .submissionKey("globex-key")
                        .build()));
        assertThat(store.findOpenForCustomer(acme, onlyGlobex.caseId()))
                .as(broken("S6", "findOpenForCustomer(acme, a case only globex has open) returned globex's", check))
                .isEmpty();
        assertThat(store.findBySubmissionForCustomer(acme, "globex-key"))
                .as(broken("S6", "findBySubmissionForCustomer(acme, a key only globex used) returned globex's", check))
                .isEmpty();
        AtomicBoolean ran = new AtomicBoolean();
        Optional<Object> changed = store.changeForCustomer(globex, a.id(), cur -> {
            ran.set(true);
            return Decision.write(Records.next(cur, EscalationState.WITHDRAWN, at.plusSeconds(1), "hijack"), "x");
        });
        assertThat(changed.isEmpty() && !ran.get())
                .as(broken(
                        "S6",
                        "changeForCustomer(globex, acme's escalation) ran the unit of work or returned " + changed,
                        check))
                .isTrue();
        assertThat(store.findForVendor(a.id()))
                .as(broken("S6", "changeForCustomer of another customer changed the escalation", check))
                .contains(a);

        // every page of a customer's list, at every page size, holds only that customer's escalations
        List<StoredEscalation> acmes = new ArrayList<>(List.of(a));
        for (int i = 0; i < 6; i++) {
            acmes.add(created("a" + i, "acme", "A-" + i, at.plusSeconds(2L * i + 1)));
            created("g" + i, "globex", "G-" + i, at.plusSeconds(2L * i + 2));
        }
        List<EscalationSummary> expected = acmes.stream()
                .map(StoredEscalation::summary)
                .sorted(NEWEST_FIRST)
                .toList();
        for (int size = 1; size <= 8; size++) {
            List<EscalationSummary> listed = new ArrayList<>();
            Optional<PageCursor> cursor = Optional.empty();
            int page = 0;
            do {
                Page<EscalationSummary> p = store.listForCustomer(acme, new PageRequest(cursor, size));
                page++;
                for (EscalationSummary s : p.items()) {
                    assertThat(s.customer())
                            .as(broken(
                                    "S6",
                                    "page " + page + " of listForCustomer(acme) at page size " + size
                                            + " holds globex's escalation " + s.id(),
                                    check))
                            .isEqualTo(acme);
                }
                listed.addAll(p.items());
                cursor = p.next();
            } while (cursor.isPresent() && page < 100);
            assertThat(listed)
                    .as(broken("S6", "listForCustomer(acme) at page size " + size + " is not acme's list", check))
                    .containsExactlyElementsOf(expected);
        }
        assertThat(Kit.all(p -> store.listForCustomer(customer("initech"), p), 10, "S6"))
                .as(broken("S6", "listForCustomer of a customer without escalations returned some", check))
                .isEmpty();
    }

    /** S7: listForCustomer is newest first, listForVendor oldest first and filtered by state; complete at any size. */
    @Test
    void s7_pagedListsAreCompleteAndOrdered() {
        List<StoredEscalation> acme = new ArrayList<>();
        Random random = new Random(7);
        for (int i = 0; i < 23; i++) {
            // many share their raisedAt, so the id must break the tie
            Instant raised = at.plusSeconds(random.nextInt(8) * 60L);
            EscalationState state = i % 3 == 0
                    ? EscalationState.ACTIVE
                    : i % 3 == 1 ? EscalationState.REQUESTED : EscalationState.CLOSED;
            StoredEscalation e = Records.escalation(
                            id(String.format(Locale.ROOT, "p%02d", (i * 7) % 23)), customer("acme"), caseId("C-" + i))
                    .raisedAt(raised)
                    .state(state)
                    .build();
            acme.add(Kit.create(store, Records.creationOf(e)));
        }
        StoredEscalation other = Kit.create(
                store,
                Records.creationOf(Records.escalation(id("other"), customer("globex"), caseId("C-1"))
                        .raisedAt(at.plusSeconds(120))
                        .build()));
        List<EscalationSummary> newestFirst = acme.stream()
                .map(StoredEscalation::summary)
                .sorted(NEWEST_FIRST)
                .toList();
        Set<EscalationState> states = EnumSet.of(EscalationState.ACTIVE, EscalationState.REQUESTED);
        List<StoredEscalation> everyone = new ArrayList<>(acme);
        everyone.add(other);
        List<EscalationSummary> oldestFirst = everyone.stream()
                .filter(e -> states.contains(e.state()))
                .map(StoredEscalation::summary)
                .sorted(OLDEST_FIRST)
                .toList();
        for (int size : new int[] {1, 4, 5, 23, 500}) {
            assertThat(Kit.all(p -> store.listForCustomer(customer("acme"), p), size, "S7"))
                    .as(broken(
                            "S7",
                            "listForCustomer with page size " + size + " did not return every escalation once, "
                                    + "newest first",
                            "that the query orders by (raisedAt, id) descending, that the next page starts strictly "
                                    + "after the cursor (raisedAt < ? OR (raisedAt = ? AND id < ?)), and that next is "
                                    + "empty only on the last page"))
                    .containsExactlyElementsOf(newestFirst);
            assertThat(Kit.all(p -> store.listForVendor(states, p), size, "S7"))
                    .as(broken(
                            "S7",
                            "listForVendor(ACTIVE, REQUESTED) with page size " + size + " did not return exactly "
                                    + "the escalations in these states, once each, oldest first",
                            "that the query filters by state, orders by (raisedAt, id) ascending and starts the next "
                                    + "page strictly after the cursor (raisedAt > ? OR (raisedAt = ? AND id > ?))"))
                    .containsExactlyElementsOf(oldestFirst);
        }
    }

    /** S8: inserting while a client pages through a list neither skips nor repeats the items already present. */
    @Test
    void s8_pagedListsStayStableWhileInserting() {
        List<EscalationSummary> before = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            before.add(created(String.format(Locale.ROOT, "b%02d", i), "acme", "C-" + i, at.plusSeconds(i * 10L))
                    .summary());
        }
        String check = "keyset paging: the next page must start strictly after the cursor position, never at an offset";
        // listForCustomer: newest first, so newer escalations are behind the reader
        List<EscalationSummary> seen = new ArrayList<>();
        Optional<PageCursor> cursor = Optional.empty();
        int n = 0;
        do {
            Page<EscalationSummary> page = store.listForCustomer(customer("acme"), new PageRequest(cursor, 3));
            seen.addAll(page.items());
            cursor = page.next();
            created("c" + n + "behind", "acme", "N-" + n + "a", at.plusSeconds(5000 + n));
            created("c" + n + "ahead", "acme", "N-" + n + "b", at.minusSeconds(5 + n));
            assertThat(++n)
                    .as(broken("S8", "paging does not end while inserting", "that the cursor advances strictly"))
                    .isLessThan(100);
        } while (cursor.isPresent());
        assertThat(seen)
                .as(broken("S8", "listForCustomer returned an item twice while inserting between pages", check))
                .doesNotHaveDuplicates();
        assertThat(seen)
                .as(broken("S8", "listForCustomer skipped an item present before paging started", check))
                .containsAll(before);
        assertThat(seen)
                .as(broken("S8", "listForCustomer pages were not newest first while inserting", check))
                .isSortedAccordingTo(NEWEST_FIRST);
        assertThat(seen.stream().filter(s -> s.raisedAt().isAfter(at.plusSeconds(1000))))
                .as(broken("S8", "an item inserted behind the cursor was returned on a later page", check))
                .isEmpty();

        // listForVendor: oldest first, so older escalations are behind the reader
        List<EscalationSummary> present = Kit.all(p -> store.listForVendor(ALL_STATES, p), 500, "S8");
        List<EscalationSummary> seenByVendor = new ArrayList<>();
        cursor = Optional.empty();
        n = 0;
        do {
            Page<EscalationSummary> page = store.listForVendor(ALL_STATES, new PageRequest(cursor, 4));
            seenByVendor.addAll(page.items());
            cursor = page.next();
            created("v" + n + "behind", "globex", "V-" + n + "a", at.minusSeconds(900 + n));
            created("v" + n + "ahead", "globex", "V-" + n + "b", at.plusSeconds(9000 + n));
            assertThat(++n)
                    .as(broken("S8", "paging does not end while inserting", "that the cursor advances strictly"))
                    .isLessThan(100);
        } while (cursor.isPresent());
        assertThat(seenByVendor)
                .as(broken("S8", "listForVendor returned an item twice while inserting between pages", check))
                .doesNotHaveDuplicates();
        assertThat(seenByVendor)
                .as(broken("S8", "listForVendor skipped an item present before paging started", check))
                .containsAll(present);
        assertThat(seenByVendor)
                .as(broken("S8", "listForVendor pages were not oldest first while inserting", check))
                .isSortedAccordingTo(OLDEST_FIRST);
        assertThat(seenByVendor.stream().filter(s -> s.raisedAt().isBefore(at.minusSeconds(800))))
                .as(broken("S8", "an item inserted behind the cursor was returned on a later page", check))
                .isEmpty();
    }

    /**
     * S8b: an escalation that moves between two listed states (resolved, reopened, …) while clients list those
     * states is returned by every listing: a state change never makes it vanish for a moment.
     */
    @Test
    void s8b_escalationMovingBetweenListedStatesIsNeverMissing() {
        StoredEscalation r = created("mover", "acme", "C-1", at);
        Set<EscalationState> states = EnumSet.of(EscalationState.ACTIVE, EscalationState.RESOLVED);
        Kit.change(
                store,
                r.id(),
                cur -> Records.change(cur).state(EscalationState.ACTIVE).build());
        AtomicBoolean listing = new AtomicBoolean(true);
        AtomicBoolean readerStarted = new AtomicBoolean(false);
        AtomicBoolean writerDone = new AtomicBoolean(false);
        AtomicInteger writes = new AtomicInteger();
        AtomicInteger misses = new AtomicInteger();
        int listings = concurrentListings();
        // no sleeps: the writer starts once the reader has listed, and the reader lists until it has listed
        // `listings` times AND the writer has changed the state `listings` times meanwhile, so the two really overlap
        // however the threads are scheduled
        List<Concurrency.Outcome<Integer>> outcomes = Concurrency.race(2, i -> () -> {
            if (i == 0) {
                try {
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                    while (!readerStarted.get() && System.nanoTime() < deadline) {
                        Thread.onSpinWait();
                    }
                    while (listing.get()) {
                        Kit.change(
                                store,
                                r.id(),
                                cur -> Records.change(cur)
                                        .state(
                                                cur.state() == EscalationState.ACTIVE
                                                        ? EscalationState.RESOLVED
                                                        : EscalationState.ACTIVE)
                                        .build());
                        writes.incrementAndGet();
                    }
                    return writes.get();
                } finally {
                    writerDone.set(true);
                }
            }
            int listed = 0;
            try {
                while ((listed < listings || writes.get() < listings) && !writerDone.get()) {
                    if (store.listForVendor(states, PageRequest.first(10)).items().stream()
                            .noneMatch(x -> x.id().equals(r.id()))) {
                        misses.incrementAndGet();
                    }
                    listed++;
                    readerStarted.set(true);
                }
            } finally {
                listing.set(false);
            }
            return listed;
        });
        assertThat(outcomes).allMatch(Concurrency.Outcome::succeeded);
        assertThat(misses.get())
                .as(broken(
                        "S8b",
                        misses.get() + " of " + outcomes.get(1).value() + " listings of (ACTIVE, RESOLVED) missed an "
                                + "escalation that was in one of them all the time",
                        "that a state change moves the escalation between list indexes atomically (one row update, "
                                + "or add to the new index before removing from the old one)"))
                .isZero();
    }

    // ------------------------------------------------------------------------------------------------ S9 to S14

    /**
     * S9: at most one open escalation per case. A case stays occupied in every open state and is freed only by
     * CLOSED or WITHDRAWN; a refused create writes nothing.
     */
    @Test
    void s9_atMostOneOpenEscalationPerCase() {
        CustomerId acme = customer("acme");
        StoredEscalation first = created("first", "acme", "C-1", at);
        int attempt = 0;
        for (EscalationState finalState : List.of(EscalationState.CLOSED, EscalationState.WITHDRAWN)) {
            EscalationId open = store.findOpenForCustomer(acme, first.caseId())
                    .orElseThrow()
                    .id();
            for (EscalationState openState : List.of(
                    EscalationState.REQUESTED,
                    EscalationState.ACKNOWLEDGED,
                    EscalationState.ACTIVE,
                    EscalationState.RESOLVED,
                    EscalationState.LESSONS_LEARNED)) {
                StoredEscalation current = store.findForVendor(open).orElseThrow();
                if (current.state() != openState) {
                    Kit.change(
                            store,
                            open,
                            cur -> Records.next(cur, openState, cur.updatedAt().plusSeconds(1), "move"));
                }
                assertThat(store.findOpenForCustomer(acme, first.caseId()).map(StoredEscalation::id))
                        .as(broken(
                                "S9",
                                "findOpenForCustomer does not return the case's escalation while it is " + openState,
                                "that every state but CLOSED and WITHDRAWN counts as open (EscalationState.isOpen())"))
                        .contains(open);
                long pending = store.outbox().counts().pending();
                String feedCursor = Kit.feed(store, dev.escalation.spi.ChangeBatch.START, 500)
                        .cursor();
                int tried = ++attempt;
                StoredEscalation second = simple("second-" + tried, "acme", "C-1", at.plusSeconds(1));
                Throwable t = thrown(() -> {
                    store.create(Records.creation(second)
                            .messages(Records.notificationMessage(acme, second.id(), run + "-refused-" + tried, at))
                            .build());
                    return null;
                });
                String check = "a unique constraint on (customer, case) over open escalations (e.g. a partial unique "
                        + "index WHERE state NOT IN ('CLOSED','WITHDRAWN')) and its mapping to "
                        + "OpenEscalationExistsException";
                assertThat(t)
                        .as(broken(
                                "S9",
                                "a second open escalation of case C-1 was accepted while the first is " + openState,
                                check))
                        .isInstanceOf(OpenEscalationExistsException.class);
                assertThat(((OpenEscalationExistsException) t).existing())
                        .as(broken(
                                "S9",
                                "OpenEscalationExistsException does not name the open escalation",
                                "its constructor arguments"))
                        .isEqualTo(open);
                assertThat(store.findForVendor(second.id()))
                        .as(broken("S9", "the refused escalation was stored anyway", check))
                        .isEmpty();
                assertThat(store.outbox().counts().pending())
                        .as(broken(
                                "S9",
                                "the refused create queued outbox messages",
                                "that the create's messages are rolled back with it"))
                        .isEqualTo(pending);
                assertThat(Kit.feed(store, feedCursor, 500).changes())
                        .as(broken("S9", "the refused create appears in the change feed", "the rollback"))
                        .isEmpty();
            }
            Kit.change(
                    store,
                    open,
                    cur -> Records.next(cur, finalState, cur.updatedAt().plusSeconds(1), "done"));
            assertThat(store.findOpenForCustomer(acme, first.caseId()))
                    .as(broken(
                            "S9",
                            "findOpenForCustomer still returns an escalation after it became " + finalState,
                            "that a " + finalState + " escalation no longer counts as open"))
                    .isEmpty();
            StoredEscalation again = simple("again-" + finalState, "acme", "C-1", at.plusSeconds(3));
            Throwable refused = thrown(() -> {
                store.create(Records.creationOf(again));
                return null;
            });
            assertThat(refused)
                    .as(broken(
                            "S9",
                            "the case is not free for a new escalation after the open one became " + finalState + " ("
                                    + refused + ")",
                            "that the open-per-case constraint excludes CLOSED and WITHDRAWN"))
                    .isNull();
            assertThat(store.findOpenForCustomer(acme, first.caseId()).map(StoredEscalation::id))
                    .as(broken("S9", "findOpenForCustomer does not return the case's new open escalation", "S9"))
                    .contains(again.id());
        }
    }

    /** S10: when N writers race to open an escalation for one case, exactly one create succeeds. */
    @Test
    void s10_concurrentCreatesForOneCaseExactlyOneWins() {
        for (int round = 0; round < 3; round++) {
            CaseId theCase = caseId("R-" + round);
            int r = round;
            List<EscalationId> unreadable = new CopyOnWriteArrayList<>();
            List<Concurrency.Outcome<StoredEscalation>> outcomes = Concurrency.race(concurrentWriters(), i -> () -> {
                StoredEscalation e = simple("race" + r + "-" + i, "acme", theCase.value(), at.plusSeconds(i));
                try {
                    store.create(Records.creationOf(e));
                } catch (OpenEscalationExistsException lost) {
                    // the loser reads the winner at once, as the engine does to answer a double click
                    if (store.findForCustomer(customer("acme"), lost.existing()).isEmpty()) {
                        unreadable.add(lost.existing());
                    }
                    throw lost;
                }
                return e;
            });
            List<StoredEscalation> winners = outcomes.stream()
                    .filter(Concurrency.Outcome::succeeded)
                    .map(Concurrency.Outcome::value)
                    .toList();
            String check = "that the one-open-escalation-per-case check is enforced by the backend atomically (a "
                    + "unique index), not by a look-up before the insert";
            assertThat(winners)
                    .as(broken(
                            "S10",
                            concurrentWriters() + " concurrent creates for one case gave " + winners.size()
                                    + " open escalations",
                            check))
                    .hasSize(1);
            assertThat(outcomes.stream().filter(o -> !o.succeeded()).map(Concurrency.Outcome::failure))
                    .as(broken(
                            "S10",
                            "a losing create failed with something else than OpenEscalationExistsException",
                            "the mapping of the backend's unique-constraint violation"))
                    .allMatch(OpenEscalationExistsException.class::isInstance);
            assertThat(store.findOpenForCustomer(customer("acme"), theCase))
                    .as(broken("S10", "findOpenForCustomer does not return the winner", check))
                    .contains(winners.get(0));
            assertThat(unreadable)
                    .as(broken(
                            "S10",
                            "a losing create could not read the escalation its OpenEscalationExistsException named",
                            "that the winner is readable (committed) before its unique key refuses others"))
                    .isEmpty();
        }
    }

    /** S11: a write stores its outbox messages and due items together with the escalation. */
    @Test
    void s11_aWriteStoresItsOutboxMessagesAndDueItemsTogether() {
        StoredEscalation e = simple("tx", "acme", "C-1", at);
        OutboxMessage m1 = Records.notificationMessage(e.customer(), e.id(), run + "-m1", at);
        OutboxMessage m2 = Records.openMessage(e.customer(), e.id(), run + "-m2", at);
        DueItem d1 = Records.dueItem(e.id(), e.customer(), DueKind.FIRST_CONTACT, "breach", at.plusSeconds(60));
        store.create(Records.creation(e).messages(m1, m2).due(d1).build());
        String check =
                "that create and change write the escalation, its outbox messages and its due items in one transaction";
        assertThat(store.outbox().counts().pending())
                .as(broken("S11", "create did not queue its 2 outbox messages", check))
                .isEqualTo(2);
        assertThat(store.dueWork().due(at.plusSeconds(60), 10))
                .as(broken("S11", "create did not queue its due item", check))
                .containsExactly(d1);

        // a message that was tried before it was written (attempts and last error kept, as any component)
        OutboxMessage tried = Records.notificationMessage(e.customer(), e.id(), run + "-m3", at.plusSeconds(1));
        OutboxMessage m3 = new OutboxMessage(
                tried.id(),
                tried.customer(),
                tried.effect(),
                tried.createdAt(),
                tried.nextAttemptAt(),
                2,
                Optional.of("SMTP 451: try again later"));
        DueItem d2 = Records.dueItem(e.id(), e.customer(), DueKind.NEXT_MEETING, "warning", at.plusSeconds(120));
        Kit.change(
                store,
                e.id(),
                cur -> Records.change(cur)
                        .state(EscalationState.ACKNOWLEDGED)
                        .messages(m3)
                        .due(d2)
                        .build());
        assertThat(store.outbox().counts().pending())
                .as(broken("S11", "a change did not queue its outbox message", check))
                .isEqualTo(3);
        assertThat(store.dueWork().due(at.plusSeconds(120), 10))
                .as(broken(
                        "S11",
                        "after a change the due work is not exactly the change's due items (d1 was left out of the set, "
                                + "so it must be removed)",
                        check + ", and that a change replaces the pending due items"))
                .containsExactly(d2);
        assertThat(store.outbox().claim("s11", at.plusSeconds(5), Duration.ofMinutes(1), 10).stream()
                        .map(ClaimedMessage::message)
                        .toList())
                .as(broken("S11", "the queued messages are not the ones written", check))
                .containsExactly(m1, m2, m3);
    }

    /**
     * S12: create refuses a version other than 1, a log that does not start at sequence 1 and an id that exists, and
     * changes nothing.
     */
    @Test
    void s12_createRefusesWrongVersionAndExistingId() {
        StoredEscalation e = created("dup", "acme", "C-1", at);
        Kit.change(store, e.id(), cur -> Records.next(cur, EscalationState.CLOSED, at.plusSeconds(1), "closed"));
        StoredEscalation closed = store.findForVendor(e.id()).orElseThrow();
        StoredEscalation sameId = simple("dup", "acme", "C-9", at.plusSeconds(5));
        Throwable t = thrown(() -> {
            store.create(Records.creationOf(sameId));
            return null;
        });
        assertThat(t)
                .as(broken(
                        "S12",
                        "create of an existing id was not refused with IllegalArgumentException (" + t + ")",
                        "the primary key on the escalation id and its mapping to IllegalArgumentException"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(store.findForVendor(e.id()))
                .as(broken("S12", "the refused create overwrote the stored escalation", "that create never replaces"))
                .contains(closed);
        EscalationWrite atTwo = Records.creationOf(simple("v2", "acme", "C-2", at));
        StoredEscalation two = Records.from(atTwo.next()).version(2).build();
        Throwable wrongVersion = thrown(() -> {
            store.create(new EscalationWrite(two, atTwo.entries(), List.of(), List.of()));
            return null;
        });
        assertThat(wrongVersion)
                .as(broken(
                        "S12",
                        "create of an escalation at version 2 was not refused with IllegalArgumentException",
                        "that create checks next.version() == 1"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(store.findForVendor(two.id()))
                .as(broken("S12", "the refused version-2 create was stored", "that the check happens before writing"))
                .isEmpty();
        EscalationWrite fromTwo = oneSequenceLate(Records.creationOf(simple("seq2", "acme", "C-3", at)));
        StoredEscalation longer = fromTwo.next();
        Throwable late = thrown(() -> {
            store.create(fromTwo);
            return null;
        });
        assertThat(late)
                .as(broken(
                        "S12",
                        "create of an escalation whose log starts at sequence 2 was not refused with "
                                + "IllegalArgumentException (" + late + ")",
                        "that create checks that the first entry has sequence 1"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(store.findForVendor(longer.id()))
                .as(broken(
                        "S12",
                        "the refused create of a log from sequence 2 was stored",
                        "that create checks the first entry's sequence before writing anything"))
                .isEmpty();
    }

    /** S13: the escalation created by a submission is found by (customer, key); the key is taken once. */
    @Test
    void s13_submissionKeyFindsItsEscalationOnce() {
        CustomerId acme = customer("acme");
        StoredEscalation e = Kit.create(
                store,
                Records.creationOf(Records.escalation(id("sub"), acme, caseId("C-1"))
                        .submissionKey("click-1")
                        .build()));
        assertThat(store.findBySubmissionForCustomer(acme, "click-1"))
                .as(broken(
                        "S13",
                        "findBySubmissionForCustomer did not find the escalation of its submission key",
                        "that submissionKey is stored and indexed per customer"))
                .contains(e);
        assertThat(store.findBySubmissionForCustomer(acme, "click-2"))
                .as(broken("S13", "findBySubmissionForCustomer returned an escalation for an unknown key", "the WHERE"))
                .isEmpty();
        StoredEscalation twice = Records.escalation(id("sub2"), acme, caseId("C-2"))
                .submissionKey("click-1")
                .build();
        Throwable t = thrown(() -> {
            store.create(Records.creationOf(twice));
            return null;
        });
        assertThat(t)
                .as(broken(
                        "S13",
                        "a second create with the same customer and submission key was not refused with "
                                + "SubmissionExistsException (" + t + ")",
                        "a unique constraint on (customer, submission key) and its mapping"))
                .isInstanceOf(SubmissionExistsException.class);
        assertThat(((SubmissionExistsException) t).existing())
                .as(broken("S13", "SubmissionExistsException does not name the existing escalation", "its arguments"))
                .isEqualTo(e.id());
        assertThat(store.findForVendor(twice.id()))
                .as(broken("S13", "the refused create was stored", "the rollback"))
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
        StoredEscalation e = simple("down", "acme", "C-1", at);
        Map<String, java.util.concurrent.Callable<?>> calls = new LinkedHashMap<>();
        calls.put("create", () -> {
            down.create(Records.creationOf(e));
            return null;
        });
        calls.put("findForVendor", () -> down.findForVendor(e.id()));
        calls.put("changeForVendor", () -> down.changeForVendor(e.id(), cur -> Decision.keep("x")));
        calls.put("listForCustomer", () -> down.listForCustomer(e.customer(), PageRequest.first(10)));
        calls.put("changesSince", () -> down.changesSince(dev.escalation.spi.ChangeBatch.START, 10));
        // the background worker's reads: an outage answered with nothing would look like an empty outbox
        calls.put("outbox().claim", () -> down.outbox().claim("s14", at, Duration.ofMinutes(1), 10));
        calls.put("outbox().counts", () -> down.outbox().counts());
        calls.put("dueWork().due", () -> down.dueWork().due(at, 10));
        calls.put("dueWork().claim", () -> down.dueWork().claim("s14", at, Duration.ofMinutes(1), 10));
        for (var call : calls.entrySet()) {
            assertThat(thrown(call.getValue()))
                    .as(broken(
                            "S14",
                            call.getKey() + " on an unavailable backend did not throw UnavailableException",
                            check))
                    .isInstanceOf(UnavailableException.class);
        }
    }

    // ------------------------------------------------------------------------------------------------ S15

    private sealed interface Op permits Create, ChangeOp {}

    private record Create(int customer, int caseNo, int raisedOffset, int messages) implements Op {}

    private enum Mode {
        WRITE,
        KEEP,
        THROW,
        SKIP_VERSION
    }

    private record ChangeOp(int pick, EscalationState state, Mode mode, boolean asCustomer, int messages)
            implements Op {}

    private static final List<EscalationState> NEXT_STATES = List.of(
            EscalationState.ACKNOWLEDGED,
            EscalationState.ACTIVE,
            EscalationState.RESOLVED,
            EscalationState.LESSONS_LEARNED,
            EscalationState.CLOSED,
            EscalationState.WITHDRAWN);

    private static Arbitrary<List<Op>> operations(int maxSteps) {
        Arbitrary<Op> create = Combinators.combine(
                        Arbitraries.integers().between(0, 1),
                        Arbitraries.integers().between(0, 2),
                        Arbitraries.integers().between(0, 4),
                        Arbitraries.integers().between(0, 2))
                .as(Create::new);
        Arbitrary<Op> change = Combinators.combine(
                        Arbitraries.integers().between(0, 1000),
                        Arbitraries.of(NEXT_STATES),
                        Arbitraries.frequency(
                                net.jqwik.api.Tuple.of(5, Mode.WRITE),
                                net.jqwik.api.Tuple.of(1, Mode.KEEP),
                                net.jqwik.api.Tuple.of(1, Mode.THROW),
                                net.jqwik.api.Tuple.of(1, Mode.SKIP_VERSION)),
                        Arbitraries.of(true, false),
                        Arbitraries.integers().between(0, 2))
                .as(ChangeOp::new);
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(2, create), net.jqwik.api.Tuple.of(3, change))
                .list()
                .ofMinSize(1)
                .ofMaxSize(maxSteps);
    }

    /**
     * S15: random sequences of creates, changes, kept changes, failing units of work and writes at a wrong version,
     * checked against a simple model after every step. Tries come from {@link #statefulTries()}; the seed is reported
     * and can be fixed with {@link #statefulSeed()}.
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

    private final class Model {
        final Map<EscalationId, StoredEscalation> escalations = new LinkedHashMap<>();
        final Map<EscalationId, List<StoredEntry>> logs = new HashMap<>();
        final Map<String, EscalationId> open = new HashMap<>();
        final List<Change> changes = new ArrayList<>();
        long messages;

        void written(EscalationWrite w) {
            StoredEscalation e = w.next();
            escalations.put(e.id(), e);
            logs.computeIfAbsent(e.id(), k -> new ArrayList<>()).addAll(w.entries());
            String key = e.customer() + "/" + e.caseId();
            if (e.state().isOpen()) {
                open.put(key, e.id());
            } else {
                open.remove(key);
            }
            messages += w.messages().size();
            changes.add(Kit.changeOf(e));
        }
    }

    private int runSequence(EscalationStore s, List<Op> ops, String where) {
        Model model = new Model();
        String cursor = dev.escalation.spi.ChangeBatch.START;
        List<Change> feed = new ArrayList<>();
        List<String> done = new ArrayList<>();
        int n = 0;
        for (Op op : ops) {
            n++;
            int step = n;
            done.add(op.toString());
            String trail = where + ", after " + done;
            if (op instanceof Create c) {
                CustomerId customer = customer("c" + c.customer());
                StoredEscalation e = Records.escalation(id("e" + n), customer, caseId("K-" + c.caseNo()))
                        .raisedAt(at.plusSeconds(c.raisedOffset()))
                        .submissionKey("sub-" + n)
                        .build();
                EscalationWrite w = Records.creation(e)
                        .messages(messages(e, n, c.messages()))
                        .build();
                EscalationId occupying = model.open.get(customer + "/" + e.caseId());
                Throwable t = thrown(() -> {
                    s.create(w);
                    return null;
                });
                if (occupying != null) {
                    assertThat(t)
                            .as(broken(
                                    "S15", "a second open escalation for one case was accepted (" + trail + ")", "S9"))
                            .isInstanceOf(OpenEscalationExistsException.class);
                } else {
                    assertThat(t)
                            .as(broken("S15", "a valid create failed: " + t + " (" + trail + ")", "the stack trace"))
                            .isNull();
                    model.written(w);
                }
            } else if (op instanceof ChangeOp c) {
                List<StoredEscalation> candidates = model.escalations.values().stream()
                        .filter(e -> e.state().isOpen())
                        .toList();
                if (candidates.isEmpty()) {
                    continue;
                }
                StoredEscalation current = candidates.get(c.pick() % candidates.size());
                Kit.DecideFailed failure = new Kit.DecideFailed("step " + n);
                List<EscalationWrite> decided = new ArrayList<>();
                UnitOfWork<Integer> work = cur -> {
                    EscalationWrite w = Records.change(cur)
                            .at(cur.updatedAt().plusSeconds(1))
                            .state(c.state())
                            .entry(Records.update(cur.updatedAt().plusSeconds(1), Visibility.CUSTOMER, "step " + step))
                            .messages(messages(cur, step, c.messages()))
                            .build();
                    decided.add(w);
                    return switch (c.mode()) {
                        case WRITE -> Decision.write(w, step);
                        case KEEP -> Decision.keep(-step);
                        case THROW -> throw failure;
                        case SKIP_VERSION ->
                            Decision.write(
                                    new EscalationWrite(
                                            Records.from(w.next())
                                                    .version(cur.version() + 2)
                                                    .build(),
                                            w.entries(),
                                            w.messages(),
                                            w.due()),
                                    step);
                    };
                };
                java.util.concurrent.atomic.AtomicReference<Optional<Integer>> result =
                        new java.util.concurrent.atomic.AtomicReference<>(Optional.empty());
                Throwable t = thrown(() -> result.getAndSet(
                        c.asCustomer()
                                ? s.changeForCustomer(current.customer(), current.id(), work)
                                : s.changeForVendor(current.id(), work)));
                switch (c.mode()) {
                    case WRITE -> {
                        assertThat(t)
                                .as(broken(
                                        "S15", "a valid change failed: " + t + " (" + trail + ")", "the stack trace"))
                                .isNull();
                        assertThat(result.get())
                                .as(broken("S15", "a change did not return the result of its unit of work", "S3"))
                                .contains(step);
                        model.written(decided.get(decided.size() - 1));
                    }
                    case KEEP -> {
                        assertThat(t)
                                .as(broken("S15", "a kept change failed (" + trail + ")", "S3"))
                                .isNull();
                        assertThat(result.get())
                                .as(broken("S15", "a kept change did not return its result (" + trail + ")", "S3"))
                                .contains(-step);
                    }
                    case THROW ->
                        assertThat(t)
                                .as(broken("S15", "a failing unit of work was not rethrown (" + trail + ")", "S3"))
                                .isSameAs(failure);
                    case SKIP_VERSION ->
                        assertThat(t)
                                .as(broken("S15", "a write skipping a version was not refused (" + trail + ")", "S3"))
                                .isInstanceOf(IllegalArgumentException.class);
                }
            }
            Kit.Feed read = Kit.feedUntil(
                    s, cursor, 3, got -> got.size() + feed.size() >= model.changes.size(), changeFeedPatience());
            feed.addAll(read.changes());
            cursor = read.cursor();
            checkInvariants(s, model, feed, trail);
        }
        return n;
    }

    private List<OutboxMessage> messages(StoredEscalation e, int step, int count) {
        List<OutboxMessage> msgs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            msgs.add(Records.notificationMessage(
                    e.customer(), e.id(), run + "-k" + e.id().value() + "-" + step + "-" + i, at));
        }
        return msgs;
    }

    private void checkInvariants(EscalationStore s, Model model, List<Change> feed, String trail) {
        for (StoredEscalation e : model.escalations.values()) {
            assertThat(s.findForVendor(e.id()))
                    .as(broken("S15", "findForVendor(" + e.id() + ") differs from the model (" + trail + ")", "S1-S4"))
                    .contains(e);
            assertThat(s.findForCustomer(e.customer(), e.id()))
                    .as(broken("S15", "findForCustomer(" + e.id() + ") differs from the model (" + trail + ")", "S1"))
                    .contains(e);
            CustomerId other = e.customer().equals(customer("c0")) ? customer("c1") : customer("c0");
            assertThat(s.findForCustomer(other, e.id()))
                    .as(broken("S15", "another customer sees " + e.id() + " (" + trail + ")", "S6"))
                    .isEmpty();
            assertThat(s.findBySubmissionForCustomer(
                            e.customer(), e.submissionKey().orElseThrow()))
                    .as(broken("S15", "findBySubmissionForCustomer differs from the model (" + trail + ")", "S13"))
                    .contains(e);
            assertThat(Kit.entries(s, e.id(), 3))
                    .as(broken("S15", "the log of " + e.id() + " differs from the model (" + trail + ")", "S2, S3"))
                    .containsExactlyElementsOf(model.logs.get(e.id()));
        }
        for (int c = 0; c < 2; c++) {
            CustomerId customer = customer("c" + c);
            for (int k = 0; k < 3; k++) {
                EscalationId expected = model.open.get(customer + "/" + caseId("K-" + k));
                assertThat(s.findOpenForCustomer(customer, caseId("K-" + k)).map(StoredEscalation::id))
                        .as(broken(
                                "S15",
                                "findOpenForCustomer(" + customer + ", K-" + k + ") differs from the model (" + trail
                                        + ")",
                                "S9"))
                        .isEqualTo(Optional.ofNullable(expected));
            }
            List<EscalationSummary> expectedList = model.escalations.values().stream()
                    .filter(e -> e.customer().equals(customer))
                    .map(StoredEscalation::summary)
                    .sorted(NEWEST_FIRST)
                    .toList();
            assertThat(Kit.all(p -> s.listForCustomer(customer, p), 3, "S15"))
                    .as(broken(
                            "S15",
                            "listForCustomer(" + customer + ") differs from the model (" + trail + ")",
                            "S6 and S7"))
                    .containsExactlyElementsOf(expectedList);
        }
        Set<EscalationState> listed = EnumSet.of(
                EscalationState.REQUESTED,
                EscalationState.ACKNOWLEDGED,
                EscalationState.ACTIVE,
                EscalationState.RESOLVED);
        List<EscalationSummary> inStates = model.escalations.values().stream()
                .filter(e -> listed.contains(e.state()))
                .map(StoredEscalation::summary)
                .sorted(OLDEST_FIRST)
                .toList();
        assertThat(Kit.all(p -> s.listForVendor(listed, p), 4, "S15"))
                .as(broken("S15", "listForVendor differs from the model (" + trail + ")", "S7"))
                .containsExactlyElementsOf(inStates);
        assertThat(s.outbox().counts().pending())
                .as(broken(
                        "S15",
                        "the outbox holds another number of messages than the successful writes queued (" + trail + ")",
                        "S3 and S11"))
                .isEqualTo(model.messages);
        assertFeed(model.changes, feed, "S15", "(" + trail + ")");
    }

    /** Every expected change exactly once, nothing else, each escalation's versions in ascending order. */
    private static void assertFeed(List<Change> expected, List<Change> actual, String rule, String where) {
        String check = "that every committed create and change writes exactly one feed row in its own transaction, "
                + "and that changesSince returns rows after the cursor in an order no later commit can precede";
        assertThat(actual)
                .as(broken(rule, "the change feed does not hold every write exactly once " + where, check))
                .containsExactlyInAnyOrderElementsOf(expected);
        Map<EscalationId, List<Long>> versions = actual.stream()
                .collect(Collectors.groupingBy(
                        Change::escalation,
                        LinkedHashMap::new,
                        Collectors.mapping(Change::version, Collectors.toList())));
        versions.forEach((id, v) -> assertThat(v)
                .as(broken(rule, "the change feed reports the versions of " + id + " out of order " + where, check))
                .isSorted());
    }

    // ------------------------------------------------------------------------------------------------ S16 to S19

    /** S16: a log with far more entries than any page or batch comes back whole and in order, in every view. */
    @Test
    void s16_longLogsComeBackWholeAndInOrder() {
        CustomerId acme = customer("acme");
        EscalationWrite first = Records.creationOf(simple("long", "acme", "C-1", at));
        store.create(first);
        EscalationId e = first.next().id();
        List<StoredEntry> expected = new ArrayList<>(first.entries());
        int written = 0;
        for (int batch : new int[] {600, 400, 233}) {
            int from = written;
            EscalationWrite w = Kit.change(store, e, cur -> {
                Records.WriteBuilder b = Records.change(cur).at(at.plusSeconds(10_000L + from));
                for (int i = 0; i < batch; i++) {
                    int n = from + i;
                    b.entry(Records.update(
                            at.plusSeconds(n), n % 3 == 0 ? Visibility.INTERNAL : Visibility.CUSTOMER, "entry " + n));
                }
                return b.build();
            });
            expected.addAll(w.entries());
            written += batch;
        }
        String check = "that the log is read by sequence > afterSequence with the given limit, without a cap on the "
                + "log's length, and that a write appends all its entries";
        assertThat(store.findForVendor(e).orElseThrow().facts().entryCount())
                .as(broken("S16", "facts().entryCount() is not the length of the log", "that facts are stored"))
                .isEqualTo(expected.size());
        for (int size : new int[] {PageRequest.MAX_SIZE, 7}) {
            assertThat(Kit.entries(store, e, size))
                    .as(broken(
                            "S16",
                            "entriesForVendor in slices of " + size + " did not return all " + expected.size()
                                    + " entries in order",
                            check))
                    .containsExactlyElementsOf(expected);
            List<StoredEntry> visible = expected.stream()
                    .filter(x -> x.visibility() == Visibility.CUSTOMER)
                    .toList();
            List<StoredEntry> read = new ArrayList<>();
            long after = 0;
            for (int pages = 0; pages < 10_000; pages++) {
                List<StoredEntry> page = store.entriesForCustomer(acme, e, after, size);
                if (page.isEmpty()) {
                    break;
                }
                read.addAll(page);
                after = page.get(page.size() - 1).sequence();
            }
            assertThat(read)
                    .as(broken(
                            "S16",
                            "entriesForCustomer in slices of " + size + " did not return all " + visible.size()
                                    + " customer-visible entries in order",
                            check))
                    .containsExactlyElementsOf(visible);
        }
        assertThat(store.entriesForVendor(e, expected.size() - 4L, PageRequest.MAX_SIZE))
                .as(broken("S16", "the end of a long log is not its last four entries", check))
                .containsExactlyElementsOf(expected.subList(expected.size() - 4, expected.size()));
    }

    /** S17: entriesForCustomer returns only the customer-visible entries, and only of the customer's escalation. */
    @Test
    void s17_customerSeesOnlyCustomerVisibleEntriesOfItsOwn() {
        CustomerId acme = customer("acme");
        EscalationWrite first = Records.creation(simple("mixed", "acme", "C-1", at))
                .entries(List.of(
                        Records.update(at, Visibility.CUSTOMER, "escalated"),
                        Records.update(at.plusSeconds(1), Visibility.INTERNAL, "internal 1"),
                        Records.update(at.plusSeconds(2), Visibility.INTERNAL, "internal 2"),
                        Records.update(at.plusSeconds(3), Visibility.CUSTOMER, "visible 1")))
                .build();
        store.create(first);
        EscalationId e = first.next().id();
        EscalationWrite second = Kit.change(
                store,
                e,
                cur -> Records.change(cur)
                        .entry(Records.update(at.plusSeconds(4), Visibility.INTERNAL, "internal 3"))
                        .entry(Records.update(at.plusSeconds(5), Visibility.CUSTOMER, "visible 2"))
                        .build());
        List<StoredEntry> all = new ArrayList<>(first.entries());
        all.addAll(second.entries());
        List<StoredEntry> visible =
                all.stream().filter(x -> x.visibility() == Visibility.CUSTOMER).toList();
        String check = "that entriesForCustomer selects visibility = CUSTOMER, sequence > afterSequence and the "
                + "escalation's customer, and applies the limit after filtering";
        assertThat(store.entriesForCustomer(acme, e, 0, 500))
                .as(broken("S17", "entriesForCustomer is not exactly the customer-visible entries in order", check))
                .containsExactlyElementsOf(visible);
        assertThat(store.entriesForCustomer(acme, e, 2, 500))
                .as(broken("S17", "entriesForCustomer after sequence 2 is not the visible entries after it", check))
                .containsExactlyElementsOf(
                        visible.stream().filter(x -> x.sequence() > 2).toList());
        assertThat(store.entriesForCustomer(acme, e, 1, 1))
                .as(broken(
                        "S17",
                        "entriesForCustomer(after 1, limit 1) is not the next visible entry (two internal ones lie "
                                + "between)",
                        check))
                .containsExactly(visible.get(1));
        assertThat(store.entriesForCustomer(customer("globex"), e, 0, 500))
                .as(broken("S17", "another customer read the entries", check))
                .isEmpty();
    }

    /**
     * S18: the ticket reference is stored by the outbox's finish of the Open call, kept (the first one wins), carried
     * by later ticket claims and returned by every read; writes neither set nor clear it.
     */
    @Test
    void s18_ticketReferenceIsStoredByFinishAndReturnedByEveryRead() {
        CustomerId acme = customer("acme");
        Duration lease = Duration.ofMinutes(1);
        StoredEscalation e = Records.escalation(id("ticket"), acme, caseId("C-1"))
                .submissionKey("ticket-click")
                .build();
        OutboxMessage open = Records.openMessage(acme, e.id(), run + "-open", at);
        OutboxMessage update = Records.ticketMessage(acme, e.id(), run + "-update", at.plusSeconds(1));
        store.create(Records.creation(e).messages(open, update).build());
        StoredEscalation f = created("other", "acme", "C-2", at.plusSeconds(2));
        String check = "that finish stores the reference of a delivered Open for the escalation in the same "
                + "transaction (outside the versioned row), and that every read of the escalation fills "
                + "ticketReference from it";

        List<ClaimedMessage> first = store.outbox().claim("s18", at.plusSeconds(5), lease, 10);
        assertThat(first)
                .as(broken(
                        "S18",
                        "the claim before the ticket was opened is not exactly the Open call",
                        "that ticket calls other than Open are claimed only once the escalation has a reference"))
                .extracting(c -> c.message().id())
                .containsExactly(open.id());
        assertThat(first.get(0).ticketReference())
                .as(broken("S18", "the claim of Open carries a ticket reference", "the claim"))
                .isEmpty();
        assertThat(store.outbox()
                        .finish(
                                List.of(new DeliveryOutcome.Delivered(first.get(0), Optional.of("REF-1"))),
                                at.plusSeconds(6)))
                .isEqualTo(1);

        StoredEscalation withRef =
                Records.from(e).ticketReference(Optional.of("REF-1")).build();
        assertThat(store.findForVendor(e.id()).flatMap(StoredEscalation::ticketReference))
                .as(broken("S18", "findForVendor does not return the reference", check))
                .contains("REF-1");
        assertThat(store.findForVendor(e.id()))
                .as(broken(
                        "S18", "storing the reference changed the escalation", "that the reference is not versioned"))
                .contains(withRef);
        assertThat(store.findForCustomer(acme, e.id()).flatMap(StoredEscalation::ticketReference))
                .as(broken("S18", "findForCustomer does not return the reference", check))
                .contains("REF-1");
        assertThat(store.findOpenForCustomer(acme, e.caseId()).flatMap(StoredEscalation::ticketReference))
                .as(broken("S18", "findOpenForCustomer does not return the reference", check))
                .contains("REF-1");
        assertThat(store.findBySubmissionForCustomer(acme, "ticket-click").flatMap(StoredEscalation::ticketReference))
                .as(broken("S18", "findBySubmissionForCustomer does not return the reference", check))
                .contains("REF-1");
        assertThat(Kit.all(p -> store.listForCustomer(acme, p), 10, "S18"))
                .as(broken("S18", "listForCustomer summaries do not carry the reference", check))
                .containsExactly(f.summary(), withRef.summary());
        assertThat(Kit.all(p -> store.listForVendor(ALL_STATES, p), 10, "S18"))
                .as(broken("S18", "listForVendor summaries do not carry the reference", check))
                .containsExactly(withRef.summary(), f.summary());

        List<ClaimedMessage> second = store.outbox().claim("s18", at.plusSeconds(7), lease, 10);
        assertThat(second)
                .as(broken("S18", "the ticket update was not claimable once the ticket was open", "the claim"))
                .extracting(c -> c.message().id())
                .containsExactly(update.id());
        assertThat(second.get(0).ticketReference())
                .as(broken("S18", "the claim of a ticket update does not carry the reference", check))
                .contains("REF-1");
        store.outbox()
                .finish(List.of(new DeliveryOutcome.Delivered(second.get(0), Optional.empty())), at.plusSeconds(8));

        // writes neither set nor clear the reference; a second Open keeps the first reference
        Kit.change(
                store,
                e.id(),
                cur -> Records.change(cur)
                        .with(b -> b.ticketReference(Optional.empty()))
                        .messages(Records.openMessage(acme, e.id(), run + "-open-again", at.plusSeconds(9)))
                        .build());
        Kit.change(
                store,
                f.id(),
                cur -> Records.change(cur)
                        .with(b -> b.ticketReference(Optional.of("WRITTEN-BY-A-WRITE")))
                        .build());
        assertThat(store.findForVendor(e.id()).flatMap(StoredEscalation::ticketReference))
                .as(broken("S18", "a write without a reference cleared the stored reference", check))
                .contains("REF-1");
        assertThat(store.findForVendor(f.id()).flatMap(StoredEscalation::ticketReference))
                .as(broken("S18", "a write set a ticket reference", "that writes ignore ticketReference"))
                .isEmpty();
        List<ClaimedMessage> again = store.outbox().claim("s18", at.plusSeconds(10), lease, 10);
        assertThat(again).extracting(c -> c.message().idempotencyKey()).containsExactly(run + "-open-again");
        store.outbox()
                .finish(List.of(new DeliveryOutcome.Delivered(again.get(0), Optional.of("REF-2"))), at.plusSeconds(11));
        assertThat(store.findForVendor(e.id()).flatMap(StoredEscalation::ticketReference))
                .as(broken(
                        "S18",
                        "a second delivered Open replaced the reference",
                        "that the store keeps the first reference (a retried open returns the same ticket)"))
                .contains("REF-1");

        // each claimed ticket call carries its own escalation's reference: not another escalation's of the same
        // customer (f) or of another customer (g), whose tickets are opened meanwhile
        CustomerId globex = customer("globex");
        StoredEscalation g =
                Records.escalation(id("ticket-g"), globex, caseId("C-1")).build();
        store.create(Records.creation(g)
                .messages(Records.openMessage(globex, g.id(), run + "-open-g", at.plusSeconds(12)))
                .build());
        Kit.change(
                store,
                f.id(),
                cur -> Records.change(cur)
                        .messages(Records.openMessage(acme, f.id(), run + "-open-f", at.plusSeconds(12)))
                        .build());
        List<ClaimedMessage> opens = store.outbox().claim("s18", at.plusSeconds(13), lease, 10);
        assertThat(opens)
                .as(broken("S18", "the Open calls of two more escalations were not claimable", "the claim"))
                .extracting(c -> c.message().escalation())
                .containsExactlyInAnyOrder(f.id(), g.id());
        Map<EscalationId, String> references = Map.of(e.id(), "REF-1", f.id(), "REF-F", g.id(), "REF-G");
        store.outbox()
                .finish(
                        opens.stream()
                                .<DeliveryOutcome>map(c -> new DeliveryOutcome.Delivered(
                                        c,
                                        Optional.of(references.get(c.message().escalation()))))
                                .toList(),
                        at.plusSeconds(14));
        for (StoredEscalation x : List.of(e, f, g)) {
            Kit.change(
                    store,
                    x.id(),
                    cur -> Records.change(cur)
                            .messages(Records.ticketMessage(
                                    x.customer(), x.id(), run + "-late-" + x.id().value(), at.plusSeconds(15)))
                            .build());
        }
        List<ClaimedMessage> late = store.outbox().claim("s18", at.plusSeconds(16), lease, 10);
        assertThat(late)
                .as(broken(
                        "S18", "the ticket updates of three escalations with tickets were not claimable", "the claim"))
                .hasSize(3);
        for (ClaimedMessage c : late) {
            assertThat(c.ticketReference())
                    .as(broken(
                            "S18",
                            "the claim of " + c.message().escalation() + "'s ticket update carries another reference",
                            "that a claim joins each ticket call to the reference of its own escalation (by the "
                                    + "escalation's id, not its customer or the latest reference)"))
                    .contains(references.get(c.message().escalation()));
        }
    }

    /**
     * S19: the change feed holds every committed write exactly once, in an order consistent with each escalation's
     * versions, also when a write that started first commits last (staged: a unit of work held on a latch while
     * another change commits and the feed is read).
     */
    @Test
    void s19_changeFeedHoldsEveryWriteExactlyOnce() throws Exception {
        Kit.Feed empty = Kit.feed(store, dev.escalation.spi.ChangeBatch.START, 500);
        assertThat(empty.changes())
                .as("the store under test must start empty (rule S19 reads the feed from its start)")
                .isEmpty();
        List<Change> expected = new ArrayList<>();
        StoredEscalation a = created("a", "acme", "C-1", at);
        expected.add(Kit.changeOf(a));
        StoredEscalation b = created("b", "globex", "C-1", at.plusSeconds(1));
        expected.add(Kit.changeOf(b));
        expected.add(Kit.changeOf(Kit.change(
                        store, a.id(), cur -> Records.next(cur, EscalationState.ACKNOWLEDGED, at.plusSeconds(2), "ack"))
                .next()));
        store.changeForVendor(b.id(), cur -> Decision.keep("nothing"));
        thrown(() -> store.changeForVendor(a.id(), cur -> {
            throw new Kit.DecideFailed("refused");
        }));
        expected.add(Kit.changeOf(Kit.change(
                        store,
                        b.id(),
                        cur -> Records.next(cur, EscalationState.WITHDRAWN, at.plusSeconds(3), "withdrawn"))
                .next()));
        expected.add(Kit.changeOf(
                Kit.change(store, a.id(), cur -> Records.next(cur, EscalationState.ACTIVE, at.plusSeconds(4), "active"))
                        .next()));
        String cursor = null;
        for (int limit : new int[] {1, 2, PageRequest.MAX_SIZE}) {
            Kit.Feed f = Kit.feedUntil(
                    store,
                    dev.escalation.spi.ChangeBatch.START,
                    limit,
                    got -> got.size() >= expected.size(),
                    changeFeedPatience());
            assertFeed(expected, f.changes(), "S19", "(read from the start in batches of " + limit + ")");
            cursor = f.cursor();
        }
        assertThat(store.changesSince(cursor, 10).changes())
                .as(broken("S19", "the feed's end cursor returned changes again", "that the cursor is after them"))
                .isEmpty();
        assertThat(thrown(() -> store.changesSince("not a cursor of this store §", 10)))
                .as(broken(
                        "S19",
                        "changesSince accepted a cursor it never issued",
                        "that the cursor is parsed and checked, and a bad one refused with IllegalArgumentException"))
                .isInstanceOf(IllegalArgumentException.class);

        // staged: A starts first and is held inside its unit of work; B commits; the feed is read; then A commits
        CountDownLatch aInside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<EscalationWrite> changeA = pool.submit(() -> Kit.change(store, a.id(), cur -> {
                aInside.countDown();
                await(release, "S19");
                return Records.next(cur, EscalationState.RESOLVED, at.plusSeconds(5), "late commit");
            }));
            assertThat(aInside.await(30, TimeUnit.SECONDS))
                    .as(broken("S19", "change A never ran its unit of work", "that changeForVendor calls decide"))
                    .isTrue();
            StoredEscalation c = Records.escalation(id("c"), customer("acme"), caseId("C-2"))
                    .raisedAt(at.plusSeconds(6))
                    .build();
            Future<?> changeB = pool.submit(() -> {
                store.create(Records.creationOf(c));
                return null;
            });
            boolean bCommitted = waitFor(changeB, raceWindow());
            Kit.Feed meanwhile = Kit.feed(store, cursor, 1);
            release.countDown();
            StoredEscalation late = changeA.get(60, TimeUnit.SECONDS).next();
            changeB.get(60, TimeUnit.SECONDS);
            List<Change> staged = List.of(Kit.changeOf(late), Kit.changeOf(c));
            List<Change> seen = new ArrayList<>(meanwhile.changes());
            Kit.Feed after = Kit.feedUntil(
                    store,
                    meanwhile.cursor(),
                    1,
                    got -> got.size() + meanwhile.changes().size() >= staged.size(),
                    changeFeedPatience());
            seen.addAll(after.changes());
            assertFeed(
                    staged,
                    seen,
                    "S19",
                    "(staged: change A started first and was held inside its unit of work while B "
                            + (bCommitted
                                    ? "committed and the feed was read (it returned " + meanwhile.changes() + ")"
                                    : "waited")
                            + "; then A committed)");
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
    }

    /**
     * S20: the engine, run on this store, refuses a command whose expected version is not the stored one and writes
     * nothing then; with the current version or none the command applies once.
     */
    @Test
    void s20_expectedVersionIsCheckedOnTheStoredRow() {
        new ExpectedVersionRule(store, run).check();
    }

    /**
     * S21: a change keeps what never changes: a decided write that changes the escalation's id, customer, case or
     * {@code raisedAt}, whose entries do not continue the log, or that makes a final escalation (CLOSED, WITHDRAWN)
     * open again, is refused with {@link IllegalArgumentException} and writes nothing, through {@code
     * changeForVendor} and {@code changeForCustomer}.
     */
    @Test
    void s21_aChangeKeepsWhatNeverChanges() {
        CustomerId acme = customer("acme");
        StoredEscalation v1 = createdWithMessageAndDueItem("fixed", "-fixed");
        Map<String, UnaryOperator<Records.EscalationBuilder>> fixed = new LinkedHashMap<>();
        fixed.put("id", b -> b.id(id("fixed-other")));
        fixed.put("customer", b -> b.customer(customer("globex")));
        fixed.put("case", b -> b.caseId(caseId("C-2")));
        fixed.put("raisedAt", b -> b.raisedAt(at.minusSeconds(60)));
        Snapshot before = snapshot(v1.id());
        for (Map.Entry<String, UnaryOperator<Records.EscalationBuilder>> component : fixed.entrySet()) {
            refusedUnchanged(
                    before,
                    acme,
                    cur -> withNewEntry(Records.change(cur).with(component.getValue())),
                    "a write that changes the escalation's " + component.getKey(),
                    "that the store compares id, customer, caseId and raisedAt of the write with the stored ones");
        }
        refusedUnchanged(
                before,
                acme,
                cur -> oneSequenceLate(withNewEntry(Records.change(cur))),
                "a write whose entries do not continue the log (they start one sequence after the next one)",
                "that the store checks that the write's first entry has the sequence after the stored entryCount");
        assertThat(store.findForVendor(id("fixed-other")))
                .as(broken(
                        "S21",
                        "a refused write that changed the id stored an escalation under the new id",
                        "that the store checks the write's id against the locked row before writing anything"))
                .isEmpty();

        int n = 0;
        for (EscalationState last : List.of(EscalationState.CLOSED, EscalationState.WITHDRAWN)) {
            StoredEscalation ended = created("final-" + last, "acme", "C-final-" + last, at);
            Kit.change(store, ended.id(), cur -> Records.next(cur, last, at.plusSeconds(1), "ended"));
            Snapshot ending = snapshot(ended.id());
            for (EscalationState open : EscalationState.values()) {
                if (open.isOpen()) {
                    String key = run + "-reopen-" + n++;
                    refusedUnchanged(
                            ending,
                            acme,
                            cur -> withNewEntry(Records.change(cur)
                                    .state(open)
                                    .messages(Records.notificationMessage(acme, ended.id(), key, at))),
                            "a write from " + last + " to " + open,
                            "that the store refuses a write whose state is open when the stored state is final");
                }
            }
            assertThat(store.findOpenForCustomer(acme, ended.caseId()))
                    .as(broken(
                            "S21",
                            "a refused reopening occupies the case of a " + last + " escalation",
                            "that the store refuses the write before it takes the case"))
                    .isEmpty();
        }
    }

    /** S12, S21: {@code write} with its entries one sequence later (a gap before them) and its entry count to match. */
    private static EscalationWrite oneSequenceLate(EscalationWrite write) {
        StoredEscalation next = Records.from(write.next())
                .facts(f -> Records.withEntryCount(f, f.entryCount() + 1))
                .build();
        List<StoredEntry> late = write.entries().stream()
                .map(e -> Records.withSequence(e, e.sequence() + 1))
                .toList();
        return new EscalationWrite(next, late, write.messages(), write.due(), write.metrics());
    }

    /** S21: the write, with a new entry (refused, it must not reach the log). */
    private EscalationWrite withNewEntry(Records.WriteBuilder write) {
        return write.entry(Records.update(at.plusSeconds(2), Visibility.CUSTOMER, "never"))
                .build();
    }

    /** S21: the write {@code change} builds on the stored escalation is refused by both change methods. */
    private void refusedUnchanged(
            Snapshot before,
            CustomerId customer,
            Function<StoredEscalation, EscalationWrite> change,
            String what,
            String check) {
        for (boolean forCustomer : new boolean[] {false, true}) {
            UnitOfWork<String> work = cur -> Decision.write(change.apply(cur), "written");
            String how = forCustomer ? "changeForCustomer" : "changeForVendor";
            Throwable t = thrown(() -> forCustomer
                    ? store.changeForCustomer(customer, before.id(), work)
                    : store.changeForVendor(before.id(), work));
            assertThat(t)
                    .as(broken(
                            "S21",
                            how + ": " + what + " was not refused with IllegalArgumentException (got " + t + ")",
                            check))
                    .isInstanceOf(IllegalArgumentException.class);
            assertUnchanged(before, "S21", "after " + how + " refused " + what);
        }
    }

    private static boolean waitFor(Future<?> f, Duration window) {
        try {
            f.get(window.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (java.util.concurrent.TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (java.util.concurrent.ExecutionException e) {
            throw new AssertionError("a staged write failed", e.getCause());
        }
    }
}
