package dev.escalation.jdbc;

import static dev.escalation.jdbc.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.escalation.model.CaseId;
import dev.escalation.model.CommunicationPlan;
import dev.escalation.model.ContactId;
import dev.escalation.model.CustomerId;
import dev.escalation.model.DueKind;
import dev.escalation.model.EscalationId;
import dev.escalation.model.EscalationState;
import dev.escalation.model.PageRequest;
import dev.escalation.model.ProgressKind;
import dev.escalation.spi.DueItem;
import dev.escalation.spi.EscalationWrite;
import dev.escalation.spi.SideEffect;
import dev.escalation.spi.StoredEscalation;
import dev.escalation.spi.UnavailableException;
import dev.escalation.spi.UnitOfWork;
import dev.escalation.test.Records;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Store behaviour of this store beyond the contract kit's rules (which {@code *EscalationStoreContractTest} runs): the
 * stored formats, writes the store refuses beyond rule S3 (another case, a gap in the log), failures and the declared
 * capabilities. Rules S1, S6, S12, S13 and S18 (create refusals, submission keys per customer, summaries with the
 * ticket reference) are the kit's.
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

    /**
     * A change stores every document it changes, not only this store's memo of it (which reads the next version back
     * from the texts it wrote): a store without that memo, as on another node, reads each version as written, with
     * the intake changed twice, the hotline advice and the proposal present to empty and back, and the other
     * documents kept.
     */
    @Test
    void everyVersionReadsAsWrittenThroughAStoreWithoutTheWritersMemo() {
        StoredEscalation full =
                Records.fullyPopulated(EscalationId.of("E-1"), CustomerId.of("acme"), CaseId.of("C-1"), T0);
        store.create(Records.creationOf(full));
        List<UnaryOperator<Records.EscalationBuilder>> changes = List.of(
                b -> b.raisedBy(ContactId.of("ina")).hotline(Optional.empty()).proposal(Optional.empty()),
                b -> b.raisedBy(ContactId.of("jo")).hotline(full.hotline()).proposal(full.proposal()));
        for (UnaryOperator<Records.EscalationBuilder> change : changes) {
            EscalationWrite written =
                    store.changeForVendor(full.id(), rewrite(change)).orElseThrow();
            assertThat(JdbcEscalationStore.builder(pool).build().findForVendor(full.id()))
                    .contains(written.next());
        }
    }

    /** A unit of work that writes the next version of the escalation, {@code change} applied, and returns the write. */
    private static UnitOfWork<EscalationWrite> rewrite(UnaryOperator<Records.EscalationBuilder> change) {
        return current -> {
            EscalationWrite w = Records.change(current).with(change).build();
            return UnitOfWork.Decision.write(w, w);
        };
    }

    /**
     * A body 0.1.0 wrote (format 1: here its plan without the agreement, which 0.2.0 added) that is still in a row
     * reads with the added component's default, and the next write converts it: format 2 with the default written,
     * not the format 1 text kept as it was read (which format 2 would read without the agreement), read alike by a
     * store without the writer's memo.
     */
    @Test
    void aBodyLeftInFormatOneIsConvertedByTheNextWrite() throws Exception {
        StoredEscalation full =
                Records.fullyPopulated(EscalationId.of("E-1"), CustomerId.of("acme"), CaseId.of("C-1"), T0);
        store.create(Records.creationOf(full));
        try (var c = pool.getConnection()) {
            ObjectNode body;
            try (var s = c.createStatement();
                    var rs = s.executeQuery("SELECT body FROM esc_escalation WHERE escalation_id = 'E-1'")) {
                assertThat(rs.next()).isTrue();
                body = (ObjectNode) new Json().tree(rs.getString(1), "escalation");
            }
            ((ObjectNode) body.get("plan")).remove("agreement");
            try (var ps = c.prepareStatement(
                    "UPDATE esc_escalation SET body_format = 1, body = ? WHERE escalation_id = 'E-1'")) {
                ps.setString(1, body.toString());
                assertThat(ps.executeUpdate()).isOne();
            }
        }
        StoredEscalation legacy = JdbcEscalationStore.builder(pool)
                .build()
                .findForVendor(full.id())
                .orElseThrow();
        assertThat(legacy.plan().map(CommunicationPlan::agreement)).contains(CommunicationPlan.Agreement.RECORDED);

        EscalationWrite written = store.changeForVendor(full.id(), rewrite(UnaryOperator.identity()))
                .orElseThrow();

        assertThat(written.next().plan()).isEqualTo(legacy.plan());
        assertThat(JdbcEscalationStore.builder(pool).build().findForVendor(full.id()))
                .contains(written.next());
        try (var c = pool.getConnection();
                var s = c.createStatement();
                var rs = s.executeQuery("SELECT body_format FROM esc_escalation WHERE escalation_id = 'E-1'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isEqualTo(Json.FORMAT);
        }
    }

    // ------------------------------------------------------------------------------------------ unit of work

    @Test
    void aWriteThatDoesNotFollowTheCurrentVersionIsRefusedAndChangesNothing() {
        StoredEscalation v1 = create(store, Fixtures.raised("acme", "E-1", "C-1", T0));
        EscalationWrite skipping = Fixtures.next(
                Records.from(v1).version(v1.version() + 1).build(), EscalationState.ACTIVE, "x"); // version 3
        EscalationWrite otherCase =
                Fixtures.next(Fixtures.raised("acme", "E-1", "C-2", T0), EscalationState.ACTIVE, "x");
        StoredEscalation gap = Records.from(v1) // version 2, but 3 entries after one: entry 2 is missing
                .version(2)
                .state(EscalationState.ACTIVE)
                .updatedAt(v1.updatedAt().plusSeconds(1))
                .facts(f -> Records.withEntryCount(f, 3))
                .build();
        EscalationWrite withGap =
                new EscalationWrite(gap, List.of(Fixtures.entry(3, T0, ProgressKind.NOTE, "3")), List.of(), List.of());

        for (EscalationWrite bad : List.of(skipping, otherCase, withGap)) {
            assertThatThrownBy(() -> store.changeForVendor(v1.id(), current -> UnitOfWork.Decision.write(bad, 0)))
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(store.findForVendor(v1.id())).contains(v1);
        assertThat(store.entriesForVendor(v1.id(), 0, 10)).hasSize(1);
    }

    /**
     * A change that makes a final escalation open again (not in the engine's lifecycle, possible through the SPI) is
     * refused and writes nothing (kit rule S21); the case its final state freed stays free for a new escalation, whose
     * case the refused write does not touch either.
     */
    @Test
    void aFinalEscalationIsNotMadeOpenAgainAndItsCaseStaysFree() {
        StoredEscalation first = create(store, Fixtures.raised("acme", "E-1", "C-1", T0));
        store.changeForVendor(first.id(), Fixtures.advance(EscalationState.CLOSED, "done"));
        StoredEscalation closed = store.findForVendor(first.id()).orElseThrow();
        assertThatThrownBy(() -> store.changeForVendor(first.id(), Fixtures.advance(EscalationState.ACTIVE, "again")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("CLOSED is final");
        assertThat(store.findForVendor(first.id())).contains(closed);
        assertThat(store.findOpenForCustomer(first.customer(), first.caseId())).isEmpty();

        StoredEscalation holder = create(store, Fixtures.raised("acme", "E-2", "C-1", T0));
        assertThatThrownBy(() -> store.changeForVendor(first.id(), Fixtures.advance(EscalationState.ACTIVE, "no")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(store.findForVendor(first.id())).contains(closed);
        assertThat(store.findOpenForCustomer(first.customer(), first.caseId())).contains(holder);
    }

    /**
     * The arguments the store checks itself, at their edges: a submission key of 1,000 characters (its column's
     * width) is stored, one of 1,001 refused with {@link IllegalArgumentException}; {@code createWithKeys} refuses a
     * first version other than 1 as {@code create} does, writing nothing; both entry reads refuse a limit outside 1 to
     * {@link PageRequest#MAX_SIZE} instead of answering; {@code keepsSubjectKeys} holds only for the
     * {@link JdbcSubjectKeys} of this store's data source instance.
     */
    @Test
    void argumentsTheStoreChecksAreRefusedAtTheirEdgesOnly() {
        StoredEscalation longest = Records.from(Fixtures.raised("acme", "E-1", "C-1", T0))
                .submissionKey("k".repeat(1000))
                .build();
        create(store, longest);
        assertThat(store.findBySubmissionForCustomer(longest.customer(), "k".repeat(1000)))
                .contains(longest);
        StoredEscalation tooLong = Records.from(Fixtures.raised("acme", "E-2", "C-2", T0))
                .submissionKey("k".repeat(1001))
                .build();
        assertThatThrownBy(() -> store.create(Fixtures.creation(tooLong))).isInstanceOf(IllegalArgumentException.class);

        EscalationWrite first = Fixtures.creation(Fixtures.raised("acme", "E-3", "C-3", T0));
        EscalationWrite second = new EscalationWrite(
                Records.from(first.next()).version(2).build(), first.entries(), first.messages(), first.due());
        assertThatThrownBy(() -> store.createWithKeys(keys -> second)).isInstanceOf(IllegalArgumentException.class);
        assertThat(store.findForVendor(second.next().id())).isEmpty();

        for (int limit : new int[] {0, PageRequest.MAX_SIZE + 1}) {
            assertThatThrownBy(() -> store.entriesForVendor(longest.id(), 0, limit))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> store.entriesForCustomer(longest.customer(), longest.id(), 0, limit))
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(store.entriesForVendor(longest.id(), 0, PageRequest.MAX_SIZE))
                .hasSize(1);

        assertThat(store.keepsSubjectKeys(new JdbcSubjectKeys(pool))).isTrue();
        assertThat(store.keepsSubjectKeys(new JdbcSubjectKeys(new FaultyDataSource(pool))))
                .isFalse();
        assertThat(store.keepsSubjectKeys(new dev.escalation.inmemory.InMemorySubjectKeys()))
                .isFalse();
    }

    // ------------------------------------------------------------------------------------------ failures
    /**
     * A commit whose answer is lost (the connection fails after the database committed) is found out by the write's
     * first entry, read on another connection: a create and a change with entries return as if answered, a decision
     * to keep returns its result (it wrote nothing), and a change without entries, which cannot be found out, fails
     * with {@link UnavailableException} although it committed.
     */
    @Test
    void aWriteWhoseCommitAnswerIsLostIsFoundOutByItsFirstEntry() {
        FaultyDataSource faults = new FaultyDataSource(pool);
        JdbcEscalationStore faulty = JdbcEscalationStore.builder(faults).build();
        StoredEscalation v1 = Fixtures.raised("acme", "E-1", "C-1", T0);
        faults.arm(1, FaultyDataSource.Fault.LOST_AFTER_COMMIT);
        faulty.create(Fixtures.creation(v1));
        assertThat(faults.disarm()).isTrue();
        assertThat(store.findForVendor(v1.id())).contains(v1);

        faults.arm(1, FaultyDataSource.Fault.LOST_AFTER_COMMIT);
        Optional<StoredEscalation> v2 =
                faulty.changeForVendor(v1.id(), Fixtures.advance(EscalationState.ACTIVE, "on it"));
        assertThat(faults.disarm()).isTrue();
        assertThat(v2).isPresent();
        assertThat(store.findForVendor(v1.id())).isEqualTo(v2);

        faults.arm(1, FaultyDataSource.Fault.LOST_AFTER_COMMIT);
        assertThat(faulty.changeForVendor(v1.id(), current -> UnitOfWork.Decision.keep("kept")))
                .contains("kept");
        assertThat(faults.disarm()).isTrue();

        faults.arm(1, FaultyDataSource.Fault.LOST_AFTER_COMMIT);
        assertThatThrownBy(() -> faulty.changeForVendor(v1.id(), rewrite(UnaryOperator.identity())))
                .isInstanceOf(UnavailableException.class);
        assertThat(faults.disarm()).isTrue();
        assertThat(store.findForVendor(v1.id()).orElseThrow().version()).isEqualTo(3);
    }

    /**
     * A store-level caller's value longer than its column (a due step of 1,001 characters; the column holds 1,000) is
     * the caller's argument, refused as such (the database's data exception, SQLState class 22), not a store that is
     * down: retrying cannot help. Nothing is written; the same write with a step of 900 characters (its key, which
     * holds the step, then fits its column of 1,000 too) is stored.
     */
    @Test
    void aValueLongerThanItsColumnIsRefusedAsAnArgumentAndWritesNothing() {
        StoredEscalation r = Fixtures.raised("acme", "E-long", "C-long", T0);
        EscalationWrite tooLong = Fixtures.creation(
                r, List.of(), List.of(Fixtures.due(r, DueKind.RESOLUTION, "s".repeat(1001), T0.plusSeconds(60))));
        assertThatThrownBy(() -> store.create(tooLong))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("SQLState 22");
        assertThat(store.findForVendor(r.id())).isEmpty();
        assertThat(store.findOpenForCustomer(r.customer(), r.caseId())).isEmpty();

        store.create(Fixtures.creation(
                r, List.of(), List.of(Fixtures.due(r, DueKind.RESOLUTION, "s".repeat(900), T0.plusSeconds(60)))));
        assertThat(store.findForVendor(r.id())).contains(r);
        assertThat(store.dueWork().due(T0.plusSeconds(60), 10))
                .extracting(DueItem::step)
                .containsExactly("s".repeat(900));
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

    @Test
    void capabilitiesDeclareQueriesRetentionBackendLeasesMetricsNanosAndTheWindow() {
        var declared = store.capabilities();
        assertThat(declared.capabilities())
                .containsExactlyInAnyOrder(
                        dev.escalation.spi.Capability.QUERIES,
                        dev.escalation.spi.Capability.RETENTION,
                        dev.escalation.spi.Capability.LEASES_IN_BACKEND_TIME,
                        dev.escalation.spi.Capability.METRICS);
        assertThat(declared.instantPrecision()).isEqualTo(java.time.temporal.ChronoUnit.NANOS);
        assertThat(declared.deduplicationWindow()).isEqualTo(Duration.ofDays(7));
        assertThat(store.queries()).isPresent();
        assertThat(store.retention()).isPresent();
        assertThat(store.metrics()).isPresent();
        assertThat(JdbcEscalationStore.builder(pool)
                        .deduplicationWindow(Duration.ofHours(1))
                        .build()
                        .capabilities()
                        .deduplicationWindow())
                .isEqualTo(Duration.ofHours(1));
        assertThatThrownBy(() -> JdbcEscalationStore.builder(pool).deduplicationWindow(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * A customer id with an unpaired surrogate (the SPI's ids allow it) names no other customer: the PostgreSQL driver
     * writes such a character as {@code ?}, so "acme\ud800" read and wrote the rows of customer "acme?". Each call
     * answers as for a customer without rows or refuses the value, and the other customer's rows stay as they were.
     */
    @Test
    void aCustomerIdWithAnUnpairedSurrogateNeverReachesAnotherCustomersRows() {
        StoredEscalation theirs = create(store, Fixtures.raised("acme?", "E-1", "C-1", T0));
        CustomerId hostile = CustomerId.of("acme\ud800");
        assertThat(absentOrRefused(() -> store.findForCustomer(hostile, theirs.id())))
                .isEmpty();
        assertThat(absentOrRefused(() -> store.findOpenForCustomer(hostile, CaseId.of("C-1"))))
                .isEmpty();
        assertThat(absentOrRefused(() -> store.findBySubmissionForCustomer(hostile, "sub-E-1")))
                .isEmpty();
        assertThat(absentOrRefused(() -> Optional.of(store.listForCustomer(hostile, PageRequest.first(10))
                                .items())
                        .filter(items -> !items.isEmpty())))
                .isEmpty();
        assertThat(absentOrRefused(() -> store.changeForCustomer(
                        hostile, theirs.id(), Fixtures.advance(EscalationState.WITHDRAWN, "not theirs"))))
                .isEmpty();

        try {
            store.create(Fixtures.creation(Fixtures.raised("acme\ud800", "E-2", "C-2", T0)));
        } catch (IllegalArgumentException refused) {
            // the value cannot be stored as it is: refused, nothing written
        }
        assertThat(store.listForCustomer(CustomerId.of("acme?"), PageRequest.first(10))
                        .items())
                .extracting(s -> s.id())
                .containsExactly(EscalationId.of("E-1"));
        assertThat(store.findForVendor(theirs.id()).orElseThrow().version()).isEqualTo(1);
    }

    private static <T> Optional<T> absentOrRefused(Supplier<Optional<T>> call) {
        try {
            return call.get();
        } catch (IllegalArgumentException refused) {
            return Optional.empty();
        }
    }
}
