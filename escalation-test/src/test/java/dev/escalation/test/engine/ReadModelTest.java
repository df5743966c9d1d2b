package dev.escalation.test.engine;

import static dev.escalation.test.engine.Cast.C1;
import static dev.escalation.test.engine.Cast.C2;
import static dev.escalation.test.engine.Cast.EVE;
import static dev.escalation.test.engine.Cast.G1;
import static dev.escalation.test.engine.Cast.GIL;
import static dev.escalation.test.engine.Cast.INA;
import static dev.escalation.test.engine.Cast.MAX;
import static dev.escalation.test.engine.Cast.SAM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.escalation.Actor;
import dev.escalation.CustomerQuery;
import dev.escalation.DeskQuery;
import dev.escalation.DeskQuery.Facet;
import dev.escalation.DeskQuery.Sort;
import dev.escalation.EscalationView;
import dev.escalation.NotAuthorizedException;
import dev.escalation.UnsupportedQueryException;
import dev.escalation.command.EscalateCase;
import dev.escalation.command.PauseClock;
import dev.escalation.command.Withdraw;
import dev.escalation.model.CaseId;
import dev.escalation.model.Cause;
import dev.escalation.model.Criticality;
import dev.escalation.model.CustomerId;
import dev.escalation.model.DeadlineMark;
import dev.escalation.model.EscalationId;
import dev.escalation.model.EscalationState;
import dev.escalation.model.EscalationSummary;
import dev.escalation.model.Page;
import dev.escalation.model.PageRequest;
import dev.escalation.model.StaffId;
import dev.escalation.sla.Deadline;
import dev.escalation.spi.Capability;
import dev.escalation.spi.EscalationQueries;
import dev.escalation.spi.EscalationStore;
import dev.escalation.spi.InboxQuery;
import dev.escalation.spi.StoreCapabilities;
import dev.escalation.spi.SupportCase;
import dev.escalation.test.Scenario;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Issue #14 through the public API: the customer's filtered list and "the open escalation of case X", the desk inbox
 * with filters, sorts, facet counts and stable keyset paging, and what summaries carry. Three escalations: acme's
 * active one on C-1 (HIGH, manager eve), acme's requested one on C-2 (CRITICAL), globex's requested one on G-1 (LOW).
 */
class ReadModelTest {
    private static final CustomerId ACME = CustomerId.of("acme");
    private static final CustomerId GLOBEX = CustomerId.of("globex");
    private static final CaseId C3 = CaseId.of("C-3");

    private final Scenario w = Cast.world(b -> b.slaPolicy(SlaFixtures.V1));
    private final EscalationId active = Cast.active(w);
    private final EscalationId requested = escalate(INA, C2, Criticality.CRITICAL);
    private final EscalationId globex = escalate(GIL, G1, Criticality.LOW);

    private EscalationId escalate(Actor actor, CaseId caseId, Criticality c) {
        w.after(Duration.ofMinutes(1));
        return escalate(w, actor, caseId, c);
    }

    private static EscalationId escalate(Scenario s, Actor actor, CaseId caseId, Criticality c) {
        return s.engine()
                .escalate(actor, new EscalateCase(caseId, "It fails", Cause.SOFTWARE_ERROR, c, null))
                .escalation();
    }

    // ------------------------------------------------------------------ customer side

    @Test
    void aContactListsOwnEscalationsNewestFirstWithFilters() {
        assertThat(ids(w.engine().escalationsOfCustomer(INA, CustomerQuery.all(), PageRequest.first(10))))
                .containsExactly(requested, active);
        assertThat(ids(w.engine()
                        .escalationsOfCustomer(
                                INA, CustomerQuery.all().states(EscalationState.REQUESTED), PageRequest.first(10))))
                .containsExactly(requested);
        assertThat(ids(w.engine().escalationsOfCustomer(INA, CustomerQuery.all().caseId(C1), PageRequest.first(10))))
                .containsExactly(active);
        assertThat(ids(w.engine().escalationsOfCustomer(GIL, CustomerQuery.open(), PageRequest.first(10))))
                .containsExactly(globex);
        assertThat(ids(w.engine().escalationsOfCustomer(INA, CustomerQuery.all().caseId(G1), PageRequest.first(10))))
                .as("another customer's case is simply empty")
                .isEmpty();

        w.engine().withdraw(INA, new Withdraw(requested, "Fixed by a restart"));

        assertThat(ids(w.engine().escalationsOfCustomer(INA, CustomerQuery.open(), PageRequest.first(10))))
                .containsExactly(active);
        assertThat(ids(w.engine().escalationsOfCustomer(INA, CustomerQuery.all(), PageRequest.first(10))))
                .containsExactly(requested, active);
    }

    @Test
    void theOpenEscalationOfACaseOrNone() {
        assertThat(w.engine().openEscalationOfCase(INA, C1))
                .map(EscalationSummary::id)
                .contains(active);
        assertThat(w.engine().openEscalationOfCase(INA, G1))
                .as("globex's case, asked by acme")
                .isEmpty();
        assertThat(w.engine().openEscalationOfCase(GIL, C1))
                .as("acme's case, asked by globex")
                .isEmpty();
        assertThat(w.engine().openEscalationOfCase(SAM, G1))
                .map(EscalationSummary::id)
                .contains(globex);

        w.engine().withdraw(INA, new Withdraw(requested, "Fixed by a restart"));

        assertThat(w.engine().openEscalationOfCase(INA, C2)).isEmpty();
        assertThat(w.engine().openEscalationOfCase(SAM, C2)).isEmpty();
    }

    @Test
    void customerReadsAreForContactsAndDeskReadsForStaff() {
        assertThatThrownBy(() -> w.engine().escalationsOfCustomer(SAM, CustomerQuery.all(), PageRequest.first(10)))
                .isInstanceOf(NotAuthorizedException.class);
        assertThatThrownBy(() -> w.engine().operations().inbox(INA, DeskQuery.open(), PageRequest.first(10)))
                .isInstanceOf(NotAuthorizedException.class);
        assertThatThrownBy(() -> w.engine().operations().inboxCounts(GIL, DeskQuery.open(), Set.of(Facet.STATE)))
                .isInstanceOf(NotAuthorizedException.class);
    }

    // ------------------------------------------------------------------ desk side

    @Test
    void theInboxFiltersByEachDimension() {
        assertThat(inbox(DeskQuery.open().sortBy(Sort.RAISED_ASC))).containsExactly(active, requested, globex);
        assertThat(inbox(DeskQuery.open().criticality(Criticality.CRITICAL, Criticality.LOW)))
                .containsExactlyInAnyOrder(requested, globex);
        assertThat(inbox(DeskQuery.open().customers(GLOBEX))).containsExactly(globex);
        assertThat(inbox(DeskQuery.open().states(EscalationState.ACTIVE))).containsExactly(active);
        assertThat(inbox(DeskQuery.open().caseId(C2))).containsExactly(requested);
        assertThat(inbox(DeskQuery.open().manager(StaffId.of("eve")))).containsExactly(active);
        assertThat(ids(w.engine().operations().inbox(EVE, DeskQuery.open().mine(), PageRequest.first(10))))
                .as("eve manages C-1's escalation")
                .containsExactly(active);
        assertThat(ids(w.engine().operations().inbox(MAX, DeskQuery.open().mine(), PageRequest.first(10))))
                .as("max manages none")
                .isEmpty();

        w.engine().pauseClock(EVE, new PauseClock(active, "Waiting for the customer's logs"));

        assertThat(inbox(DeskQuery.open().paused(true))).containsExactly(active);
        assertThat(inbox(DeskQuery.open().paused(false))).containsExactlyInAnyOrder(requested, globex);
    }

    @Test
    void breachedIsJudgedAtTheEngineClock() {
        List<EscalationSummary> all = summaries(DeskQuery.open());
        Instant firstDue = all.stream()
                .flatMap(s -> s.nextDeadline().stream())
                .map(DeadlineMark::at)
                .min(Comparator.naturalOrder())
                .orElseThrow();
        assertThat(inbox(DeskQuery.open().breached(true))).isEmpty();

        w.clock().set(firstDue);

        Instant now = w.clock().instant();
        List<EscalationId> breached = all.stream()
                .filter(s -> s.breachedAt(now))
                .map(EscalationSummary::id)
                .toList();
        assertThat(breached).isNotEmpty();
        assertThat(inbox(DeskQuery.open().breached(true))).containsExactlyInAnyOrderElementsOf(breached);
        assertThat(inbox(DeskQuery.open().breached(false)))
                .containsExactlyInAnyOrderElementsOf(all.stream()
                        .map(EscalationSummary::id)
                        .filter(id -> !breached.contains(id))
                        .toList());
    }

    @Test
    void theInboxSortsByNextDeadlineOrByTimeRaisedInEitherDirection() {
        assertThat(inbox(DeskQuery.open().sortBy(Sort.RAISED_ASC))).containsExactly(active, requested, globex);
        assertThat(inbox(DeskQuery.open().sortBy(Sort.RAISED_DESC))).containsExactly(globex, requested, active);

        List<EscalationSummary> asc = summaries(DeskQuery.open().sortBy(Sort.NEXT_DEADLINE_ASC));
        assertThat(asc.get(0).nextDeadline())
                .as("C-2's first contact is due first")
                .isPresent();
        assertThat(asc.get(0).nextDeadline().get().at())
                .isBefore(asc.get(1).nextDeadline().orElseThrow().at());
        assertThat(asc.stream().map(EscalationSummary::id)).containsExactly(requested, active, globex);
        assertThat(asc.get(2).nextDeadline())
                .as("LOW has no deadline under V1: last")
                .isEmpty();
        assertThat(inbox(DeskQuery.open().sortBy(Sort.NEXT_DEADLINE_DESC)))
                .as("latest deadline first, still without one last")
                .containsExactly(active, requested, globex);
        assertThat(DeskQuery.all().sort()).as("the default").isEqualTo(Sort.NEXT_DEADLINE_ASC);
    }

    @Test
    void countsPerFacetValueIgnoreTheFacetsOwnFilter() {
        Map<Facet, Map<String, Long>> counts = w.engine()
                .operations()
                .inboxCounts(SAM, DeskQuery.open().customers(ACME), EnumSet.of(Facet.STATE, Facet.CUSTOMER));

        assertThat(counts).containsOnlyKeys(Facet.STATE, Facet.CUSTOMER);
        assertThat(counts.get(Facet.STATE)).isEqualTo(Map.of("ACTIVE", 1L, "REQUESTED", 1L));
        assertThat(counts.get(Facet.CUSTOMER)).isEqualTo(Map.of("acme", 2L, "globex", 1L));

        Map<Facet, Map<String, Long>> more = w.engine()
                .operations()
                .inboxCounts(SAM, DeskQuery.open(), EnumSet.of(Facet.CRITICALITY, Facet.MANAGER, Facet.PAUSED));
        assertThat(more.get(Facet.CRITICALITY)).isEqualTo(Map.of("HIGH", 1L, "CRITICAL", 1L, "LOW", 1L));
        assertThat(more.get(Facet.MANAGER)).isEqualTo(Map.of("eve", 1L));
        assertThat(more.get(Facet.PAUSED)).isEqualTo(Map.of("false", 3L));
        assertThat(w.engine().operations().inboxCounts(SAM, DeskQuery.open(), Set.of()))
                .isEmpty();
    }

    @Test
    void countsComeInTheFacetsOrderWithTheirValuesInKeyOrder() {
        Map<Facet, Map<String, Long>> counts =
                w.engine().operations().inboxCounts(SAM, DeskQuery.open(), EnumSet.allOf(Facet.class));

        assertThat(counts.keySet())
                .as("the facets in their declaration order, as a badge row shows them")
                .containsExactly(Facet.values());
        assertThat(counts.get(Facet.CRITICALITY).keySet())
                .as("values in key order, the same on every store and every run")
                .containsExactly("CRITICAL", "HIGH", "LOW");
        assertThat(counts.get(Facet.CUSTOMER).keySet()).containsExactly("acme", "globex");
        assertThat(counts.get(Facet.STATE).keySet()).containsExactly("ACTIVE", "REQUESTED");
        assertThatThrownBy(() -> counts.put(Facet.STATE, Map.of())).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> counts.get(Facet.STATE).put("CLOSED", 1L))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void keysetPagingStaysStableWhileOtherEscalationsAppear() {
        for (Sort sort : Sort.values()) {
            Scenario s = Cast.world(b -> b.slaPolicy(SlaFixtures.V1));
            s.customerDirectory().add(new SupportCase(C3, ACME, "Backups"));
            EscalationId a = Cast.active(s);
            s.after(Duration.ofMinutes(1));
            EscalationId b = escalate(s, INA, C2, Criticality.MEDIUM);
            s.after(Duration.ofMinutes(1));
            EscalationId c = escalate(s, GIL, G1, Criticality.LOW);
            DeskQuery query = DeskQuery.all().sortBy(sort);

            List<EscalationId> seen = new ArrayList<>();
            Page<EscalationSummary> page = s.engine().operations().inbox(SAM, query, PageRequest.first(1));
            seen.addAll(ids(page));
            s.after(Duration.ofMinutes(1));
            EscalationId d = escalate(s, INA, C3, Criticality.CRITICAL); // appears while the desk pages
            while (page.next().isPresent()) {
                page = s.engine()
                        .operations()
                        .inbox(SAM, query, PageRequest.after(page.next().get(), 1));
                seen.addAll(ids(page));
            }

            assertThat(seen).as(sort.name()).doesNotHaveDuplicates().contains(a, b, c);
            List<EscalationId> now = ids(s.engine().operations().inbox(SAM, query, PageRequest.first(10)));
            assertThat(now).as(sort.name()).containsExactlyInAnyOrder(a, b, c, d);
            assertThat(now).as(sort.name() + ": pages keep the list's order").containsSubsequence(seen);
        }
    }

    // ------------------------------------------------------------------ what summaries carry

    @Test
    void summariesCarryWhatTheDeskNeeds() {
        w.engine().deliverPending();
        w.engine().pauseClock(EVE, new PauseClock(active, "Waiting for the customer's logs"));
        EscalationView view = w.engine().find(SAM, active).orElseThrow();
        EscalationSummary summary = summaries(DeskQuery.open().caseId(C1)).get(0);

        assertThat(summary.manager()).contains(StaffId.of("eve"));
        assertThat(summary.nextMeetingAt()).isPresent().isEqualTo(view.nextMeetingAt());
        assertThat(summary.ticketReference()).isPresent().isEqualTo(view.ticketReference());
        assertThat(summary.hotline()).isEqualTo(view.hotline());
        assertThat(summary.pausedSince()).contains(w.clock().instant());
        assertThat(summary.updatedAt()).isEqualTo(view.updatedAt());

        EscalationSummary fresh = summaries(DeskQuery.open().caseId(C2)).get(0);
        List<Deadline> deadlines = w.engine().deadlines(SAM, requested);
        Deadline earliest = deadlines.stream()
                .filter(d -> d.metAt().isEmpty())
                .min(Comparator.comparing(Deadline::dueAt))
                .orElseThrow();
        assertThat(fresh.nextDeadline()).contains(new DeadlineMark(earliest.kind(), earliest.dueAt()));
        assertThat(fresh.manager()).isEmpty();
    }

    @Test
    void aContactSeesTheSameSummaryFieldsAsTheDesk() {
        w.engine().deliverPending();
        EscalationSummary contact = w.engine()
                .escalationsOfCustomer(INA, CustomerQuery.all().caseId(C1), PageRequest.first(1))
                .items()
                .get(0);
        assertThat(contact).isEqualTo(summaries(DeskQuery.open().caseId(C1)).get(0));
    }

    // ------------------------------------------------------------------ stores

    @Test
    void withoutTheQueriesCapabilityOnlyThePlainListsAnswer() {
        EscalationStore plain = wrap(
                w.store(),
                (name, args) -> name.equals("capabilities")
                        ? Optional.of(new StoreCapabilities(
                                Set.of(Capability.RETENTION),
                                w.store().capabilities().instantPrecision(),
                                w.store().capabilities().deduplicationWindow()))
                        : name.equals("queries") ? Optional.of(Optional.empty()) : Optional.empty());
        Scenario other = Cast.world(b -> b.slaPolicy(SlaFixtures.V1), plain);

        assertThat(ids(other.engine().escalationsOfCustomer(INA, CustomerQuery.all(), PageRequest.first(10))))
                .containsExactly(requested, active);
        assertThat(ids(other.engine().operations().inbox(SAM, Set.of(), PageRequest.first(10))))
                .containsExactly(active, requested, globex);
        assertThatThrownBy(() -> other.engine().escalationsOfCustomer(INA, CustomerQuery.open(), PageRequest.first(1)))
                .isInstanceOf(UnsupportedQueryException.class)
                .satisfies(
                        e -> assertThat(((UnsupportedQueryException) e).code()).isEqualTo("UNSUPPORTED_QUERY"))
                .satisfies(e -> assertThat(((UnsupportedQueryException) e).isRetryable())
                        .isFalse());
        assertThatThrownBy(() -> other.engine().openEscalationOfCase(INA, C1))
                .isInstanceOf(UnsupportedQueryException.class);
        assertThatThrownBy(() -> other.engine().operations().inbox(SAM, DeskQuery.open(), PageRequest.first(1)))
                .isInstanceOf(UnsupportedQueryException.class);
        assertThatThrownBy(() -> other.engine().operations().inboxCounts(SAM, DeskQuery.open(), Set.of()))
                .isInstanceOf(UnsupportedQueryException.class);
    }

    @Test
    void aContactNeverSeesAnotherCustomersRowsEvenIfTheStoreLeaksThem() {
        EscalationQueries real = w.store().queries().orElseThrow();
        // a broken store that answers a customer query with the whole desk inbox
        EscalationQueries leaky = wrap(
                EscalationQueries.class,
                real,
                (name, args) -> name.equals("ofCustomer")
                        ? Optional.of(real.inbox((InboxQuery) args[1], (PageRequest) args[2]))
                        : Optional.empty());
        EscalationStore store = wrap(
                w.store(), (name, args) -> name.equals("queries") ? Optional.of(Optional.of(leaky)) : Optional.empty());
        Scenario other = Cast.world(b -> b.slaPolicy(SlaFixtures.V1), store);

        assertThat(ids(other.engine().escalationsOfCustomer(GIL, CustomerQuery.open(), PageRequest.first(10))))
                .containsExactly(globex);
        assertThat(ids(other.engine().escalationsOfCustomer(INA, CustomerQuery.open(), PageRequest.first(10))))
                .containsExactlyInAnyOrder(requested, active);
        assertThat(other.engine().openEscalationOfCase(GIL, C1)).isEmpty();
    }

    // ------------------------------------------------------------------ helpers

    private List<EscalationId> inbox(DeskQuery query) {
        return summaries(query).stream().map(EscalationSummary::id).toList();
    }

    private List<EscalationSummary> summaries(DeskQuery query) {
        return w.engine().operations().inbox(SAM, query, PageRequest.first(50)).items();
    }

    private static List<EscalationId> ids(Page<EscalationSummary> page) {
        return page.items().stream().map(EscalationSummary::id).toList();
    }

    /** An override of some methods: the answer to return, or empty to forward the call. */
    interface Override {
        Optional<Object> answer(String method, Object[] args);
    }

    private static EscalationStore wrap(EscalationStore delegate, Override override) {
        return wrap(EscalationStore.class, delegate, override);
    }

    private static <T> T wrap(Class<T> type, T delegate, Override override) {
        Function<Object[], Object[]> args = a -> a == null ? new Object[0] : a;
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, a) -> {
            Optional<Object> answer = override.answer(method.getName(), args.apply(a));
            if (answer.isPresent()) {
                return answer.get();
            }
            try {
                return method.invoke(delegate, a);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }));
    }
}
