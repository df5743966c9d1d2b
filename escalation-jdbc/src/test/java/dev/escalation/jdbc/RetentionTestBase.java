package dev.escalation.jdbc;

import static dev.escalation.jdbc.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.escalation.model.ActorRef;
import dev.escalation.model.CaseId;
import dev.escalation.model.ContactId;
import dev.escalation.model.CustomerId;
import dev.escalation.model.DueKind;
import dev.escalation.model.EntryParam;
import dev.escalation.model.EscalationId;
import dev.escalation.model.EscalationState;
import dev.escalation.model.LessonsLearned;
import dev.escalation.model.Party;
import dev.escalation.model.ProgressKind;
import dev.escalation.model.Resolution;
import dev.escalation.model.StaffId;
import dev.escalation.model.Visibility;
import dev.escalation.spi.ClaimedMessage;
import dev.escalation.spi.DataRetention;
import dev.escalation.spi.DeliveryOutcome;
import dev.escalation.spi.DueItem;
import dev.escalation.spi.ErasureCounts;
import dev.escalation.spi.EscalationFacts;
import dev.escalation.spi.EscalationWrite;
import dev.escalation.spi.ExcludedSpan;
import dev.escalation.spi.NotificationRequest;
import dev.escalation.spi.OutboxMessage;
import dev.escalation.spi.PartyRef;
import dev.escalation.spi.SideEffect;
import dev.escalation.spi.StoredEntry;
import dev.escalation.spi.StoredEscalation;
import dev.escalation.spi.TicketCommand;
import dev.escalation.spi.UnitOfWork;
import dev.escalation.test.Records;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Erasure of a person and purging, on one database. */
abstract class RetentionTestBase extends StoreTestSupport {
    private static final String MARKER = "[erased]";
    private static final Party INA = new Party(Party.Kind.CONTACT, "ina", "Ina Inkognito", "ina@customer.example");
    private static final Party EVE = new Party(Party.Kind.STAFF, "eve", "Eve Eskalation", "eve@vendor.example");
    private static final String INA_WORDS = "Unser Lager in Kiel steht still";
    private static final String EVE_PAUSE = "Warten auf Logs von Inas Team";

    private DataRetention retention;

    @BeforeEach
    void facet() {
        retention = store.retention().orElseThrow();
    }

    /** Every text column of every table, as one list of values. */
    private List<String> everyStoredText() throws Exception {
        return everyStoredText(pool);
    }

    /** Every text column of every table of the store in {@code pool}, as one list of values. */
    static List<String> everyStoredText(DataSource pool) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection c = pool.getConnection();
                Statement s = c.createStatement()) {
            for (String sql : List.of(
                    "SELECT message_id, payload, last_error FROM esc_outbox",
                    "SELECT escalation_id, body, facts, intake, hotline, proposal FROM esc_escalation",
                    "SELECT escalation_id, text, params FROM esc_entry",
                    "SELECT due_key, payload FROM esc_due")) {
                try (ResultSet rs = s.executeQuery(sql)) {
                    while (rs.next()) {
                        for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                            values.add(String.valueOf(rs.getString(i)));
                        }
                    }
                }
            }
        }
        return values;
    }

    private static StoredEntry entry(
            long seq, ActorRef actor, ProgressKind kind, String text, Map<String, EntryParam> params) {
        return new StoredEntry(
                seq,
                T0.plusSeconds(seq),
                kind,
                actor,
                Visibility.CUSTOMER,
                Optional.ofNullable(text),
                params,
                Optional.empty());
    }

    /** An escalation raised by Ina, with Ina and Eve as participants, entries, messages and a due item about Ina. */
    private StoredEscalation involvingInaAndEve(String id, String caseId) {
        StoredEscalation base = Fixtures.raised("acme", id, caseId, T0);
        Map<String, EntryParam> added = new LinkedHashMap<>();
        added.put("participant", new EntryParam.Ref("ina"));
        added.put("participantKind", new EntryParam.Code("CONTACT"));
        added.put("participantName", new EntryParam.Text(INA.displayName()));
        Map<String, EntryParam> inaSays = new LinkedHashMap<>();
        inaSays.put("detail", new EntryParam.Text("Ina's own detail"));
        inaSays.put("when", new EntryParam.At(T0));
        List<StoredEntry> entries = List.of(
                entry(1, ActorRef.contact(ContactId.of("ina")), ProgressKind.ESCALATED, INA_WORDS, inaSays),
                entry(2, ActorRef.staff(StaffId.of("eve")), ProgressKind.PARTICIPANT_ADDED, null, added),
                entry(3, ActorRef.staff(StaffId.of("eve")), ProgressKind.CLOCK_PAUSED, EVE_PAUSE, Map.of()),
                entry(4, ActorRef.staff(StaffId.of("eve")), ProgressKind.STATUS_UPDATE, "Ina hat angerufen", Map.of()));
        EscalationFacts facts = new EscalationFacts(
                4,
                Optional.of(T0),
                Optional.empty(),
                Optional.of(T0.plusSeconds(3)),
                Optional.of(EVE_PAUSE),
                List.of(new ExcludedSpan(T0, T0.plusSeconds(1), ExcludedSpan.Kind.PAUSED, Optional.of(EVE_PAUSE))),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                0,
                0,
                false);
        StoredEscalation r = new StoredEscalation(
                base.id(),
                1,
                base.customer(),
                base.caseId(),
                EscalationState.LESSONS_LEARNED,
                ContactId.of("ina"),
                base.intake(),
                INA_WORDS + " (Ina Inkognito)",
                base.cause(),
                base.criticality(),
                base.submissionKey(),
                base.raisedAt(),
                base.updatedAt(),
                Optional.of(StaffId.of("eve")),
                base.plan(),
                base.proposal(),
                List.of(INA, EVE, Fixtures.contact("bob")),
                Optional.of(new Resolution("Eve fixed it herself", T0.plusSeconds(5), StaffId.of("eve"))),
                Optional.of(new LessonsLearned(
                        LessonsLearned.Status.SCHEDULED, Optional.of(T0), List.of(INA, EVE), "", List.of(), "")),
                base.policy(),
                base.hotline(),
                facts,
                Optional.empty());
        List<OutboxMessage> messages = List.of(
                Fixtures.message("acme", Fixtures.notification(r.id(), id + "-to-ina", INA), T0),
                Fixtures.message("acme", Fixtures.notification(r.id(), id + "-to-bob", Fixtures.contact("bob")), T0),
                Fixtures.message(
                        "acme",
                        new TicketCommand.PostUpdate(
                                id + "-update", r.id(), "Ina says: " + INA_WORDS, Visibility.CUSTOMER),
                        T0),
                Fixtures.message("acme", new TicketCommand.AddParticipant(id + "-add", r.id(), INA), T0));
        DueItem due = new DueItem(
                id + "-due",
                r.id(),
                r.customer(),
                DueKind.NEXT_MEETING,
                "reminder",
                T0,
                Map.of("note", "call Ina Inkognito"));
        store.create(new EscalationWrite(r, entries, messages, List.of(due)));
        return r;
    }

    /**
     * Another party of the person's own escalation whose name and address hold theirs (a guest "Ina Inkognito-Berger",
     * a copy of her address with a suffix) is someone else: erasing Ina leaves that party as it is, in the
     * escalation's participants and in the pending notification to them, as the in-memory store does.
     */
    @Test
    void erasingAContactLeavesAnotherPartyWhoseNameHoldsTheirs() {
        StoredEscalation base = Fixtures.raised("acme", "E-7", "C-7", T0, "ina");
        Party guest = new Party(
                Party.Kind.EXTERNAL, INA.email() + ".guest", INA.displayName() + "-Berger", INA.email() + ".guest");
        StoredEscalation r = Records.from(base)
                .message(INA_WORDS)
                .participants(List.of(INA, guest))
                .build();
        NotificationRequest toGuest = Fixtures.notification(r.id(), "E-7-to-guest", guest);
        store.create(new EscalationWrite(
                r,
                List.of(entry(1, ActorRef.contact(ContactId.of("ina")), ProgressKind.ESCALATED, INA_WORDS, Map.of())),
                List.of(Fixtures.message("acme", toGuest, T0)),
                List.of()));

        retention.erasePerson(new PartyRef(Party.Kind.CONTACT, "ina"), MARKER);

        StoredEscalation after = store.findForVendor(r.id()).orElseThrow();
        assertThat(after.message()).isEqualTo(MARKER);
        assertThat(after.participants())
                .as("the guest whose name and address hold Ina's")
                .containsExactly(new Party(Party.Kind.CONTACT, "ina", MARKER, MARKER), guest);
        Map<String, SideEffect> pending = new LinkedHashMap<>();
        store.outbox()
                .claim("me", T0.plusSeconds(1), Duration.ofMinutes(1), 100)
                .forEach(c ->
                        pending.put(c.message().idempotencyKey(), c.message().effect()));
        assertThat(pending).as("the pending notification to the guest").containsEntry("E-7-to-guest", toGuest);
    }

    /**
     * A contact's message is theirs also where someone else wrote it down: the desk raised the escalation for them
     * from a hotline call (the first entry is the desk's, its text the contact's words), and the ticket quotes it.
     * Erasing the contact replaces the message in the escalation, in the desk's entry and in the ticket's description.
     */
    @Test
    void erasingTheRaiserReplacesTheirMessageWhereTheDeskWroteItDown() throws Exception {
        String words = "Kühlhaus 3 in Bremerhaven ist seit 6 Uhr ohne Strom";
        StoredEscalation r = Records.from(Fixtures.raised("acme", "E-9", "C-9", T0))
                .message(words)
                .build();
        store.create(new EscalationWrite(
                r,
                List.of(entry(1, ActorRef.staff(StaffId.of("sam")), ProgressKind.ESCALATED, words, Map.of())),
                List.of(Fixtures.message(
                        "acme",
                        new TicketCommand.Open(
                                "E-9-open",
                                r.id(),
                                r.customer(),
                                r.caseId(),
                                "Escalation E-9",
                                "From the hotline: " + words,
                                r.criticality()),
                        T0)),
                List.of()));
        assertThat(everyStoredText()).filteredOn(v -> v.contains(words)).hasSize(3);

        retention.erasePerson(new PartyRef(Party.Kind.CONTACT, "ina"), MARKER);

        assertThat(everyStoredText()).noneMatch(v -> v.contains(words));
        assertThat(store.findForVendor(r.id()).orElseThrow().message()).isEqualTo(MARKER);
        assertThat(store.entriesForVendor(r.id(), 0, 10).get(0).text()).contains(MARKER);
    }

    /**
     * The words a contact gave as a parameter of their own entry (the reason they reopened) are theirs also where
     * they are quoted: in the ticket's update that carried them on.
     */
    @Test
    void erasingAContactReplacesTheWordsOfTheirEntrysParametersWhereTheyAreQuoted() throws Exception {
        String reason = "Der Fehler ist zurück in Halle 7";
        StoredEscalation r = raisedByInaWithASecondEntry(
                "E-8",
                entry(
                        2,
                        ActorRef.contact(ContactId.of("ina")),
                        ProgressKind.REOPENED,
                        null,
                        Map.of("reason", new EntryParam.Text(reason))),
                new TicketCommand.PostUpdate(
                        "E-8-reopened", EscalationId.of("E-8"), "Reopened: " + reason, Visibility.CUSTOMER));
        assertThat(everyStoredText()).filteredOn(v -> v.contains(reason)).hasSize(2);

        retention.erasePerson(new PartyRef(Party.Kind.CONTACT, "ina"), MARKER);

        assertThat(everyStoredText()).noneMatch(v -> v.contains(reason));
        assertThat(store.entriesForVendor(r.id(), 0, 10).get(1).params().get("reason"))
                .isEqualTo(new EntryParam.Text(MARKER));
    }

    /**
     * A contact and a staff member may share an id: erasing the contact "ina" leaves what the vendor's staff member
     * "ina" wrote on the contact's escalation, their texts and parameters.
     */
    @Test
    void erasingAContactLeavesTheEntriesOfAStaffMemberWithTheSameId() {
        String analysis = "Speicherleck im Lader gefunden";
        StoredEscalation r = raisedByInaWithASecondEntry(
                "E-6",
                entry(
                        2,
                        ActorRef.staff(StaffId.of("ina")),
                        ProgressKind.DECISION,
                        analysis,
                        Map.of("detail", new EntryParam.Text("Heap-Dump vom Montag"))));

        retention.erasePerson(new PartyRef(Party.Kind.CONTACT, "ina"), MARKER);

        List<StoredEntry> log = store.entriesForVendor(r.id(), 0, 10);
        assertThat(log.get(0).text()).contains(MARKER);
        assertThat(log.get(1).text()).contains(analysis);
        assertThat(log.get(1).params()).containsEntry("detail", new EntryParam.Text("Heap-Dump vom Montag"));
    }

    /** Escalation {@code id} raised by Ina ("down"), its second entry and the messages given, stored. */
    private StoredEscalation raisedByInaWithASecondEntry(String id, StoredEntry second, SideEffect... messages) {
        StoredEscalation raised = Fixtures.raised("acme", id, "C-" + id, T0);
        StoredEscalation r = Records.from(raised)
                .facts(Records.withEntryCount(raised.facts(), 2))
                .build();
        List<OutboxMessage> outbox = new ArrayList<>();
        for (SideEffect m : messages) {
            outbox.add(Fixtures.message("acme", m, T0));
        }
        store.create(new EscalationWrite(
                r,
                List.of(
                        entry(1, ActorRef.contact(ContactId.of("ina")), ProgressKind.ESCALATED, "down", Map.of()),
                        second),
                outbox,
                List.of()));
        return r;
    }

    /**
     * An erasure called on the store itself, with no export before it that reads the person's rows (the engine's
     * erasure exports first): the store's memos of what it wrote and read (outbox payloads, documents) keep no copy
     * of the person's values, which a heap dump would otherwise show until the slots are reused.
     */
    @Test
    void erasingAContactLeavesNoValueOfTheirsInTheStoresMemos() {
        StoredEscalation written = involvingInaAndEve("E-1", "C-1");
        assertThat(store.findForVendor(written.id())).isPresent();
        assertThat(EnginePersonalDataTestBase.heldInMemory(store))
                .as("the memos hold Ina's name and words (a self-check of the walk)")
                .anyMatch(v -> v.contains(INA.displayName()))
                .anyMatch(v -> v.contains(INA_WORDS));

        retention.erasePerson(new PartyRef(Party.Kind.CONTACT, "ina"), MARKER);

        List<String> memos = EnginePersonalDataTestBase.heldInMemory(store);
        for (String value : List.of(INA.displayName(), INA.email(), INA_WORDS, "Ina's own detail")) {
            assertThat(memos).as(value).noneMatch(v -> v.contains(value));
        }
    }

    @Test
    void erasingAContactLeavesNoValueOfTheirsAndKeepsIdsAndOthersData() throws Exception {
        StoredEscalation first = involvingInaAndEve("E-1", "C-1");
        involvingInaAndEve("E-2", "C-2");
        StoredEscalation unrelated = Fixtures.raised("globex", "E-3", "C-3", T0, "zed");
        store.create(new EscalationWrite(
                unrelated,
                List.of(entry(1, ActorRef.contact(ContactId.of("zed")), ProgressKind.ESCALATED, "down", Map.of())),
                List.of(),
                List.of()));
        // one of the messages to Ina is delivered, the other dead-lettered
        List<ClaimedMessage> claimed = store.outbox().claim("me", T0.plusSeconds(1), Duration.ofMinutes(1), 100);
        List<DeliveryOutcome> outcomes = new ArrayList<>();
        for (ClaimedMessage c : claimed) {
            outcomes.add(
                    c.message().idempotencyKey().equals("E-1-to-ina")
                            ? new DeliveryOutcome.Delivered(c, Optional.empty())
                            : c.message().idempotencyKey().equals("E-2-to-ina")
                                    ? new DeliveryOutcome.DeadLetter(c, "PERMANENT", "bounced")
                                    : new DeliveryOutcome.Released(c));
        }
        store.outbox().finish(outcomes, T0.plusSeconds(1));

        ErasureCounts counts = retention.erasePerson(new PartyRef(Party.Kind.CONTACT, "ina"), MARKER);

        assertThat(counts).isEqualTo(new ErasureCounts(2, 4, 6, 2));
        List<String> stored = everyStoredText();
        for (String value : List.of(INA.displayName(), INA.email(), INA_WORDS, "Ina's own detail")) {
            assertThat(stored).as(value).noneMatch(v -> v.contains(value));
        }
        StoredEscalation after = store.findForVendor(first.id()).orElseThrow();
        assertThat(after.raisedBy()).isEqualTo(ContactId.of("ina"));
        assertThat(after.message()).isEqualTo(MARKER);
        assertThat(after.participants())
                .containsExactly(new Party(Party.Kind.CONTACT, "ina", MARKER, MARKER), EVE, Fixtures.contact("bob"));
        assertThat(after.lessonsLearned().orElseThrow().attendees())
                .containsExactly(new Party(Party.Kind.CONTACT, "ina", MARKER, MARKER), EVE);
        assertThat(after.resolution().orElseThrow().summary()).isEqualTo("Eve fixed it herself");
        assertThat(after.facts().pauseReason()).contains(EVE_PAUSE);
        assertThat(after.version()).isEqualTo(first.version());
        List<StoredEntry> log = store.entriesForVendor(first.id(), 0, 10);
        assertThat(log.get(0).text()).contains(MARKER);
        assertThat(log.get(0).params().get("detail")).isEqualTo(new EntryParam.Text(MARKER));
        assertThat(log.get(0).params().get("when")).isEqualTo(new EntryParam.At(T0));
        assertThat(log.get(1).params().get("participant")).isEqualTo(new EntryParam.Ref("ina"));
        assertThat(log.get(1).params().get("participantName")).isEqualTo(new EntryParam.Text(MARKER));
        assertThat(log.get(2).text()).contains(EVE_PAUSE);
        assertThat(store.findForVendor(unrelated.id())).contains(unrelated);
        assertThat(stored)
                .anyMatch(v -> v.contains(EVE.displayName()))
                .anyMatch(v -> v.contains(Fixtures.contact("bob").displayName()));

        // idempotent
        assertThat(retention
                        .erasePerson(new PartyRef(Party.Kind.CONTACT, "ina"), MARKER)
                        .isEmpty())
                .isTrue();
        // the outbox still works: the pending message to Ina can be delivered
        assertThat(store.outbox().claim("me", T0.plusSeconds(2), Duration.ofMinutes(1), 100))
                .isNotEmpty();
    }

    /**
     * Longer values are replaced inside every text of the escalations that concern the person (README, "Personal
     * data"), also in someone else's entry that does not name them by id: Eve's note quoting Ina's name.
     */
    @Test
    void erasingAContactReplacesTheirNameInsideAnotherAuthorsEntryOfTheirEscalation() {
        StoredEscalation first = involvingInaAndEve("E-1", "C-1");
        StoredEntry note = entry(
                5, ActorRef.staff(StaffId.of("eve")), ProgressKind.NOTE, "Rückruf an " + INA.displayName(), Map.of());
        store.changeForVendor(first.id(), current -> {
            EscalationWrite w = Records.change(current).entry(note).build();
            return UnitOfWork.Decision.write(w, w.next());
        });

        retention.erasePerson(new PartyRef(Party.Kind.CONTACT, "ina"), MARKER);

        assertThat(store.entriesForVendor(first.id(), 4, 10))
                .singleElement()
                .satisfies(e -> assertThat(e.text()).contains("Rückruf an " + MARKER));
    }

    /**
     * Erasure works only in the escalations that concern the person (README, "Personal data"): another customer's
     * escalation whose JSON merely holds their id as a substring (here a namesake contact "ina.k" of GLOBEX, with the
     * same name as ACME's Ina) does not concern them, and erasing ACME's Ina must not change GLOBEX's data.
     */
    @Test
    void erasingAContactLeavesAnotherCustomersNamesakeWhoseIdHoldsTheirs() {
        involvingInaAndEve("E-1", "C-1");
        Party namesake = new Party(Party.Kind.CONTACT, "ina.k", INA.displayName(), "ina.k@globex.example");
        StoredEscalation base = Fixtures.raised("globex", "E-3", "C-3", T0, "ina.k");
        StoredEscalation theirs = new StoredEscalation(
                base.id(),
                base.version(),
                base.customer(),
                base.caseId(),
                base.state(),
                base.raisedBy(),
                base.intake(),
                "Bitte " + INA.displayName() + " anrufen",
                base.cause(),
                base.criticality(),
                base.submissionKey(),
                base.raisedAt(),
                base.updatedAt(),
                base.manager(),
                base.plan(),
                base.proposal(),
                List.of(namesake),
                base.resolution(),
                base.lessonsLearned(),
                base.policy(),
                base.hotline(),
                base.facts(),
                base.ticketReference());
        Map<String, EntryParam> added = new LinkedHashMap<>();
        added.put("participant", new EntryParam.Ref("ina.k"));
        added.put("participantKind", new EntryParam.Code("CONTACT"));
        added.put("participantName", new EntryParam.Text(INA.displayName()));
        List<StoredEntry> entries =
                List.of(entry(1, ActorRef.staff(StaffId.of("eve")), ProgressKind.PARTICIPANT_ADDED, null, added));
        store.create(new EscalationWrite(
                theirs,
                entries,
                List.of(Fixtures.message("globex", Fixtures.notification(theirs.id(), "E-3-to-ina.k", namesake), T0)),
                List.of()));
        StoredEscalation before = store.findForVendor(theirs.id()).orElseThrow();
        List<StoredEntry> logBefore = store.entriesForVendor(theirs.id(), 0, 10);

        ErasureCounts counts = retention.erasePerson(new PartyRef(Party.Kind.CONTACT, "ina"), MARKER);

        assertThat(store.findForVendor(theirs.id()))
                .as("GLOBEX's escalation after erasing ACME's ina")
                .contains(before);
        assertThat(store.entriesForVendor(theirs.id(), 0, 10)).isEqualTo(logBefore);
        assertThat(counts.escalations())
                .as("only ACME's escalation concerns ina")
                .isEqualTo(1);
        assertThat(counts.messages())
                .as("only the messages of ACME's escalation")
                .isEqualTo(3);
    }

    @Test
    void erasingAStaffMemberReplacesTheirTextsResolutionAndPauseReasons() throws Exception {
        StoredEscalation r = involvingInaAndEve("E-1", "C-1");

        ErasureCounts counts = retention.erasePerson(new PartyRef(Party.Kind.STAFF, "eve"), MARKER);

        assertThat(counts.escalations()).isEqualTo(1);
        assertThat(counts.entries()).isEqualTo(2); // the pause and the update; not Ina's name in the entry Eve wrote
        List<String> stored = everyStoredText();
        for (String value : List.of(EVE.displayName(), EVE.email(), EVE_PAUSE, "Eve fixed it herself")) {
            assertThat(stored).as(value).noneMatch(v -> v.contains(value));
        }
        StoredEscalation after = store.findForVendor(r.id()).orElseThrow();
        assertThat(after.manager()).contains(StaffId.of("eve"));
        assertThat(after.resolution().orElseThrow().summary()).isEqualTo(MARKER);
        assertThat(after.facts().pauseReason()).contains(MARKER);
        assertThat(after.facts().excluded().get(0).reason()).contains(MARKER);
        assertThat(after.message()).contains(INA_WORDS);
        assertThat(store.entriesForVendor(r.id(), 0, 10).get(1).params().get("participantName"))
                .isEqualTo(new EntryParam.Text(INA.displayName()));
    }

    // ------------------------------------------------------------------------------------------ purging

    private StoredEscalation finished(String id, EscalationState state, Instant at) {
        StoredEscalation r = Fixtures.raised("acme", id, "C-" + id, at);
        OutboxMessage m = Fixtures.message("acme", Fixtures.notification(r.id(), id + "-n"), at);
        store.create(Fixtures.creation(r, List.of(m), List.of(Fixtures.due(r, DueKind.FIRST_CONTACT, "breach", at))));
        if (state != EscalationState.REQUESTED) {
            store.changeForVendor(r.id(), current -> {
                return UnitOfWork.Decision.write(
                        Records.change(current).state(state).build(), 0);
            });
        }
        return store.findForVendor(r.id()).orElseThrow();
    }

    @Test
    void purgeFinalBeforeDeletesOldFinalEscalationsWithEverythingTheyOwnInBatches() throws Exception {
        StoredEscalation closed = finished("E-closed", EscalationState.CLOSED, T0);
        StoredEscalation withdrawn = finished("E-withdrawn", EscalationState.WITHDRAWN, T0.plusSeconds(10));
        StoredEscalation young = finished("E-young", EscalationState.CLOSED, T0.plusSeconds(1000));
        StoredEscalation open = finished("E-open", EscalationState.ACTIVE, T0);
        Instant cutoff = T0.plusSeconds(500);
        // the store writes final_at (V10, the purge's index): the last change of a final escalation, NULL while open
        String mine = " AND escalation_id IN ('E-closed', 'E-withdrawn', 'E-young', 'E-open')";
        assertThat(count("SELECT COUNT(*) FROM esc_escalation WHERE final_at IS NOT NULL AND final_at = updated_at"
                        + " AND open = FALSE" + mine))
                .isEqualTo(3);
        assertThat(count("SELECT COUNT(*) FROM esc_escalation WHERE final_at IS NULL AND open = TRUE" + mine))
                .isEqualTo(1);

        assertThat(retention.purgeFinalBefore(cutoff, 1)).isEqualTo(1);
        assertThat(store.findForVendor(closed.id())).isEmpty();
        assertThat(store.findForVendor(withdrawn.id())).isPresent();
        assertThat(retention.purgeFinalBefore(cutoff, 5)).isEqualTo(1);
        assertThat(retention.purgeFinalBefore(cutoff, 5)).isZero();

        assertThat(store.findForVendor(young.id())).isPresent();
        assertThat(store.findForVendor(open.id())).isPresent();
        for (StoredEscalation gone : List.of(closed, withdrawn)) {
            assertThat(store.entriesForVendor(gone.id(), 0, 10)).isEmpty();
            assertThat(store.outbox().countsOf(gone.id()).pending()).isZero();
            assertThat(count("SELECT COUNT(*) FROM esc_due WHERE escalation_id = '" + gone.id() + "'"))
                    .isZero();
            assertThat(count("SELECT COUNT(*) FROM esc_change WHERE escalation_id = '" + gone.id() + "'"))
                    .isZero();
        }
        assertThat(store.outbox().counts().pending()).isEqualTo(2);
        assertThat(EnginePersonalDataTestBase.heldInMemory(store))
                .as("the store's memos keep nothing of the purged escalations")
                .noneMatch(v -> v.contains(closed.id().value())
                        || v.contains(withdrawn.id().value()))
                .as("but the kept one's (a self-check of the walk)")
                .anyMatch(v -> v.contains(young.id().value()));
        assertThatThrownBy(() -> retention.purgeFinalBefore(cutoff, 0)).isInstanceOf(IllegalArgumentException.class);
        // the case of a purged escalation can be escalated again
        store.create(Fixtures.creation(
                Fixtures.raised("acme", "E-again", closed.caseId().value(), T0)));
        assertThat(store.findOpenForCustomer(
                        CustomerId.of("acme"), CaseId.of(closed.caseId().value())))
                .isPresent();
    }

    private long count(String sql) throws Exception {
        try (Connection c = pool.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void purgeDeliveredBeforeRefusesCutOffsInsideTheWindowAndKeepsKeysInsideIt() {
        StoredEscalation r = Fixtures.raised("acme", "E-1", "C-1", T0);
        List<OutboxMessage> messages = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            messages.add(
                    Fixtures.message("acme", Fixtures.notification(r.id(), "k" + i, Fixtures.contact("c" + i)), T0));
        }
        store.create(Fixtures.creation(r, messages, List.of()));
        List<ClaimedMessage> claimed = store.outbox().claim("me", T0, Duration.ofMinutes(1), 10);
        Instant delivered = T0.plusSeconds(60);
        store.outbox()
                .finish(
                        List.of(
                                new DeliveryOutcome.Delivered(claimed.get(0), Optional.empty()),
                                new DeliveryOutcome.Delivered(claimed.get(1), Optional.empty()),
                                new DeliveryOutcome.Delivered(claimed.get(2), Optional.empty()),
                                new DeliveryOutcome.DeadLetter(claimed.get(3), "PERMANENT", "x")),
                        delivered);
        Duration window = store.capabilities().deduplicationWindow();
        Instant now = delivered.plus(window).plusSeconds(30);

        assertThatThrownBy(
                        () -> retention.purgeDeliveredBefore(now.minus(window).plusNanos(1), now, 10))
                .isInstanceOf(IllegalArgumentException.class);
        Instant cutoff = T0.plusNanos(1); // after the messages were created
        // delivered less than W before now: kept, so that its key is still not queued again
        assertThat(retention.purgeDeliveredBefore(cutoff, delivered.plus(window).minusNanos(1), 10))
                .isZero();
        assertThat(retention.purgeDeliveredBefore(T0, now, 10)).isZero(); // created at the cut-off: not before it
        assertThatThrownBy(() -> retention.purgeDeliveredBefore(cutoff, now, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("limit");
        assertThat(retention.purgeDeliveredBefore(cutoff, now, 1))
                .as("a limit of 1")
                .isEqualTo(1);
        assertThat(retention.purgeDeliveredBefore(cutoff, now, 2)).isEqualTo(2);
        assertThat(retention.purgeDeliveredBefore(cutoff, now, 2)).isZero();
        // pending and dead messages stay
        assertThat(store.outbox().counts().pending()).isEqualTo(1);
        assertThat(store.outbox().counts().dead()).isEqualTo(1);
        // a purged key is outside the window: it may be queued again
        OutboxMessage again = new OutboxMessage(
                dev.escalation.model.MessageId.of("again"),
                r.customer(),
                messages.get(0).effect(),
                now,
                now,
                0,
                Optional.empty());
        store.changeForVendor(r.id(), current -> {
            return UnitOfWork.Decision.write(
                    Records.change(current).messages(again).build(), 0);
        });
        assertThat(store.outbox().counts().pending()).isEqualTo(2);
    }
}
