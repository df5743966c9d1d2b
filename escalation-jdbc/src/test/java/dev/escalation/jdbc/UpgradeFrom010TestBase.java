package dev.escalation.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.Actor;
import dev.escalation.DeliveryReport;
import dev.escalation.EscalationEngine;
import dev.escalation.EscalationView;
import dev.escalation.calendar.BusinessCalendar;
import dev.escalation.command.LogProgress;
import dev.escalation.inmemory.InMemoryCustomerDirectory;
import dev.escalation.inmemory.InMemoryNotifier;
import dev.escalation.inmemory.InMemoryStaffDirectory;
import dev.escalation.inmemory.InMemoryTicketing;
import dev.escalation.model.ContactId;
import dev.escalation.model.Criticality;
import dev.escalation.model.CustomerId;
import dev.escalation.model.CustomerRole;
import dev.escalation.model.DueKind;
import dev.escalation.model.EntryParam;
import dev.escalation.model.EscalationId;
import dev.escalation.model.EscalationState;
import dev.escalation.model.EscalationSummary;
import dev.escalation.model.PageRequest;
import dev.escalation.model.Party;
import dev.escalation.model.ProgressKind;
import dev.escalation.model.StaffId;
import dev.escalation.model.StaffRole;
import dev.escalation.model.Visibility;
import dev.escalation.sla.SlaCalendar;
import dev.escalation.sla.SlaPolicy;
import dev.escalation.spi.Change;
import dev.escalation.spi.ChangeBatch;
import dev.escalation.spi.CustomerAccount;
import dev.escalation.spi.DataRetention;
import dev.escalation.spi.Notification;
import dev.escalation.spi.OutboxMessage;
import dev.escalation.spi.PartyRef;
import dev.escalation.spi.StaffMember;
import dev.escalation.spi.StoredEntry;
import dev.escalation.spi.StoredEscalation;
import dev.escalation.spi.Touchpoint;
import dev.escalation.test.MutableClock;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.opentest4j.TestAbortedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The upgrade from 0.1.0: the fixture that 0.1.0 wrote ({@code src/test/resources/upgrade/0.1.0}, made by
 * {@code src/test/upgrade/make-fixtures.sh}) is loaded into a fresh database, migrated with the library's own
 * migration ({@link JdbcSchema#migrate}), and then read and used by 0.2.0: every escalation and every log as
 * {@code expected.properties} counts them, every pending message delivered by the engine, the dead letter replayed
 * and delivered, and a new change written on an upgraded escalation. The tests run in order on one database.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class UpgradeFrom010TestBase {
    private static final Logger LOG = LoggerFactory.getLogger(UpgradeFrom010TestBase.class);
    static final String FIXTURES = "upgrade/0.1.0/";

    private TestDatabase database;
    private DataSource pool;
    private JdbcEscalationStore store;
    private String missing;
    private final Properties expected = new Properties();
    private int applied;
    private long reopenedTickets;
    private final Map<String, String> legacyPending = new LinkedHashMap<>();
    private final Map<String, String[]> legacyRendered = new HashMap<>();

    /** The database under test, empty. */
    protected abstract TestDatabase openDatabase();

    /** Loads the 0.1.0 fixture into the empty database. */
    protected abstract void loadFixture(TestDatabase database, DataSource dataSource) throws Exception;

    static String resource(String name) throws IOException {
        try (InputStream in = UpgradeFrom010TestBase.class.getClassLoader().getResourceAsStream(FIXTURES + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + FIXTURES + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @BeforeAll
    void loadAndMigrate() throws Exception {
        try {
            database = openDatabase();
        } catch (TestAbortedException e) {
            missing = String.valueOf(e.getMessage()).replaceFirst("^Assumption failed: ", "");
            return;
        }
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(FIXTURES + "expected.properties")) {
            expected.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
        }
        pool = database.newPool("upgrade", 4);
        loadFixture(database, pool);
        // what 0.1.0 left, read with plain SQL before the migration: the queued notifications and their texts, and
        // the delivered ticket Opens of escalations that still need a reference
        try (Connection c = pool.getConnection();
                Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT idempotency_key, payload FROM esc_outbox "
                    + "WHERE status = 'PENDING' AND effect_type = 'notification'")) {
                Json json = new Json();
                while (rs.next()) {
                    var tree = json.tree(rs.getString(2), "0.1.0 notification");
                    legacyPending.put(rs.getString(1), rs.getString(2));
                    legacyRendered.put(rs.getString(1), new String[] {
                        tree.get("subject").asText(), tree.get("body").asText()
                    });
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM esc_outbox m WHERE m.effect_type = 'ticket.open' "
                    + "AND m.status = 'DONE' AND (EXISTS (SELECT 1 FROM esc_escalation e WHERE e.escalation_id = "
                    + "m.escalation_id AND e.state NOT IN ('CLOSED', 'WITHDRAWN')) OR EXISTS (SELECT 1 FROM esc_outbox o "
                    + "WHERE o.escalation_id = m.escalation_id AND o.target = 'TICKETING' AND o.status <> 'DONE'))")) {
                rs.next();
                reopenedTickets = rs.getLong(1);
            }
        }
        long began = System.nanoTime();
        applied = JdbcSchema.migrate(pool);
        LOG.info(
                "[{}] migrated the 0.1.0 fixture in {} ms",
                database.name(),
                java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began));
        store = JdbcEscalationStore.builder(pool).build();
    }

    @AfterAll
    void closeDatabase() {
        if (database != null) {
            database.close();
        }
    }

    private void requireDatabase() {
        Assumptions.assumeTrue(missing == null, missing);
    }

    private int count(String key) {
        return Integer.parseInt(expected.getProperty(key, "0"));
    }

    private List<EscalationId> ids() {
        List<EscalationId> ids = new ArrayList<>();
        for (String key :
                new TreeMap<>(expected).keySet().stream().map(Object::toString).toList()) {
            if (key.startsWith("escalation.") && key.endsWith(".state")) {
                ids.add(EscalationId.of(key.substring("escalation.".length(), key.length() - ".state".length())));
            }
        }
        return ids;
    }

    private long sql(String query) throws SQLException {
        try (Connection c = pool.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    // ------------------------------------------------------------------------------------------ reading

    @Test
    @Order(1)
    void theLibrarysMigrationAppliesEveryLaterVersionToTheFixture() throws Exception {
        requireDatabase();
        assertThat(expected.getProperty("fixture.version")).isEqualTo("0.1.0");
        assertThat(count("schema_history.version")).isEqualTo(1);
        assertThat(applied).isEqualTo(19); // V2 … V20
        assertThat(JdbcSchema.migrate(pool)).isZero();
        assertThat(sql("SELECT COUNT(*) FROM \"" + JdbcSchema.HISTORY_TABLE + "\" WHERE \"success\" = TRUE "
                        + "AND \"version\" IS NOT NULL"))
                .isEqualTo(20);
        // nothing of the 0.1.0 documents is left unconverted
        assertThat(sql("SELECT COUNT(*) FROM esc_escalation WHERE body_format <> 2"))
                .isZero();
        assertThat(sql("SELECT COUNT(*) FROM esc_entry WHERE format <> 2")).isZero();
        assertThat(sql("SELECT COUNT(*) FROM esc_outbox WHERE payload_format <> 2"))
                .isZero();
    }

    /** V7 filled overdue_since of the converted rows by the rule the store writes (EscalationSummary.overdueSince). */
    @Test
    @Order(1)
    void theOverdueColumnOfConvertedRowsFollowsTheSummaryRule() throws Exception {
        requireDatabase();
        java.util.Map<String, java.util.Optional<Instant>> column = new java.util.TreeMap<>();
        try (Connection c = pool.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT escalation_id, overdue_since FROM esc_escalation")) {
            while (rs.next()) {
                column.put(rs.getString(1), Db.optionalInstant(rs, "overdue_since"));
            }
        }
        assertThat(column).isNotEmpty();
        assertThat(column.values())
                .as("some converted escalations are overdue-able")
                .anyMatch(o -> o.isPresent());
        column.forEach((id, since) -> assertThat(since)
                .as("overdue_since of %s", id)
                .isEqualTo(store.findForVendor(EscalationId.of(id))
                        .orElseThrow()
                        .summary()
                        .overdueSince()));
    }

    @Test
    @Order(2)
    void everyEscalationReadsAsTheFixtureCountsIt() {
        requireDatabase();
        List<EscalationId> ids = ids();
        assertThat(ids).hasSize(count("escalations"));
        Map<EscalationState, Integer> perState = new HashMap<>();
        for (EscalationId id : ids) {
            String p = "escalation." + id + ".";
            StoredEscalation r = store.findForVendor(id).orElseThrow();
            assertThat(r.customer().value()).as(p + "customer").isEqualTo(expected.getProperty(p + "customer"));
            assertThat(r.caseId().value()).as(p + "case").isEqualTo(expected.getProperty(p + "case"));
            assertThat(r.state().name()).as(p + "state").isEqualTo(expected.getProperty(p + "state"));
            assertThat(r.criticality().name()).as(p + "criticality").isEqualTo(expected.getProperty(p + "criticality"));
            assertThat(r.version()).as(p + "version").isEqualTo(count(p + "version"));
            assertThat(r.manager().map(StaffId::value).orElse(""))
                    .as(p + "manager")
                    .isEqualTo(expected.getProperty(p + "manager"));
            assertThat(r.facts().entryCount()).as(p + "progress").isEqualTo(count(p + "progress"));
            assertThat(r.facts().legacy()).as(p + "legacy").isTrue();
            assertThat(r.intake().recordedBy().id()).isEqualTo(r.raisedBy().value());
            assertThat(store.findForCustomer(r.customer(), id)).contains(r);
            boolean open = Boolean.parseBoolean(expected.getProperty(p + "open"));
            assertThat(store.findOpenForCustomer(r.customer(), r.caseId())
                            .map(StoredEscalation::id)
                            .filter(id::equals))
                    .as(p + "open")
                    .isEqualTo(open ? Optional.of(id) : Optional.empty());
            assertThat(store.outbox().countsOf(id).dead()).as(p + "outbox.DEAD").isEqualTo(count(p + "outbox.DEAD"));
            perState.merge(r.state(), 1, Integer::sum);
        }
        for (EscalationState state : EscalationState.values()) {
            assertThat(perState.getOrDefault(state, 0))
                    .as("escalations." + state)
                    .isEqualTo(count("escalations." + state));
        }
        for (String customer : List.of("nordlicht", "globex")) {
            List<EscalationSummary> listed = store.listForCustomer(CustomerId.of(customer), PageRequest.first(100))
                    .items();
            assertThat(listed)
                    .as("escalations.customer." + customer)
                    .hasSize(count("escalations.customer." + customer));
        }
        assertThat(store.listForVendor(EnumSet.allOf(EscalationState.class), PageRequest.first(100))
                        .items())
                .hasSize(count("escalations"));
        assertThat(sql0("SELECT COUNT(*) FROM esc_open_case")).isEqualTo(count("open_cases"));
    }

    private long sql0(String query) {
        try {
            return sql(query);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    @Order(3)
    void factsAreDerivedFromEachLog() {
        requireDatabase();
        for (EscalationId id : ids()) {
            StoredEscalation r = store.findForVendor(id).orElseThrow();
            List<StoredEntry> log = store.entriesForVendor(id, 0, 500);
            boolean acknowledged =
                    log.stream().anyMatch(e -> Legacy010.kindOf(e).equals("ACKNOWLEDGED"));
            assertThat(r.facts().acknowledgedAt().isPresent())
                    .as(id + " acknowledged")
                    .isEqualTo(acknowledged);
            boolean resolvedNow = Set.of(
                            EscalationState.RESOLVED, EscalationState.LESSONS_LEARNED, EscalationState.CLOSED)
                    .contains(r.state());
            assertThat(r.facts().resolvedAt().isPresent()).as(id + " resolved").isEqualTo(resolvedNow);
            assertThat(r.facts().invitations()).as(id + " invitations").isEqualTo((int) log.stream()
                    .filter(e -> Legacy010.kindOf(e).equals("LESSONS_LEARNED_SCHEDULED"))
                    .count());
        }
        // E-008: its SLA clock is still paused (README of the fixture); E-007 was paused and resumed
        StoredEscalation e008 = store.findForVendor(EscalationId.of("E-008")).orElseThrow();
        assertThat(e008.facts().pausedSince()).isPresent();
        assertThat(e008.summary().pausedSince()).isPresent();
        StoredEscalation e007 = store.findForVendor(EscalationId.of("E-007")).orElseThrow();
        assertThat(e007.facts().pausedSince()).isEmpty();
        assertThat(e007.facts().excluded()).isNotEmpty();
        assertThat(e007.facts().nextMeetingAt()).isPresent();
        assertThat(e007.facts().lastMeetingHeldAt()).isPresent();
        // E-005 was resolved, reopened and resolved again: the time it stood resolved is excluded
        assertThat(store.findForVendor(EscalationId.of("E-005"))
                        .orElseThrow()
                        .facts()
                        .excluded())
                .anyMatch(s -> s.kind() == dev.escalation.spi.ExcludedSpan.Kind.RESOLVED_UNTIL_REOPENED);
        // E-010 (REQUESTED, first-contact steps overdue) has its first-contact deadline as the next one
        assertThat(store.findForVendor(EscalationId.of("E-010"))
                        .orElseThrow()
                        .facts()
                        .nextDeadline())
                .hasValueSatisfying(d -> assertThat(d.kind()).isEqualTo(DueKind.FIRST_CONTACT));
        // a desk query sees the upgraded deadlines
        assertThat(store.queries()
                        .orElseThrow()
                        .counts(
                                dev.escalation.spi.InboxQuery.all(
                                        dev.escalation.spi.InboxQuery.Sort.NEXT_DEADLINE_ASC,
                                        Instant.parse(expected.getProperty("fixture.now"))),
                                Set.of(dev.escalation.spi.InboxQuery.Facet.BREACHED))
                        .get(dev.escalation.spi.InboxQuery.Facet.BREACHED))
                .containsKey("true");
    }

    @Test
    @Order(4)
    void everyLogReadsAsLegacyTextWithTheKindsTheFixtureCounts() {
        requireDatabase();
        Map<String, Integer> perKind = new TreeMap<>();
        int total = 0;
        for (EscalationId id : ids()) {
            List<StoredEntry> log = store.entriesForVendor(id, 0, 500);
            assertThat(log).as(id + " log").hasSize(count("escalation." + id + ".progress"));
            for (int i = 0; i < log.size(); i++) {
                StoredEntry e = log.get(i);
                assertThat(e.sequence()).isEqualTo(i + 1);
                assertThat(e.kind()).isEqualTo(ProgressKind.LEGACY_TEXT);
                assertThat(e.params().get(Legacy010.KIND)).isInstanceOf(EntryParam.Code.class);
                assertThat(e.params().values())
                        .allMatch(p -> p instanceof EntryParam.Text || p instanceof EntryParam.Code);
                perKind.merge(Legacy010.kindOf(e), 1, Integer::sum);
            }
            StoredEscalation r = store.findForVendor(id).orElseThrow();
            assertThat(store.entriesForCustomer(r.customer(), id, 0, 500))
                    .allMatch(e -> e.visibility() == Visibility.CUSTOMER);
            total += log.size();
        }
        assertThat(total).isEqualTo(count("progress"));
        for (Map.Entry<String, Integer> k : perKind.entrySet()) {
            assertThat(k.getValue()).as("progress.kind." + k.getKey()).isEqualTo(count("progress.kind." + k.getKey()));
        }
        // the escalation's first entry keeps the customer's words and its details
        StoredEntry first =
                store.entriesForVendor(EscalationId.of("E-001"), 0, 1).get(0);
        assertThat(first.text()).hasValueSatisfying(t -> assertThat(t).contains("OutOfMemoryError"));
        assertThat(first.params()).containsEntry("detail.criticality", new EntryParam.Text("HIGH"));
    }

    @Test
    @Order(5)
    void theChangeFeedStartsWithEveryEscalationAtItsCurrentVersion() {
        requireDatabase();
        ChangeBatch start = store.changesSince(ChangeBatch.START, 100);
        assertThat(start.changes()).hasSize(count("escalations"));
        for (Change c : start.changes()) {
            assertThat(c.version()).isEqualTo(count("escalation." + c.escalation() + ".version"));
        }
    }

    // ------------------------------------------------------------------------------------------ delivering

    private static final Actor SAM = Actor.staff("sam");
    private static final Actor EVE = Actor.staff("eve");

    private EscalationEngine engine(MutableClock clock, InMemoryNotifier notifier, InMemoryTicketing ticketing) {
        InMemoryCustomerDirectory customers = new InMemoryCustomerDirectory();
        InMemoryStaffDirectory staff = new InMemoryStaffDirectory();
        CustomerId nordlicht = CustomerId.of("nordlicht");
        CustomerId globex = CustomerId.of("globex");
        customers.add(new CustomerAccount(nordlicht, "Nordlicht", Optional.empty()));
        customers.add(new CustomerAccount(globex, "Globex", Optional.empty()));
        for (String[] c : List.of(
                new String[] {"ulla", "nordlicht"},
                new String[] {"bjoern", "nordlicht"},
                new String[] {"gina", "globex"},
                new String[] {"karl", "globex"})) {
            customers.add(new Touchpoint(
                    ContactId.of(c[0]),
                    CustomerId.of(c[1]),
                    c[0],
                    c[0] + "@" + c[1] + ".example",
                    Optional.empty(),
                    Set.of(CustomerRole.INCIDENT_MANAGER, CustomerRole.TECHNICAL_CONTACT),
                    true));
        }
        for (String[] s : List.of(
                new String[] {"sam", "SUPPORT_MANAGEMENT"},
                new String[] {"hanna", "HEAD_OF_SUPPORT"},
                new String[] {"eve", "ESCALATION_MANAGER"},
                new String[] {"olaf", "ESCALATION_MANAGER"},
                new String[] {"dana", "SUPPORT_ENGINEER"})) {
            staff.add(new StaffMember(
                    StaffId.of(s[0]),
                    s[0],
                    s[0] + "@vendor.example",
                    Optional.empty(),
                    Set.of(StaffRole.valueOf(s[1])),
                    true));
        }
        String[] policy = expected.getProperty("fixture.policy").split(":");
        return EscalationEngine.builder()
                .clock(clock)
                .customers(customers)
                .staff(staff)
                .notifier(notifier)
                .ticketing(ticketing)
                .store(store)
                .slaPolicy(SlaPolicy.builder(policy[0], Integer.parseInt(policy[1]))
                        .firstContact(Criticality.CRITICAL, Duration.ofHours(1))
                        .firstContact(Criticality.HIGH, Duration.ofHours(2))
                        .firstContact(Criticality.MEDIUM, Duration.ofHours(4))
                        .firstContact(Criticality.LOW, Duration.ofHours(8))
                        .resolution(Criticality.CRITICAL, Duration.ofHours(8))
                        .resolution(Criticality.HIGH, Duration.ofHours(16))
                        .resolution(Criticality.MEDIUM, Duration.ofHours(40))
                        .resolution(Criticality.LOW, Duration.ofHours(80))
                        .measure(DueKind.RESOLUTION, SlaCalendar.CUSTOMER_CONTRACT)
                        .warnAt(75)
                        .repeatAfterBreach(Duration.ofHours(4), 2)
                        .build())
                .coverage(BusinessCalendar.alwaysOpen())
                .instanceName("upgraded")
                .build();
    }

    @Test
    @Order(6)
    void theEngineDeliversEveryPendingMessageThenTheReplayedDeadLetterAndWritesOnAnUpgradedEscalation() {
        requireDatabase();
        long pending = store.outbox().counts().pending();
        assertThat(pending).isEqualTo(count("outbox.PENDING") + reopenedTickets);
        assertThat(store.outbox().counts().dead()).isEqualTo(count("outbox.DEAD"));
        MutableClock clock = MutableClock.at(
                Instant.parse(expected.getProperty("fixture.now")).plus(Duration.ofDays(1)));
        InMemoryNotifier notifier = new InMemoryNotifier();
        InMemoryTicketing ticketing = new InMemoryTicketing();
        EscalationEngine engine = engine(clock, notifier, ticketing);

        DeliveryReport report = engine.deliverPending();

        LOG.info("[{}] delivered what 0.1.0 left pending: {}", database.name(), report);
        assertThat(report.delivered()).isEqualTo((int) pending);
        assertThat(report.retried()).isZero();
        assertThat(report.deadLettered()).isZero();
        assertThat(store.outbox().counts().pending()).isZero();
        // the notifications 0.1.0 queued arrive with the subject and body 0.1.0 rendered (parameter "subject", text)
        Map<String, Notification> received = new HashMap<>();
        notifier.delivered().forEach(n -> received.put(n.idempotencyKey(), n));
        assertThat(received.keySet()).containsAll(legacyPending.keySet());
        for (String key : legacyPending.keySet()) {
            Notification n = received.get(key);
            assertThat(n.params().get(Legacy010.SUBJECT))
                    .isEqualTo(new EntryParam.Text(legacyRendered.get(key)[0]));
            assertThat(n.text()).contains(legacyRendered.get(key)[1]);
            // and the engine sends them as 0.1.0 rendered them, not re-rendered from parameters they lack
            assertThat(n.subject()).isEqualTo(legacyRendered.get(key)[0]);
            assertThat(n.body()).isEqualTo(legacyRendered.get(key)[1]);
        }
        // every open escalation has its ticket reference now, and its ticket calls went out in order
        for (EscalationId id : ids()) {
            StoredEscalation r = store.findForVendor(id).orElseThrow();
            if (r.state().isOpen()) {
                assertThat(r.ticketReference()).as(id + " ticket reference").isPresent();
                assertThat(ticketing
                                .ticket(r.ticketReference().get())
                                .orElseThrow()
                                .escalation())
                        .isEqualTo(id);
            }
        }

        // the dead letter 0.1.0 parked (an address that bounced) is replayed and delivered
        List<OutboxMessage> dead =
                store.outbox().deadLetters(PageRequest.first(10)).items();
        assertThat(dead).hasSize(count("outbox.DEAD"));
        assertThat(dead.get(0).deadCode()).contains("LEGACY");
        assertThat(engine.operations().replay(SAM, dead.get(0).id())).isTrue();
        DeliveryReport replayed = engine.deliverPending();
        assertThat(replayed.delivered()).isEqualTo(count("outbox.DEAD"));
        assertThat(store.outbox().counts()).isEqualTo(new dev.escalation.spi.OutboxCounts(0, 0, Optional.empty()));
        assertThat(notifier.delivered())
                .extracting(Notification::idempotencyKey)
                .contains(dead.get(0).idempotencyKey());

        // 0.2.0 writes on an upgraded escalation: the next version, a structured entry, a change in the feed
        EscalationId busiest = EscalationId.of("E-007");
        StoredEscalation before = store.findForVendor(busiest).orElseThrow();
        String cursor = store.changesSince(ChangeBatch.START, 100).cursor();
        EscalationView view = engine.logProgress(
                EVE,
                new LogProgress(
                        busiest, LogProgress.Kind.STATUS_UPDATE, "Nach dem Upgrade: läuft 👍", Visibility.CUSTOMER));
        assertThat(view.state()).isEqualTo(EscalationState.ACTIVE);
        StoredEscalation after = store.findForVendor(busiest).orElseThrow();
        assertThat(after.version()).isEqualTo(before.version() + 1);
        assertThat(after.facts().entryCount()).isEqualTo(before.facts().entryCount() + 1);
        StoredEntry newest =
                store.entriesForVendor(busiest, before.facts().entryCount(), 10).get(0);
        assertThat(newest.kind()).isEqualTo(ProgressKind.STATUS_UPDATE);
        assertThat(newest.text()).contains("Nach dem Upgrade: läuft 👍");
        assertThat(store.changesSince(cursor, 10).changes())
                .extracting(c -> c.escalation().value() + "@" + c.version())
                .containsExactly("E-007@" + after.version());
        assertThat(engine.deliverPending().delivered()).isPositive();
        engine.close();
    }

    // ------------------------------------------------------------------------------------------ erasure

    /**
     * Erasure reaches what 0.1.0 wrote. Zoë, an external stakeholder, was added to E-001 and removed again in 0.1.0:
     * no party of the escalation names her any more, only the converted log's two participant entries (her name; the
     * manager's sentence about her removal) and the messages to her. Erasing her leaves no value of hers, her address
     * (her id) included, nor the sentence about her; the other participants' entries keep their names.
     */
    @Test
    @Order(7)
    void erasingAStakeholderWhomOnlyThe010LogStillNamesLeavesNoValueOfHers() throws Exception {
        requireDatabase();
        String name = "Zoë Außendienst";
        String address = "zoe@bounce.invalid";
        String sentence = "Zoë wird telefonisch informiert";
        assertThat(RetentionTestBase.everyStoredText(pool))
                .as("the fixture names her")
                .anyMatch(v -> v.contains(name))
                .anyMatch(v -> v.contains(address))
                .anyMatch(v -> v.contains(sentence));
        assertThat(store.findForVendor(EscalationId.of("E-001")).orElseThrow().participants())
                .as("no party of the escalation is her any more")
                .noneMatch(p -> p.id().equals(address));

        DataRetention retention = store.retention().orElseThrow();
        retention.erasePerson(new PartyRef(Party.Kind.EXTERNAL, address), "[gelöscht]");

        List<String> stored = RetentionTestBase.everyStoredText(pool);
        for (String value : List.of(name, address, "Zoë")) {
            assertThat(stored).as(value).noneMatch(v -> v.contains(value));
        }
        assertThat(store.entriesForVendor(EscalationId.of("E-001"), 0, 20))
                .filteredOn(e -> e.sequence() == 8 || e.sequence() == 9)
                .extracting(StoredEntry::text)
                .containsExactly(Optional.of("[gelöscht]"), Optional.of("[gelöscht]"));
        assertThat(stored)
                .as("the others' names stay")
                .anyMatch(v -> v.contains("Dana Dübel"))
                .anyMatch(v -> v.contains("Björn Kälte"))
                .anyMatch(v -> v.contains("Åsa Prüfgruber"));
    }
}
