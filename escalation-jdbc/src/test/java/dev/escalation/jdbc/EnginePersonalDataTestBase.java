package dev.escalation.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.escalation.Actor;
import dev.escalation.AuditSettings;
import dev.escalation.DataSubject;
import dev.escalation.ErasureReport;
import dev.escalation.EscalationEngine;
import dev.escalation.PersonInOpenEscalationException;
import dev.escalation.PersonalDataExport;
import dev.escalation.calendar.BusinessCalendar;
import dev.escalation.command.Acknowledge;
import dev.escalation.command.AddParticipant;
import dev.escalation.command.AgreePlan;
import dev.escalation.command.Close;
import dev.escalation.command.DeclineLessonsLearned;
import dev.escalation.command.EscalateCase;
import dev.escalation.command.LogProgress;
import dev.escalation.command.Resolve;
import dev.escalation.inmemory.InMemoryCustomerDirectory;
import dev.escalation.inmemory.InMemoryNotifier;
import dev.escalation.inmemory.InMemoryStaffDirectory;
import dev.escalation.inmemory.InMemoryTicketing;
import dev.escalation.model.CaseId;
import dev.escalation.model.Cause;
import dev.escalation.model.Channel;
import dev.escalation.model.ContactId;
import dev.escalation.model.Criticality;
import dev.escalation.model.CustomerId;
import dev.escalation.model.CustomerRole;
import dev.escalation.model.EscalationId;
import dev.escalation.model.HotlineNumber;
import dev.escalation.model.Party;
import dev.escalation.model.StaffId;
import dev.escalation.model.StaffRole;
import dev.escalation.model.Visibility;
import dev.escalation.spi.CustomerAccount;
import dev.escalation.spi.Notification;
import dev.escalation.spi.Notifier;
import dev.escalation.spi.PermanentDeliveryException;
import dev.escalation.spi.StaffMember;
import dev.escalation.spi.SupportCase;
import dev.escalation.spi.Touchpoint;
import dev.escalation.test.MutableClock;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Erasure and export through the engine on one database: after erasing a contact, every column of every
 * {@code esc_*} table (found in {@code information_schema.columns}) is scanned for her values.
 */
abstract class EnginePersonalDataTestBase extends StoreTestSupport {
    private static final Actor INA = Actor.contact("ina");
    private static final Actor TOM = Actor.contact("tom");
    private static final Actor SAM = Actor.staff("sam");
    private static final Actor EVE = Actor.staff("eve");
    private static final String MESSAGE = "Unser Lager in Kiel steht still seit 06:12";
    private static final String UPDATE = "Die Lastwagen warten vor Tor 3, bitte beeilen";
    private static final String DECLINE = "no time";
    private static final List<String> INA_VALUES =
            List.of("Ina Inkognito", "ina.inkognito@acme.example", MESSAGE, UPDATE, DECLINE);

    private MutableClock clock;
    private EscalationEngine engine;
    private JdbcPortalMessages portal;
    private JdbcSubjectKeys subjectKeys;
    private InMemoryCustomerDirectory customers;

    /** Delivers everything but notifications to Ina, which are dead-lettered (so her dead letters exist). */
    static final class RefusesIna implements Notifier {
        final InMemoryNotifier target = new InMemoryNotifier();

        @Override
        public void send(Notification n) {
            if (n.recipient().id().equals("ina")) {
                throw new PermanentDeliveryException("mailbox unknown", null);
            }
            target.send(n);
        }
    }

    /** The engine's store: its memos are searched for erased values. */
    private JdbcEscalationStore store;

    @BeforeEach
    void anEngine() {
        clock = MutableClock.at(Instant.parse("2027-01-12T09:00:00Z"));
        customers = new InMemoryCustomerDirectory();
        InMemoryStaffDirectory staff = new InMemoryStaffDirectory();
        CustomerId acme = CustomerId.of("acme");
        customers
                .add(new CustomerAccount(acme, "ACME", Optional.empty()))
                .add(new Touchpoint(
                        ContactId.of("ina"),
                        acme,
                        "Ina Inkognito",
                        "ina.inkognito@acme.example",
                        Optional.empty(),
                        Set.of(CustomerRole.INCIDENT_MANAGER),
                        true))
                .add(new Touchpoint(
                        ContactId.of("tom"),
                        acme,
                        "Tom Technical",
                        "tom@acme.example",
                        Optional.empty(),
                        Set.of(CustomerRole.INCIDENT_MANAGER),
                        true))
                .add(new SupportCase(CaseId.of("C-1"), acme, "Nightly load"))
                .add(new SupportCase(CaseId.of("C-2"), acme, "Slow queries"))
                .add(new CustomerAccount(CustomerId.of("globex"), "GLOBEX", Optional.empty()))
                .add(new Touchpoint(
                        ContactId.of("gil"),
                        CustomerId.of("globex"),
                        "Gil Globex",
                        "gil@globex.example",
                        Optional.empty(),
                        Set.of(CustomerRole.INCIDENT_MANAGER),
                        true))
                .add(new SupportCase(CaseId.of("G-1"), CustomerId.of("globex"), "Login broken"));
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
        portal = new JdbcPortalMessages(pool);
        subjectKeys = new JdbcSubjectKeys(pool);
        KeyPair signing;
        try {
            signing = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
        engine = EscalationEngine.builder()
                .auditTrail(new AuditSettings(subjectKeys, new JdbcAuditAnchors(pool), signing))
                .clock(clock)
                .customers(customers)
                .staff(staff)
                .notifier(new RefusesIna())
                .portalMessages(portal)
                .ticketing(new InMemoryTicketing())
                .store(store = JdbcEscalationStore.builder(pool).build())
                .coverage(BusinessCalendar.builder(ZoneId.of("Europe/Berlin"))
                        .openWeekdays(LocalTime.of(9, 0), LocalTime.of(17, 0))
                        .build())
                .hotline(new HotlineNumber("Germany", "+49 911 2399 110"))
                .build();
    }

    private EscalationId inasEscalation() {
        EscalationId id = engine.escalate(
                        INA, new EscalateCase(CaseId.of("C-1"), MESSAGE, Cause.SOFTWARE_ERROR, Criticality.HIGH, null))
                .escalation();
        engine.acknowledge(SAM, new Acknowledge(id, StaffId.of("eve"), "Called her back"));
        engine.agreePlan(
                EVE,
                new AgreePlan(
                        id,
                        Duration.ofDays(1),
                        Channel.VIDEO_CALL,
                        clock.instant().plusSeconds(7200)));
        engine.logProgress(INA, new LogProgress(id, LogProgress.Kind.COMMUNICATION, UPDATE, Visibility.CUSTOMER));
        engine.addParticipant(EVE, new AddParticipant(id, Party.Kind.CONTACT, "tom", null, null));
        engine.deliverPending();
        return id;
    }

    @Test
    void erasureLeavesNoValueInAnyColumnOfAnyTable() throws Exception {
        EscalationId id = inasEscalation();
        assertThatThrownBy(() -> engine.operations().erasePerson(SAM, DataSubject.contact("ina")))
                .isInstanceOf(PersonInOpenEscalationException.class);
        engine.resolve(EVE, new Resolve(id, "Index rebuilt"));
        engine.declineLessonsLearned(INA, new DeclineLessonsLearned(id, DECLINE));
        engine.close(EVE, new Close(id, null));
        EscalationId toms = engine.escalate(
                        TOM, new EscalateCase(CaseId.of("C-2"), DECLINE, Cause.SOFTWARE_ERROR, Criticality.HIGH, null))
                .escalation();
        engine.deliverPending();
        List<String> before = everyValue();
        for (String v : INA_VALUES) {
            assertThat(before).as("the scenario stores %s", v).anyMatch(s -> s.contains(v));
        }
        assertThat(heldInMemory(store))
                .as("the store's memos hold Ina's message (a self-check of the walk)")
                .anyMatch(s -> s.contains(MESSAGE));
        assertThat(engine.operations()
                        .deadLetters(SAM, dev.escalation.model.PageRequest.first(50))
                        .items())
                .as("notifications to Ina were dead-lettered")
                .isNotEmpty();

        PersonalDataExport export = engine.operations().exportPerson(SAM, DataSubject.contact("ina"));
        assertThat(export.escalations())
                .extracting(PersonalDataExport.Involvement::escalation)
                .containsExactly(id);
        assertThat(export.entries())
                .filteredOn(PersonalDataExport.Entry::wrote)
                .extracting(e -> e.text().orElse(""))
                .contains(UPDATE, DECLINE);

        engine.operations().audit().anchor(SAM, id);
        dev.escalation.spi.PartyRef inaRef = new dev.escalation.spi.PartyRef(Party.Kind.CONTACT, "ina");
        assertThat(subjectKeys.existingKey(inaRef)).as("Ina's audit key").isPresent();

        ErasureReport report = engine.operations().erasePerson(SAM, DataSubject.contact("ina"));

        // before anything reads the erased rows again (a read would replace what the memos hold). The outbox's memo
        // of payloads frees a message's slot when it is read, as the export that precedes every erasure does.
        List<String> memos = heldInMemory(store);
        for (String v : INA_VALUES) {
            if (!v.equals(DECLINE)) {
                assertThat(memos)
                        .as("after erasure the store's memos still hold \"%s\"", v)
                        .noneMatch(s -> s.contains(v));
            }
        }

        assertThat(subjectKeys.existingKey(inaRef))
                .as("Ina's audit key is shredded")
                .isEmpty();
        dev.escalation.AuditVerification verified = engine.operations().audit().verify(SAM, id);
        assertThat(verified.intact())
                .as("the chain verifies after erasure: %s", verified)
                .isTrue();
        assertThat(verified.anchored()).as("and agrees with its anchor").isPresent();

        assertThat(report.touched()).containsExactly(id);
        assertThat(report.escalations()).isEqualTo(1);
        assertThat(report.entries()).isGreaterThanOrEqualTo(3);
        List<String> after = everyValue();
        for (String v : INA_VALUES) {
            if (v.equals(DECLINE)) {
                // Tom raised his escalation with the same short words: they stay
                assertThat(after).contains(DECLINE);
                continue;
            }
            assertThat(after).as("after erasure a column still holds \"%s\"", v).noneMatch(s -> s.contains(v));
        }
        assertThat(engine.find(TOM, toms).orElseThrow().message()).isEqualTo(DECLINE);
        PersonalDataExport afterExport = engine.operations().exportPerson(SAM, DataSubject.contact("ina"));
        assertThat(afterExport.escalations()).hasSize(1);
        assertThat(afterExport.names()).isEmpty();
        assertThat(afterExport.addresses()).isEmpty();
    }

    /** The {@code chain_key} of every outbox row. */
    private List<String> chainKeys() throws Exception {
        List<String> keys = new ArrayList<>();
        try (Connection c = pool.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT chain_key FROM esc_outbox")) {
            while (rs.next()) {
                keys.add(rs.getString(1));
            }
        }
        return keys;
    }

    /**
     * An external stakeholder is erased by address: afterwards their address is in no column but the entries'
     * {@code participant} reference (which the audit chain hashes), not in an outbox row's chain key either; their
     * name nowhere; their audit key is shredded and the chain verifies.
     */
    @Test
    void anExternalStakeholdersAddressStaysOnlyInTheEntriesThatAddedThem() throws Exception {
        String zoe = "zoe.extern@partner.example";
        String name = "Zoë Extern";
        EscalationId id = inasEscalation();
        engine.addParticipant(EVE, AddParticipant.external(id, name, zoe)); // its notification to her stays pending
        engine.resolve(EVE, new Resolve(id, "Index rebuilt"));
        engine.declineLessonsLearned(INA, new DeclineLessonsLearned(id, DECLINE));
        engine.close(EVE, new Close(id, null));
        assertThat(chainKeys()).as("a pending message's chain names her").anyMatch(k -> k.contains(zoe));
        dev.escalation.spi.PartyRef zoeRef = new dev.escalation.spi.PartyRef(Party.Kind.EXTERNAL, zoe);
        assertThat(subjectKeys.existingKey(zoeRef)).isPresent();
        assertThat(engine.operations()
                        .exportPerson(SAM, DataSubject.external(zoe))
                        .names())
                .containsExactly(name);

        ErasureReport report = engine.operations().erasePerson(SAM, DataSubject.external(zoe));

        assertThat(report.touched()).containsExactly(id);
        assertThat(everyValue()).noneMatch(s -> s.contains(name));
        List<String> entryParams = new ArrayList<>();
        try (Connection c = pool.getConnection();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT params FROM esc_entry")) {
            while (rs.next()) {
                entryParams.add(rs.getString(1));
            }
        }
        assertThat(everyValue().stream().filter(s -> s.contains(zoe)).toList())
                .as("the entries' participant reference is the only column that holds her address")
                .isNotEmpty()
                .containsExactlyInAnyOrderElementsOf(
                        entryParams.stream().filter(s -> s.contains(zoe)).toList());
        assertThat(chainKeys()).noneMatch(k -> k.contains(zoe));
        assertThat(subjectKeys.existingKey(zoeRef)).isEmpty();
        dev.escalation.AuditVerification verified = engine.operations().audit().verify(SAM, id);
        assertThat(verified.intact()).as("%s", verified).isTrue();
    }

    @Test
    void erasureDeletesThePersonsPortalMessagesAndKeepsAnotherContacts() throws Exception {
        dev.escalation.spi.PartyRef ina = new dev.escalation.spi.PartyRef(Party.Kind.CONTACT, "ina");
        dev.escalation.spi.PartyRef tom = new dev.escalation.spi.PartyRef(Party.Kind.CONTACT, "tom");
        List<dev.escalation.spi.PortalMessage> toTom = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            portal.store(portalMessage("ina-" + i, ina, "Hello Ina Inkognito " + UPDATE));
            dev.escalation.spi.PortalMessage m = portalMessage("tom-" + i, tom, "Hello Tom Technical");
            portal.store(m);
            toTom.add(0, m);
        }
        assertThat(everyValue()).anyMatch(v -> v.contains("Ina Inkognito"));

        ErasureReport report = engine.operations().erasePerson(SAM, DataSubject.contact("ina"));

        assertThat(report.portalMessages()).isEqualTo(2);
        assertThat(everyValue()).noneMatch(v -> v.contains("Ina Inkognito") || v.contains(UPDATE));
        assertThat(engine.messagesFor(INA, dev.escalation.model.PageRequest.first(10))
                        .items())
                .isEmpty();
        assertThat(portal.messagesFor(tom, dev.escalation.model.PageRequest.first(10))
                        .items())
                .as("another contact's portal messages stay")
                .containsExactlyElementsOf(toTom);
        assertThat(engine.operations()
                        .erasePerson(SAM, DataSubject.contact("ina"))
                        .portalMessages())
                .isZero();
    }

    /** A contact of ACME with the given id, name and address. */
    private void contact(String id, String name, String email) {
        customers.add(new Touchpoint(
                ContactId.of(id),
                CustomerId.of("acme"),
                name,
                email,
                Optional.empty(),
                Set.of(CustomerRole.INCIDENT_MANAGER),
                true));
    }

    /** An escalation raised by {@code who} with {@code message}, an update of theirs, and closed. */
    private EscalationId closedEscalationOf(Actor who, String message, String update) {
        EscalationId id = engine.escalate(
                        who, new EscalateCase(CaseId.of("C-1"), message, Cause.SOFTWARE_ERROR, Criticality.HIGH, null))
                .escalation();
        engine.acknowledge(SAM, new Acknowledge(id, StaffId.of("eve"), "Called back"));
        engine.agreePlan(
                EVE,
                new AgreePlan(
                        id,
                        Duration.ofDays(1),
                        Channel.VIDEO_CALL,
                        clock.instant().plusSeconds(7200)));
        engine.logProgress(who, new LogProgress(id, LogProgress.Kind.COMMUNICATION, update, Visibility.CUSTOMER));
        engine.resolve(EVE, new Resolve(id, "Fixed for good"));
        engine.declineLessonsLearned(who, new DeclineLessonsLearned(id, "nothing to learn here"));
        engine.close(EVE, new Close(id, null));
        engine.deliverPending();
        return id;
    }

    /**
     * Ids with SQL {@code LIKE} wildcards, the escape character, JSON's quote and backslash: erasing one contact
     * erases exactly theirs, not a contact whose id has theirs as a prefix, nor one whose id differs in case only.
     */
    @Test
    void erasingAWildcardIdErasesExactlyThatContact() throws Exception {
        String x = "%i\"n\\a_!";
        String prefixed = x + "2";
        String upper = x.toUpperCase(Locale.ROOT);
        contact(x, "Xenia Wildcardperson", "xenia.wild@acme.example");
        contact(prefixed, "Yannick Prefixsohn", "yannick.prefix@acme.example");
        contact(upper, "Zora Casevariante", "zora.case@acme.example");
        contact("%", "Percy Prozent", "percy@acme.example");
        List<String> xValues = List.of(
                "Xenia Wildcardperson",
                "xenia.wild@acme.example",
                "Xenias Drucker brennt seit heute frueh",
                "Xenias Techniker ist unterwegs nach Kiel");
        EscalationId xs = closedEscalationOf(Actor.contact(x), xValues.get(2), xValues.get(3));
        List<EscalationId> others = new ArrayList<>();
        List<String> otherValues = new ArrayList<>();
        for (String other : List.of(prefixed, upper, "%")) {
            String message = "Message of " + other + " about the broken backup";
            String update = "Update of " + other + " about the restore";
            others.add(closedEscalationOf(Actor.contact(other), message, update));
            otherValues.add(message);
            otherValues.add(update);
        }
        otherValues.addAll(List.of("Yannick Prefixsohn", "yannick.prefix@acme.example", "Zora Casevariante"));
        otherValues.addAll(List.of("zora.case@acme.example", "Percy Prozent", "percy@acme.example"));
        List<String> before = everyValue();
        for (String v : xValues) {
            assertThat(before).as("the scenario stores %s", v).anyMatch(s -> s.contains(v));
        }
        for (String v : otherValues) {
            assertThat(before).as("the scenario stores %s", v).anyMatch(s -> s.contains(v));
        }
        List<PersonalDataExport> otherExports = new ArrayList<>();
        for (String other : List.of(prefixed, upper, "%")) {
            otherExports.add(engine.operations().exportPerson(SAM, DataSubject.contact(other)));
        }
        assertThat(engine.operations().exportPerson(SAM, DataSubject.contact(x)).escalations())
                .extracting(PersonalDataExport.Involvement::escalation)
                .containsExactly(xs);

        ErasureReport report = engine.operations().erasePerson(SAM, DataSubject.contact(x));

        assertThat(report.touched()).containsExactly(xs);
        List<String> after = everyValue();
        for (String v : xValues) {
            assertThat(after).as("after erasure a column still holds \"%s\"", v).noneMatch(s -> s.contains(v));
        }
        for (String v : otherValues) {
            assertThat(after)
                    .as("erasing %s removed another contact's \"%s\"", x, v)
                    .anyMatch(s -> s.contains(v));
        }
        List<String> others3 = List.of(prefixed, upper, "%");
        for (int i = 0; i < others3.size(); i++) {
            assertThat(engine.operations().exportPerson(SAM, DataSubject.contact(others3.get(i))))
                    .as("the export of %s after erasing %s", others3.get(i), x)
                    .isEqualTo(otherExports.get(i));
        }
        for (EscalationId e : List.of(xs, others.get(0), others.get(1), others.get(2))) {
            dev.escalation.AuditVerification v = engine.operations().audit().verify(SAM, e);
            assertThat(v.intact()).as("%s verifies after erasure: %s", e, v).isTrue();
        }
        ErasureReport again = engine.operations().erasePerson(SAM, DataSubject.contact(x));
        assertThat(List.of(again.escalations(), again.entries(), again.messages(), again.dueItems()))
                .as("a second erasure changes nothing")
                .containsOnly(0L);
    }

    /**
     * A value of theirs that holds another value of theirs (her message starts with her name; her second update repeats
     * her first), quoted whole in someone else's entry: the longer value goes whole. Replacing the shorter first would
     * leave the rest of her words.
     */
    @Test
    void aValueHoldingAnotherOfTheirsIsErasedWholeInsideAnotherText() throws Exception {
        String message = "Ina Inkognito meldet: das Lager in Kiel steht still";
        String first = "Tor 3 ist blockiert seit heute";
        String second = "Nachtrag: " + first + ", und Tor 4 ist auch zu";
        EscalationId id = engine.escalate(
                        INA, new EscalateCase(CaseId.of("C-1"), message, Cause.SOFTWARE_ERROR, Criticality.HIGH, null))
                .escalation();
        engine.acknowledge(SAM, new Acknowledge(id, StaffId.of("eve"), "Called back"));
        engine.agreePlan(
                EVE,
                new AgreePlan(
                        id,
                        Duration.ofDays(1),
                        Channel.VIDEO_CALL,
                        clock.instant().plusSeconds(7200)));
        engine.logProgress(INA, new LogProgress(id, LogProgress.Kind.COMMUNICATION, first, Visibility.CUSTOMER));
        engine.logProgress(INA, new LogProgress(id, LogProgress.Kind.COMMUNICATION, second, Visibility.CUSTOMER));
        engine.logProgress(
                EVE, new LogProgress(id, LogProgress.Kind.NOTE, "Sie schrieb: " + message, Visibility.INTERNAL));
        engine.logProgress(EVE, new LogProgress(id, LogProgress.Kind.NOTE, "Zitat: " + second, Visibility.INTERNAL));
        engine.resolve(EVE, new Resolve(id, "Fixed for good"));
        engine.declineLessonsLearned(INA, new DeclineLessonsLearned(id, "nothing to learn here"));
        engine.close(EVE, new Close(id, null));
        engine.deliverPending();
        assertThat(everyValue()).anyMatch(v -> v.contains("Zitat: " + second));

        engine.operations().erasePerson(SAM, DataSubject.contact("ina"));

        List<String> after = everyValue();
        for (String rest : List.of("das Lager in Kiel steht still", "und Tor 4 ist auch zu")) {
            assertThat(after)
                    .as("a column still holds the rest of her words: %s", rest)
                    .noneMatch(v -> v.contains(rest));
        }
        assertThat(after).contains("Sie schrieb: [erased]", "Zitat: [erased]");
    }

    /**
     * Retention at its boundary: an escalation closed at T is kept at exactly T + 24 months and purged a nanosecond
     * later, with every row naming it (esc_metric and anchors excepted, as documented), portal messages about it
     * included; an escalation raised at T and still open stays, and its chain still verifies.
     */
    @Test
    void retentionPurgesAClosedEscalationJustAfterItsMonthsAndNeverAnOpenOne() throws Exception {
        Instant t = clock.instant();
        EscalationId closed = closedEscalationOf(INA, MESSAGE, UPDATE);
        EscalationId open = engine.escalate(
                        TOM,
                        new EscalateCase(
                                CaseId.of("C-2"), "Backups hang", Cause.SOFTWARE_ERROR, Criticality.HIGH, null))
                .escalation();
        engine.deliverPending();
        engine.operations().audit().anchor(SAM, open);
        dev.escalation.spi.PartyRef tom = new dev.escalation.spi.PartyRef(Party.Kind.CONTACT, "tom");
        dev.escalation.spi.PortalMessage aboutClosed =
                portalMessage("about-closed", tom, closed, "Ina wrote: " + UPDATE);
        portal.store(aboutClosed);
        dev.escalation.spi.PortalMessage aboutOpen = portalMessage("about-open", tom, open, "Backups hang");
        portal.store(aboutOpen);
        dev.escalation.spi.PartyRef sam = new dev.escalation.spi.PartyRef(Party.Kind.STAFF, "sam");
        dev.escalation.spi.PartyRef gil = new dev.escalation.spi.PartyRef(Party.Kind.CONTACT, "gil");
        portal.store(portalMessage("about-closed-to-sam", sam, closed, "Ina wrote: " + UPDATE));
        EscalationId globex = engine.escalate(
                        Actor.contact("gil"),
                        new EscalateCase(
                                CaseId.of("G-1"), "Login broken", Cause.SOFTWARE_ERROR, Criticality.HIGH, null))
                .escalation();
        dev.escalation.spi.PortalMessage aboutGlobex = portalMessage("about-globex", gil, globex, "Login broken");
        portal.store(aboutGlobex);
        List<dev.escalation.spi.PortalMessage> samsBefore = portal.messagesFor(
                        sam, dev.escalation.model.PageRequest.first(500))
                .items();
        clock.set(t.atOffset(java.time.ZoneOffset.UTC).plusMonths(24).toInstant());

        dev.escalation.RetentionReport kept =
                engine.operations().applyRetention(SAM, dev.escalation.RetentionPolicy.closedAfterMonths(24));

        assertThat(kept.escalations()).as("closed exactly 24 months ago: kept").isZero();
        assertThat(engine.find(SAM, closed)).isPresent();
        assertThat(everyValue()).anyMatch(v -> v.contains(MESSAGE));

        clock.advance(Duration.ofNanos(1));
        dev.escalation.RetentionReport purged =
                engine.operations().applyRetention(SAM, dev.escalation.RetentionPolicy.closedAfterMonths(24));

        assertThat(purged.escalations())
                .as("closed 24 months and 1 ns ago: purged")
                .isEqualTo(1);
        assertThat(engine.find(SAM, closed)).isEmpty();
        assertThat(engine.find(SAM, open)).isPresent();
        assertThat(portal.messagesFor(tom, dev.escalation.model.PageRequest.first(10))
                        .items())
                .as("the purged escalation's portal message is removed, the open one's stays")
                .containsExactly(aboutOpen);
        assertThat(portal.messagesFor(sam, dev.escalation.model.PageRequest.first(500))
                        .items())
                .as("no recipient keeps a message about the purged escalation; the others stay")
                .noneMatch(m -> m.escalation().equals(closed))
                .containsExactlyElementsOf(samsBefore.stream()
                        .filter(m -> !m.escalation().equals(closed))
                        .toList());
        assertThat(portal.messagesFor(gil, dev.escalation.model.PageRequest.first(10))
                        .items())
                .as("another customer's message stays")
                .contains(aboutGlobex);
        assertThat(purged.portalMessages())
                .as("the report counts the removed portal messages")
                .isEqualTo(samsBefore.stream()
                                .filter(m -> m.escalation().equals(closed))
                                .count()
                        + 1);
        dev.escalation.AuditVerification v = engine.operations().audit().verify(SAM, open);
        assertThat(v.intact())
                .as("the open escalation's chain after the purge: %s", v)
                .isTrue();
        assertThat(v.anchored()).isPresent();
        List<String> left = everyValue("esc_metric", "esc_anchor", "esc_subject_key");
        assertThat(left).as("a row still names the purged escalation").noneMatch(s -> s.contains(closed.value()));
        assertThat(left)
                .as("a row still holds its message or update")
                .noneMatch(s -> s.contains(MESSAGE) || s.contains(UPDATE));
    }

    private dev.escalation.spi.PortalMessage portalMessage(String id, dev.escalation.spi.PartyRef to, String body) {
        return portalMessage(id, to, EscalationId.of("E-9"), body);
    }

    private dev.escalation.spi.PortalMessage portalMessage(
            String id, dev.escalation.spi.PartyRef to, EscalationId about, String body) {
        clock.advance(Duration.ofSeconds(1));
        return new dev.escalation.spi.PortalMessage(
                id,
                to,
                Optional.of(CustomerId.of("acme")),
                about,
                CaseId.of("C-1"),
                dev.escalation.model.NotificationKind.PROGRESS_UPDATE,
                clock.instant(),
                Locale.ENGLISH,
                "Update",
                body,
                java.util.Map.of(),
                Optional.empty());
    }

    /**
     * Every string the store's own objects hold in memory (its memos of documents and payloads among them): the fields
     * of the store's classes, followed through the SDK's records (by their accessors), arrays, collections, maps and
     * JSON trees; a pool, driver or JSON mapper is not entered.
     */
    static List<String> heldInMemory(Object root) {
        List<String> found = new ArrayList<>();
        java.util.Map<Object, Boolean> seen = new java.util.IdentityHashMap<>();
        java.util.Deque<Object> todo = new java.util.ArrayDeque<>(List.of(root));
        while (!todo.isEmpty()) {
            Object o = todo.pop();
            if (seen.put(o, Boolean.TRUE) != null) {
                continue;
            }
            List<Object> next = new ArrayList<>();
            if (o instanceof String text) {
                found.add(text);
            } else if (o instanceof com.fasterxml.jackson.databind.JsonNode tree) {
                found.add(tree.toString());
            } else if (o instanceof java.util.concurrent.atomic.AtomicReferenceArray<?> slots) {
                for (int i = 0; i < slots.length(); i++) {
                    next.add(slots.get(i));
                }
            } else if (o instanceof Object[] array) {
                next.addAll(java.util.Arrays.asList(array));
            } else if (o instanceof java.util.Collection<?> c) {
                next.addAll(List.copyOf(new ArrayList<Object>(c)));
            } else if (o instanceof java.util.Map<?, ?> m) {
                new ArrayList<java.util.Map.Entry<?, ?>>(m.entrySet()).forEach(e -> {
                    next.add(e.getKey());
                    next.add(e.getValue());
                });
            } else if (o instanceof Optional<?> opt) {
                opt.ifPresent(next::add);
            } else if (o.getClass().isRecord() && o.getClass().getName().startsWith("dev.escalation.")) {
                for (java.lang.reflect.RecordComponent rc : o.getClass().getRecordComponents()) {
                    if (!rc.getType().isPrimitive()) {
                        try {
                            java.lang.reflect.Method accessor = rc.getAccessor();
                            accessor.setAccessible(true); // the store's private records; the others' are public
                            next.add(accessor.invoke(o));
                        } catch (ReflectiveOperationException | RuntimeException e) {
                            throw new AssertionError(
                                    "cannot read " + o.getClass().getName() + "." + rc.getName(), e);
                        }
                    }
                }
            } else if (o.getClass().getName().startsWith("dev.escalation.jdbc.") && !(o instanceof Enum<?>)) {
                for (Class<?> t = o.getClass();
                        t != null && t.getName().startsWith("dev.escalation.jdbc.");
                        t = t.getSuperclass()) {
                    for (java.lang.reflect.Field f : t.getDeclaredFields()) {
                        if (!java.lang.reflect.Modifier.isStatic(f.getModifiers())
                                && !f.getType().isPrimitive()) {
                            try {
                                f.setAccessible(true);
                                next.add(f.get(o));
                            } catch (ReflectiveOperationException | RuntimeException e) {
                                throw new AssertionError("cannot read " + t.getName() + "." + f.getName(), e);
                            }
                        }
                    }
                }
            }
            next.stream().filter(java.util.Objects::nonNull).forEach(todo::push);
        }
        return found;
    }

    /** Every value of every column of every table whose name starts with {@code esc_} (but {@code except}). */
    private List<String> everyValue(String... except) throws Exception {
        List<String> tables = new ArrayList<>();
        try (Connection c = pool.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT DISTINCT table_name FROM information_schema.columns "
                        + "WHERE table_schema = CURRENT_SCHEMA")) {
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String t = rs.getString(1);
                    if (t.toLowerCase(Locale.ROOT).startsWith("esc_")
                            && !List.of(except).contains(t.toLowerCase(Locale.ROOT))) {
                        tables.add(t);
                    }
                }
            }
        }
        assertThat(tables)
                .as("information_schema lists the store's tables")
                .map(t -> t.toLowerCase(Locale.ROOT))
                .contains("esc_escalation", "esc_entry", "esc_outbox", "esc_due", "esc_ticket", "esc_change");
        List<String> values = new ArrayList<>();
        try (Connection c = pool.getConnection();
                Statement s = c.createStatement()) {
            for (String t : tables) {
                try (ResultSet rs = s.executeQuery("SELECT * FROM " + t)) {
                    int columns = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        for (int i = 1; i <= columns; i++) {
                            String v = rs.getString(i);
                            if (v != null) {
                                values.add(v);
                            }
                        }
                    }
                }
            }
        }
        return values;
    }
}
