import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.escalation.Actor;
import dev.escalation.EscalationEngine;
import dev.escalation.HotlineNumber;
import dev.escalation.command.Acknowledge;
import dev.escalation.command.AddParticipant;
import dev.escalation.command.AgreePlan;
import dev.escalation.command.AmendPlan;
import dev.escalation.command.ChangeCriticality;
import dev.escalation.command.Close;
import dev.escalation.command.DeclineLessonsLearned;
import dev.escalation.command.EscalateCase;
import dev.escalation.command.LogProgress;
import dev.escalation.command.PauseClock;
import dev.escalation.command.ReassignManager;
import dev.escalation.command.RecordLessonsLearned;
import dev.escalation.command.RemoveParticipant;
import dev.escalation.command.Reopen;
import dev.escalation.command.Resolve;
import dev.escalation.command.ResumeClock;
import dev.escalation.command.ScheduleLessonsLearned;
import dev.escalation.command.Withdraw;
import dev.escalation.holidays.GermanCoverage;
import dev.escalation.holidays.JollydayHolidays;
import dev.escalation.inmemory.InMemoryCustomerDirectory;
import dev.escalation.inmemory.InMemoryStaffDirectory;
import dev.escalation.inmemory.InMemoryTicketing;
import dev.escalation.jdbc.JdbcEscalationStore;
import dev.escalation.jdbc.JdbcSchema;
import dev.escalation.sla.SlaCalendar;
import dev.escalation.sla.SlaPolicy;
import dev.escalation.spi.CalendarSpec;
import dev.escalation.spi.CaseId;
import dev.escalation.spi.Cause;
import dev.escalation.spi.Channel;
import dev.escalation.spi.ContactId;
import dev.escalation.spi.Criticality;
import dev.escalation.spi.CustomerAccount;
import dev.escalation.spi.CustomerId;
import dev.escalation.spi.CustomerRole;
import dev.escalation.spi.DueKind;
import dev.escalation.spi.EscalationId;
import dev.escalation.spi.EscalationRecord;
import dev.escalation.spi.EscalationStore;
import dev.escalation.spi.Notification;
import dev.escalation.spi.Notifier;
import dev.escalation.spi.OpeningHours;
import dev.escalation.spi.OutboxMessage;
import dev.escalation.spi.Page;
import dev.escalation.spi.PageRequest;
import dev.escalation.spi.PermanentDeliveryException;
import dev.escalation.spi.StaffId;
import dev.escalation.spi.StaffMember;
import dev.escalation.spi.StaffRole;
import dev.escalation.spi.SupportCase;
import dev.escalation.spi.Touchpoint;
import dev.escalation.spi.Visibility;
import dev.escalation.test.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Writes the 0.1.0 upgrade fixture: a fresh database filled through 0.1.0's own public API (EscalationEngine on
 * JdbcEscalationStore), with a fixed clock and in-memory directories, so the data is exactly what a 0.1.0
 * installation stores.
 *
 * <p><b>Not part of the build.</b> make-fixtures.sh copies this file and FixtureCounts.java into a worktree of the
 * tag v0.1.0 and compiles them against that version's classes; it must never compile against the current code.
 *
 * <pre>
 * java -cp &lt;v0.1.0 class path&gt; MakeFixtures h2 jdbc:h2:file:/tmp/x/fixture sa "" &lt;out dir&gt;
 * java -cp &lt;v0.1.0 class path&gt; MakeFixtures postgresql jdbc:postgresql://127.0.0.1/db user pw &lt;out dir&gt;
 * </pre>
 *
 * Writes {@code expected.properties} and {@code README.md} into the out dir, and for H2 also {@code h2.sql} (H2's
 * SCRIPT); the PostgreSQL dump is taken by the script with pg_dump afterwards.
 */
public final class MakeFixtures {
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    /** The clock's last instant: Friday 12 March 2027, 20:00 in Berlin. Due items at or before it are overdue. */
    static final Instant NOW =
            LocalDateTime.of(2027, 3, 12, 20, 0).atZone(BERLIN).toInstant();

    /** The SLA policy every fixture escalation runs under; the upgrade test must register it (see README.md). */
    static final SlaPolicy POLICY = SlaPolicy.builder("standard", 1)
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
            .build();

    // invented people and companies
    static final CustomerId NORDLICHT = CustomerId.of("nordlicht");
    static final CustomerId GLOBEX = CustomerId.of("globex");
    final Actor ulla = Actor.contact("ulla"); // Incident Manager at Nordlicht
    final Actor gina = Actor.contact("gina"); // Incident Manager at Globex
    final Actor sam = Actor.staff("sam"); // Support Management
    final Actor eve = Actor.staff("eve"); // Escalation Manager
    final Actor olaf = Actor.staff("olaf"); // Escalation Manager

    final MutableClock clock =
            MutableClock.at(LocalDateTime.of(2027, 3, 1, 8, 0).atZone(BERLIN).toInstant());
    final FixtureNotifier notifier = new FixtureNotifier();
    final InMemoryCustomerDirectory customers = new InMemoryCustomerDirectory();
    final InMemoryStaffDirectory staff = new InMemoryStaffDirectory();
    final EscalationStore store;
    final EscalationEngine engine;
    /** What each escalation went through, for README.md. */
    final Map<String, String> stories = new LinkedHashMap<>();

    MakeFixtures(EscalationStore store) {
        this.store = store;
        seedDirectories();
        AtomicInteger next = new AtomicInteger(1);
        engine = EscalationEngine.builder()
                .clock(clock)
                .customers(customers)
                .staff(staff)
                .store(store)
                .notifier(notifier)
                .ticketing(new InMemoryTicketing())
                .coverage(GermanCoverage.calendar())
                .holidayRegions(JollydayHolidays.resolver())
                .hotline(new HotlineNumber("Deutschland", "+49 30 5550 1000"))
                .slaPolicy(POLICY)
                .escalationIds(() -> EscalationId.of(String.format(Locale.ROOT, "E-%03d", next.getAndIncrement())))
                .instanceName("fixture-generator")
                .build();
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("org.jboss.logging.provider", "slf4j");
        if (args.length != 5 || !(args[0].equals("h2") || args[0].equals("postgresql"))) {
            System.err.println("usage: MakeFixtures h2|postgresql <jdbc url> <user> <password> <out dir>");
            System.exit(64);
        }
        String target = args[0];
        Path out = Path.of(args[4]);
        Files.createDirectories(out);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(args[1]);
        config.setUsername(args[2]);
        config.setPassword(args[3]);
        config.setMaximumPoolSize(2);
        config.setPoolName("fixture-" + target);
        try (HikariDataSource dataSource = new HikariDataSource(config)) {
            int applied = JdbcSchema.migrate(dataSource);
            if (applied != 1) {
                throw new IllegalStateException(
                        "expected an empty database (1 migration to apply), applied " + applied);
            }
            MakeFixtures fixture =
                    new MakeFixtures(JdbcEscalationStore.builder(dataSource).build());
            fixture.run();
            try (Connection c = dataSource.getConnection()) {
                normalise(c, target);
                Map<String, String> counts = FixtureCounts.counts(c, NOW);
                fixture.crossCheck(counts);
                Map<String, String> expected = new LinkedHashMap<>();
                expected.put("fixture.version", "0.1.0");
                expected.put("fixture.now", NOW.toString());
                expected.put("fixture.zone", BERLIN.getId());
                expected.put(
                        "fixture.policy", POLICY.ref().id() + ":" + POLICY.ref().version());
                expected.putAll(counts);
                FixtureCounts.write(
                        out.resolve("expected.properties"),
                        List.of(
                                "Written by escalation-jdbc/src/test/upgrade/make-fixtures.sh; do not edit.",
                                "What h2.sql and postgresql.sql contain, counted with plain SQL (FixtureCounts.java).",
                                "fixture.now is the generator clock's last instant: due items at or before it are"
                                        + " overdue."),
                        expected);
                Files.writeString(out.resolve("README.md"), fixture.readme(counts));
                if (target.equals("h2")) {
                    try (Statement s = c.createStatement()) {
                        // NOPASSWORDS: no random salt/hash in the file; BLOCKSIZE: every CLOB inline, no LOB helper
                        s.execute("SCRIPT COLUMNS NOPASSWORDS NOSETTINGS BLOCKSIZE 1000000 TO '"
                                + out.resolve("h2.sql")
                                        .toAbsolutePath()
                                        .toString()
                                        .replace("'", "''")
                                + "' CHARSET 'UTF-8'");
                    }
                }
            }
            fixture.engine.close();
        }
        System.out.println("fixture written for " + target + " into " + out);
    }

    /**
     * Takes what varies from run to run out of the data, so two runs give the same files:
     *
     * <ul>
     *   <li>Flyway records the wall-clock time and duration of the migration;</li>
     *   <li>0.1.0 builds most string maps with {@code Map.of}, whose iteration order is randomised per JVM, so the
     *       key order of those JSON objects changes between runs. Their keys are sorted: the map-typed members
     *       {@code ProgressEntry.details}, {@code Notification.data} and {@code DueItem.data} (the whole due
     *       payload), nothing else. JSON key order carries no meaning, and maps that 0.1.0 fills in a fixed order
     *       (LinkedHashMap) are already in sorted order;</li>
     *   <li>on PostgreSQL, CLUSTER writes every table in primary-key order, so pg_dump lists rows in an order that
     *       does not depend on the history of updates (the CLUSTER mark is removed again).</li>
     * </ul>
     */
    static void normalise(Connection c, String target) throws SQLException {
        sortMapKeys(
                c,
                "SELECT customer_id, escalation_id, sequence_no, entry FROM esc_progress",
                "UPDATE esc_progress SET entry = ? WHERE customer_id = ? AND escalation_id = ? AND sequence_no = ?",
                "details");
        sortMapKeys(
                c,
                "SELECT seq, payload FROM esc_outbox WHERE effect_type = 'notification'",
                "UPDATE esc_outbox SET payload = ? WHERE seq = ?",
                "data");
        sortMapKeys(
                c,
                "SELECT customer_id, due_key, payload FROM esc_due",
                "UPDATE esc_due SET payload = ? WHERE customer_id = ? AND due_key = ?",
                null);
        try (Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE " + FixtureCounts.HISTORY
                    + " SET \"installed_on\" = TIMESTAMP '2027-03-01 00:00:00', \"execution_time\" = 0");
            if (target.equals("postgresql")) {
                Map<String, String> tables = new LinkedHashMap<>();
                tables.put("escalation_schema_history", "escalation_schema_history_pk");
                tables.put("esc_escalation", "esc_escalation_pk");
                tables.put("esc_progress", "esc_progress_pk");
                tables.put("esc_open_case", "esc_open_case_pk");
                tables.put("esc_outbox", "esc_outbox_seq_uq");
                tables.put("esc_due", "esc_due_pk");
                for (Map.Entry<String, String> t : tables.entrySet()) {
                    s.execute("CLUSTER " + t.getKey() + " USING " + t.getValue());
                    s.execute("ALTER TABLE " + t.getKey() + " SET WITHOUT CLUSTER");
                }
            }
        }
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /**
     * Rewrites the JSON in the last column of each row of {@code select} with the keys of one object sorted: the
     * member {@code field}, or the whole document if null. The other columns are the row's key, in the order of
     * {@code update}'s WHERE clause.
     */
    static void sortMapKeys(Connection c, String select, String update, String field) throws SQLException {
        List<Object[]> changes = new ArrayList<>();
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(select)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                String json = rs.getString(columns);
                String sorted = sortKeys(json, field);
                if (!sorted.equals(json)) {
                    Object[] row = new Object[columns];
                    row[0] = sorted;
                    for (int i = 1; i < columns; i++) {
                        row[i] = rs.getObject(i);
                    }
                    changes.add(row);
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement(update)) {
            for (Object[] row : changes) {
                for (int i = 0; i < row.length; i++) {
                    ps.setObject(i + 1, row[i]);
                }
                if (ps.executeUpdate() != 1) {
                    throw new IllegalStateException("no single row for " + update);
                }
            }
        }
    }

    static String sortKeys(String json, String field) {
        try {
            ObjectNode doc = (ObjectNode) MAPPER.readTree(json);
            if (!MAPPER.writeValueAsString(doc).equals(json)) {
                // the rewrite must change nothing but the order of the keys
                throw new IllegalStateException("JSON does not round-trip unchanged: " + json);
            }
            JsonNode map = field == null ? doc : doc.get(field);
            if (map == null || !map.isObject()) {
                throw new IllegalStateException("no object '" + field + "' in " + json);
            }
            TreeMap<String, JsonNode> sorted = new TreeMap<>();
            map.fields().forEachRemaining(e -> sorted.put(e.getKey(), e.getValue()));
            ObjectNode target = (ObjectNode) map;
            target.removeAll();
            sorted.forEach(target::set);
            return MAPPER.writeValueAsString(doc);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("not JSON: " + json, e);
        }
    }

    // ------------------------------------------------------------------ the story

    void seedDirectories() {
        // Nordlicht has a contract calendar (Bavarian holidays, 08:00-18:00): its resolution deadlines and meeting
        // reminders follow it; Globex has none, so the vendor's German coverage (09:00-17:00) applies.
        List<OpeningHours> hours = new ArrayList<>();
        for (DayOfWeek d : List.of(
                DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY)) {
            hours.add(new OpeningHours(d, LocalTime.of(8, 0), LocalTime.of(18, 0)));
        }
        customers
                .add(new CustomerAccount(
                        NORDLICHT,
                        "Nordlicht Großhandel GmbH",
                        Optional.of(new CalendarSpec("Europe/Berlin", Optional.of("DE-BY"), hours))))
                .add(new Touchpoint(
                        ContactId.of("ulla"),
                        NORDLICHT,
                        "Ulla Übermut",
                        "ulla@nordlicht.example",
                        Optional.of("+49 89 5550 2001"),
                        Set.of(CustomerRole.INCIDENT_MANAGER),
                        true))
                .add(new Touchpoint(
                        ContactId.of("bjoern"),
                        NORDLICHT,
                        "Björn Kälte",
                        "bjoern@nordlicht.example",
                        Optional.empty(),
                        Set.of(CustomerRole.TECHNICAL_CONTACT),
                        true))
                .add(new SupportCase(CaseId.of("N-1"), NORDLICHT, "Lagerverwaltung nicht erreichbar"))
                .add(new SupportCase(CaseId.of("N-2"), NORDLICHT, "Lieferscheine werden doppelt gedruckt"))
                .add(new SupportCase(CaseId.of("N-3"), NORDLICHT, "Berichte laden sehr langsam"))
                .add(new SupportCase(CaseId.of("N-4"), NORDLICHT, "Nachtlauf: OutOfMemoryError beim Import"))
                .add(new SupportCase(CaseId.of("N-5"), NORDLICHT, "Antwortzeiten des Supports"));
        customers
                .add(new CustomerAccount(GLOBEX, "Globex Süd AG", Optional.empty()))
                .add(new Touchpoint(
                        ContactId.of("gina"),
                        GLOBEX,
                        "Gina Groß",
                        "gina@globex.example",
                        Optional.empty(),
                        Set.of(CustomerRole.INCIDENT_MANAGER),
                        true))
                // the notifier fails once per message to the "flaky" domain: a pending message with attempts = 1
                .add(new Touchpoint(
                        ContactId.of("karl"),
                        GLOBEX,
                        "Karl Wackler",
                        "karl@flaky.globex.example",
                        Optional.empty(),
                        Set.of(CustomerRole.TECHNICAL_CONTACT),
                        true))
                .add(new SupportCase(CaseId.of("G-1"), GLOBEX, "Verdächtige Anmeldungen"))
                .add(new SupportCase(CaseId.of("G-2"), GLOBEX, "Produktionsdatenbank ausgefallen"))
                .add(new SupportCase(CaseId.of("G-3"), GLOBEX, "Keine Rückmeldung zu Tickets"))
                .add(new SupportCase(CaseId.of("G-4"), GLOBEX, "Rechnungsexport mit falschen Umlauten"))
                .add(new SupportCase(CaseId.of("G-5"), GLOBEX, "SAP-Schnittstelle: Zeitüberschreitungen"));
        staff.add(member("sam", "Sam Stützpunkt", StaffRole.SUPPORT_MANAGEMENT))
                .add(member("hanna", "Hanna Höchst", StaffRole.HEAD_OF_SUPPORT))
                .add(member("eve", "Eve Eskalation", StaffRole.ESCALATION_MANAGER))
                .add(member("olaf", "Olaf Öffner", StaffRole.ESCALATION_MANAGER))
                .add(member("dana", "Dana Dübel", StaffRole.SUPPORT_ENGINEER));
    }

    private static StaffMember member(String id, String name, StaffRole role) {
        return new StaffMember(StaffId.of(id), name, id + "@vendor.example", Optional.empty(), Set.of(role), true);
    }

    /** Moves the clock forward to a local time in Berlin (never backwards: the story is told in order). */
    void at(int day, int hour, int minute) {
        Instant t = LocalDateTime.of(2027, 3, day, hour, minute).atZone(BERLIN).toInstant();
        if (t.isBefore(clock.instant())) {
            throw new IllegalStateException("the story went back in time: " + t + " < " + clock.instant());
        }
        clock.set(t);
    }

    /** What a host's background worker does: queue the due reminders, deliver everything due. */
    void tick() {
        engine.processDueWork();
        engine.deliverPending();
    }

    EscalationId escalate(Actor who, String caseId, String message, Cause cause, Criticality c, String submission) {
        return engine.escalate(who, new EscalateCase(CaseId.of(caseId), message, cause, c, submission))
                .escalation();
    }

    void log(Actor who, EscalationId id, LogProgress.Kind kind, String text, Visibility visibility) {
        engine.logProgress(who, new LogProgress(id, kind, text, visibility));
    }

    Instant local(int day, int hour, int minute) {
        return LocalDateTime.of(2027, 3, day, hour, minute).atZone(BERLIN).toInstant();
    }

    void run() {
        // ---- week 1: four escalations run their whole course; everything is delivered -------------------------
        at(1, 9, 0); // Monday 1 March 2027
        EscalationId e1 = escalate(
                ulla,
                "N-4",
                "Der Nachtlauf bricht seit drei Nächten mit OutOfMemoryError ab; "
                        + "die Berichte für den Vertrieb fehlen.",
                Cause.SOFTWARE_ERROR,
                Criticality.HIGH,
                "portal-0001");
        stories.put(
                e1.value(),
                "full lifecycle: plan, participants (one external, whose mail bounces: the dead letter),"
                        + " meeting held, pause/resume, decision, resolved, lessons learned held with two actions,"
                        + " closed");
        at(1, 9, 40);
        engine.acknowledge(
                sam, new Acknowledge(e1, StaffId.of("eve"), "Mit Frau Übermut telefoniert; Eve übernimmt."));
        at(1, 10, 0);
        engine.agreePlan(eve, new AgreePlan(e1, Duration.ofDays(1), Channel.VIDEO_CALL, local(1, 14, 0)));
        at(1, 10, 5);
        engine.addParticipant(eve, AddParticipant.staff(e1, "dana"));
        engine.addParticipant(eve, AddParticipant.contact(e1, "bjoern"));
        at(1, 10, 10);
        log(
                eve,
                e1,
                LogProgress.Kind.STATUS_UPDATE,
                "Heap-Dump analysiert: Der Lader hält alle Zeilen im Speicher 🐘.",
                Visibility.CUSTOMER);
        log(
                eve,
                e1,
                LogProgress.Kind.NOTE,
                "Patch-Kandidat im Review (intern, nicht für Nordlicht).",
                Visibility.INTERNAL);
        at(1, 10, 15);
        engine.addParticipant(eve, AddParticipant.external(e1, "Zoë Außendienst", "zoe@bounce.invalid"));
        at(1, 10, 20);
        tick(); // Zoë's "you were added" mail bounces: PermanentDeliveryException -> the one dead letter
        at(1, 10, 25);
        engine.removeParticipant(
                eve,
                new RemoveParticipant(
                        e1, "zoe@bounce.invalid", "Adresse existiert nicht; " + "Zoë wird telefonisch informiert."));
        at(1, 14, 0);
        tick(); // the first meeting is due: reminders
        at(1, 14, 30);
        log(
                eve,
                e1,
                LogProgress.Kind.MEETING_HELD,
                "Tägliche Besprechung: Patch wird morgen auf Staging getestet.",
                Visibility.CUSTOMER);
        tick();

        at(2, 9, 0); // Tuesday
        engine.pauseClock(eve, new PauseClock(e1, "Warten auf den Staging-Test bei Nordlicht"));
        at(2, 11, 0);
        EscalationId e2 = escalate(
                gina,
                "G-3",
                "Seit Wochen keine Rückmeldung zu unseren Tickets – wir sind " + "unzufrieden.",
                Cause.COMPLAINT,
                Criticality.LOW,
                "globex-web-17");
        stories.put(
                e2.value(),
                "complaint: plan, a customer communication, resolved, the customer declined lessons "
                        + "learned, closed by Support Management");
        at(2, 12, 0);
        engine.acknowledge(sam, new Acknowledge(e2, StaffId.of("olaf"), "Rückruf bei Frau Groß; Olaf übernimmt."));
        at(2, 12, 30);
        engine.agreePlan(olaf, new AgreePlan(e2, Duration.ofDays(7), Channel.EMAIL, local(9, 10, 0)));
        at(2, 13, 0);
        log(gina, e2, LogProgress.Kind.COMMUNICATION, "Wir erwarten eine Antwort bis Freitag.", Visibility.CUSTOMER);
        at(2, 16, 0);
        engine.resumeClock(eve, new ResumeClock(e1, "Staging-Test bestanden ✅"));
        at(2, 16, 30);
        log(
                eve,
                e1,
                LogProgress.Kind.DECISION,
                "Patch 7.1.3 heute Abend in Produktion einspielen.",
                Visibility.CUSTOMER);
        tick();

        at(3, 10, 0); // Wednesday
        engine.resolve(eve, new Resolve(e1, "Patch 7.1.3 streamt die Zeilen; der Nachtlauf ist in 42 Minuten durch."));
        EscalationId e3 = escalate(
                gina,
                "G-4",
                "Der Rechnungsexport liefert falsche Umlaute (ä wird zu Ã¤).",
                Cause.OTHER_TECHNICAL,
                Criticality.MEDIUM,
                "globex-web-18");
        stories.put(e3.value(), "acknowledged, then withdrawn by the customer");
        at(3, 10, 30);
        engine.scheduleLessonsLearned(eve, new ScheduleLessonsLearned(e1, local(5, 10, 0), Duration.ofHours(1)));
        at(3, 11, 0);
        engine.acknowledge(sam, new Acknowledge(e3, StaffId.of("eve"), "Eve prüft den Export."));
        at(3, 15, 0);
        engine.withdraw(gina, new Withdraw(e3, "Der Fehler lag bei uns – Zeichensatz im Import falsch eingestellt."));
        tick();

        at(4, 9, 0); // Thursday
        EscalationId e4 = escalate(
                ulla,
                "N-5",
                "Antworten des Supports dauern zu lange.",
                Cause.SLOW_RESPONSE,
                Criticality.LOW,
                "portal-0002");
        stories.put(
                e4.value(), "criticality raised by the customer (LOW → MEDIUM), withdrawn before acknowledgement");
        at(4, 9, 20);
        engine.changeCriticality(
                ulla, new ChangeCriticality(e4, Criticality.MEDIUM, "Betrifft inzwischen die Monatsabrechnung."));
        at(4, 9, 50);
        engine.withdraw(ulla, new Withdraw(e4, "Hat sich erledigt, danke."));
        at(4, 10, 0);
        log(
                olaf,
                e2,
                LogProgress.Kind.STATUS_UPDATE,
                "Rückstand abgearbeitet; fester Ansprechpartner benannt.",
                Visibility.CUSTOMER);
        engine.resolve(olaf, new Resolve(e2, "Alle offenen Tickets beantwortet; wöchentlicher Statusbericht."));
        at(4, 10, 30);
        engine.declineLessonsLearned(gina, new DeclineLessonsLearned(e2, "Kein Bedarf – danke."));
        at(4, 11, 0);
        engine.close(sam, new Close(e2, "Geschlossen nach Ablehnung der Nachbesprechung."));
        tick();

        at(5, 11, 30); // Friday
        engine.recordLessonsLearned(
                eve,
                new RecordLessonsLearned(
                        e1,
                        "Die Speichergrenzen des Laders wurden nie mit Produktionsvolumen getestet.",
                        List.of(
                                new RecordLessonsLearned.Action(
                                        "Lasttest mit Produktionsvolumen ergänzen", "Dana Dübel"),
                                new RecordLessonsLearned.Action(
                                        "Alarm bei Heap über 80 % einrichten", "Björn Kälte"))));
        at(5, 11, 35);
        engine.close(eve, new Close(e1, "Danke, Nordlicht! 🔥"));
        tick();

        // ---- week 2: escalations that are still running ---------------------------------------------------------
        at(6, 11, 0); // Saturday: a critical escalation outside coverage gets hotline advice
        EscalationId e5 = escalate(
                gina,
                "G-2",
                "Die Produktionsdatenbank ist ausgefallen; niemand kann sich " + "anmelden.",
                Cause.DATABASE_OUTAGE,
                Criticality.CRITICAL,
                "globex-web-19");
        stories.put(
                e5.value(),
                "raised on a Saturday (hotline advised), plan every 4 h, meeting held, resolved, "
                        + "reopened by the customer, resolved again");
        at(6, 11, 5);
        tick();

        at(8, 9, 10); // Monday
        engine.acknowledge(sam, new Acknowledge(e5, StaffId.of("eve"), "Eve übernimmt; Rufbereitschaft informiert."));
        at(8, 9, 30);
        engine.agreePlan(eve, new AgreePlan(e5, Duration.ofHours(4), Channel.PHONE, local(8, 13, 30)));
        at(8, 10, 0);
        EscalationId e6 = escalate(
                ulla,
                "N-3",
                "Berichte laden seit dem Update 30 s statt 3 s.",
                Cause.PERFORMANCE_DEGRADATION,
                Criticality.MEDIUM,
                "portal-0003");
        stories.put(
                e6.value(),
                "manager reassigned while ACTIVE, meeting held, resolved, lessons-learned session "
                        + "scheduled for 15 March (invitations with a meeting invite)");
        at(8, 11, 0);
        engine.acknowledge(sam, new Acknowledge(e6, StaffId.of("eve"), "Eve übernimmt."));
        at(8, 11, 30);
        engine.agreePlan(eve, new AgreePlan(e6, Duration.ofDays(1), Channel.CHAT, local(9, 11, 30)));
        at(8, 12, 0);
        log(
                eve,
                e5,
                LogProgress.Kind.STATUS_UPDATE,
                "Replikation wiederhergestellt; Anmeldungen funktionieren wieder.",
                Visibility.CUSTOMER);
        at(8, 13, 0);
        EscalationId e7 = escalate(
                ulla,
                "N-2",
                "Lieferscheine werden doppelt gedruckt; der Versand kommt nicht " + "hinterher.",
                Cause.SOFTWARE_ERROR,
                Criticality.HIGH,
                "portal-0004");
        stories.put(
                e7.value(),
                "the busiest log: participants, criticality raised by the customer and lowered by the "
                        + "manager, plan amended, pause/resume, communications both ways, internal note, "
                        + "calendar change, meetings held; its last two entries are not delivered");
        at(8, 13, 20);
        engine.acknowledge(sam, new Acknowledge(e7, StaffId.of("eve"), "Eve übernimmt zusätzlich."));
        at(8, 13, 30);
        tick();
        at(8, 13, 40);
        // the first meeting is after Nordlicht's hours: the customer's reminder waits for 08:00 (quiet hours)
        engine.agreePlan(eve, new AgreePlan(e7, Duration.ofDays(1), Channel.VIDEO_CALL, local(8, 18, 30)));
        at(8, 13, 45);
        engine.addParticipant(eve, AddParticipant.staff(e7, "dana"));
        engine.addParticipant(eve, AddParticipant.contact(e7, "bjoern"));
        at(8, 13, 50);
        engine.changeCriticality(ulla, new ChangeCriticality(e7, Criticality.CRITICAL, "Der Versand steht still."));
        at(8, 14, 0);
        log(eve, e5, LogProgress.Kind.MEETING_HELD, "Telefonkonferenz: Ursache noch unklar.", Visibility.CUSTOMER);
        at(8, 15, 0);
        engine.reassignManager(sam, new ReassignManager(e6, StaffId.of("olaf"), "Eve ist mit E-005 ausgelastet."));
        at(8, 16, 0);
        engine.resolve(eve, new Resolve(e5, "Speicher der Datenbank erweitert, Failover getestet."));
        tick();
        at(8, 18, 30);
        tick(); // E-007's meeting: the staff reminder now, the customer's at 08:00

        at(9, 8, 0); // Tuesday
        tick();
        at(9, 8, 30);
        EscalationId e8 = escalate(
                ulla,
                "N-4",
                "Nach dem Patch fehlen Buchungen vom 28. Februar.",
                Cause.DATA_LOSS,
                Criticality.MEDIUM,
                "portal-0005");
        stories.put(
                e8.value(),
                "a second escalation of case N-4 (E-001 is closed): plan, external participant, "
                        + "meeting held, SLA clock paused and still paused (so no due items)");
        at(9, 9, 0);
        engine.acknowledge(sam, new Acknowledge(e8, StaffId.of("olaf"), "Olaf übernimmt."));
        log(
                eve,
                e7,
                LogProgress.Kind.MEETING_HELD,
                "Ursache eingegrenzt: die Druckwarteschlange.",
                Visibility.CUSTOMER);
        at(9, 9, 30);
        engine.changeCriticality(
                eve, new ChangeCriticality(e7, Criticality.HIGH, "Workaround aktiv: Doppeldrucke werden aussortiert."));
        engine.reopen(gina, new Reopen(e5, "Der Ausfall ist heute früh erneut aufgetreten 😞"));
        engine.agreePlan(olaf, new AgreePlan(e8, Duration.ofDays(3), Channel.EMAIL, local(10, 9, 30)));
        at(9, 10, 0);
        engine.amendPlan(
                eve,
                new AmendPlan(
                        e7,
                        Duration.ofDays(2),
                        Channel.PHONE,
                        local(11, 10, 0),
                        "Workaround hält; seltener abstimmen."));
        engine.addParticipant(olaf, AddParticipant.external(e8, "Åsa Prüfgruber", "asa@revision.example"));
        at(9, 10, 30);
        engine.pauseClock(eve, new PauseClock(e7, "Warten auf Logdateien von Nordlicht"));
        at(9, 11, 30);
        tick();
        at(9, 11, 45);
        log(olaf, e6, LogProgress.Kind.MEETING_HELD, "Nach dem Update fehlen zwei Indexe.", Visibility.CUSTOMER);
        at(9, 14, 0);
        log(
                eve,
                e5,
                LogProgress.Kind.STATUS_UPDATE,
                "Ursache: volle Partition für das Transaktionslog.",
                Visibility.CUSTOMER);
        at(9, 15, 0);
        engine.resolve(olaf, new Resolve(e6, "Fehlende Indexe angelegt; Berichte laden in 2 s."));
        at(9, 15, 30);
        engine.scheduleLessonsLearned(olaf, new ScheduleLessonsLearned(e6, local(15, 14, 0), Duration.ofMinutes(90)));
        tick();

        at(10, 9, 0); // Wednesday
        engine.resumeClock(eve, new ResumeClock(e7, "Logdateien erhalten"));
        EscalationId e9 = escalate(
                gina,
                "G-1",
                "Verdächtige Anmeldungen aus unbekannten Netzen 🔐",
                Cause.SECURITY_INCIDENT,
                Criticality.HIGH,
                "globex-web-20");
        stories.put(
                e9.value(),
                "ACKNOWLEDGED with notes and pause/resume, no plan; a participant whose mail server "
                        + "fails once (a pending message with attempts = 1); resolution SLA breached and not yet "
                        + "processed");
        at(10, 9, 5);
        log(
                eve,
                e7,
                LogProgress.Kind.COMMUNICATION,
                "Telefonat mit Björn: Die Logs passen zum Verdacht.",
                Visibility.CUSTOMER);
        at(10, 9, 10);
        log(ulla, e7, LogProgress.Kind.COMMUNICATION, "Danke für die schnelle Rückmeldung! 👍",
                Visibility.CUSTOMER);
        at(10, 9, 15);
        log(eve, e7, LogProgress.Kind.NOTE, "Der Fix braucht ein Release des Druckdienstes.", Visibility.INTERNAL);
        at(10, 9, 20);
        engine.acknowledge(sam, new Acknowledge(e9, StaffId.of("eve"), "Security-Rufbereitschaft alarmiert."));
        at(10, 9, 30);
        log(eve, e9, LogProgress.Kind.NOTE, "Security-Team informiert.", Visibility.INTERNAL);
        tick();
        at(10, 10, 0);
        log(eve, e9, LogProgress.Kind.STATUS_UPDATE, "Zugänge gesperrt, Analyse läuft.", Visibility.CUSTOMER);
        log(
                olaf,
                e8,
                LogProgress.Kind.MEETING_HELD,
                "Abgleich der Buchungen: 312 Datensätze betroffen.",
                Visibility.CUSTOMER);
        engine.resolve(eve, new Resolve(e5, "Log-Partition vergrößert, Überwachung eingerichtet."));
        at(10, 11, 0);
        engine.pauseClock(eve, new PauseClock(e9, "Warten auf Firewall-Logs von Globex"));
        engine.pauseClock(olaf, new PauseClock(e8, "Wiederherstellung aus dem Backup läuft beim Kunden"));
        at(10, 14, 0);
        engine.operations().recordCalendarChange(sam, "Feiertagskalender Bayern aktualisiert");
        at(10, 15, 0);
        engine.resumeClock(eve, new ResumeClock(e9, null));
        tick();

        at(11, 10, 0); // Thursday: the last time due work is processed
        tick();
        at(11, 10, 30);
        log(eve, e7, LogProgress.Kind.MEETING_HELD, "Release-Termin vereinbart.", Visibility.CUSTOMER);
        at(11, 14, 0);
        EscalationId e10 = escalate(
                gina,
                "G-5",
                "Die SAP-Schnittstelle meldet sporadisch Zeitüberschreitungen.",
                Cause.OTHER_TECHNICAL,
                Criticality.MEDIUM,
                "globex-web-21");
        stories.put(
                e10.value(),
                "REQUESTED and never acknowledged: its first-contact warning, breach and both repeats are overdue");
        at(11, 14, 5);
        engine.deliverPending();

        // ---- Friday 12 March: the last delivery run, then changes that are never delivered ----------------------
        at(12, 16, 0);
        engine.addParticipant(eve, AddParticipant.contact(e9, "karl"));
        at(12, 16, 5);
        engine.deliverPending(); // Karl's mail fails once: pending, attempts = 1, retry in 5 s, never retried
        at(12, 16, 10);
        log(eve, e7, LogProgress.Kind.DECISION, "Release 7.2 am Montag einspielen.", Visibility.CUSTOMER);
        log(eve, e7, LogProgress.Kind.STATUS_UPDATE, "Release 7.2 gebaut, alle Tests grün ✅", Visibility.CUSTOMER);
        at(12, 16, 20);
        log(
                eve,
                e9,
                LogProgress.Kind.STATUS_UPDATE,
                "Passwörter aller betroffenen Konten zurückgesetzt.",
                Visibility.CUSTOMER);
        at(12, 18, 0); // after coverage hours: hotline advice
        EscalationId e11 = escalate(
                ulla,
                "N-1",
                "Lagerverwaltung komplett ausgefallen – keine Auslieferung " + "möglich! 🔥",
                Cause.DATABASE_OUTAGE,
                Criticality.CRITICAL,
                "portal-0006");
        stories.put(e11.value(), "raised on Friday evening (hotline advised), REQUESTED; nothing delivered yet");
        at(12, 20, 0);
        if (!clock.instant().equals(NOW)) {
            throw new IllegalStateException("the story must end at " + NOW);
        }
    }

    // ------------------------------------------------------------------ checks and the README

    /** The SQL counts must agree with what 0.1.0's own API reads back. */
    void crossCheck(Map<String, String> counts) {
        List<String> problems = new ArrayList<>();
        for (String id : stories.keySet()) {
            EscalationRecord r = store.find(EscalationId.of(id)).orElseThrow();
            expect(problems, "escalation." + id + ".state", r.state().name(), counts);
            expect(
                    problems,
                    "escalation." + id + ".progress",
                    Integer.toString(r.progress().size()),
                    counts);
            expect(problems, "escalation." + id + ".version", Long.toString(r.version()), counts);
        }
        expect(problems, "escalations", Integer.toString(stories.size()), counts);
        expect(problems, "outbox.PENDING", Long.toString(store.outbox().pendingCount()), counts);
        Page<OutboxMessage> dead = store.outbox().deadLetters(PageRequest.first(100));
        expect(problems, "outbox.DEAD", Integer.toString(dead.items().size()), counts);
        expect(
                problems,
                "due.overdue",
                Integer.toString(store.dueWork().due(NOW, 500).size()),
                counts);
        for (String s : FixtureCounts.STATES) {
            if (counts.get("escalations." + s).equals("0")) {
                problems.add("no escalation in state " + s);
            }
        }
        if (counts.get("outbox.DEAD").equals("0")
                || counts.get("outbox.PENDING").equals("0")
                || counts.get("outbox.retrying").equals("0")
                || counts.get("due.overdue").equals("0")) {
            problems.add("the fixture needs dead, pending, retrying messages and overdue due items");
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("fixture cross-check failed: " + problems);
        }
    }

    private static void expect(List<String> problems, String key, String api, Map<String, String> counts) {
        if (!api.equals(counts.get(key))) {
            problems.add(key + ": SQL " + counts.get(key) + ", API " + api);
        }
    }

    String readme(Map<String, String> n) {
        StringBuilder b = new StringBuilder();
        b.append("""
                # Upgrade fixture: data written by escalation-jdbc 0.1.0

                Written by `escalation-jdbc/src/test/upgrade/make-fixtures.sh`; do not edit by hand. The script checks \
                out the tag `v0.1.0` into a temporary worktree, compiles `MakeFixtures.java` against that version and \
                lets 0.1.0's public API (`EscalationEngine` on `JdbcEscalationStore`, schema by `JdbcSchema.migrate`) \
                write one story into a fresh database, once on H2 and once on PostgreSQL:

                - `h2.sql`: H2's `SCRIPT COLUMNS NOPASSWORDS NOSETTINGS` of the file database (load with \
                `RUNSCRIPT FROM '…' CHARSET 'UTF-8'` into an empty database);
                - `postgresql.sql`: `pg_dump --column-inserts --no-owner --no-privileges` (plain SQL, psql's \
                `\\restrict` lines removed; load with `psql -f` into an empty database);
                - `expected.properties`: every count below, machine-readable, computed with plain SQL \
                (`FixtureCounts.java`) from the database the generator wrote and cross-checked against 0.1.0's API. \
                `make-fixtures.sh --check` loads both SQL files into empty databases and compares.

                Both databases hold the same rows (schema version 1: `esc_escalation`, `esc_progress`, \
                `esc_open_case`, `esc_outbox`, `esc_due`, and Flyway's `escalation_schema_history` with one \
                migration, `V1__escalation_schema.sql`; on H2 also Flyway's marker row \
                "<< Flyway Schema History table created >>" with `installed_rank` -1).

                Reproducible: two runs give the same files. For that the generator normalises three things that vary \
                from run to run: Flyway's `installed_on` is set to 2027-03-01 00:00 and `execution_time` to 0; the \
                keys of the string maps that 0.1.0 builds with `Map.of` (random iteration order per JVM) are sorted \
                — only the map-typed JSON members `ProgressEntry.details` (`esc_progress.entry`), \
                `Notification.data` (`esc_outbox.payload`) and `DueItem.data` (the whole `esc_due.payload`), nothing \
                else is touched; and \
                PostgreSQL tables are CLUSTERed by primary key before the dump (row order).

                ## How it was written

                - Clock: fixed, moved forward step by step from Monday 2027-03-01 09:00 to **Friday 2027-03-12 20:00 \
                Europe/Berlin (`fixture.now` = 2027-03-12T19:00:00Z)**. Pending due items at or before it are \
                *overdue*: a new engine whose clock reads that instant finds them in `overdue()`/`processDueWork()`.
                - Escalation ids `E-001` … in the order raised; message ids are the idempotency keys \
                (`E-001/<version>/<n>`, reminders `<due key>/<recipient>`), so nothing is random.
                - Customers: `nordlicht` (contract calendar Europe/Berlin, holiday region `DE-BY`, Mon–Fri \
                08:00–18:00) and `globex` (no contract calendar). Vendor coverage: `GermanCoverage.calendar()` \
                (09:00–17:00, German holidays) with hotline advice.
                - Staff: `sam` (Support Management), `hanna` (Head of Support), `eve` and `olaf` (Escalation \
                Managers), `dana` (engineer). Contacts: `ulla`, `bjoern` (nordlicht), `gina`, `karl` (globex). All \
                invented. Texts contain German umlauts, `ß` and emoji outside the BMP (🐘 🔥 😞 🔐 👍).
                - SLA policy **`standard` version 1** (every escalation records it; an engine reading the data must \
                register it or reading deadlines fails with `UnknownPolicyException`):

                  ```java
                  SlaPolicy.builder("standard", 1)
                          .firstContact(CRITICAL, 1 h).firstContact(HIGH, 2 h)
                          .firstContact(MEDIUM, 4 h).firstContact(LOW, 8 h)
                          .resolution(CRITICAL, 8 h).resolution(HIGH, 16 h)
                          .resolution(MEDIUM, 40 h).resolution(LOW, 80 h)
                          .measure(DueKind.RESOLUTION, SlaCalendar.CUSTOMER_CONTRACT)
                          .warnAt(75).repeatAfterBreach(4 h, 2)
                  ```
                - Delivery: a notifier that throws `PermanentDeliveryException` for `zoe@bounce.invalid` (the dead \
                letter) and fails once per message for `karl@flaky.globex.example` (a pending message with \
                `attempts` = 1 and `last_error` = `IllegalStateException`); ticketing in memory. Due work and \
                delivery ran as a host's worker would, the last due-work run on Thursday 11 March 10:00 and the last \
                delivery on Friday 16:05; what the story did afterwards is pending.

                Keys of `expected.properties`: `escalations[.<STATE>|.customer.<id>]`, `open_cases`, \
                `progress[.kind.<KIND>]`, `outbox[.PENDING|.DONE|.DEAD|.retrying|.claimed|.target.<T>|.type.<type>]`, \
                `due[.PENDING|.DONE|.overdue|.PENDING.kind.<KIND>]`, `schema_history.migrations|version`, and per \
                escalation `escalation.<id>.customer|case|state|criticality|version|manager|progress|open`, \
                `escalation.<id>.outbox.PENDING|DONE|DEAD`, `escalation.<id>.due.PENDING|DONE|overdue`. Keys \
                `fixture.*` describe the fixture (version, `now`, zone, policy).

                """);
        b.append("## Totals\n\n");
        b.append("| what | count |\n|---|---|\n");
        row(b, "escalations", n.get("escalations"));
        for (String s : FixtureCounts.STATES) {
            row(b, "… " + s, n.get("escalations." + s));
        }
        row(b, "open cases (`esc_open_case`)", n.get("open_cases"));
        row(b, "progress entries", n.get("progress"));
        row(b, "outbox messages", n.get("outbox"));
        row(
                b,
                "… PENDING (of which retrying, attempts > 0)",
                n.get("outbox.PENDING") + " (" + n.get("outbox.retrying") + ")");
        row(b, "… DONE", n.get("outbox.DONE"));
        row(b, "… DEAD (dead letters)", n.get("outbox.DEAD"));
        row(b, "due items", n.get("due"));
        row(
                b,
                "… PENDING (of which overdue at `fixture.now`)",
                n.get("due.PENDING") + " (" + n.get("due.overdue") + ")");
        row(b, "… DONE", n.get("due.DONE"));
        b.append("\nProgress entries by kind: ");
        List<String> kinds = new ArrayList<>();
        n.forEach((k, v) -> {
            if (k.startsWith("progress.kind.")) {
                kinds.add("`" + k.substring("progress.kind.".length()) + "` " + v);
            }
        });
        b.append(String.join(", ", kinds)).append(".\n\n");
        b.append("## Escalations\n\n");
        b.append("Outbox: pending / done / dead. Due: pending (overdue) / done.\n\n");
        b.append("| id | customer | case | criticality | state | version | progress | outbox | due | story |\n");
        b.append("|---|---|---|---|---|---|---|---|---|---|\n");
        for (Map.Entry<String, String> e : stories.entrySet()) {
            String p = "escalation." + e.getKey() + ".";
            b.append("| ")
                    .append(e.getKey())
                    .append(" | ")
                    .append(n.get(p + "customer"))
                    .append(" | ")
                    .append(n.get(p + "case"))
                    .append(" | ")
                    .append(n.get(p + "criticality"))
                    .append(" | ")
                    .append(n.get(p + "state"))
                    .append(" | ")
                    .append(n.get(p + "version"))
                    .append(" | ")
                    .append(n.get(p + "progress"))
                    .append(" | ")
                    .append(n.get(p + "outbox.PENDING"))
                    .append(" / ")
                    .append(n.get(p + "outbox.DONE"))
                    .append(" / ")
                    .append(n.get(p + "outbox.DEAD"))
                    .append(" | ")
                    .append(n.get(p + "due.PENDING"))
                    .append(" (")
                    .append(n.get(p + "due.overdue"))
                    .append(") / ")
                    .append(n.get(p + "due.DONE"))
                    .append(" | ")
                    .append(e.getValue())
                    .append(" |\n");
        }
        b.append("""

                ## Regenerate

                ```bash
                escalation-jdbc/src/test/upgrade/make-fixtures.sh          # both files, then the load check
                escalation-jdbc/src/test/upgrade/make-fixtures.sh --check  # only load and compare the committed files
                ```

                PostgreSQL: the cluster of `.ci/components/10-postgresql.sh` on 127.0.0.1:5432 (user `escalation`); \
                the script makes and drops its own scratch databases as the `postgres` superuser.
                """);
        return b.toString();
    }

    private static void row(StringBuilder b, String what, String count) {
        b.append("| ").append(what).append(" | ").append(count).append(" |\n");
    }

    /**
     * Delivers nothing anywhere: refuses mail to the {@code bounce.invalid} domain for good (a dead letter) and fails
     * the first attempt of every message to a {@code flaky.} domain (a retry that stays pending).
     */
    static final class FixtureNotifier implements Notifier {
        private final Set<String> failedOnce = new HashSet<>();

        @Override
        public void send(Notification n) {
            String email = n.recipient().email();
            if (email.endsWith("@bounce.invalid")) {
                throw new PermanentDeliveryException("550 mailbox unavailable", null);
            }
            if (email.contains("@flaky.") && failedOnce.add(n.idempotencyKey())) {
                throw new IllegalStateException("421 try again later");
            }
        }
    }
}
