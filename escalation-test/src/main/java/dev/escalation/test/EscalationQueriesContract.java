package dev.escalation.test;

import static dev.escalation.test.Rules.broken;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.escalation.model.CaseId;
import dev.escalation.model.Criticality;
import dev.escalation.model.CustomerId;
import dev.escalation.model.DeadlineMark;
import dev.escalation.model.DueKind;
import dev.escalation.model.EntryParam;
import dev.escalation.model.EscalationId;
import dev.escalation.model.EscalationState;
import dev.escalation.model.EscalationSummary;
import dev.escalation.model.HotlineAdvice;
import dev.escalation.model.HotlineNumber;
import dev.escalation.model.Page;
import dev.escalation.model.PageCursor;
import dev.escalation.model.PageRequest;
import dev.escalation.model.StaffId;
import dev.escalation.spi.Capability;
import dev.escalation.spi.EscalationQueries;
import dev.escalation.spi.EscalationStore;
import dev.escalation.spi.InboxQuery;
import dev.escalation.spi.StoredEscalation;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

/**
 * The contract of the optional {@link EscalationQueries} facet of an {@link EscalationStore} (capability
 * {@link Capability#QUERIES}): rules Q1 to Q5 of {@code RULES.md}. Every answer is compared with a plain filter and
 * sort over the escalations the contract wrote. A store that does not declare the capability has every rule skipped
 * with the reason.
 *
 * <p>Each test writes three customers' escalations in every state, criticality, with and without a manager, a deadline
 * (past, at "now", future, shared) and a pause, with shared instants so that ids must break ties. The store must
 * start empty (the inbox sees everything in it). Random queries come from {@link #querySeed()}; the seed is reported.
 */
public abstract class EscalationQueriesContract {

    private final String run = Kit.run("q");
    private EscalationStore store;
    private Instant at;
    private Instant now;
    private final Map<EscalationId, EscalationSummary> model = new LinkedHashMap<>();
    private final List<CustomerId> customers = new ArrayList<>();

    /** Creates the contract. */
    protected EscalationQueriesContract() {}

    /**
     * Creates the store whose queries are under test: empty. Called once per test.
     *
     * @return a new, empty store
     */
    protected abstract EscalationStore createStore();

    /**
     * Releases what {@link #createStore()} acquired. Called after each test.
     *
     * @param store the store
     */
    protected void disposeStore(EscalationStore store) {
        // nothing to release by default
    }

    /**
     * How many random queries Q1 and Q3 run.
     *
     * @return the number, 1 or more
     */
    protected int queryTries() {
        return 150;
    }

    /**
     * The seed of the random queries; defaults to the system property {@code escalation.tck.seed} or a random seed.
     *
     * @return the seed
     */
    protected long querySeed() {
        return Rules.seed(ThreadLocalRandom.current().nextLong());
    }

    @BeforeEach
    final void createStoreUnderTest() {
        store = createStore();
        assertThat(store).as("createStore() returned null").isNotNull();
        ChronoUnit precision = store.capabilities().instantPrecision();
        at = Records.T0.plusNanos(555_666_777).truncatedTo(precision);
        now = at.plus(Duration.ofHours(1));
    }

    @AfterEach
    final void disposeStoreUnderTest() {
        if (store != null) {
            disposeStore(store);
        }
    }

    private EscalationQueries queries() {
        assumeTrue(
                store.capabilities().has(Capability.QUERIES),
                "capability not declared: capabilities() does not hold QUERIES, so rules Q1 to Q5 (desk queries) are "
                        + "not checked");
        return store.queries()
                .orElseThrow(() -> new AssertionError(broken(
                        "Q1",
                        "the store declares QUERIES but queries() is empty",
                        "that queries() returns the facet")));
    }

    private static final StaffId EVE = StaffId.of("eve");
    private static final StaffId MAX = StaffId.of("max");

    /** Writes 42 escalations of three customers and remembers their summaries. */
    private void populate() {
        for (String c : List.of("acme", "globex", "initech")) {
            customers.add(CustomerId.of(run + "-" + c));
        }
        EscalationState[] states = EscalationState.values();
        Criticality[] levels = Criticality.values();
        for (int i = 0; i < 42; i++) {
            int n = i;
            CustomerId customer = customers.get(i % 3);
            Optional<DeadlineMark> deadline = switch (i % 5) {
                case 0 -> Optional.empty();
                case 1 -> Optional.of(new DeadlineMark(DueKind.FIRST_CONTACT, now.minusSeconds(60L * i)));
                case 2 -> Optional.of(new DeadlineMark(DueKind.RESOLUTION, now)); // breached: not after now
                case 3 -> Optional.of(new DeadlineMark(DueKind.NEXT_MEETING, now.plusSeconds(600L * (i % 4))));
                default -> Optional.of(new DeadlineMark(DueKind.RESOLUTION, now.plusSeconds(3600)));
            };
            Optional<StaffId> manager = i % 4 == 0 ? Optional.empty() : Optional.of(i % 3 == 1 ? EVE : MAX);
            StoredEscalation e = Records.escalation(
                            // ids in another order than raisedAt, so the id really breaks ties
                            EscalationId.of(String.format(Locale.ROOT, "%s-%02d", run, (i * 17) % 42)),
                            customer,
                            CaseId.of("Q-" + i / 3))
                    .raisedAt(at.plusSeconds(60L * (i % 7)))
                    .state(states[i % states.length])
                    .criticality(levels[(i / 2) % levels.length])
                    .manager(manager)
                    .facts(f -> new dev.escalation.spi.EscalationFacts(
                            f.entryCount(),
                            f.acknowledgedAt(),
                            f.resolvedAt(),
                            n % 3 == 1 ? Optional.of(at.plusSeconds(n)) : Optional.empty(),
                            n % 3 == 1 ? Optional.of("waiting") : Optional.empty(),
                            f.excluded(),
                            f.lastMeetingHeldAt(),
                            f.nextMeetingAt(),
                            deadline,
                            f.openImprovementActions(),
                            f.invitations(),
                            f.legacy()))
                    .build();
            store.create(Records.creationOf(e));
            model.put(e.id(), e.summary());
        }
    }

    // ------------------------------------------------------------------------------------------------ the model

    private static boolean matches(EscalationSummary s, InboxQuery q, InboxQuery.Facet unset) {
        return (q.states().isEmpty()
                        || unset == InboxQuery.Facet.STATE
                        || q.states().contains(s.state()))
                && (q.criticality().isEmpty()
                        || unset == InboxQuery.Facet.CRITICALITY
                        || q.criticality().contains(s.criticality()))
                && (q.customers().isEmpty()
                        || unset == InboxQuery.Facet.CUSTOMER
                        || q.customers().contains(s.customer()))
                && (q.manager().isEmpty()
                        || unset == InboxQuery.Facet.MANAGER
                        || s.manager().equals(q.manager()))
                && (q.breached().isEmpty()
                        || unset == InboxQuery.Facet.BREACHED
                        || s.breachedAt(q.now()) == q.breached().get())
                && (q.paused().isEmpty()
                        || unset == InboxQuery.Facet.PAUSED
                        || s.pausedSince().isPresent() == q.paused().get())
                && (q.caseId().isEmpty() || s.caseId().equals(q.caseId().get()))
                && (!q.openOnly() || s.state().isOpen());
    }

    private static Instant deadlineOrMax(EscalationSummary s) {
        return s.nextDeadline().map(DeadlineMark::at).orElse(Instant.MAX);
    }

    /** The order of a sort: by the instant and then the id, both in the sort's direction; no deadline: last. */
    static Comparator<EscalationSummary> order(InboxQuery.Sort sort) {
        Comparator<EscalationSummary> byId = Comparator.comparing(s -> s.id().value());
        return switch (sort) {
            case RAISED_ASC -> Comparator.comparing(EscalationSummary::raisedAt).thenComparing(byId);
            case RAISED_DESC ->
                Comparator.comparing(EscalationSummary::raisedAt)
                        .thenComparing(byId)
                        .reversed();
            case NEXT_DEADLINE_ASC ->
                Comparator.comparing(EscalationQueriesContract::deadlineOrMax).thenComparing(byId);
            case NEXT_DEADLINE_DESC ->
                Comparator.comparing((EscalationSummary s) -> s.nextDeadline().isEmpty())
                        .thenComparing(Comparator.comparing(EscalationQueriesContract::deadlineOrMax)
                                .thenComparing(byId)
                                .reversed());
        };
    }

    private List<EscalationSummary> expected(InboxQuery q, Predicate<EscalationSummary> scope) {
        return model.values().stream()
                .filter(scope)
                .filter(s -> matches(s, q, null))
                .sorted(order(q.sort()))
                .toList();
    }

    private InboxQuery randomQuery(Random r) {
        Set<EscalationState> states = EnumSet.noneOf(EscalationState.class);
        if (r.nextInt(3) == 0) {
            for (EscalationState s : EscalationState.values()) {
                if (r.nextBoolean()) {
                    states.add(s);
                }
            }
        }
        Set<Criticality> levels = EnumSet.noneOf(Criticality.class);
        if (r.nextInt(3) == 0) {
            levels.add(Criticality.values()[r.nextInt(4)]);
            levels.add(Criticality.values()[r.nextInt(4)]);
        }
        Set<CustomerId> cs = new HashSet<>();
        if (r.nextInt(3) == 0) {
            cs.add(customers.get(r.nextInt(3)));
        }
        return new InboxQuery(
                states,
                levels,
                cs,
                r.nextInt(4) == 0 ? Optional.of(r.nextBoolean() ? EVE : MAX) : Optional.empty(),
                r.nextInt(3) == 0 ? Optional.of(r.nextBoolean()) : Optional.empty(),
                r.nextInt(4) == 0 ? Optional.of(r.nextBoolean()) : Optional.empty(),
                r.nextInt(6) == 0 ? Optional.of(CaseId.of("Q-" + r.nextInt(14))) : Optional.empty(),
                r.nextInt(4) == 0,
                InboxQuery.Sort.values()[r.nextInt(4)],
                now);
    }

    /** One query per filter alone, so that each filter is checked whatever the random queries are. */
    private List<InboxQuery> everyFilterAlone() {
        InboxQuery all = InboxQuery.all(InboxQuery.Sort.RAISED_ASC, now);
        List<InboxQuery> qs = new ArrayList<>();
        qs.add(all);
        for (EscalationState s : EscalationState.values()) {
            qs.add(with(
                    all,
                    q -> new InboxQuery(
                            Set.of(s),
                            q.criticality(),
                            q.customers(),
                            q.manager(),
                            q.breached(),
                            q.paused(),
                            q.caseId(),
                            q.openOnly(),
                            q.sort(),
                            q.now())));
        }
        qs.add(with(
                all,
                q -> new InboxQuery(
                        q.states(),
                        Set.of(Criticality.LOW, Criticality.CRITICAL),
                        q.customers(),
                        q.manager(),
                        q.breached(),
                        q.paused(),
                        q.caseId(),
                        q.openOnly(),
                        q.sort(),
                        q.now())));
        qs.add(with(
                all,
                q -> new InboxQuery(
                        q.states(),
                        q.criticality(),
                        Set.of(customers.get(1)),
                        q.manager(),
                        q.breached(),
                        q.paused(),
                        q.caseId(),
                        q.openOnly(),
                        q.sort(),
                        q.now())));
        qs.add(with(
                all,
                q -> new InboxQuery(
                        q.states(),
                        q.criticality(),
                        q.customers(),
                        Optional.of(EVE),
                        q.breached(),
                        q.paused(),
                        q.caseId(),
                        q.openOnly(),
                        q.sort(),
                        q.now())));
        for (boolean b : new boolean[] {true, false}) {
            qs.add(with(
                    all,
                    q -> new InboxQuery(
                            q.states(),
                            q.criticality(),
                            q.customers(),
                            q.manager(),
                            Optional.of(b),
                            q.paused(),
                            q.caseId(),
                            q.openOnly(),
                            q.sort(),
                            q.now())));
            qs.add(with(
                    all,
                    q -> new InboxQuery(
                            q.states(),
                            q.criticality(),
                            q.customers(),
                            q.manager(),
                            q.breached(),
                            Optional.of(b),
                            q.caseId(),
                            q.openOnly(),
                            q.sort(),
                            q.now())));
        }
        qs.add(with(
                all,
                q -> new InboxQuery(
                        q.states(),
                        q.criticality(),
                        q.customers(),
                        q.manager(),
                        q.breached(),
                        q.paused(),
                        Optional.of(CaseId.of("Q-0")),
                        q.openOnly(),
                        q.sort(),
                        q.now())));
        qs.add(with(
                all,
                q -> new InboxQuery(
                        q.states(),
                        q.criticality(),
                        q.customers(),
                        q.manager(),
                        q.breached(),
                        q.paused(),
                        q.caseId(),
                        true,
                        q.sort(),
                        q.now())));
        return qs;
    }

    private static InboxQuery with(InboxQuery q, Function<InboxQuery, InboxQuery> change) {
        return change.apply(q);
    }

    private static Set<EscalationId> ids(List<EscalationSummary> list) {
        Set<EscalationId> ids = new HashSet<>();
        list.forEach(s -> ids.add(s.id()));
        return ids;
    }

    // ------------------------------------------------------------------------------------------------ Q1 to Q4

    /**
     * Q1: inbox and ofCustomer return exactly the escalations that match every filter (states, criticality,
     * customers, manager, breached at now, paused, case, open only); ofCustomer ignores the customer, manager, breached
     * and paused filters and returns only its customer's.
     *
     * @param reporter publishes the seed
     */
    @Test
    void q1_filtersSelectExactlyTheMatchingEscalations(TestReporter reporter) {
        EscalationQueries queries = queries();
        populate();
        long seed = querySeed();
        reporter.publishEntry("Q1.seed", Long.toString(seed));
        Random random = new Random(seed);
        List<InboxQuery> qs = new ArrayList<>(everyFilterAlone());
        for (int i = 0; i < queryTries(); i++) {
            qs.add(randomQuery(random));
        }
        String check = "that every filter of InboxQuery is applied (an empty set or optional means any; breached means "
                + "nextDeadline.at <= now, for a paused clock's SLA deadline only if also <= pausedSince; paused means pausedSince present) and combined with AND";
        for (InboxQuery q : qs) {
            int size = 1 + random.nextInt(7);
            assertThat(ids(Kit.all(p -> queries.inbox(q, p), size, "Q1")))
                    .as(broken(
                            "Q1",
                            "inbox(" + q + ") at page size " + size + " is not the matching set (seed " + seed + ")",
                            check))
                    .isEqualTo(ids(expected(q, s -> true)));
            CustomerId c = customers.get(random.nextInt(3));
            InboxQuery own = new InboxQuery(
                    q.states(),
                    q.criticality(),
                    Set.of(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    q.caseId(),
                    q.openOnly(),
                    q.sort(),
                    q.now());
            assertThat(ids(Kit.all(p -> queries.ofCustomer(c, q, p), size, "Q1")))
                    .as(broken(
                            "Q1",
                            "ofCustomer(" + c + ", " + q + ") is not that customer's matching set (seed " + seed + ")",
                            check + "; ofCustomer ignores the query's customers, manager, breached and paused"))
                    .isEqualTo(ids(expected(own, s -> s.customer().equals(c))));
        }
    }

    /**
     * Q2: every sort orders by its instant and then the id, both in the sort's direction; escalations without a next
     * deadline come last in both deadline orders; at every page size.
     */
    @Test
    void q2_sortsOrderBothWaysWithDeadlineLessLast() {
        EscalationQueries queries = queries();
        populate();
        String check = "the ORDER BY of each sort (instant, id) in its direction, deadline-less escalations last "
                + "(NULLS LAST in both directions), and a cursor comparison in the same direction";
        for (InboxQuery.Sort sort : InboxQuery.Sort.values()) {
            InboxQuery all = InboxQuery.all(sort, now);
            InboxQuery open = new InboxQuery(
                    Set.of(),
                    Set.of(),
                    Set.of(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    true,
                    sort,
                    now);
            for (InboxQuery q : List.of(all, open)) {
                for (int size : new int[] {1, 3, PageRequest.MAX_SIZE}) {
                    assertThat(Kit.all(p -> queries.inbox(q, p), size, "Q2"))
                            .as(broken(
                                    "Q2",
                                    "inbox sorted " + sort + (q.openOnly() ? " (open only)" : "") + " at page size "
                                            + size + " is not in order",
                                    check))
                            .containsExactlyElementsOf(expected(q, s -> true));
                }
            }
            CustomerId c = customers.get(0);
            assertThat(Kit.all(p -> queries.ofCustomer(c, all, p), 2, "Q2"))
                    .as(broken("Q2", "ofCustomer sorted " + sort + " is not in order", check))
                    .containsExactlyElementsOf(expected(all, s -> s.customer().equals(c)));
        }
    }

    /**
     * Q3: counts per facet value are the numbers of escalations matching the query with that facet's own filter unset
     * (the other filters, case and open-only stay); values without a match are left out; escalations without a manager
     * are not counted by manager.
     *
     * @param reporter publishes the seed
     */
    @Test
    void q3_facetCountsLeaveTheirOwnFilterOut(TestReporter reporter) {
        EscalationQueries queries = queries();
        populate();
        long seed = querySeed();
        reporter.publishEntry("Q3.seed", Long.toString(seed));
        Random random = new Random(seed);
        List<InboxQuery> qs = new ArrayList<>(everyFilterAlone());
        // the facets' own filters together, so that a count which applies its own filter shows
        qs.add(new InboxQuery(
                EnumSet.of(EscalationState.ACTIVE),
                EnumSet.of(Criticality.HIGH),
                Set.of(customers.get(0)),
                Optional.of(EVE),
                Optional.of(true),
                Optional.of(false),
                Optional.empty(),
                false,
                InboxQuery.Sort.RAISED_ASC,
                now));
        for (int i = 0; i < queryTries(); i++) {
            qs.add(randomQuery(random));
        }
        Set<InboxQuery.Facet> facets = EnumSet.allOf(InboxQuery.Facet.class);
        String check = "that each facet is counted over the escalations matching every filter but the facet's own "
                + "(GROUP BY the facet's column with its own predicate left out), without zero rows";
        for (InboxQuery q : qs) {
            Map<InboxQuery.Facet, Map<String, Long>> expected = new EnumMap<>(InboxQuery.Facet.class);
            for (InboxQuery.Facet f : facets) {
                Map<String, Long> counts = new TreeMap<>();
                for (EscalationSummary s : model.values()) {
                    if (matches(s, q, f)) {
                        valueOf(f, s, now).ifPresent(v -> counts.merge(v, 1L, Long::sum));
                    }
                }
                expected.put(f, counts);
            }
            Map<InboxQuery.Facet, Map<String, Long>> actual = queries.counts(q, facets);
            for (InboxQuery.Facet f : facets) {
                assertThat(new TreeMap<>(actual.getOrDefault(f, Map.of())))
                        .as(broken("Q3", "the " + f + " counts of " + q + " differ (seed " + seed + ")", check))
                        .isEqualTo(expected.get(f));
            }
        }
        assertThat(queries.counts(InboxQuery.all(InboxQuery.Sort.RAISED_ASC, now), EnumSet.of(InboxQuery.Facet.STATE)))
                .as(broken(
                        "Q3",
                        "counts returned facets that were not asked for",
                        "that only the given facets are counted"))
                .containsOnlyKeys(InboxQuery.Facet.STATE);
    }

    private static Optional<String> valueOf(InboxQuery.Facet facet, EscalationSummary s, Instant now) {
        return switch (facet) {
            case STATE -> Optional.of(s.state().name());
            case CRITICALITY -> Optional.of(s.criticality().name());
            case CUSTOMER -> Optional.of(s.customer().value());
            case MANAGER -> s.manager().map(StaffId::value);
            case BREACHED -> Optional.of(Boolean.toString(s.breachedAt(now)));
            case PAUSED -> Optional.of(Boolean.toString(s.pausedSince().isPresent()));
        };
    }

    /**
     * Q4: keyset paging: every page of ofCustomer, at every page size and sort, holds only that customer's
     * escalations, and all pages together are its list; an escalation that does not change while a client pages is
     * returned exactly once although others change, move and appear between the pages.
     */
    @Test
    void q4_keysetPagingIsTenantScopedAndStable() {
        EscalationQueries queries = queries();
        populate();
        String tenant = "that ofCustomer applies the customer filter to every page, the ones after a cursor included";
        for (CustomerId c : customers) {
            for (InboxQuery.Sort sort : InboxQuery.Sort.values()) {
                InboxQuery all = InboxQuery.all(sort, now);
                for (int size : new int[] {1, 2, 3, 5, 7, PageRequest.MAX_SIZE}) {
                    List<EscalationSummary> listed = new ArrayList<>();
                    Optional<PageCursor> cursor = Optional.empty();
                    int page = 0;
                    do {
                        Page<EscalationSummary> p = queries.ofCustomer(c, all, new PageRequest(cursor, size));
                        page++;
                        for (EscalationSummary s : p.items()) {
                            assertThat(s.customer())
                                    .as(broken(
                                            "Q4",
                                            "page " + page + " of ofCustomer(" + c + ", " + sort + ") at page size "
                                                    + size + " holds " + s.id() + " of " + s.customer(),
                                            tenant))
                                    .isEqualTo(c);
                        }
                        listed.addAll(p.items());
                        cursor = p.next();
                    } while (cursor.isPresent() && page < 200);
                    assertThat(listed)
                            .as(broken(
                                    "Q4",
                                    "ofCustomer(" + c + ", " + sort + ") at page size " + size
                                            + " is not the customer's list",
                                    tenant))
                            .containsExactlyElementsOf(
                                    expected(all, s -> s.customer().equals(c)));
                }
            }
        }

        // pages stay stable while other escalations change between them
        String stable = "keyset paging: the next page starts strictly after the cursor's (instant, id) in the sort's "
                + "direction, never at an offset";
        for (InboxQuery.Sort sort : InboxQuery.Sort.values()) {
            InboxQuery q = InboxQuery.all(sort, now);
            List<EscalationSummary> seen = new ArrayList<>();
            Set<EscalationId> changed = new HashSet<>();
            List<EscalationId> ids = new ArrayList<>(model.keySet());
            Random random = new Random(sort.ordinal());
            Optional<PageCursor> cursor = Optional.empty();
            int page = 0;
            do {
                Page<EscalationSummary> p = queries.inbox(q, new PageRequest(cursor, 4));
                seen.addAll(p.items());
                cursor = p.next();
                page++;
                for (int k = 0; k < 2; k++) {
                    EscalationId moved = ids.get(random.nextInt(ids.size()));
                    changed.add(moved);
                    int shift = random.nextInt(20_000) - 10_000;
                    Kit.change(
                            store,
                            moved,
                            cur -> Records.change(cur)
                                    .with(b -> b.facts(f -> new dev.escalation.spi.EscalationFacts(
                                            f.entryCount(),
                                            f.acknowledgedAt(),
                                            f.resolvedAt(),
                                            f.pausedSince(),
                                            f.pauseReason(),
                                            f.excluded(),
                                            f.lastMeetingHeldAt(),
                                            f.nextMeetingAt(),
                                            Optional.of(new DeadlineMark(DueKind.RESOLUTION, now.plusSeconds(shift))),
                                            f.openImprovementActions(),
                                            f.invitations(),
                                            f.legacy())))
                                    .build());
                }
                StoredEscalation added = Records.escalation(
                                EscalationId.of(run + "-new-" + sort.ordinal() + "-" + page),
                                customers.get(page % 3),
                                CaseId.of("N-" + sort.ordinal() + "-" + page))
                        .raisedAt(at.plusSeconds(random.nextInt(600)))
                        .build();
                store.create(Records.creationOf(added));
                changed.add(added.id());
            } while (cursor.isPresent() && page < 200);
            List<EscalationId> unchangedSeen = seen.stream()
                    .map(EscalationSummary::id)
                    .filter(id -> !changed.contains(id))
                    .toList();
            assertThat(unchangedSeen)
                    .as(broken(
                            "Q4",
                            "inbox sorted " + sort + " returned an unchanged escalation twice while others "
                                    + "changed between pages",
                            stable))
                    .doesNotHaveDuplicates();
            Set<EscalationId> unchanged = new HashSet<>(model.keySet());
            unchanged.removeAll(changed);
            assertThat(new HashSet<>(unchangedSeen))
                    .as(broken(
                            "Q4",
                            "inbox sorted " + sort + " skipped an escalation that did not change while "
                                    + "others changed between pages",
                            stable))
                    .containsAll(unchanged);
            // the changes above are part of the model of the next sort's run
            for (EscalationId id : changed) {
                store.findForVendor(id).ifPresent(e -> model.put(id, e.summary()));
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ Q5

    /** The facts of an escalation with this next deadline, next meeting and pause (other components kept). */
    private static dev.escalation.spi.EscalationFacts due(
            dev.escalation.spi.EscalationFacts f,
            Optional<DeadlineMark> deadline,
            Optional<Instant> meeting,
            Optional<Instant> pausedSince) {
        return new dev.escalation.spi.EscalationFacts(
                f.entryCount(),
                f.acknowledgedAt(),
                f.resolvedAt(),
                pausedSince,
                pausedSince.map(p -> "waiting"),
                f.excluded(),
                f.lastMeetingHeldAt(),
                meeting,
                deadline,
                f.openImprovementActions(),
                f.invitations(),
                f.legacy());
    }

    /**
     * Writes 48 escalations of three customers for Q5: every state; next deadlines of a meeting or an SLA target
     * before, at and after now (shared instants, so the id breaks ties) or none; next meetings before or after now or
     * none; paused before or after the deadline or running.
     */
    private void populateDue() {
        for (String c : List.of("acme", "globex", "initech")) {
            customers.add(CustomerId.of(run + "-" + c));
        }
        EscalationState[] states = EscalationState.values();
        for (int i = 0; i < 48; i++) {
            Optional<DeadlineMark> deadline = switch (i % 4) {
                case 0 -> Optional.empty();
                case 1 -> Optional.of(new DeadlineMark(DueKind.RESOLUTION, now.minusSeconds(600L * (i % 3))));
                case 2 -> Optional.of(new DeadlineMark(DueKind.FIRST_CONTACT, now.plusSeconds(600L * (i % 3))));
                default -> Optional.of(new DeadlineMark(DueKind.NEXT_MEETING, now.minusSeconds(300L * (i % 2))));
            };
            Optional<Instant> meeting = switch ((i / 4) % 3) {
                case 0 -> Optional.empty();
                case 1 -> Optional.of(now.minusSeconds(900L * (i % 2)));
                default -> Optional.of(now.plusSeconds(900));
            };
            // paused before every deadline of the test (the SLA deadline does not count), after some, or running
            Optional<Instant> paused = switch ((i / 12) % 4) {
                case 1 -> Optional.of(now.minusSeconds(3600));
                case 2 -> Optional.of(now.plusSeconds(60));
                default -> Optional.empty();
            };
            StoredEscalation e = Records.escalation(
                            EscalationId.of(String.format(Locale.ROOT, "%s-%02d", run, (i * 29) % 48)),
                            customers.get(i % 3),
                            CaseId.of("D-" + i))
                    .raisedAt(at.plusSeconds(i))
                    .state(states[(i + i / 7) % states.length])
                    .facts(f -> due(f, deadline, meeting, paused))
                    .hotline(hotline(i))
                    .build();
            store.create(Records.creationOf(e));
            model.put(e.id(), e.summary());
        }
    }

    /**
     * The hotline advice of Q5's escalation {@code i}: none for every seventh, else one of 19 (more distinct advices
     * than a store may keep parsed), each shared by up to three escalations, with a number of its own.
     */
    private Optional<HotlineAdvice> hotline(int i) {
        if (i % 7 == 6) {
            return Optional.empty();
        }
        int k = i % 19;
        HotlineAdvice.Reason reason = HotlineAdvice.Reason.values()[k % HotlineAdvice.Reason.values().length];
        Map<String, EntryParam> params = new LinkedHashMap<>();
        params.put("raisedAt", new EntryParam.At(at.plusSeconds(k)));
        if (reason == HotlineAdvice.Reason.PUBLIC_HOLIDAY) {
            params.put("holiday", new EntryParam.Code("HOLIDAY_" + k));
            params.put("holidayName", new EntryParam.Text("Feiertag " + k));
        }
        return Optional.of(new HotlineAdvice(
                reason,
                params,
                at.plusSeconds(86_400L + k),
                List.of(new HotlineNumber("Hotline " + k, "+49 911 2399 " + (100 + k)))));
    }

    private List<EscalationSummary> expectedOverdue(Instant at) {
        return model.values().stream()
                .filter(s -> s.overdueAt(at))
                .sorted(Comparator.comparing(
                                (EscalationSummary s) -> s.overdueSince().orElseThrow())
                        .thenComparing(s -> s.id().value()))
                .toList();
    }

    private void assertOverdue(EscalationQueries queries, Instant at, String when) {
        String check =
                "that overdue(now, page) returns exactly the open escalations whose overdueSince (the earlier of "
                        + "the next meeting and the next deadline, a paused clock's SLA deadline only if it fell due before "
                        + "the pause) is not after now, ascending by (overdueSince, id), keyset-paged, from what is stored on "
                        + "each write, every summary whole (its hotline advice included)";
        for (int size : new int[] {1, 2, 3, 7, PageRequest.MAX_SIZE}) {
            assertThat(Kit.all(p -> queries.overdue(at, p), size, "Q5"))
                    .as(broken(
                            "Q5", "overdue(" + at + ") " + when + " at page size " + size + " is not the list", check))
                    .containsExactlyElementsOf(expectedOverdue(at));
        }
    }

    /**
     * Q5: {@code overdue(now, page)} returns exactly the open escalations overdue at now
     * ({@link EscalationSummary#overdueSince()} not after now: a breached deadline, or a meeting not held in time;
     * a paused clock's SLA deadline only if it fell due before the pause), most overdue first with the id breaking
     * ties, at every page size, each summary whole (its hotline advice, one of 19, or none, included); writes that
     * meet the deadline, hold the meeting, pause, close or make an escalation overdue move it in or out; a later "now"
     * adds the escalations that fell due in between.
     */
    @Test
    void q5_overdueListsBreachedDeadlinesAndMissedMeetingsMostOverdueFirst() {
        EscalationQueries queries = queries();
        populateDue();
        assertThat(expectedOverdue(now))
                .as("the test data has overdue escalations")
                .hasSizeGreaterThan(10);
        assertOverdue(queries, now, "after the escalations were created");
        assertOverdue(queries, now.plusSeconds(1200), "20 minutes later");
        assertOverdue(queries, now.minusSeconds(1200), "20 minutes earlier");

        // writes move escalations in and out: deadline met, meeting held, paused, closed, newly overdue
        List<EscalationId> overdue =
                expectedOverdue(now).stream().map(EscalationSummary::id).toList();
        List<EscalationId> notOverdue = model.values().stream()
                .filter(s -> s.state().isOpen() && !s.overdueAt(now))
                .map(EscalationSummary::id)
                .toList();
        List<java.util.function.UnaryOperator<Records.EscalationBuilder>> changes = List.of(
                b -> b.facts(f -> due(f, Optional.empty(), f.nextMeetingAt(), f.pausedSince())),
                b -> b.facts(f -> due(f, f.nextDeadline(), Optional.of(now.plusSeconds(86_400)), f.pausedSince())),
                b -> b.facts(f -> due(f, f.nextDeadline(), f.nextMeetingAt(), Optional.of(now.minusSeconds(7200)))),
                b -> b.state(EscalationState.CLOSED));
        for (int k = 0; k < overdue.size(); k++) {
            var change = changes.get(k % changes.size());
            Kit.change(
                    store,
                    overdue.get(k),
                    cur -> Records.change(cur).with(change).build());
        }
        for (int k = 0; k < notOverdue.size(); k += 2) {
            Kit.change(
                    store,
                    notOverdue.get(k),
                    cur -> Records.change(cur)
                            .with(b -> b.facts(f -> due(
                                    f,
                                    Optional.of(new DeadlineMark(DueKind.RESOLUTION, now.minusSeconds(60))),
                                    f.nextMeetingAt(),
                                    Optional.empty())))
                            .build());
        }
        for (EscalationId id : model.keySet()) {
            store.findForVendor(id).ifPresent(e -> model.put(id, e.summary()));
        }
        assertOverdue(queries, now, "after writes met deadlines, held meetings, paused, closed and breached");
    }
}
