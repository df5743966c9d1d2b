package dev.escalation.jdbc;

import static dev.escalation.jdbc.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.escalation.model.ActorRef;
import dev.escalation.model.CaseId;
import dev.escalation.model.CustomerId;
import dev.escalation.model.EscalationId;
import dev.escalation.model.EscalationState;
import dev.escalation.model.EscalationSummary;
import dev.escalation.model.Page;
import dev.escalation.model.PageRequest;
import dev.escalation.model.ProgressKind;
import dev.escalation.model.Visibility;
import dev.escalation.spi.ClaimedMessage;
import dev.escalation.spi.DeliveryOutcome;
import dev.escalation.spi.EscalationWrite;
import dev.escalation.spi.OpenEscalationExistsException;
import dev.escalation.spi.OutboxMessage;
import dev.escalation.spi.SideEffect;
import dev.escalation.spi.StoredEntry;
import dev.escalation.spi.StoredEscalation;
import dev.escalation.spi.SubmissionExistsException;
import dev.escalation.spi.TicketCommand;
import dev.escalation.spi.UnitOfWork;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Store behaviour on one database: round trips, the unit of work, open escalations per case, submissions, tenancy,
 * logs, lists and the ticket reference.
 */
abstract class EscalationStoreTestBase extends StoreTestSupport {

    private static StoredEscalation create(JdbcEscalationStore store, StoredEscalation r) {
        store.create(Fixtures.creation(r));
        return r;
    }

    // ------------------------------------------------------------------------------------------ round trips

    @Test
    void everyComponentOfAFullEscalationAndItsEntriesSurvivesARoundTrip() {
        StoredEscalation full = Fixtures.full("acme", "E-1", "C-1");
        List<StoredEntry> entries = Fixtures.fullEntries(full.raisedAt());

        store.create(new EscalationWrite(full, entries, List.of(), List.of()));

        assertThat(store.findForVendor(full.id())).contains(full);
        assertThat(store.findForCustomer(full.customer(), full.id())).contains(full);
        assertThat(store.findOpenForCustomer(full.customer(), full.caseId())).contains(full);
        assertThat(store.findBySubmissionForCustomer(full.customer(), "submission-E-1"))
                .contains(full);
        assertThat(store.entriesForVendor(full.id(), 0, 10)).containsExactlyElementsOf(entries);
        assertThat(store.entriesForCustomer(full.customer(), full.id(), 0, 10))
                .containsExactly(entries.get(0), entries.get(2));
    }

    @Test
    void randomEscalationsAndLogsSurviveARoundTrip() {
        // jqwik generators sampled inside a JUnit test, so that the same lifecycle runs on every database
        List<EscalationWrite> writes = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            writes.add(Fixtures.creations("cust-" + (i % 3), "E-" + i, "C-" + i).sample());
        }
        for (EscalationWrite w : writes) {
            store.create(w);
        }
        for (EscalationWrite w : writes) {
            assertThat(store.findForVendor(w.next().id())).contains(w.next());
            assertThat(store.entriesForVendor(w.next().id(), 0, 100)).containsExactlyElementsOf(w.entries());
        }
    }

    @Test
    void storedDocumentsCarryFormatTwoAndTypeNamesOfOurOwn() throws Exception {
        StoredEscalation r = Fixtures.raised("acme", "E-1", "C-1", T0);
        List<SideEffect> effects = Fixtures.everyEffect(r.id(), "k");
        store.create(Fixtures.creation(
                r, effects.stream().map(e -> Fixtures.message("acme", e, T0)).toList(), List.of()));

        try (var c = pool.getConnection();
                var s = c.createStatement()) {
            try (var rs = s.executeQuery("SELECT DISTINCT effect_type, payload_format FROM esc_outbox")) {
                List<String> types = new ArrayList<>();
                while (rs.next()) {
                    types.add(rs.getString(1));
                    assertThat(rs.getInt(2)).isEqualTo(2);
                }
                assertThat(types)
                        .containsExactlyInAnyOrder(
                                "notification",
                                "ticket.open",
                                "ticket.add-participant",
                                "ticket.remove-participant",
                                "ticket.post-update",
                                "ticket.change-status");
            }
            try (var rs = s.executeQuery("SELECT body_format, body, facts, intake FROM esc_escalation")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(2);
                assertThat(rs.getString(2)).doesNotContain("dev.escalation").contains("\"message\"");
                assertThat(rs.getString(3)).contains("\"entryCount\":1");
                assertThat(rs.getString(4)).contains("\"PORTAL\"");
            }
            try (var rs = s.executeQuery("SELECT format, params, text FROM esc_entry")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(2);
                assertThat(rs.getString(2)).contains("{\"type\":\"Count\",\"value\":1}");
                assertThat(rs.getString(3)).isEqualTo("entry 1");
            }
        }
    }

    // ------------------------------------------------------------------------------------------ unit of work

    @Test
    void eachChangeWritesTheNextVersionAndAppendsItsEntries() {
        StoredEscalation v1 = create(store, Fixtures.raised("acme", "E-1", "C-1", T0));

        StoredEscalation v2 = store.changeForVendor(v1.id(), Fixtures.advance(EscalationState.ACKNOWLEDGED, "ack"))
                .orElseThrow();
        StoredEscalation v3 = store.changeForCustomer(
                        v1.customer(), v1.id(), Fixtures.advance(EscalationState.ACTIVE, "active"))
                .orElseThrow();

        assertThat(v3.version()).isEqualTo(3);
        assertThat(v3.facts().entryCount()).isEqualTo(3);
        assertThat(store.findForVendor(v1.id())).contains(v3);
        assertThat(store.entriesForVendor(v1.id(), 0, 10))
                .extracting(StoredEntry::text)
                .containsExactly(Optional.of("entry 1"), Optional.of("ack"), Optional.of("active"));
        assertThat(v2.version()).isEqualTo(2);
    }

    @Test
    void decideSeesTheStoredEscalationWithItsTicketReferenceAndWithoutItsLog() {
        StoredEscalation v1 = create(store, Fixtures.raised("acme", "E-1", "C-1", T0));
        StoredEscalation v2 = storeTicketReference(v1, "TICKET-1");
        AtomicReference<StoredEscalation> seen = new AtomicReference<>();

        Optional<String> result = store.changeForVendor(v1.id(), current -> {
            seen.set(current);
            return UnitOfWork.Decision.keep("kept");
        });

        assertThat(result).contains("kept");
        assertThat(seen.get()).isEqualTo(v2.withTicketReference(Optional.of("TICKET-1")));
    }

    @Test
    void aKeepWritesNothingAndADecideThatThrowsWritesNothingAndPassesTheExceptionOn() {
        StoredEscalation v1 = create(store, Fixtures.raised("acme", "E-1", "C-1", T0));
        OutboxMessage m = Fixtures.message("acme", Fixtures.notification(v1.id(), "k1"), T0);
        IllegalStateException refused = new IllegalStateException("refused by the engine");

        assertThat(store.changeForVendor(v1.id(), current -> UnitOfWork.Decision.keep(1)))
                .contains(1);
        assertThatThrownBy(() -> store.changeForVendor(v1.id(), current -> {
                    throw refused;
                }))
                .isSameAs(refused);
        // a decide that computes a write and then throws is not written either
        assertThatThrownBy(() -> store.changeForVendor(v1.id(), current -> {
                    Fixtures.advance(EscalationState.ACTIVE, "x", List.of(m), List.of())
                            .decide(current);
                    throw refused;
                }))
                .isSameAs(refused);

        assertThat(store.findForVendor(v1.id())).contains(v1);
        assertThat(store.entriesForVendor(v1.id(), 0, 10)).hasSize(1);
        assertThat(store.outbox().counts().pending()).isZero();
        assertThat(store.changesSince("", 10).changes()).hasSize(1);
    }

    @Test
    void aWriteThatDoesNotFollowTheCurrentVersionIsRefusedAndChangesNothing() {
        StoredEscalation v1 = create(store, Fixtures.raised("acme", "E-1", "C-1", T0));
        EscalationWrite skipping =
                Fixtures.next(Fixtures.nextVersion(v1, EscalationState.ACTIVE, 0), EscalationState.ACTIVE, "x");
        EscalationWrite otherCase =
                Fixtures.next(Fixtures.raised("acme", "E-1", "C-2", T0), EscalationState.ACTIVE, "x");
        StoredEscalation gap = Fixtures.nextVersion(v1, EscalationState.ACTIVE, 2);
        EscalationWrite withGap =
                new EscalationWrite(gap, List.of(Fixtures.entry(3, T0, ProgressKind.NOTE, "3")), List.of(), List.of());

        for (EscalationWrite bad : List.of(skipping, otherCase, withGap)) {
            assertThatThrownBy(() -> store.changeForVendor(v1.id(), current -> UnitOfWork.Decision.write(bad, 0)))
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(store.findForVendor(v1.id())).contains(v1);
        assertThat(store.entriesForVendor(v1.id(), 0, 10)).hasSize(1);
    }

    @Test
    void anUnknownEscalationOrAnotherCustomersIsAbsentAndDecideDoesNotRun() {
        StoredEscalation v1 = create(store, Fixtures.raised("acme", "E-1", "C-1", T0));
        AtomicInteger runs = new AtomicInteger();
        UnitOfWork<Integer> counting = current -> UnitOfWork.Decision.keep(runs.incrementAndGet());

        assertThat(store.changeForVendor(EscalationId.of("E-404"), counting)).isEmpty();
        assertThat(store.changeForCustomer(CustomerId.of("globex"), v1.id(), counting))
                .isEmpty();
        assertThat(store.changeForCustomer(CustomerId.of("acme"), v1.id(), counting))
                .contains(1);
        assertThat(runs).hasValue(1);
    }

    // ------------------------------------------------------------------------------------------ create

    @Test
    void createRefusesAnotherVersionThanOneAnExistingIdAndAnUsedSubmissionKey() {
        StoredEscalation v1 = create(store, Fixtures.raised("acme", "E-1", "C-1", T0));
        StoredEscalation v2 = Fixtures.nextVersion(v1, EscalationState.REQUESTED, 0);

        assertThatThrownBy(() -> store.create(Fixtures.creation(v2))).isInstanceOf(IllegalArgumentException.class);
        // the same id for another case (so that the case is free)
        StoredEscalation sameId = Fixtures.raised("acme", "E-1", "C-2", T0);
        assertThatThrownBy(() -> store.create(Fixtures.creation(Fixtures.withSubmissionKey(sameId, "other"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("E-1");
        // a new escalation of another case with the submission key of E-1
        StoredEscalation resubmitted = Fixtures.withSubmissionKey(Fixtures.raised("acme", "E-2", "C-2", T0), "sub-E-1");
        assertThatThrownBy(() -> store.create(Fixtures.creation(resubmitted)))
                .isInstanceOfSatisfying(
                        SubmissionExistsException.class,
                        e -> assertThat(e.existing()).isEqualTo(v1.id()));
        // the same key is free for another customer
        store.create(
                Fixtures.creation(Fixtures.withSubmissionKey(Fixtures.raised("globex", "E-3", "C-1", T0), "sub-E-1")));
        assertThat(store.listForCustomer(CustomerId.of("acme"), PageRequest.first(10))
                        .items())
                .extracting(EscalationSummary::id)
                .containsExactly(v1.id());
    }

    @Test
    void aSecondOpenEscalationOfACaseIsRefusedNamingTheFirstAndWritesNothing() {
        StoredEscalation first = create(store, Fixtures.raised("acme", "E-1", "C-1", T0));
        StoredEscalation second = Fixtures.raised("acme", "E-2", "C-1", T0.plusSeconds(1));
        OutboxMessage m = Fixtures.message("acme", Fixtures.notification(second.id(), "k2"), T0);

        assertThatThrownBy(() -> store.create(Fixtures.creation(second, List.of(m), List.of())))
                .isInstanceOfSatisfying(OpenEscalationExistsException.class, e -> {
                    assertThat(e.existing()).isEqualTo(first.id());
                    assertThat(e.caseId()).isEqualTo(first.caseId());
                });
        assertThat(store.findForVendor(second.id())).isEmpty();
        assertThat(store.outbox().counts().pending()).isZero();
        // the same case of another customer is another case
        create(store, Fixtures.raised("globex", "E-3", "C-1", T0));
    }

    @Test
    void closingOrWithdrawingFreesTheCase() {
        StoredEscalation first = create(store, Fixtures.raised("acme", "E-1", "C-1", T0));
        store.changeForVendor(first.id(), Fixtures.advance(EscalationState.CLOSED, "closed"));
        assertThat(store.findOpenForCustomer(first.customer(), first.caseId())).isEmpty();

        StoredEscalation second = create(store, Fixtures.raised("acme", "E-2", "C-1", T0.plusSeconds(1)));
        assertThat(store.findOpenForCustomer(first.customer(), first.caseId()))
                .map(StoredEscalation::id)
                .contains(second.id());
        store.changeForCustomer(
                second.customer(), second.id(), Fixtures.advance(EscalationState.WITHDRAWN, "withdrawn"));
        create(store, Fixtures.raised("acme", "E-3", "C-1", T0.plusSeconds(2)));
    }

    // ------------------------------------------------------------------------------------------ tenancy, logs, lists

    @Test
    void customerScopedReadsNeverCrossTenants() {
        StoredEscalation acme = create(store, Fixtures.raised("acme", "E-1", "C-1", T0));
        create(store, Fixtures.raised("globex", "E-2", "C-1", T0));
        CustomerId globex = CustomerId.of("globex");

        assertThat(store.findForCustomer(globex, acme.id())).isEmpty();
        assertThat(store.findBySubmissionForCustomer(globex, "sub-E-1")).isEmpty();
        assertThat(store.findOpenForCustomer(globex, CaseId.of("C-1")))
                .map(StoredEscalation::id)
                .contains(EscalationId.of("E-2"));
        assertThat(store.entriesForCustomer(globex, acme.id(), 0, 10)).isEmpty();
        assertThat(store.listForCustomer(globex, PageRequest.first(10)).items())
                .extracting(EscalationSummary::id)
                .containsExactly(EscalationId.of("E-2"));
    }

    @Test
    void longLogsComeBackWholeAndInOrderPageByPageWithOnlyCustomerVisibleEntriesForTheCustomer() {
        StoredEscalation v = create(store, Fixtures.raised("acme", "E-1", "C-1", T0));
        int changes = 60;
        for (int i = 0; i < changes; i++) {
            v = store.changeForVendor(v.id(), current -> {
                        StoredEscalation next = Fixtures.nextVersion(current, EscalationState.ACTIVE, 12);
                        List<StoredEntry> entries = new ArrayList<>();
                        for (int k = 0; k < 12; k++) {
                            long s = current.facts().entryCount() + k + 1;
                            entries.add(new StoredEntry(
                                    s,
                                    T0.plusSeconds(s),
                                    ProgressKind.NOTE,
                                    ActorRef.SYSTEM,
                                    s % 3 == 0 ? Visibility.INTERNAL : Visibility.CUSTOMER,
                                    Optional.of("note " + s),
                                    Map.of(),
                                    Optional.empty()));
                        }
                        return UnitOfWork.Decision.write(
                                new EscalationWrite(next, entries, List.of(), List.of()), next);
                    })
                    .orElseThrow();
        }
        long total = 1 + 12L * changes;
        EscalationId id = v.id();
        CustomerId customer = v.customer();
        List<Long> all = readAll((after, size) -> store.entriesForVendor(id, after, size), 500);
        assertThat(all).containsExactlyElementsOf(range(1, total));
        List<Long> visible = readAll((after, size) -> store.entriesForCustomer(customer, id, after, size), 7);
        assertThat(visible)
                .containsExactlyElementsOf(range(1, total).stream()
                        .filter(s -> s == 1 || s % 3 != 0)
                        .toList());
        assertThatThrownBy(() -> store.entriesForVendor(id, 0, 501)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.entriesForVendor(id, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    /** Reads a log page by page (keyset by sequence) and returns the sequences read. */
    private static List<Long> readAll(java.util.function.BiFunction<Long, Integer, List<StoredEntry>> slice, int size) {
        List<Long> sequences = new ArrayList<>();
        long after = 0;
        while (true) {
            List<StoredEntry> page = slice.apply(after, size);
            assertThat(page.size()).isLessThanOrEqualTo(size);
            if (page.isEmpty()) {
                return sequences;
            }
            page.forEach(e -> sequences.add(e.sequence()));
            after = page.get(page.size() - 1).sequence();
        }
    }

    private static List<Long> range(long from, long to) {
        List<Long> values = new ArrayList<>();
        for (long i = from; i <= to; i++) {
            values.add(i);
        }
        return values;
    }

    @Test
    void listsPageEveryEscalationOnceInTheirOrderAndStayStableWhileItemsAreAdded() {
        Random random = new Random(42);
        List<StoredEscalation> created = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            // equal instants force the id tie-breaker
            created.add(create(store, Fixtures.raised("acme", "E-" + i, "C-" + i, T0.plusSeconds(random.nextInt(5)))));
        }
        List<EscalationId> newestFirst = created.stream()
                .sorted(Comparator.comparing(StoredEscalation::raisedAt)
                        .thenComparing(r -> r.id().value())
                        .reversed())
                .map(StoredEscalation::id)
                .toList();
        List<EscalationId> seen = new ArrayList<>();
        Page<EscalationSummary> page = store.listForCustomer(CustomerId.of("acme"), PageRequest.first(5));
        boolean added = false;
        while (true) {
            page.items().forEach(s -> seen.add(s.id()));
            if (page.next().isEmpty()) {
                break;
            }
            if (!added) {
                // an escalation raised before everything seen so far arrives between two pages: it comes later
                create(store, Fixtures.raised("acme", "E-late", "C-late", T0.minusSeconds(60)));
                added = true;
            }
            page = store.listForCustomer(
                    CustomerId.of("acme"), PageRequest.after(page.next().get(), 5));
        }
        List<EscalationId> expected = new ArrayList<>(newestFirst);
        expected.add(EscalationId.of("E-late"));
        assertThat(seen).containsExactlyElementsOf(expected);

        List<EscalationId> oldestFirst = new ArrayList<>();
        Page<EscalationSummary> queue =
                store.listForVendor(EnumSet.of(EscalationState.REQUESTED), PageRequest.first(4));
        while (true) {
            queue.items().forEach(s -> oldestFirst.add(s.id()));
            if (queue.next().isEmpty()) {
                break;
            }
            queue = store.listForVendor(
                    EnumSet.of(EscalationState.REQUESTED),
                    PageRequest.after(queue.next().get(), 4));
        }
        List<EscalationId> reversed = new ArrayList<>(expected);
        java.util.Collections.reverse(reversed);
        assertThat(oldestFirst).containsExactlyElementsOf(reversed);
    }

    @Test
    void listForVendorFiltersByStateAndNeedsAState() {
        StoredEscalation a = create(store, Fixtures.raised("acme", "E-1", "C-1", T0));
        StoredEscalation b = create(store, Fixtures.raised("globex", "E-2", "C-2", T0));
        store.changeForVendor(b.id(), Fixtures.advance(EscalationState.ACKNOWLEDGED, "ack"));

        assertThat(store.listForVendor(EnumSet.of(EscalationState.ACKNOWLEDGED), PageRequest.first(10))
                        .items())
                .extracting(EscalationSummary::id)
                .containsExactly(b.id());
        assertThat(store.listForVendor(
                                EnumSet.of(EscalationState.REQUESTED, EscalationState.ACKNOWLEDGED),
                                PageRequest.first(10))
                        .items())
                .extracting(EscalationSummary::id)
                .containsExactly(a.id(), b.id());
        assertThatThrownBy(() -> store.listForVendor(Set.of(), PageRequest.first(10)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void summariesCarryWhatListsShow() {
        StoredEscalation full = Fixtures.full("acme", "E-1", "C-1");
        store.create(new EscalationWrite(full, Fixtures.fullEntries(full.raisedAt()), List.of(), List.of()));
        StoredEscalation current = storeTicketReference(full, "T-9");

        assertThat(store.listForCustomer(full.customer(), PageRequest.first(1)).items())
                .containsExactly(current.withTicketReference(Optional.of("T-9")).summary());
    }

    // ------------------------------------------------------------------------------------------ ticket reference

    @Test
    void theTicketReferenceIsStoredByFinishReturnedByEveryReadAndIgnoredOnWrites() {
        StoredEscalation v1 = create(store, Fixtures.raised("acme", "E-1", "C-1", T0));
        assertThat(store.findForVendor(v1.id()).orElseThrow().ticketReference()).isEmpty();
        storeTicketReference(v1, "TICKET-1");

        assertThat(store.findForVendor(v1.id()).orElseThrow().ticketReference()).contains("TICKET-1");
        assertThat(store.findForCustomer(v1.customer(), v1.id()).orElseThrow().ticketReference())
                .contains("TICKET-1");
        assertThat(store.findOpenForCustomer(v1.customer(), v1.caseId())
                        .orElseThrow()
                        .ticketReference())
                .contains("TICKET-1");
        assertThat(store.findBySubmissionForCustomer(v1.customer(), "sub-E-1")
                        .orElseThrow()
                        .ticketReference())
                .contains("TICKET-1");
        // a write that carries another reference does not change it
        store.changeForVendor(v1.id(), current -> {
            EscalationWrite w = Fixtures.next(current, EscalationState.ACKNOWLEDGED, "ack");
            StoredEscalation other = w.next().withTicketReference(Optional.of("OTHER"));
            return UnitOfWork.Decision.write(new EscalationWrite(other, w.entries(), List.of(), List.of()), 0);
        });
        assertThat(store.findForVendor(v1.id()).orElseThrow().ticketReference()).contains("TICKET-1");
        // a second open (a retry) keeps the first reference
        storeTicketReference(v1, "TICKET-2");
        assertThat(store.findForVendor(v1.id()).orElseThrow().ticketReference()).contains("TICKET-1");
    }

    /**
     * Queues (with a new version of the escalation), claims and finishes an Open ticket call that returned {@code
     * reference}; returns the version written.
     */
    private StoredEscalation storeTicketReference(StoredEscalation r, String reference) {
        TicketCommand.Open open = new TicketCommand.Open(
                "open-" + reference, r.id(), r.customer(), r.caseId(), "s", "d", r.criticality());
        OutboxMessage m = Fixtures.message(r.customer().value(), open, T0);
        StoredEscalation written = store.changeForVendor(r.id(), current -> {
                    StoredEscalation same = Fixtures.nextVersion(current, current.state(), 0);
                    return UnitOfWork.Decision.write(new EscalationWrite(same, List.of(), List.of(m), List.of()), same);
                })
                .orElseThrow();
        List<ClaimedMessage> claimed = store.outbox().claim("t", T0.plusSeconds(1), Duration.ofMinutes(1), 10);
        assertThat(claimed).extracting(ClaimedMessage::message).containsExactly(m);
        assertThat(store.outbox()
                        .finish(
                                List.of(new DeliveryOutcome.Delivered(claimed.get(0), Optional.of(reference))),
                                T0.plusSeconds(1)))
                .isEqualTo(1);
        return written;
    }

    // ------------------------------------------------------------------------------------------ failures

    @Test
    void aMissingTableIsReportedAsAnIllegalStateNotAsUnavailable() {
        Db db = new Db(pool, Duration.ofSeconds(5));
        assertThatThrownBy(() -> db.inTransaction("probe", c -> {
                    try (var ps = c.prepareStatement("SELECT * FROM esc_missing_table")) {
                        return ps.executeQuery().next();
                    }
                }))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("probe");
    }

    @Test
    void capabilitiesDeclareQueriesRetentionBackendLeasesNanosAndTheWindow() {
        var declared = store.capabilities();
        assertThat(declared.capabilities())
                .containsExactlyInAnyOrder(
                        dev.escalation.spi.Capability.QUERIES,
                        dev.escalation.spi.Capability.RETENTION,
                        dev.escalation.spi.Capability.LEASES_IN_BACKEND_TIME);
        assertThat(declared.instantPrecision()).isEqualTo(java.time.temporal.ChronoUnit.NANOS);
        assertThat(declared.deduplicationWindow()).isEqualTo(Duration.ofDays(7));
        assertThat(store.queries()).isPresent();
        assertThat(store.retention()).isPresent();
        assertThat(JdbcEscalationStore.builder(pool)
                        .deduplicationWindow(Duration.ofHours(1))
                        .build()
                        .capabilities()
                        .deduplicationWindow())
                .isEqualTo(Duration.ofHours(1));
        assertThatThrownBy(() -> JdbcEscalationStore.builder(pool).deduplicationWindow(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
