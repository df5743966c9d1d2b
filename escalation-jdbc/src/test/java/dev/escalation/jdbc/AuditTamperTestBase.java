package dev.escalation.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.escalation.Actor;
import dev.escalation.AuditEncoding;
import dev.escalation.AuditOperations;
import dev.escalation.AuditSettings;
import dev.escalation.AuditVerification;
import dev.escalation.AuditVerification.Reason;
import dev.escalation.CorruptDataException;
import dev.escalation.EscalationEngine;
import dev.escalation.EscalationException;
import dev.escalation.calendar.BusinessCalendar;
import dev.escalation.command.Acknowledge;
import dev.escalation.command.AddParticipant;
import dev.escalation.command.AgreePlan;
import dev.escalation.command.EscalateCase;
import dev.escalation.command.LogProgress;
import dev.escalation.inmemory.InMemoryCustomerDirectory;
import dev.escalation.inmemory.InMemoryNotifier;
import dev.escalation.inmemory.InMemoryStaffDirectory;
import dev.escalation.inmemory.InMemoryTicketing;
import dev.escalation.model.AuditRecord;
import dev.escalation.model.AuditTrail;
import dev.escalation.model.CaseId;
import dev.escalation.model.Cause;
import dev.escalation.model.Channel;
import dev.escalation.model.ContactId;
import dev.escalation.model.Criticality;
import dev.escalation.model.CustomerId;
import dev.escalation.model.CustomerRole;
import dev.escalation.model.EscalationId;
import dev.escalation.model.PageRequest;
import dev.escalation.model.Party;
import dev.escalation.model.ProgressKind;
import dev.escalation.model.StaffId;
import dev.escalation.model.StaffRole;
import dev.escalation.model.Visibility;
import dev.escalation.spi.ChangeBatch;
import dev.escalation.spi.CustomerAccount;
import dev.escalation.spi.StaffMember;
import dev.escalation.spi.SupportCase;
import dev.escalation.spi.Touchpoint;
import dev.escalation.test.MutableClock;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Tampering with a stored audit chain directly in the database, as someone with write access to it would: edit,
 * delete, reorder, cut off the tail, and recompute the tail consistently (with the subject keys, which live in the
 * same database). Each is detected by the engine's {@code verify} and by {@code docs/audit-verify.py} on the JSON
 * Lines export (run with python3 and openssl, which must be installed: the test fails without them, never skips).
 */
abstract class AuditTamperTestBase extends StoreTestSupport {
    private static final Actor INA = Actor.contact("ina");
    private static final Actor SAM = Actor.staff("sam");
    private static final Actor EVE = Actor.staff("eve");
    private static final Actor GIL = Actor.contact("gil");
    private static final CustomerId GLOBEX = CustomerId.of("globex");
    static final KeyPair SIGNING = ed25519();
    static final Path VERIFIER = locate("docs/audit-verify.py");

    private MutableClock clock;
    private EscalationEngine engine;

    static KeyPair ed25519() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (java.security.GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    static Path locate(String relative) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve(relative))) {
                return dir.resolve(relative);
            }
        }
        throw new AssertionError(relative + " not found above " + Path.of("").toAbsolutePath());
    }

    @org.junit.jupiter.api.BeforeAll
    void forgetEarlierExports() throws IOException {
        Path dir = Path.of("target", "audit-exports");
        if (databaseAvailable() && Files.isDirectory(dir)) {
            try (var files = Files.list(dir)) {
                for (Path f : files.filter(f -> f.getFileName().toString().startsWith(databaseName() + "-"))
                        .toList()) {
                    Files.delete(f);
                }
            }
        }
    }

    @BeforeEach
    void engine() {
        clock = MutableClock.at(Instant.parse("2027-01-12T09:00:00.123456789Z"));
        InMemoryCustomerDirectory customers = new InMemoryCustomerDirectory();
        CustomerId acme = CustomerId.of("acme");
        customers
                .add(new CustomerAccount(acme, "ACME", Optional.empty()))
                .add(new Touchpoint(
                        ContactId.of("ina"),
                        acme,
                        "Ina Incident",
                        "ina@acme.example",
                        Optional.empty(),
                        Set.of(CustomerRole.INCIDENT_MANAGER),
                        true))
                .add(new SupportCase(CaseId.of("C-1"), acme, "Nightly load fails"))
                .add(new SupportCase(CaseId.of("C-2"), acme, "Backups hang"))
                .add(new CustomerAccount(GLOBEX, "GLOBEX", Optional.empty()))
                .add(new Touchpoint(
                        ContactId.of("gil"),
                        GLOBEX,
                        "Gil Globex",
                        "gil@globex.example",
                        Optional.empty(),
                        Set.of(CustomerRole.INCIDENT_MANAGER),
                        true))
                .add(new SupportCase(CaseId.of("G-1"), GLOBEX, "Reports are empty"));
        InMemoryStaffDirectory staff = new InMemoryStaffDirectory();
        staff.add(new StaffMember(
                        StaffId.of("sam"),
                        "Sam Support",
                        "sam@vendor.example",
                        Optional.empty(),
                        Set.of(StaffRole.SUPPORT_MANAGEMENT),
                        true))
                .add(new StaffMember(
                        StaffId.of("eve"),
                        "Eve Escalation",
                        "eve@vendor.example",
                        Optional.empty(),
                        Set.of(StaffRole.ESCALATION_MANAGER),
                        true));
        engine = EscalationEngine.builder()
                .clock(clock)
                .customers(customers)
                .staff(staff)
                .notifier(new InMemoryNotifier())
                .ticketing(new InMemoryTicketing())
                .store(store)
                .coverage(BusinessCalendar.alwaysOpen())
                .auditTrail(new AuditSettings(new JdbcSubjectKeys(pool), new JdbcAuditAnchors(pool), SIGNING))
                .build();
    }

    /** Seven entries, anchored after the sixth; the seventh is after the anchor. */
    private EscalationId history() {
        return history(CaseId.of("C-1"));
    }

    /** {@link #history()} of the given case. */
    private EscalationId history(CaseId caseId) {
        EscalationId id = engine.escalate(
                        INA,
                        new EscalateCase(
                                caseId, "The nightly load fails", Cause.SOFTWARE_ERROR, Criticality.HIGH, null))
                .escalation();
        tick();
        engine.acknowledge(SAM, new Acknowledge(id, StaffId.of("eve"), "Called Ina"));
        tick();
        engine.agreePlan(
                EVE,
                new AgreePlan(
                        id,
                        Duration.ofDays(1),
                        Channel.VIDEO_CALL,
                        clock.instant().plusSeconds(7200)));
        tick();
        engine.logProgress(
                EVE, new LogProgress(id, LogProgress.Kind.STATUS_UPDATE, "Root cause found", Visibility.CUSTOMER));
        tick();
        engine.addParticipant(
                EVE, new AddParticipant(id, Party.Kind.EXTERNAL, "ext-1", "Erika Extern", "erika@example.org"));
        tick();
        engine.logProgress(EVE, new LogProgress(id, LogProgress.Kind.DECISION, "Hotfix tonight", Visibility.INTERNAL));
        assertThat(engine.operations().audit().anchor(SAM, id))
                .get()
                .satisfies(a -> assertThat(a.length()).isEqualTo(6));
        tick();
        engine.logProgress(EVE, new LogProgress(id, LogProgress.Kind.NOTE, "After the anchor", Visibility.INTERNAL));
        return id;
    }

    private void tick() {
        clock.advance(Duration.ofMinutes(7).plusNanos(1));
    }

    @Test
    void an_untouched_chain_verifies_in_the_engine_and_in_python() throws Exception {
        EscalationId id = history();
        AuditVerification v = engine.operations().audit().verify(SAM, id);
        assertThat(v.problem()).isEmpty();
        assertThat(v.length()).isEqualTo(7);
        assertThat(v.anchored()).contains(6L);
        Result r = python(id);
        assertThat(r.exit).as(r.output).isZero();
        assertThat(r.output).startsWith("OK " + id.value() + ": 7 entries verified");
    }

    @Test
    void an_edited_text_is_detected() throws Exception {
        EscalationId id = history();
        sql("UPDATE esc_entry SET text = ? WHERE escalation_id = ? AND sequence_no = 4", "Nothing found", id.value());
        assertProblem(id, 4, Reason.VALUE_CHANGED, "hash mismatch");
    }

    @Test
    void an_edited_field_is_detected() throws Exception {
        EscalationId id = history();
        sql("UPDATE esc_entry SET visibility = ? WHERE escalation_id = ? AND sequence_no = 6", "CUSTOMER", id.value());
        assertProblem(id, 6, Reason.HASH_MISMATCH, "hash mismatch");
    }

    @Test
    void a_deleted_entry_is_detected() throws Exception {
        EscalationId id = history();
        sql("DELETE FROM esc_entry WHERE escalation_id = ? AND sequence_no = 3", id.value());
        assertProblem(id, 4, Reason.SEQUENCE_GAP, "sequence gap");
    }

    @Test
    void reordered_entries_are_detected() throws Exception {
        EscalationId id = history();
        sql("UPDATE esc_entry SET sequence_no = 100 WHERE escalation_id = ? AND sequence_no = 4", id.value());
        sql("UPDATE esc_entry SET sequence_no = 4 WHERE escalation_id = ? AND sequence_no = 5", id.value());
        sql("UPDATE esc_entry SET sequence_no = 5 WHERE escalation_id = ? AND sequence_no = 100", id.value());
        assertProblem(id, 4, Reason.BROKEN_LINK, "broken link");
    }

    @Test
    void a_tail_cut_off_with_consistent_facts_is_detected_by_the_anchor() throws Exception {
        EscalationId id = history();
        AuditTrail before = engine.auditTrail(SAM, id);
        sql("DELETE FROM esc_entry WHERE escalation_id = ? AND sequence_no >= 5", id.value());
        setHead(id, before.records().get(3).hash(), 7, 4);
        assertProblem(id, 6, Reason.ANCHOR_BEYOND_END, "before the anchored length");
    }

    @Test
    void a_tail_recomputed_consistently_is_detected_by_the_anchor() throws Exception {
        EscalationId id = history();
        relinkFromTheFourthEntry(id);
        assertThat(engine.auditTrail(SAM, id).records().get(3).kind()).isEqualTo(ProgressKind.NOTE);
        assertProblem(id, 6, Reason.ANCHOR_MISMATCH, "not the anchored head");
    }

    /**
     * Changes the fourth entry of {@link #history()} and relinks it and the later ones consistently, head and length
     * too: the attacker has the subject keys (same database), so the trail's commitments are right.
     */
    private void relinkFromTheFourthEntry(EscalationId id) throws Exception {
        sql("UPDATE esc_entry SET kind = ? WHERE escalation_id = ? AND sequence_no = 4", "NOTE", id.value());
        List<AuditRecord> records = engine.auditTrail(SAM, id).records();
        String previous = records.get(2).hash();
        for (AuditRecord r : records.subList(3, records.size())) {
            AuditRecord relinked = new AuditRecord(
                    r.sequence(), r.at(), r.kind(), r.actor(), r.visibility(), r.text(), r.params(), previous, "");
            String hash = AuditEncoding.hashOf(id, relinked);
            sql(
                    "UPDATE esc_entry SET chain_previous = ?, chain_hash = ? WHERE escalation_id = ? AND sequence_no = ?",
                    previous,
                    hash,
                    id.value(),
                    r.sequence());
            previous = hash;
        }
        setHead(id, previous, 7, 7);
    }

    /**
     * A chain rewritten up to the latest anchor and relinked consistently (the attacker's head and length) is not
     * signed over by the next anchor: anchoring checks that the entry at the latest anchor's length still carries the
     * anchored head, refuses with {@code CORRUPT_DATA}, and verification still finds the forgery at that anchor.
     */
    @Test
    void a_chain_relinked_before_the_anchor_is_not_signed_over_by_the_next_anchor() throws Exception {
        EscalationId id = history();
        relinkFromTheFourthEntry(id);

        assertThatThrownBy(() -> engine.operations().audit().anchor(SAM, id))
                .isInstanceOfSatisfying(
                        CorruptDataException.class, e -> assertThat(e.code()).isEqualTo("CORRUPT_DATA"));
        assertThat(engine.operations()
                        .audit()
                        .anchorChanges(SAM, ChangeBatch.START, 500)
                        .unanchored())
                .containsExactly(id);
        assertProblem(id, 6, Reason.ANCHOR_MISMATCH, "not the anchored head");
    }

    @Test
    void a_tail_cut_off_after_the_anchor_is_detected_by_the_escalations_head() throws Exception {
        EscalationId id = history();
        sql("DELETE FROM esc_entry WHERE escalation_id = ? AND sequence_no = 7", id.value());
        // the export alone cannot tell (python says OK: see a_tampered_export_fails_in_python); the stored head can
        assertThat(engine.operations().audit().verify(SAM, id).problem())
                .contains(new AuditVerification.Problem(6, Reason.HEAD_MISMATCH));
    }

    /**
     * One escalation whose log was cut behind the engine's back holds back no other's anchor: anchoring through the
     * change feed anchors the others and names it. Before, its {@code IllegalStateException} ended the run, and every
     * later run at the same place, so no escalation after it in the feed was anchored again.
     */
    @Test
    void a_tampered_escalation_holds_back_no_other_anchor() throws Exception {
        EscalationId tampered = history();
        sql("DELETE FROM esc_entry WHERE escalation_id = ? AND sequence_no = 7", tampered.value());
        EscalationId other = engine.escalate(
                        INA,
                        new EscalateCase(
                                CaseId.of("C-2"), "Backups hang", Cause.SOFTWARE_ERROR, Criticality.HIGH, null))
                .escalation();

        AuditOperations.AnchorRun run = engine.operations().audit().anchorChanges(SAM, ChangeBatch.START, 500);

        assertThat(run.unanchored()).containsExactly(tampered);
        assertThat(run.anchored()).isEqualTo(1);
        assertThat(engine.operations().audit().verify(SAM, other).anchored()).isPresent();
    }

    /**
     * Anchoring one escalation whose log was cut behind the engine's back is refused as data the store cannot read
     * back ({@code CORRUPT_DATA}), not a raw {@link IllegalStateException}, and signs nothing over the cut chain.
     */
    @Test
    void anchoring_a_cut_log_is_refused_as_corrupt_data_and_signs_nothing() throws Exception {
        EscalationId id = history();
        sql("DELETE FROM esc_entry WHERE escalation_id = ? AND sequence_no = 7", id.value());

        assertThatThrownBy(() -> engine.operations().audit().anchor(SAM, id))
                .isInstanceOfSatisfying(
                        CorruptDataException.class, e -> assertThat(e.code()).isEqualTo("CORRUPT_DATA"));
        assertThat(engine.operations().audit().verify(SAM, id).anchored())
                .as("history()'s anchor")
                .contains(6L);
    }

    @Test
    void an_entry_stripped_of_its_link_is_detected() throws Exception {
        EscalationId id = history();
        sql(
                "UPDATE esc_entry SET chain_previous = NULL, chain_hash = NULL WHERE escalation_id = ? AND sequence_no = 5",
                id.value());
        assertThat(engine.operations().audit().verify(SAM, id).problem())
                .contains(new AuditVerification.Problem(5, Reason.UNLINKED));
    }

    @Test
    void an_anchor_re_signed_with_another_key_is_detected() throws Exception {
        EscalationId id = history();
        AuditTrail.SignedHead anchor = engine.auditTrail(SAM, id).anchor().orElseThrow();
        // well-formed and over the right bytes, but by a key that is not the engine's
        Signature attacker = Signature.getInstance("Ed25519");
        attacker.initSign(ed25519().getPrivate());
        attacker.update(AuditEncoding.anchorBytesOf(id, anchor.length(), anchor.head(), anchor.at()));
        String forged = HexFormat.of().formatHex(attacker.sign());
        sql("UPDATE esc_anchor SET signature_hex = ? WHERE escalation_id = ?", forged, id.value());
        assertProblem(id, 6, Reason.ANCHOR_SIGNATURE, "anchor signature does not verify");
    }

    @Test
    void a_tampered_export_fails_in_python() throws Exception {
        EscalationId id = history();
        String export = export(id);
        String edited = export.replace("\"kind\":\"DECISION\"", "\"kind\":\"NOTE\"");
        assertThat(edited).isNotEqualTo(export);
        assertThat(runPython(edited).output).contains("BROKEN at 6: hash mismatch");
        String[] lines = export.split("\n");
        // flip every bit of the signature's first byte (a fixed "00" left one signature in 256 untouched)
        Matcher first = Pattern.compile("\"signature\":\"([0-9a-f]{2})").matcher(export);
        assertThat(first.find()).as("the export carries a signature").isTrue();
        String flipped = String.format("%02x", Integer.parseInt(first.group(1), 16) ^ 0xff);
        String forgedSignature = export.substring(0, first.start(1)) + flipped + export.substring(first.end(1));
        assertThat(forgedSignature).isNotEqualTo(export);
        assertThat(runPython(forgedSignature).output).contains("anchor signature does not verify");
        String withoutLast =
                String.join("\n", List.of(lines).subList(0, lines.length - 2)) + "\n" + lines[lines.length - 1];
        assertThat(runPython(withoutLast).output).startsWith("OK"); // the entry after the anchor: not detectable
    }

    /**
     * A link column that is not a link (not 64 lower-case hex digits, or one of the pair missing) is tampered data, not
     * an outage: verify reports the entry as {@code UNLINKED}, and the export, without it, fails in Python. Before,
     * reading the entry threw, and verify and the export answered UNAVAILABLE ("try again later") for ever.
     */
    @Test
    void a_link_that_is_not_a_hash_is_reported_where_it_is() throws Exception {
        EscalationId id = history();
        sql(
                "UPDATE esc_entry SET chain_hash = ? WHERE escalation_id = ? AND sequence_no = 4",
                "g".repeat(64),
                id.value());
        assertProblem(id, 4, Reason.UNLINKED, "sequence gap");
    }

    @Test
    void a_link_cut_short_is_reported_where_it_is() throws Exception {
        EscalationId id = history();
        sql("UPDATE esc_entry SET chain_previous = ? WHERE escalation_id = ? AND sequence_no = 5", "ab", id.value());
        assertProblem(id, 5, Reason.UNLINKED, "sequence gap");
    }

    @Test
    void a_link_without_its_previous_hash_is_reported_where_it_is() throws Exception {
        EscalationId id = history();
        sql("UPDATE esc_entry SET chain_previous = NULL WHERE escalation_id = ? AND sequence_no = 4", id.value());
        assertProblem(id, 4, Reason.UNLINKED, "sequence gap");
    }

    @Test
    void a_first_entry_whose_hash_is_upper_case_is_reported_at_the_next() throws Exception {
        EscalationId id = history();
        String hash = engine.auditTrail(SAM, id).records().get(0).hash();
        assertThat(hash).matches(".*[a-f].*");
        sql(
                "UPDATE esc_entry SET chain_hash = ? WHERE escalation_id = ? AND sequence_no = 1",
                hash.toUpperCase(java.util.Locale.ROOT),
                id.value());
        // the first entry reads as unlinked (older than the trail), so the second should link to a genesis
        assertThat(engine.operations().audit().verify(SAM, id).problem())
                .contains(new AuditVerification.Problem(2, Reason.BROKEN_LINK));
    }

    /** An anchor whose signature is not hex is a signature that does not verify, not an outage. */
    @Test
    void an_anchor_signature_that_is_not_hex_is_reported() throws Exception {
        EscalationId id = history();
        sql("UPDATE esc_anchor SET signature_hex = ? WHERE escalation_id = ?", "not a signature", id.value());
        assertThat(engine.operations().audit().verify(SAM, id).problem())
                .contains(new AuditVerification.Problem(6, Reason.ANCHOR_SIGNATURE));
    }

    /** Another escalation's entry copied over one of this one's, link and all: it links to the other's log. */
    @Test
    void an_entry_transplanted_from_another_escalation_is_detected() throws Exception {
        EscalationId one = history();
        EscalationId two = history(CaseId.of("C-2"));
        String columns =
                "recorded_at, kind, actor_kind, actor_id, visibility, text, params, chain_hash, chain_previous";
        List<Object> values = new java.util.ArrayList<>();
        try (Connection c = pool.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT " + columns + " FROM esc_entry WHERE escalation_id = ? AND sequence_no = 4")) {
            ps.setString(1, two.value());
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                for (int i = 1; i <= 9; i++) {
                    values.add(rs.getObject(i));
                }
            }
        }
        values.add(one.value());
        sql(
                "UPDATE esc_entry SET " + columns.replace(",", " = ?,")
                        + " = ? WHERE escalation_id = ? AND sequence_no = 4",
                values.toArray());
        assertProblem(one, 4, Reason.BROKEN_LINK, "broken link");
        assertThat(engine.operations().audit().verify(SAM, two).problem()).isEmpty();
    }

    /** Another escalation's valid anchor copied in as this one's latest: the signature binds the escalation. */
    @Test
    void another_escalations_anchor_replayed_is_detected() throws Exception {
        EscalationId one = history();
        EscalationId two = history(CaseId.of("C-2"));
        sql(
                "INSERT INTO esc_anchor (escalation_id, chain_length, head, anchored_at, signature_hex) "
                        + "SELECT ?, chain_length, head, anchored_at, signature_hex FROM esc_anchor "
                        + "WHERE escalation_id = ?",
                two.value(),
                one.value());
        assertProblem(two, 6, Reason.ANCHOR_SIGNATURE, "anchor signature does not verify");
        assertThat(engine.operations().audit().verify(SAM, one).problem()).isEmpty();
    }

    /**
     * One column of one row set to a hostile value of its type, and the first problem {@code verify} must report:
     * {@code where} is the row ({@code %s} is the tampered escalation's id).
     */
    record Tamper(
            String name,
            String table,
            String column,
            String where,
            @org.jspecify.annotations.Nullable Object value,
            long sequence,
            Reason reason) {
        @Override
        public String toString() {
            return name;
        }

        /** The subject key of a person is shared by every escalation that holds their values. */
        boolean sharedKey() {
            return table.equals("esc_subject_key");
        }
    }

    private static final String ENTRY_4 = "escalation_id = '%s' AND sequence_no = 4";
    private static final String ENTRY_5 = "escalation_id = '%s' AND sequence_no = 5";
    private static final String ANCHOR = "escalation_id = '%s'";
    private static final String EVES_KEY = "subject_kind = 'STAFF' AND subject_id = 'eve'";
    private static final BigDecimal BEYOND_INSTANTS = new BigDecimal("99999999999999999999.999999999");

    static List<Tamper> tamperings() {
        String hash = "0123456789abcdef".repeat(4);
        return List.of(
                entry4("recorded_at beyond Instant.MAX", "recorded_at", BEYOND_INSTANTS, Reason.UNREADABLE),
                entry4("recorded_at before Instant.MIN", "recorded_at", BEYOND_INSTANTS.negate(), Reason.UNREADABLE),
                entry4("recorded_at zero", "recorded_at", BigDecimal.ZERO, Reason.HASH_MISMATCH),
                entry4("kind unknown", "kind", "NO_SUCH_KIND", Reason.UNREADABLE),
                entry4("kind empty", "kind", "", Reason.UNREADABLE),
                entry4("kind lower case", "kind", "note", Reason.UNREADABLE),
                entry4("kind another", "kind", "NOTE", Reason.HASH_MISMATCH),
                entry4("actor_kind unknown", "actor_kind", "ROBOT", Reason.UNREADABLE),
                entry4("actor_kind empty", "actor_kind", "", Reason.UNREADABLE),
                entry4("actor_id empty", "actor_id", "", Reason.HASH_MISMATCH),
                entry4("actor_id another", "actor_id", "sam", Reason.VALUE_CHANGED),
                entry4("actor_id lone surrogate", "actor_id", "\uD800", Reason.HASH_MISMATCH),
                entry4("actor_id longest", "actor_id", "x".repeat(128), Reason.HASH_MISMATCH),
                entry4("visibility unknown", "visibility", "PUBLIC", Reason.UNREADABLE),
                entry4("visibility empty", "visibility", "", Reason.UNREADABLE),
                entry4("text NULL", "text", null, Reason.HASH_MISMATCH),
                entry4("text empty", "text", "", Reason.VALUE_CHANGED),
                entry4("text lone surrogate", "text", "Root cause \uDC00found", Reason.VALUE_CHANGED),
                entry4("text huge", "text", "x".repeat(200_000), Reason.VALUE_CHANGED),
                entry4("params not JSON", "params", "not json", Reason.UNREADABLE),
                entry4("params empty", "params", "", Reason.UNREADABLE),
                entry4("params JSON null", "params", "null", Reason.UNREADABLE),
                entry4("params JSON array", "params", "[]", Reason.UNREADABLE),
                entry4("params JSON number", "params", "42", Reason.UNREADABLE),
                entry4("params without the commitment", "params", "{}", Reason.VALUE_CHANGED),
                entry4("params deeply nested", "params", "[".repeat(5000) + "]".repeat(5000), Reason.UNREADABLE),
                entry5("params unknown type", "params", "{\"x\":{\"type\":\"Nope\",\"value\":\"1\"}}"),
                entry5("params Count beyond long", "params", "{\"n\":{\"type\":\"Count\",\"value\":1e40}}"),
                entry5("params Count text", "params", "{\"n\":{\"type\":\"Count\",\"value\":\"x\"}}"),
                entry5("params At not an instant", "params", "{\"a\":{\"type\":\"At\",\"value\":\"soon\"}}"),
                entry5(
                        "params At beyond Instant.MAX",
                        "params",
                        "{\"a\":{\"type\":\"At\",\"value\":\"+99999999999-01-01T00:00:00Z\"}}"),
                entry5("params Span not a duration", "params", "{\"s\":{\"type\":\"Span\",\"value\":\"long\"}}"),
                entry5("params without value", "params", "{\"x\":{\"type\":\"Text\"}}"),
                new Tamper(
                        "params value an object",
                        "esc_entry",
                        "params",
                        ENTRY_5,
                        "{\"x\":{\"type\":\"Code\",\"value\":{}}}",
                        5,
                        Reason.HASH_MISMATCH),
                entry5("params entry not an object", "params", "{\"x\":7}"),
                new Tamper("sequence_no moved far", "esc_entry", "sequence_no", ENTRY_4, 1000L, 5, Reason.SEQUENCE_GAP),
                new Tamper("sequence_no negative", "esc_entry", "sequence_no", ENTRY_4, -4L, 5, Reason.SEQUENCE_GAP),
                new Tamper(
                        "sequence_no Long.MAX_VALUE",
                        "esc_entry",
                        "sequence_no",
                        ENTRY_4,
                        Long.MAX_VALUE,
                        5,
                        Reason.SEQUENCE_GAP),
                entry4("chain_hash empty", "chain_hash", "", Reason.UNLINKED),
                entry4("chain_previous upper case", "chain_previous", hash.toUpperCase(Locale.ROOT), Reason.UNLINKED),
                anchor("chain_length zero", "chain_length", 0L, 0),
                anchor("chain_length negative", "chain_length", -6L, 0),
                anchor("chain_length shorter", "chain_length", 5L, 5),
                anchor("chain_length Long.MAX_VALUE", "chain_length", Long.MAX_VALUE, Long.MAX_VALUE),
                anchor("head not hex", "head", "g".repeat(64), 6),
                anchor("head empty", "head", "", 6),
                anchor("head short", "head", "ab", 6),
                anchor("head upper case", "head", hash.toUpperCase(Locale.ROOT), 6),
                anchor("head another hash", "head", hash, 6),
                anchor("anchored_at beyond Instant.MAX", "anchored_at", BEYOND_INSTANTS, 6),
                anchor("anchored_at zero", "anchored_at", BigDecimal.ZERO, 6),
                anchor("signature_hex empty", "signature_hex", "", 6),
                anchor("signature_hex odd length", "signature_hex", "abc", 6),
                anchor("signature_hex huge", "signature_hex", "ab".repeat(128), 6),
                key("key_hex empty", "", Reason.UNREADABLE),
                key("key_hex not hex", "zz".repeat(32), Reason.UNREADABLE),
                key("key_hex odd length", "abc", Reason.UNREADABLE),
                key("key_hex one byte", "ab", Reason.UNREADABLE),
                key("key_hex another key", hash, Reason.VALUE_CHANGED));
    }

    private static Tamper entry4(
            String name, String column, @org.jspecify.annotations.Nullable Object value, Reason r) {
        return new Tamper(name, "esc_entry", column, ENTRY_4, value, 4, r);
    }

    private static Tamper entry5(String name, String column, String value) {
        return new Tamper(name, "esc_entry", column, ENTRY_5, value, 5, Reason.UNREADABLE);
    }

    private static Tamper anchor(String name, String column, Object value, long sequence) {
        return new Tamper(name, "esc_anchor", column, ANCHOR, value, sequence, Reason.ANCHOR_SIGNATURE);
    }

    private static Tamper key(String name, String value, Reason reason) {
        return new Tamper(name, "esc_subject_key", "key_hex", EVES_KEY, value, KEYED_BY_EVE, reason);
    }

    /** The first entry with a value committed under Eve's key. */
    private static final long KEYED_BY_EVE = 4;

    /**
     * One column of one row of the audit tables set to a hostile value of its type, behind the engine's back: verify
     * names the row with a finding (never {@code UNAVAILABLE}, never an unchecked exception); the export fails in
     * Python or is refused as {@code CORRUPT_DATA} (not retryable); reading the escalation works or is refused the same
     * way; the same customer's other escalation and another customer's still verify. Before, every value the store
     * could not map (an unknown code, parameters that are not JSON, an instant out of range, an anchor head or a key
     * that is not hex) made verify, the export and every read of the escalation {@code UNAVAILABLE} for ever.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("tamperings")
    void one_hostile_column_is_reported_as_tampering_not_as_an_outage(Tamper t) throws Exception {
        EscalationId id = history();
        EscalationId sibling = history(CaseId.of("C-2"));
        EscalationId other = globexHistory();
        String where = t.where().replace("%s", id.value());
        try (Connection c = pool.getConnection();
                PreparedStatement ps =
                        c.prepareStatement("UPDATE " + t.table() + " SET " + t.column() + " = ? WHERE " + where)) {
            if (t.value() == null) {
                ps.setNull(1, java.sql.Types.VARCHAR);
            } else {
                ps.setObject(1, t.value());
            }
            assertThat(ps.executeUpdate()).as("rows tampered").isEqualTo(1);
        }

        assertThat(engine.operations().audit().verify(SAM, id).problem())
                .as(t.name())
                .contains(new AuditVerification.Problem(t.sequence(), t.reason()));
        String export = null;
        try {
            export = export(id);
        } catch (EscalationException e) {
            assertCorruptData(e);
        }
        if (export != null) {
            Result r = runPython(export);
            assertThat(r.exit).as(r.output).isEqualTo(1);
        }
        readsOrRefusesAsCorrupt(() -> engine.find(SAM, id));
        readsOrRefusesAsCorrupt(() -> engine.timeline(SAM, id, PageRequest.first(50)));
        readsOrRefusesAsCorrupt(() -> engine.timeline(INA, id, PageRequest.first(50)));

        if (!t.sharedKey()) {
            assertThat(engine.operations().audit().verify(SAM, sibling).problem())
                    .isEmpty();
        }
        assertThat(engine.operations().audit().verify(SAM, other).problem()).isEmpty();
        assertThat(engine.operations().audit().verify(SAM, other).anchored()).contains(1L);
        assertThat(engine.timeline(GIL, other, PageRequest.first(50)).items()).isNotEmpty();
    }

    private static void readsOrRefusesAsCorrupt(java.util.function.Supplier<?> read) {
        try {
            read.get();
        } catch (EscalationException e) {
            assertCorruptData(e);
        }
    }

    private static void assertCorruptData(EscalationException e) {
        assertThat(e.code()).as(String.valueOf(e)).isEqualTo("CORRUPT_DATA");
        assertThat(e.isRetryable()).isFalse();
    }

    /** Another customer's escalation: raised by Gil and anchored; none of its values is Eve's. */
    private EscalationId globexHistory() {
        EscalationId id = engine.escalate(
                        GIL,
                        new EscalateCase(
                                CaseId.of("G-1"), "Reports are empty", Cause.SOFTWARE_ERROR, Criticality.HIGH, null))
                .escalation();
        assertThat(engine.operations().audit().anchor(SAM, id)).isPresent();
        return id;
    }

    // ------------------------------------------------------------------ helpers

    private void assertProblem(EscalationId id, long sequence, Reason reason, String pythonSays) throws Exception {
        AuditVerification v = engine.operations().audit().verify(SAM, id);
        assertThat(v.problem()).contains(new AuditVerification.Problem(sequence, reason));
        Result r = python(id);
        assertThat(r.exit).as(r.output).isEqualTo(1);
        assertThat(r.output).contains("BROKEN").contains(pythonSays);
    }

    private void setHead(EscalationId id, String head, long oldCount, long newCount) throws SQLException {
        String facts;
        try (Connection c = pool.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT facts FROM esc_escalation WHERE escalation_id = ?")) {
            ps.setString(1, id.value());
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                facts = rs.getString(1);
            }
        }
        String changed = facts.replaceAll("\"chainHead\":\"[0-9a-f]{64}\"", "\"chainHead\":\"" + head + "\"")
                .replace("\"entryCount\":" + oldCount, "\"entryCount\":" + newCount);
        assertThat(changed).contains(head).contains("\"entryCount\":" + newCount);
        sql("UPDATE esc_escalation SET facts = ? WHERE escalation_id = ?", changed, id.value());
    }

    private void sql(String statement, Object... args) throws SQLException {
        try (Connection c = pool.getConnection();
                PreparedStatement ps = c.prepareStatement(statement)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            assertThat(ps.executeUpdate()).isPositive();
        }
    }

    private String export(EscalationId id) {
        StringWriter out = new StringWriter();
        AuditJsonLines.write(engine.auditTrail(SAM, id), out);
        return out.toString();
    }

    record Result(int exit, String output) {}

    private Result python(EscalationId id) throws Exception {
        return runPython(export(id));
    }

    private static final java.util.concurrent.atomic.AtomicInteger EXPORTS =
            new java.util.concurrent.atomic.AtomicInteger();

    /**
     * Runs docs/audit-verify.py; fails (never skips) when python3 or openssl is missing. Each export is kept in
     * {@code target/audit-exports} ({@code <db>-<n>-ok.jsonl} or {@code -broken.jsonl}, with the public key) for the CI
     * check {@code .ci/checks/audit-exports.sh}, which verifies them again.
     */
    Result runPython(String export) throws IOException, InterruptedException {
        Path dir = Path.of("target", "audit-exports");
        Files.createDirectories(dir);
        Path file = dir.resolve(databaseName() + "-" + EXPORTS.incrementAndGet() + ".jsonl");
        // as a host's UTF-8 writer would: an unpaired surrogate (a tampered id on H2) is written as '?'
        Files.write(file, export.getBytes(StandardCharsets.UTF_8));
        Path key = dir.resolve("anchor-public-" + databaseName() + ".pem");
        Files.writeString(
                key,
                "-----BEGIN PUBLIC KEY-----\n"
                        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                                .encodeToString(SIGNING.getPublic().getEncoded())
                        + "\n-----END PUBLIC KEY-----\n");
        Process p = new ProcessBuilder("python3", VERIFIER.toString(), file.toString(), "--public-key", key.toString())
                .redirectErrorStream(true)
                .start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue())
                .as("audit-verify.py must run (python3 and openssl installed): " + output)
                .isNotEqualTo(2);
        Files.move(
                file,
                dir.resolve(file.getFileName()
                        .toString()
                        .replace(".jsonl", p.exitValue() == 0 ? "-ok.jsonl" : "-broken.jsonl")),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return new Result(p.exitValue(), output.strip());
    }
}
