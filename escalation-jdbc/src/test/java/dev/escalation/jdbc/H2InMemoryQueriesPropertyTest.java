package dev.escalation.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.inmemory.InMemoryEscalationStore;
import dev.escalation.model.CaseId;
import dev.escalation.model.Criticality;
import dev.escalation.model.CustomerId;
import dev.escalation.model.DeadlineMark;
import dev.escalation.model.DueKind;
import dev.escalation.model.EscalationId;
import dev.escalation.model.EscalationState;
import dev.escalation.model.EscalationSummary;
import dev.escalation.model.Page;
import dev.escalation.model.PageRequest;
import dev.escalation.model.StaffId;
import dev.escalation.spi.EscalationFacts;
import dev.escalation.spi.EscalationQueries;
import dev.escalation.spi.EscalationStore;
import dev.escalation.spi.InboxQuery;
import dev.escalation.spi.StoredEscalation;
import dev.escalation.test.Records;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import javax.sql.DataSource;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Issue #14 point 7: the in-memory store's queries and the JDBC store's (on H2) give the same answers. For generated
 * escalations (built with the kit's {@link Records}: few customers, cases, managers and raise times, so filters and
 * sort keys collide and the id must break ties) and generated queries, every page of {@code inbox} and
 * {@code ofCustomer} is followed to the end on both stores and the sequences compared, and so are the facet
 * {@code counts} and the {@code overdue} pages (issue #14 point 4: next deadlines of either kind, next meetings and
 * pauses before and after the deadline collide around "now"). Between calls, generated writes give escalations new
 * deadlines, meetings and pauses, so the overdue index and column follow updates too.
 */
class H2InMemoryQueriesPropertyTest {
    private static final Instant T0 = Records.T0;
    private static final List<CustomerId> CUSTOMERS = List.of(CustomerId.of("acme"), CustomerId.of("globex"));
    private static final List<StaffId> MANAGERS = List.of(StaffId.of("eve"), StaffId.of("max"));

    private static TestDatabase database;
    private static DataSource pool;
    private static EscalationStore jdbc;

    private static synchronized EscalationStore jdbcStore() throws SQLException {
        if (database == null) {
            database = TestDatabase.h2();
            database.migrate();
            pool = database.newPool("property", 2);
            jdbc = JdbcEscalationStore.builder(pool).build();
        }
        database.clear(pool);
        return jdbc;
    }

    @AfterContainer
    static void close() {
        if (database != null) {
            database.close();
            database = null;
        }
    }

    /** One generated escalation (indexes into the small value lists above). */
    record Spec(
            int customer,
            int caseNo,
            EscalationState state,
            Criticality criticality,
            int manager,
            int raisedSeconds,
            Due due,
            Optional<Integer> pausedMinutes) {}

    /** What is due: the next deadline (of a meeting or a resolution) and the next meeting, minutes from T0. */
    record Due(Optional<Integer> deadlineMinutes, boolean meetingDeadline, Optional<Integer> meetingMinutes) {}

    /**
     * One generated call: an inbox (0), an ofCustomer (1), a counts (2) or an overdue (3) query, or a write (4) of
     * escalation {@code customer * 7 + pageSize} (modulo the count) with a new {@code due} and pause.
     */
    record Call(
            int kind,
            InboxQuery query,
            int customer,
            int pageSize,
            Set<InboxQuery.Facet> facets,
            Due due,
            Optional<Integer> pausedMinutes) {}

    @Provide
    Arbitrary<Due> dues() {
        return Combinators.combine(
                        Arbitraries.integers().between(-3, 3).optional(0.7),
                        Arbitraries.of(true, false),
                        Arbitraries.integers().between(-3, 3).optional(0.4))
                .as(Due::new);
    }

    Arbitrary<Optional<Integer>> pauses() {
        return Arbitraries.integers().between(-4, 4).optional(0.3);
    }

    @Provide
    Arbitrary<List<Spec>> escalations() {
        return Combinators.combine(
                        Arbitraries.integers().between(0, CUSTOMERS.size() - 1),
                        Arbitraries.integers().between(0, 3),
                        Arbitraries.of(EscalationState.class),
                        Arbitraries.of(Criticality.class),
                        Arbitraries.integers().between(0, MANAGERS.size()),
                        Arbitraries.integers().between(0, 4),
                        dues(),
                        pauses())
                .as(Spec::new)
                .list()
                .ofMaxSize(30);
    }

    @Provide
    Arbitrary<List<Call>> calls() {
        Arbitrary<Q> filters = Combinators.combine(
                        Arbitraries.of(EscalationState.class).set().ofMaxSize(3),
                        Arbitraries.of(Criticality.class).set().ofMaxSize(2),
                        Arbitraries.of(CUSTOMERS).set().ofMaxSize(1),
                        Arbitraries.of(MANAGERS).optional(0.3),
                        Arbitraries.of(true, false).optional(0.3),
                        Arbitraries.of(true, false).optional(0.3),
                        Arbitraries.integers().between(0, 3).optional(0.2),
                        Arbitraries.of(true, false))
                .as(Q::new);
        Arbitrary<InboxQuery> query = Combinators.combine(
                        filters,
                        Arbitraries.of(InboxQuery.Sort.class),
                        Arbitraries.integers().between(-4, 4))
                .as(Q::query);
        return Combinators.combine(
                        Arbitraries.integers().between(0, 4),
                        query,
                        Arbitraries.integers().between(0, CUSTOMERS.size() - 1),
                        Arbitraries.integers().between(1, 7),
                        Arbitraries.of(InboxQuery.Facet.class).set(),
                        dues(),
                        pauses())
                .as(Call::new)
                .list()
                .ofMinSize(1)
                .ofMaxSize(6);
    }

    /** The filters of a generated query. */
    record Q(
            Set<EscalationState> states,
            Set<Criticality> criticality,
            Set<CustomerId> customers,
            Optional<StaffId> manager,
            Optional<Boolean> breached,
            Optional<Boolean> paused,
            Optional<Integer> caseNo,
            boolean openOnly) {

        InboxQuery query(InboxQuery.Sort sort, int nowMinutes) {
            return new InboxQuery(
                    states,
                    criticality,
                    customers,
                    manager,
                    breached,
                    paused,
                    caseNo.map(H2InMemoryQueriesPropertyTest::caseId),
                    openOnly,
                    sort,
                    T0.plusSeconds(60L * nowMinutes));
        }
    }

    static CaseId caseId(int n) {
        return CaseId.of("K-" + n);
    }

    @Property(tries = 100)
    void theInMemoryAndTheJdbcStoreGiveTheSameAnswers(
            @ForAll("escalations") List<Spec> specs, @ForAll("calls") List<Call> calls) throws SQLException {
        EscalationStore database = jdbcStore();
        EscalationStore memory = new InMemoryEscalationStore();
        Set<String> openCases = new HashSet<>();
        List<EscalationId> ids = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            StoredEscalation e = escalation(i, specs.get(i), openCases);
            database.create(Records.creationOf(e));
            memory.create(Records.creationOf(e));
            ids.add(e.id());
        }
        EscalationQueries d = database.queries().orElseThrow();
        EscalationQueries m = memory.queries().orElseThrow();
        for (Call call : calls) {
            switch (call.kind()) {
                case 0 ->
                    assertThat(all(p -> d.inbox(call.query(), p), call.pageSize()))
                            .as("inbox %s, pages of %d", call.query(), call.pageSize())
                            .containsExactlyElementsOf(all(p -> m.inbox(call.query(), p), call.pageSize()));
                case 1 -> {
                    CustomerId customer = CUSTOMERS.get(call.customer());
                    assertThat(all(p -> d.ofCustomer(customer, call.query(), p), call.pageSize()))
                            .as("ofCustomer %s %s, pages of %d", customer, call.query(), call.pageSize())
                            .containsExactlyElementsOf(
                                    all(p -> m.ofCustomer(customer, call.query(), p), call.pageSize()));
                }
                case 2 ->
                    assertThat(d.counts(call.query(), call.facets()))
                            .as("counts %s of %s", call.facets(), call.query())
                            .isEqualTo(m.counts(call.query(), call.facets()));
                case 3 -> {
                    Instant now = call.query().now();
                    List<EscalationSummary> expected = all(p -> m.overdue(now, p), call.pageSize());
                    net.jqwik.api.statistics.Statistics.label("overdue pages")
                            .collect(
                                    expected.isEmpty() ? "empty" : expected.size() > call.pageSize() ? "paged" : "one");
                    assertThat(all(p -> d.overdue(now, p), call.pageSize()))
                            .as("overdue at %s, pages of %d", now, call.pageSize())
                            .containsExactlyElementsOf(expected);
                    assertThat(expected)
                            .as("in memory: the overdue ones at now, most overdue first")
                            .allMatch(x -> x.overdueAt(now))
                            .isSortedAccordingTo(java.util.Comparator.comparing((EscalationSummary x) ->
                                            x.overdueSince().orElseThrow())
                                    .thenComparing(x -> x.id().value()));
                }
                default -> {
                    if (!ids.isEmpty()) {
                        EscalationId id = ids.get((call.customer() * 7 + call.pageSize()) % ids.size());
                        rewrite(database, id, call.due(), call.pausedMinutes());
                        rewrite(memory, id, call.due(), call.pausedMinutes());
                    }
                }
            }
        }
    }

    /** Writes the next version of {@code id} with a new next deadline, next meeting and pause. */
    private static void rewrite(EscalationStore store, EscalationId id, Due due, Optional<Integer> paused) {
        store.changeForVendor(id, current -> {
            var write = Records.change(current)
                    .with(b -> b.facts(f -> facts(f, due, paused)))
                    .build();
            return dev.escalation.spi.UnitOfWork.Decision.write(write, write);
        });
    }

    private static EscalationFacts facts(EscalationFacts f, Due due, Optional<Integer> paused) {
        Optional<DeadlineMark> deadline = due.deadlineMinutes()
                .map(m -> new DeadlineMark(
                        due.meetingDeadline() ? DueKind.NEXT_MEETING : DueKind.RESOLUTION, T0.plusSeconds(60L * m)));
        Optional<Instant> meeting = due.meetingMinutes().map(m -> T0.plusSeconds(60L * m));
        Optional<Instant> pausedSince = paused.map(m -> T0.plusSeconds(60L * m));
        return new EscalationFacts(
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

    /** Every page in order, following the cursors; fails on a loop. */
    private static List<EscalationSummary> all(Function<PageRequest, Page<EscalationSummary>> call, int size) {
        List<EscalationSummary> items = new ArrayList<>();
        Page<EscalationSummary> page = call.apply(PageRequest.first(size));
        items.addAll(page.items());
        int pages = 1;
        while (page.next().isPresent()) {
            assertThat(pages++).as("pages followed").isLessThan(100);
            page = call.apply(PageRequest.after(page.next().get(), size));
            items.addAll(page.items());
        }
        return items;
    }

    private static StoredEscalation escalation(int i, Spec s, Set<String> openCases) {
        CustomerId customer = CUSTOMERS.get(s.customer());
        boolean open = s.state() != EscalationState.CLOSED && s.state() != EscalationState.WITHDRAWN;
        CaseId caseId = caseId(s.caseNo());
        // one open escalation per case of a customer: a second open one gets a case of its own
        if (open && !openCases.add(customer.value() + "/" + caseId.value())) {
            caseId = CaseId.of("K-own-" + i);
        }
        return Records.escalation(
                        // ids in another order than generation, so the id really breaks ties
                        EscalationId.of(String.format(Locale.ROOT, "E-%02d", (i * 17) % 31)), customer, caseId)
                .raisedAt(T0.minusSeconds(3600L + s.raisedSeconds()))
                .state(s.state())
                .criticality(s.criticality())
                .manager(s.manager() == MANAGERS.size() ? Optional.empty() : Optional.of(MANAGERS.get(s.manager())))
                .facts(f -> facts(f, s.due(), s.pausedMinutes()))
                .build();
    }
}
