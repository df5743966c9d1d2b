package dev.escalation.jdbc;

import static dev.escalation.jdbc.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.escalation.model.CaseId;
import dev.escalation.model.CustomerId;
import dev.escalation.model.DueKind;
import dev.escalation.model.EscalationId;
import dev.escalation.model.EscalationState;
import dev.escalation.model.EscalationSummary;
import dev.escalation.model.Page;
import dev.escalation.model.PageRequest;
import dev.escalation.model.ProgressKind;
import dev.escalation.spi.ClaimedMessage;
import dev.escalation.spi.EscalationRecord;
import dev.escalation.spi.OpenEscalationExistsException;
import dev.escalation.spi.OutboxMessage;
import dev.escalation.spi.ProgressEntry;
import dev.escalation.spi.SideEffect;
import dev.escalation.spi.StaleVersionException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Store behaviour on one database: round trips, versions, open escalations per case, tenancy, paging. */
abstract class EscalationStoreTestBase extends StoreTestSupport {

    @Test
    void everyComponentOfAFullRecordSurvivesARoundTrip() {
        EscalationRecord record = Fixtures.full("acme", "E-1", "C-1");

        store.insert(record, List.of(), List.of());

        assertThat(store.find(record.id())).contains(record);
        assertThat(store.find(record.customer(), record.id())).contains(record);
        assertThat(store.findOpen(record.customer(), record.caseId())).contains(record);
        assertThat(store.findBySubmission(record.customer(), "submission-E-1")).contains(record);
    }

    @Test
    void randomRecordsSurviveARoundTrip() {
        // jqwik generators sampled inside a JUnit test, so that the same lifecycle runs on every database
        List<EscalationRecord> samples =
                Fixtures.records("cust", "E", "C").sampleStream().limit(40).toList();
        List<EscalationRecord> records = new ArrayList<>();
        for (int i = 0; i < samples.size(); i++) {
            records.add(Fixtures.withIdentity(samples.get(i), "cust-" + (i % 3), "E-" + i, "C-" + i));
        }
        for (EscalationRecord record : records) {
            store.insert(record, List.of(), List.of());
        }
        for (EscalationRecord record : records) {
            assertThat(store.find(record.id())).contains(record);
        }
    }

    @Test
    void everySideEffectTypeAndDueItemSurvivesARoundTrip() {
        EscalationRecord record = Fixtures.raised("acme", "E-1", "C-1", T0);
        List<SideEffect> effects = Fixtures.everyEffect(record.id(), "k");
        List<OutboxMessage> messages = new ArrayList<>();
        for (int i = 0; i < effects.size(); i++) {
            messages.add(Fixtures.message("acme", effects.get(i), T0.plusNanos(i)));
        }
        var item = Fixtures.due(record, DueKind.FIRST_CONTACT, "warning", T0.plusNanos(123));

        store.insert(record, messages, List.of(item));

        var heads = store.outbox().claim("me", T0.plusSeconds(1), Duration.ofMinutes(1), 100);
        // notifications and ticket commands form two chains: only each chain's head is claimable
        assertThat(heads).extracting(c -> c.message()).containsExactly(messages.get(0), messages.get(2));
        heads.forEach(store.outbox()::complete);
        List<OutboxMessage> delivered = new ArrayList<>();
        List<ClaimedMessage> batch;
        while (!(batch = store.outbox().claim("me", T0.plusSeconds(1), Duration.ofMinutes(1), 100)).isEmpty()) {
            for (ClaimedMessage claimed : batch) {
                delivered.add(claimed.message());
                store.outbox().complete(claimed);
            }
        }
        // every message arrives exactly as written, each chain in write order
        assertThat(delivered)
                .containsExactly(messages.get(1), messages.get(3), messages.get(4), messages.get(5), messages.get(6));
        assertThat(store.dueWork().due(T0.plusSeconds(1), 10)).containsExactly(item);
    }

    @Test
    void eachUpdateIncrementsTheVersionAndAppendsProgress() {
        EscalationRecord v1 = Fixtures.raised("acme", "E-1", "C-1", T0);
        store.insert(v1, List.of(), List.of());
        EscalationRecord v2 = Fixtures.next(v1, EscalationState.ACKNOWLEDGED, "appointed");
        store.update(v2, List.of(), List.of());
        EscalationRecord v3 = Fixtures.next(v2, EscalationState.ACTIVE, "plan agreed");
        store.update(v3, List.of(), List.of());

        EscalationRecord stored = store.find(v1.id()).orElseThrow();
        assertThat(stored).isEqualTo(v3);
        assertThat(stored.version()).isEqualTo(3);
        assertThat(stored.progress()).extracting(ProgressEntry::sequence).containsExactly(1L, 2L, 3L);
    }

    @Test
    void progressEntriesAlreadyStoredAreNeverRewritten() {
        EscalationRecord v1 = Fixtures.raised("acme", "E-1", "C-1", T0);
        store.insert(v1, List.of(), List.of());
        EscalationRecord v2 = Fixtures.next(v1, EscalationState.ACKNOWLEDGED, "appointed");
        List<ProgressEntry> tampered = new ArrayList<>(v2.progress());
        tampered.set(0, Fixtures.entry(1, T0, ProgressKind.NOTE, "rewritten history"));
        EscalationRecord v2Tampered = new EscalationRecord(
                v2.id(),
                2,
                v2.customer(),
                v2.caseId(),
                v2.state(),
                v2.raisedBy(),
                v2.message(),
                v2.cause(),
                v2.criticality(),
                v2.submissionKey(),
                v2.raisedAt(),
                v2.updatedAt(),
                v2.manager(),
                v2.plan(),
                v2.participants(),
                v2.resolution(),
                v2.lessonsLearned(),
                v2.policy(),
                tampered);

        store.update(v2Tampered, List.of(), List.of());

        assertThat(store.find(v1.id()).orElseThrow().progress()).isEqualTo(v2.progress());
    }

    @Test
    void aStaleUpdateIsRefusedAndChangesNothing() {
        EscalationRecord v1 = Fixtures.raised("acme", "E-1", "C-1", T0);
        store.insert(v1, List.of(), List.of(Fixtures.due(v1, DueKind.FIRST_CONTACT, "warning", T0.plusSeconds(60))));
        EscalationRecord v2 = Fixtures.next(v1, EscalationState.ACKNOWLEDGED, "first writer");
        store.update(v2, List.of(), List.of(Fixtures.due(v1, DueKind.FIRST_CONTACT, "warning", T0.plusSeconds(60))));

        EscalationRecord staleV2 = Fixtures.next(v1, EscalationState.WITHDRAWN, "second writer");
        OutboxMessage staleMessage = Fixtures.message("acme", Fixtures.notification(v1.id(), "stale"), T0);
        var staleDue = Fixtures.due(v1, DueKind.RESOLUTION, "breach", T0.plusSeconds(5));

        assertThatThrownBy(() -> store.update(staleV2, List.of(staleMessage), List.of(staleDue)))
                .isInstanceOfSatisfying(StaleVersionException.class, e -> {
                    assertThat(e.escalation()).isEqualTo(v1.id());
                    assertThat(e.expectedVersion()).isEqualTo(1);
                });

        assertThat(store.find(v1.id())).contains(v2);
        assertThat(store.outbox().pendingCount()).isZero();
        assertThat(store.dueWork().due(T0.plusSeconds(3600), 10))
                .extracting(d -> d.kind())
                .containsExactly(DueKind.FIRST_CONTACT);
        // the case stays occupied: the stale WITHDRAWN did not free it
        assertThat(store.findOpen(v1.customer(), v1.caseId())).contains(v2);
    }

    @Test
    void anUpdateOfAnUnknownEscalationIsStale() {
        EscalationRecord v1 = Fixtures.raised("acme", "E-1", "C-1", T0);
        assertThatThrownBy(
                        () -> store.update(Fixtures.next(v1, EscalationState.ACKNOWLEDGED, "x"), List.of(), List.of()))
                .isInstanceOf(StaleVersionException.class);
    }

    @Test
    void insertRefusesAnotherVersionThanOneAndAnExistingId() {
        EscalationRecord v1 = Fixtures.raised("acme", "E-1", "C-1", T0);
        assertThatThrownBy(() -> store.insert(v1.withVersion(2), List.of(), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        store.insert(v1, List.of(), List.of());
        EscalationRecord sameIdOtherCase = new EscalationRecord(
                v1.id(),
                1,
                v1.customer(),
                CaseId.of("C-2"),
                v1.state(),
                v1.raisedBy(),
                v1.message(),
                v1.cause(),
                v1.criticality(),
                Optional.empty(),
                T0,
                T0,
                Optional.empty(),
                Optional.empty(),
                List.of(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                List.of());
        assertThatThrownBy(() -> store.insert(sameIdOtherCase, List.of(), List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("E-1");
    }

    @Test
    void aSecondOpenEscalationOfACaseIsRefusedNamingTheFirst() {
        EscalationRecord first = Fixtures.raised("acme", "E-1", "C-1", T0);
        store.insert(first, List.of(), List.of());
        EscalationRecord second = Fixtures.raised("acme", "E-2", "C-1", T0.plusSeconds(1));
        OutboxMessage message = Fixtures.message("acme", Fixtures.notification(second.id(), "second"), T0);

        assertThatThrownBy(() -> store.insert(second, List.of(message), List.of()))
                .isInstanceOfSatisfying(OpenEscalationExistsException.class, e -> {
                    assertThat(e.existing()).isEqualTo(first.id());
                    assertThat(e.caseId()).isEqualTo(first.caseId());
                });
        assertThat(store.find(second.id())).isEmpty();
        assertThat(store.outbox().pendingCount()).isZero();
        // the same case id of another customer is another case
        store.insert(Fixtures.raised("globex", "E-3", "C-1", T0), List.of(), List.of());
    }

    @Test
    void closingOrWithdrawingFreesTheCase() {
        EscalationRecord first = Fixtures.raised("acme", "E-1", "C-1", T0);
        store.insert(first, List.of(), List.of());
        store.update(Fixtures.next(first, EscalationState.WITHDRAWN, "withdrawn"), List.of(), List.of());
        assertThat(store.findOpen(first.customer(), first.caseId())).isEmpty();

        EscalationRecord second = Fixtures.raised("acme", "E-2", "C-1", T0.plusSeconds(10));
        store.insert(second, List.of(), List.of());
        EscalationRecord resolved = Fixtures.next(second, EscalationState.RESOLVED, "resolved");
        store.update(resolved, List.of(), List.of());
        assertThat(store.findOpen(second.customer(), second.caseId())).contains(resolved); // RESOLVED is open
        EscalationRecord closed = Fixtures.next(resolved, EscalationState.CLOSED, "closed");
        store.update(closed, List.of(), List.of());
        assertThat(store.findOpen(second.customer(), second.caseId())).isEmpty();

        store.insert(Fixtures.raised("acme", "E-3", "C-1", T0.plusSeconds(20)), List.of(), List.of());
        assertThat(store.findOpen(first.customer(), first.caseId()))
                .map(EscalationRecord::id)
                .contains(EscalationId.of("E-3"));
    }

    @Test
    void customerScopedLookUpsNeverCrossTenants() {
        EscalationRecord acme = Fixtures.raised("acme", "E-1", "C-1", T0);
        EscalationRecord globex = Fixtures.raised("globex", "E-2", "C-1", T0);
        store.insert(acme, List.of(), List.of());
        store.insert(globex, List.of(), List.of());
        CustomerId acmeId = acme.customer();

        assertThat(store.find(acmeId, globex.id())).isEmpty();
        assertThat(store.find(globex.customer(), acme.id())).isEmpty();
        assertThat(store.findOpen(acmeId, CaseId.of("C-1"))).contains(acme);
        assertThat(store.findOpen(globex.customer(), CaseId.of("C-1"))).contains(globex);
        assertThat(store.findBySubmission(acmeId, "sub-E-2")).isEmpty();
        assertThat(store.findBySubmission(globex.customer(), "sub-E-2")).contains(globex);
        assertThat(store.listByCustomer(acmeId, PageRequest.first(10)).items())
                .extracting(EscalationSummary::id)
                .containsExactly(acme.id());
        // an update naming the wrong tenant does not reach the other tenant's row
        EscalationRecord hijack = new EscalationRecord(
                globex.id(),
                2,
                acmeId,
                globex.caseId(),
                EscalationState.WITHDRAWN,
                globex.raisedBy(),
                "x",
                globex.cause(),
                globex.criticality(),
                Optional.empty(),
                T0,
                T0,
                Optional.empty(),
                Optional.empty(),
                List.of(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                List.of());
        assertThatThrownBy(() -> store.update(hijack, List.of(), List.of())).isInstanceOf(StaleVersionException.class);
        assertThat(store.find(globex.id())).contains(globex);
    }

    @Test
    void pagingReturnsEveryEscalationOnceInOrderAndStaysStableWhileItemsAreAdded() {
        Random random = new Random(42);
        List<EscalationRecord> all = new ArrayList<>();
        for (int i = 0; i < 57; i++) {
            // few distinct instants, so that ties are ordered by id; ids chosen to differ from numeric order
            Instant raised = T0.plusSeconds(random.nextInt(5)).plusNanos(random.nextInt(2));
            String id = "E-" + Integer.toString(random.nextInt(1_000_000), 36) + "-" + i;
            EscalationRecord r = Fixtures.raised(i % 4 == 3 ? "globex" : "acme", id, "C-" + i, raised);
            all.add(r);
            store.insert(r, List.of(), List.of());
        }
        Comparator<EscalationSummary> order =
                Comparator.comparing(EscalationSummary::raisedAt).thenComparing(s -> s.id().value());
        List<EscalationSummary> expected = all.stream()
                .filter(r -> r.customer().value().equals("acme"))
                .map(EscalationRecord::summary)
                .sorted(order)
                .toList();

        List<EscalationSummary> seen = new ArrayList<>();
        Page<EscalationSummary> page = store.listByCustomer(CustomerId.of("acme"), PageRequest.first(7));
        seen.addAll(page.items());
        // an escalation added before the current position must not shift the following pages
        store.insert(Fixtures.raised("acme", "E-early", "C-early", T0.minusSeconds(100)), List.of(), List.of());
        while (page.next().isPresent()) {
            page = store.listByCustomer(
                    CustomerId.of("acme"), PageRequest.after(page.next().get(), 7));
            seen.addAll(page.items());
        }
        assertThat(seen).containsExactlyElementsOf(expected);

        List<EscalationSummary> byState = new ArrayList<>();
        Page<EscalationSummary> statePage = store.listByState(Set.of(EscalationState.REQUESTED), PageRequest.first(10));
        byState.addAll(statePage.items());
        while (statePage.next().isPresent()) {
            statePage = store.listByState(
                    Set.of(EscalationState.REQUESTED),
                    PageRequest.after(statePage.next().get(), 10));
            byState.addAll(statePage.items());
        }
        assertThat(byState).hasSize(all.size() + 1).isSortedAccordingTo(order).doesNotHaveDuplicates();
    }

    @Test
    void listByStateFiltersByState() {
        EscalationRecord a = Fixtures.raised("acme", "E-1", "C-1", T0);
        EscalationRecord b = Fixtures.raised("globex", "E-2", "C-2", T0);
        store.insert(a, List.of(), List.of());
        store.insert(b, List.of(), List.of());
        store.update(Fixtures.next(b, EscalationState.ACKNOWLEDGED, "ack"), List.of(), List.of());

        assertThat(store.listByState(EnumSet.of(EscalationState.ACKNOWLEDGED), PageRequest.first(10))
                        .items())
                .extracting(EscalationSummary::id)
                .containsExactly(b.id());
        assertThat(store.listByState(
                                EnumSet.of(EscalationState.REQUESTED, EscalationState.ACKNOWLEDGED),
                                PageRequest.first(10))
                        .items())
                .hasSize(2);
        assertThatThrownBy(() -> store.listByState(Set.of(), PageRequest.first(10)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void storedPayloadsCarryAFormatVersionAndTypeNamesOfOurOwn() throws Exception {
        EscalationRecord record = Fixtures.raised("acme", "E-1", "C-1", T0);
        List<SideEffect> effects = Fixtures.everyEffect(record.id(), "k");
        store.insert(
                record,
                effects.stream().map(e -> Fixtures.message("acme", e, T0)).toList(),
                List.of());

        try (var c = pool.getConnection();
                var s = c.createStatement()) {
            try (var rs = s.executeQuery("SELECT DISTINCT effect_type, payload_format FROM esc_outbox")) {
                List<String> types = new ArrayList<>();
                while (rs.next()) {
                    types.add(rs.getString(1));
                    assertThat(rs.getInt(2)).isEqualTo(1);
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
            try (var rs = s.executeQuery("SELECT body_format, body FROM esc_escalation")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(1);
                assertThat(rs.getString(2)).doesNotContain("dev.escalation").contains("\"message\"");
            }
        }
    }

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
}
