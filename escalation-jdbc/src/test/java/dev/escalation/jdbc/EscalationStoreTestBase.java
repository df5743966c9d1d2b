package dev.escalation.jdbc;

import static dev.escalation.jdbc.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.escalation.model.CustomerId;
import dev.escalation.model.EscalationState;
import dev.escalation.model.EscalationSummary;
import dev.escalation.model.PageRequest;
import dev.escalation.model.ProgressKind;
import dev.escalation.spi.ClaimedMessage;
import dev.escalation.spi.DeliveryOutcome;
import dev.escalation.spi.EscalationWrite;
import dev.escalation.spi.OutboxMessage;
import dev.escalation.spi.SideEffect;
import dev.escalation.spi.StoredEscalation;
import dev.escalation.spi.SubmissionExistsException;
import dev.escalation.spi.TicketCommand;
import dev.escalation.spi.UnitOfWork;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Store behaviour of this store beyond the contract kit's rules (which {@code *EscalationStoreContractTest} runs): the
 * stored formats, writes the store refuses, submission keys per customer, summaries, failures and the declared
 * capabilities.
 */
abstract class EscalationStoreTestBase extends StoreTestSupport {

    private static StoredEscalation create(JdbcEscalationStore store, StoredEscalation r) {
        store.create(Fixtures.creation(r));
        return r;
    }

    // ------------------------------------------------------------------------------------------ round trips

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

    // ------------------------------------------------------------------------------------------ lists

    @Test
    void summariesCarryWhatListsShow() {
        StoredEscalation full = Fixtures.full("acme", "E-1", "C-1");
        store.create(new EscalationWrite(full, Fixtures.fullEntries(full.raisedAt()), List.of(), List.of()));
        StoredEscalation current = storeTicketReference(full, "T-9");

        assertThat(store.listForCustomer(full.customer(), PageRequest.first(1)).items())
                .containsExactly(current.withTicketReference(Optional.of("T-9")).summary());
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
