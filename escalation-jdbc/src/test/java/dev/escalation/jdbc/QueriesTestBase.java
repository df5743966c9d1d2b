package dev.escalation.jdbc;

import static dev.escalation.jdbc.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.model.CaseId;
import dev.escalation.model.Criticality;
import dev.escalation.model.CustomerId;
import dev.escalation.model.DeadlineMark;
import dev.escalation.model.DueKind;
import dev.escalation.model.EscalationState;
import dev.escalation.model.EscalationSummary;
import dev.escalation.model.Page;
import dev.escalation.model.PageRequest;
import dev.escalation.model.StaffId;
import dev.escalation.spi.EscalationFacts;
import dev.escalation.spi.EscalationQueries;
import dev.escalation.spi.EscalationWrite;
import dev.escalation.spi.InboxQuery;
import dev.escalation.spi.StoredEscalation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Desk queries compared with a plain filter over every stored escalation: random filters and sorts, paged to the end
 * with small pages, facet counts with the own facet unset, tenant scope per customer.
 */
abstract class QueriesTestBase extends StoreTestSupport {
    private static final Instant NOW = T0.plusSeconds(50_000);
    private static final List<String> CUSTOMERS = List.of("acme", "globex", "initech");
    private static final List<String> MANAGERS = List.of("eve", "olaf");

    private final List<EscalationSummary> stored = new ArrayList<>();
    private EscalationQueries queries;

    @BeforeEach
    void someEscalations() {
        queries = store.queries().orElseThrow();
        stored.clear();
        Random random = new Random(7);
        for (int i = 0; i < 48; i++) {
            StoredEscalation r = variant(i, random);
            store.create(new EscalationWrite(r, Fixtures.creation(r).entries(), List.of(), List.of()));
            stored.add(r.summary());
        }
    }

    /** A varied escalation: state, criticality, customer, manager, deadline (some equal, some none), pause. */
    private static StoredEscalation variant(int i, Random random) {
        StoredEscalation base = Fixtures.raised(
                CUSTOMERS.get(i % 3), "E-" + (100 + i), "C-" + (i % 7), T0.plusSeconds(random.nextInt(4) * 100L));
        EscalationState state = EscalationState.values()[random.nextInt(EscalationState.values().length)];
        Optional<StaffId> manager =
                random.nextInt(3) == 0 ? Optional.empty() : Optional.of(StaffId.of(MANAGERS.get(random.nextInt(2))));
        Optional<DeadlineMark> deadline = random.nextInt(4) == 0
                ? Optional.empty()
                : Optional.of(new DeadlineMark(
                        DueKind.values()[random.nextInt(3)], T0.plusSeconds(random.nextInt(5) * 25_000L)));
        Optional<Instant> paused = random.nextInt(3) == 0 ? Optional.of(T0.plusSeconds(10)) : Optional.empty();
        EscalationFacts f = base.facts();
        EscalationFacts facts = new EscalationFacts(
                f.entryCount(),
                f.acknowledgedAt(),
                f.resolvedAt(),
                paused,
                paused.map(p -> "waiting"),
                f.excluded(),
                f.lastMeetingHeldAt(),
                Optional.of(T0.plusSeconds(i)),
                deadline,
                0,
                0,
                false);
        // only one open escalation per case: cases are per customer, open ones get a case of their own
        CaseId caseId = state.isOpen() ? CaseId.of("OPEN-" + i) : base.caseId();
        return new StoredEscalation(
                base.id(),
                1,
                base.customer(),
                caseId,
                state,
                base.raisedBy(),
                base.intake(),
                base.message(),
                base.cause(),
                Criticality.values()[random.nextInt(4)],
                Optional.empty(),
                base.raisedAt(),
                base.updatedAt(),
                manager,
                base.plan(),
                base.proposal(),
                base.participants(),
                base.resolution(),
                base.lessonsLearned(),
                base.policy(),
                base.hotline(),
                facts,
                Optional.empty());
    }

    private static <T> Set<T> some(Random random, List<T> values) {
        Set<T> chosen = new java.util.HashSet<>();
        int n = random.nextInt(3); // 0: any
        for (int i = 0; i < n; i++) {
            chosen.add(values.get(random.nextInt(values.size())));
        }
        return chosen;
    }

    private static <T> Optional<T> maybe(Random random, T value) {
        return random.nextInt(3) == 0 ? Optional.of(value) : Optional.empty();
    }

    private static InboxQuery randomQuery(Random random) {
        return new InboxQuery(
                some(random, List.of(EscalationState.values())),
                some(random, List.of(Criticality.values())),
                some(random, CUSTOMERS.stream().map(CustomerId::of).toList()),
                maybe(random, StaffId.of(MANAGERS.get(random.nextInt(2)))),
                maybe(random, random.nextBoolean()),
                maybe(random, random.nextBoolean()),
                random.nextInt(6) == 0 ? Optional.of(CaseId.of("C-" + random.nextInt(7))) : Optional.empty(),
                random.nextInt(3) == 0,
                InboxQuery.Sort.values()[random.nextInt(4)],
                NOW);
    }

    /** The plain filter: what the query means. */
    private static Predicate<EscalationSummary> matches(InboxQuery q, Set<InboxQuery.Facet> ignored) {
        return s -> (ignored.contains(InboxQuery.Facet.STATE)
                        || q.states().isEmpty()
                        || q.states().contains(s.state()))
                && (ignored.contains(InboxQuery.Facet.CRITICALITY)
                        || q.criticality().isEmpty()
                        || q.criticality().contains(s.criticality()))
                && (ignored.contains(InboxQuery.Facet.CUSTOMER)
                        || q.customers().isEmpty()
                        || q.customers().contains(s.customer()))
                && (ignored.contains(InboxQuery.Facet.MANAGER)
                        || q.manager().isEmpty()
                        || q.manager().equals(s.manager()))
                && (ignored.contains(InboxQuery.Facet.BREACHED)
                        || q.breached().isEmpty()
                        || q.breached().get() == s.breachedAt(q.now()))
                && (ignored.contains(InboxQuery.Facet.PAUSED)
                        || q.paused().isEmpty()
                        || q.paused().get() == s.pausedSince().isPresent())
                && (q.caseId().isEmpty() || q.caseId().get().equals(s.caseId()))
                && (!q.openOnly() || s.state().isOpen());
    }

    private static Comparator<EscalationSummary> order(InboxQuery.Sort sort) {
        Comparator<EscalationSummary> byId = Comparator.comparing(s -> s.id().value());
        Comparator<EscalationSummary> noDeadlineLast =
                Comparator.comparing(s -> s.nextDeadline().isEmpty());
        Comparator<EscalationSummary> deadline =
                Comparator.comparing(s -> s.nextDeadline().map(DeadlineMark::at).orElse(Instant.MAX));
        return switch (sort) {
            case NEXT_DEADLINE_ASC -> noDeadlineLast.thenComparing(deadline).thenComparing(byId);
            case NEXT_DEADLINE_DESC ->
                noDeadlineLast.thenComparing(deadline.reversed()).thenComparing(byId.reversed());
            case RAISED_ASC -> Comparator.comparing(EscalationSummary::raisedAt).thenComparing(byId);
            case RAISED_DESC ->
                Comparator.comparing(EscalationSummary::raisedAt)
                        .thenComparing(byId)
                        .reversed();
        };
    }

    private static List<EscalationSummary> readAll(
            java.util.function.Function<PageRequest, Page<EscalationSummary>> q, int size) {
        List<EscalationSummary> all = new ArrayList<>();
        Page<EscalationSummary> page = q.apply(PageRequest.first(size));
        while (true) {
            assertThat(page.items().size()).isLessThanOrEqualTo(size);
            all.addAll(page.items());
            if (page.next().isEmpty()) {
                return all;
            }
            page = q.apply(PageRequest.after(page.next().get(), size));
        }
    }

    @Test
    void theInboxReturnsWhatThePlainFilterReturnsInTheSortOrderPageByPage() {
        Random random = new Random(11);
        for (int round = 0; round < 60; round++) {
            InboxQuery q = randomQuery(random);
            int size = 1 + random.nextInt(6);
            List<EscalationSummary> expected = stored.stream()
                    .filter(matches(q, Set.of()))
                    .sorted(order(q.sort()))
                    .toList();
            assertThat(readAll(p -> queries.inbox(q, p), size))
                    .as("%s, pages of %d", q, size)
                    .containsExactlyElementsOf(expected);
        }
    }

    @Test
    void everySortOrdersAllEscalationsWithoutADeadlineLast() {
        for (InboxQuery.Sort sort : InboxQuery.Sort.values()) {
            InboxQuery q = InboxQuery.all(sort, NOW);
            List<EscalationSummary> expected =
                    stored.stream().sorted(order(sort)).toList();
            assertThat(readAll(p -> queries.inbox(q, p), 5)).as("%s", sort).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void facetCountsCountEachFacetAsIfItsOwnFilterWereUnset() {
        Random random = new Random(13);
        for (int round = 0; round < 40; round++) {
            InboxQuery q = randomQuery(random);
            Set<InboxQuery.Facet> facets = EnumSet.noneOf(InboxQuery.Facet.class);
            for (InboxQuery.Facet f : InboxQuery.Facet.values()) {
                if (random.nextBoolean()) {
                    facets.add(f);
                }
            }
            Map<InboxQuery.Facet, Map<String, Long>> expected = new LinkedHashMap<>();
            for (InboxQuery.Facet facet : facets) {
                Map<String, Long> counts = new TreeMap<>();
                stored.stream()
                        .filter(matches(q, Set.of(facet)))
                        .forEach(s -> value(facet, s, q.now()).ifPresent(v -> counts.merge(v, 1L, Long::sum)));
                expected.put(facet, counts);
            }
            Map<InboxQuery.Facet, Map<String, Long>> actual = queries.counts(q, facets);
            assertThat(actual.keySet()).as("%s", q).isEqualTo(facets);
            for (InboxQuery.Facet facet : facets) {
                assertThat(new TreeMap<>(actual.get(facet)))
                        .as("%s of %s", facet, q)
                        .isEqualTo(expected.get(facet));
            }
        }
    }

    private static Optional<String> value(InboxQuery.Facet facet, EscalationSummary s, Instant now) {
        return switch (facet) {
            case STATE -> Optional.of(s.state().name());
            case CRITICALITY -> Optional.of(s.criticality().name());
            case CUSTOMER -> Optional.of(s.customer().value());
            case MANAGER -> s.manager().map(StaffId::value);
            case BREACHED -> Optional.of(Boolean.toString(s.breachedAt(now)));
            case PAUSED -> Optional.of(Boolean.toString(s.pausedSince().isPresent()));
        };
    }

    @Test
    void ofCustomerNeverReturnsAnotherCustomersEscalationAndIgnoresDeskFilters() {
        Random random = new Random(17);
        for (int round = 0; round < 30; round++) {
            InboxQuery q = randomQuery(random);
            CustomerId customer = CustomerId.of(CUSTOMERS.get(round % 3));
            Set<InboxQuery.Facet> ignored = EnumSet.of(
                    InboxQuery.Facet.CUSTOMER,
                    InboxQuery.Facet.MANAGER,
                    InboxQuery.Facet.BREACHED,
                    InboxQuery.Facet.PAUSED);
            List<EscalationSummary> expected = stored.stream()
                    .filter(s -> s.customer().equals(customer))
                    .filter(matches(q, ignored))
                    .sorted(order(q.sort()))
                    .toList();
            assertThat(readAll(p -> queries.ofCustomer(customer, q, p), 4))
                    .as("%s of %s", q, customer)
                    .containsExactlyElementsOf(expected);
        }
    }
}
