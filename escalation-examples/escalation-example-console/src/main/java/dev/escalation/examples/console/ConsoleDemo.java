package dev.escalation.examples.console;

import dev.escalation.Actor;
import dev.escalation.DeliveryReport;
import dev.escalation.DeskQuery;
import dev.escalation.EscalationEngine;
import dev.escalation.EscalationReceipt;
import dev.escalation.EscalationView;
import dev.escalation.OutboxStatus;
import dev.escalation.TimelineEntry;
import dev.escalation.command.Acknowledge;
import dev.escalation.command.AddParticipant;
import dev.escalation.command.AgreePlan;
import dev.escalation.command.Close;
import dev.escalation.command.EscalateCase;
import dev.escalation.command.LogProgress;
import dev.escalation.command.PauseClock;
import dev.escalation.command.RecordLessonsLearned;
import dev.escalation.command.Resolve;
import dev.escalation.command.ResumeClock;
import dev.escalation.command.ScheduleLessonsLearned;
import dev.escalation.holidays.GermanCoverage;
import dev.escalation.holidays.JollydayHolidays;
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
import dev.escalation.model.EscalationSummary;
import dev.escalation.model.HotlineNumber;
import dev.escalation.model.Page;
import dev.escalation.model.PageRequest;
import dev.escalation.model.StaffId;
import dev.escalation.model.StaffRole;
import dev.escalation.model.Visibility;
import dev.escalation.sla.Deadline;
import dev.escalation.sla.DeadlineState;
import dev.escalation.sla.SlaPolicy;
import dev.escalation.spi.CustomerAccount;
import dev.escalation.spi.Notification;
import dev.escalation.spi.StaffMember;
import dev.escalation.spi.SupportCase;
import dev.escalation.spi.Touchpoint;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The console demo: walks one escalation from the "Escalate Case" button to closure on the in-memory adapters and
 * prints a readable timeline. Run it with no argument for the full lifecycle, or with {@code after-hours} for a
 * critical escalation on a Saturday, which gets hotline advice.
 *
 * <p>This is plain code meant to be copied: wire the engine once, then call one method per user action.
 */
public final class ConsoleDemo {
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("EEE dd MMM HH:mm", Locale.ENGLISH);

    /** First contact and resolution targets per criticality, in business hours of the vendor's coverage. */
    static final SlaPolicy POLICY = SlaPolicy.builder("standard", 1)
            .firstContact(Criticality.CRITICAL, Duration.ofHours(1))
            .firstContact(Criticality.HIGH, Duration.ofHours(4))
            .resolution(Criticality.CRITICAL, Duration.ofHours(8))
            .resolution(Criticality.HIGH, Duration.ofHours(16))
            .warnAt(75)
            .repeatAfterBreach(Duration.ofHours(2), 3)
            .build();

    private final PrintStream out;
    private final DemoClock clock;
    private final InMemoryNotifier notifier = new InMemoryNotifier();
    private final InMemoryTicketing ticketing = new InMemoryTicketing();
    private final InMemoryCustomerDirectory customers = new InMemoryCustomerDirectory();
    private final InMemoryStaffDirectory staff = new InMemoryStaffDirectory();
    private final EscalationEngine engine;

    private static final CustomerId ACME = CustomerId.of("acme");
    private final Actor ina = Actor.contact("ina"); // Incident Manager at ACME
    private final Actor sam = Actor.staff("sam"); // Support Management
    private final Actor eve = Actor.staff("eve"); // Escalation Manager (Service Delivery Manager)

    private final DemoStorage storage;
    /** The reader's language: timeline, hotline advice and deadline explanations are rendered in it. */
    private final Locale locale;

    ConsoleDemo(PrintStream out, ZonedDateTime start) {
        this(out, start, DemoStorage.inMemory(), Locale.ENGLISH);
    }

    ConsoleDemo(PrintStream out, ZonedDateTime start, Locale locale) {
        this(out, start, DemoStorage.inMemory(), locale);
    }

    ConsoleDemo(PrintStream out, ZonedDateTime start, DemoStorage storage, Locale locale) {
        this.out = out;
        this.storage = storage;
        this.locale = locale;
        this.clock = new DemoClock(start.toInstant());
        seed();
        AtomicInteger ids = new AtomicInteger(storage.earlier().size()); // E-42 first, E-43 in a second --h2 run
        engine = storage.configure(EscalationEngine.builder()) // the store: in memory, or --h2 <path>
                .clock(clock)
                .customers(customers)
                .staff(staff)
                .notifier(notifier)
                .ticketing(ticketing)
                // German business hours with public holidays (escalation-holidays): hotline advice and SLA time
                .coverage(GermanCoverage.calendar())
                .holidayRegions(JollydayHolidays.resolver())
                // the SLA policy new escalations run under; deadlines are measured in business time
                .slaPolicy(POLICY)
                // the hotline numbers of the source document; configured by the host, never built into the engine
                .hotline(new HotlineNumber("Germany", "+49 911 2399 110"), new HotlineNumber("USA", "+1 415-363-5510"))
                .escalationIds(() -> EscalationId.of("E-" + (42 + ids.getAndIncrement())))
                // the host's own texts in front of the shipped English and German ones (DemoTexts: an override and
                // a language of the demo's own, loaded from this module's resource bundles)
                .texts(DemoTexts.source())
                .build();
    }

    /**
     * Runs the demo.
     *
     * @param args none for the full lifecycle, {@code after-hours} for the hotline scenario; {@code de} (or another
     *     language tag, such as {@code en}) for the language of the timeline; {@code --h2 <path>} for an H2 file
     */
    public static void main(String[] args) {
        // Hibernate Validator logs through JBoss Logging; send it to SLF4J like everything else
        System.setProperty("org.jboss.logging.provider", "slf4j");
        if (!run(args, System.out)) {
            System.exit(2);
        }
    }

    /** Runs the scenario named by the arguments, on the storage they choose; false for an unknown scenario. */
    static boolean run(String[] arguments, PrintStream out) {
        try (DemoStorage storage = DemoStorage.fromArgs(arguments)) {
            storage.describe(out);
            return run(storage.remainingArgs(), storage, out);
        }
    }

    private static boolean run(String[] arguments, DemoStorage storage, PrintStream out) {
        List<String> args = new java.util.ArrayList<>(List.of(arguments));
        Locale locale = Locale.ENGLISH;
        for (java.util.Iterator<String> i = args.iterator(); i.hasNext(); ) {
            String a = i.next();
            if (a.matches("[a-z]{2}([-_][A-Z]{2})?")) { // a language: de, en, fr, de-AT
                locale = Locale.forLanguageTag(a.replace('_', '-'));
                i.remove();
            }
        }
        String scenario = args.isEmpty() ? "lifecycle" : args.get(0);
        switch (scenario) {
            case "lifecycle" ->
                new ConsoleDemo(out, ZonedDateTime.of(2027, 1, 12, 10, 0, 0, 0, BERLIN), storage, locale).lifecycle();
            case "after-hours" ->
                new ConsoleDemo(out, ZonedDateTime.of(2027, 1, 16, 11, 0, 0, 0, BERLIN), storage, locale).afterHours();
            default -> {
                System.err.println("unknown scenario '" + scenario + "'; use no argument or 'after-hours'"
                        + " (optionally with " + DemoStorage.FLAG + " <path> to keep the data in an H2 file)");
                return false;
            }
        }
        return true;
    }

    private void seed() {
        CustomerId acme = CustomerId.of("acme");
        customers
                .add(new CustomerAccount(acme, "ACME Corp", Optional.empty()))
                .add(new Touchpoint(
                        ContactId.of("ina"),
                        acme,
                        "Ina Incident",
                        "ina@acme.example",
                        Optional.empty(),
                        Set.of(CustomerRole.INCIDENT_MANAGER),
                        true))
                .add(new Touchpoint(
                        ContactId.of("tom"),
                        acme,
                        "Tom Technical",
                        "tom@acme.example",
                        Optional.empty(),
                        Set.of(CustomerRole.TECHNICAL_CONTACT),
                        true))
                .add(new SupportCase(CaseId.of("C-1"), acme, "Nightly load fails with out-of-memory"));
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
                        true))
                .add(new StaffMember(
                        StaffId.of("dan"),
                        "Dan Developer",
                        "dan@vendor.example",
                        Optional.empty(),
                        Set.of(StaffRole.SUPPORT_ENGINEER),
                        true));
    }

    void lifecycle() {
        out.println("== Escalation demo: one escalation from the button press to closure ==");
        EscalationReceipt receipt = engine.escalate(
                ina,
                new EscalateCase(
                        CaseId.of("C-1"),
                        "Our nightly load has failed three nights in a row; reporting is blocked.",
                        Cause.SOFTWARE_ERROR,
                        Criticality.HIGH,
                        storage.submission("portal-submit-1")));
        EscalationId id = receipt.escalation();
        say("Ina (Incident Manager, ACME) pressed Escalate Case → " + id + " " + receipt.state()
                + receipt.hotline()
                        .map(h -> " — " + engine.texts().hotline(h, locale, BERLIN))
                        .orElse(" (within business hours: no hotline advice)"));
        EscalationReceipt again = engine.escalate(
                ina,
                new EscalateCase(
                        CaseId.of("C-1"),
                        "again?",
                        Cause.SOFTWARE_ERROR,
                        Criticality.HIGH,
                        storage.submission("portal-submit-2")));
        say("A second click returns the same escalation: " + again.escalation() + " (created=" + again.created() + ")");
        deliver();

        clock.advance(Duration.ofMinutes(40));
        engine.acknowledge(
                sam, new Acknowledge(id, StaffId.of("eve"), "Called Ina; agreed that Eve owns the escalation."));
        say("Sam (Support Management) contacted Ina and appointed Eve as Escalation Manager");
        clock.advance(Duration.ofMinutes(20));
        Instant firstMeeting = clock.instant().plus(Duration.ofHours(2));
        engine.agreePlan(eve, new AgreePlan(id, Duration.ofDays(1), Channel.VIDEO_CALL, firstMeeting));
        say("Eve and Ina agreed to meet daily by video call");
        engine.addParticipant(eve, AddParticipant.staff(id, "dan"));
        engine.addParticipant(eve, AddParticipant.contact(id, "tom"));
        say("Eve added Dan (engineer) and Tom (ACME technical contact) as participants");
        engine.logProgress(
                eve,
                new LogProgress(
                        id,
                        LogProgress.Kind.STATUS_UPDATE,
                        "Heap dump analysed: the loader keeps all rows in memory.",
                        Visibility.CUSTOMER));
        engine.logProgress(
                eve,
                new LogProgress(
                        id, LogProgress.Kind.NOTE, "Internal: patch candidate in review.", Visibility.INTERNAL));
        deliver();

        clock.advance(Duration.ofHours(3));
        engine.processDueWork();
        say("The first meeting became due; reminders were queued for Eve and Ina");
        engine.logProgress(
                eve,
                new LogProgress(
                        id,
                        LogProgress.Kind.MEETING_HELD,
                        "Daily call: patch to be tested on ACME staging tomorrow.",
                        Visibility.CUSTOMER));
        engine.pauseClock(eve, new PauseClock(id, "Waiting for ACME to run the patch on staging"));
        say("Eve paused the SLA clock while waiting for ACME");
        clock.advance(Duration.ofHours(20));
        engine.resumeClock(eve, new ResumeClock(id, "Staging test passed"));
        say("Eve resumed the SLA clock; the deadlines are recomputed without the paused time:");
        for (Deadline d : engine.deadlines(eve, id)) {
            out.printf("      %-13s due %s  %s%n", column(d.kind()), when(d.dueAt()), column(d.state()));
        }
        engine.deadlines(eve, id).stream()
                .filter(d -> d.state() == DeadlineState.PENDING || d.state() == DeadlineState.WARNED)
                .filter(d -> d.calendar().isPresent())
                .min(Comparator.comparing(Deadline::dueAt))
                .ifPresent(next -> out.println(
                        "      next SLA deadline explained: " + next.render(engine.texts(), locale, BERLIN)));
        deskView("while the plan runs");
        engine.logProgress(
                eve,
                new LogProgress(
                        id,
                        LogProgress.Kind.DECISION,
                        "Roll the patch out to production tonight.",
                        Visibility.CUSTOMER));
        clock.advance(Duration.ofHours(6));
        engine.resolve(eve, new Resolve(id, "Patch 7.1.3 streams rows; the nightly load ran in 42 minutes."));
        say("Eve resolved the escalation");
        clock.advance(Duration.ofMinutes(30));
        Instant session = ZonedDateTime.of(2027, 1, 18, 10, 0, 0, 0, BERLIN).toInstant();
        engine.scheduleLessonsLearned(eve, new ScheduleLessonsLearned(id, session, Duration.ofHours(1)));
        say("Eve invited everyone to a lessons-learned session on Monday (calendar invitation sent)");
        clock.advance(Duration.between(clock.instant(), session.plus(Duration.ofMinutes(90))));
        engine.recordLessonsLearned(
                eve,
                new RecordLessonsLearned(
                        id,
                        "Memory limits of the loader were not tested with production volumes.",
                        List.of(
                                new RecordLessonsLearned.Action("Add a production-size load test", "Dan Developer"),
                                new RecordLessonsLearned.Action("Alert on loader heap above 80 %", "Tom Technical"))));
        engine.close(eve, new Close(id, "Thank you, ACME."));
        say("Eve recorded the findings and closed the escalation");
        deliver();

        EscalationView view = engine.find(eve, id).orElseThrow();
        List<TimelineEntry> timeline = timeline(eve, id);
        out.println();
        out.println("== Timeline of " + id + " (as staff see it) — final state: " + view.state() + " ==");
        for (TimelineEntry e : timeline) {
            // the engine's renderer turns the structured entry into a sentence, instants in the reader's zone
            out.printf(
                    "%s  %-26s %-9s %-9s %s%n",
                    when(e.at()),
                    column(e.kind()),
                    e.visibility() == Visibility.INTERNAL ? column(Visibility.INTERNAL) : "",
                    name(e.actor().id()),
                    engine.texts().entry(e.kind(), e.text(), e.params(), locale, BERLIN));
        }
        out.println();
        out.println("== Notifications delivered ==");
        Map<String, Long> counts = new java.util.TreeMap<>();
        for (Notification n : notifier.delivered()) {
            counts.merge(n.kind() + " → " + n.recipient().displayName(), 1L, Long::sum);
        }
        counts.forEach((k, v) -> out.println("  " + k + (v > 1 ? " (" + v + "×)" : "")));
        OutboxStatus outbox = engine.operations().outboxCounts(sam);
        out.println("  outbox after delivery: " + outbox.pending() + " pending, " + outbox.dead() + " dead-lettered");
        out.println();
        // the reference Ticketing.open returned; the engine stored it with the escalation
        String reference = view.ticketReference().orElse("(none)");
        out.println("== Ticket reference " + reference + " (stored with " + id + ") ==");
        view.ticketReference().flatMap(ticketing::ticket).ifPresent(t -> {
            out.println("  " + t.status() + ", " + t.updates().size() + " updates");
            out.println("  participants: " + String.join(", ", t.participants()));
        });
        out.println();
        out.println("Customer view: Ina sees " + timeline(ina, id).size() + " of " + timeline.size()
                + " entries (internal notes are hidden).");
        deskView("after the lifecycle");
    }

    /**
     * The support desk's read model as Sam sees it: ACME's open escalations, earliest next deadline first, with
     * counts per state and criticality (facet badges), how many are Eve's, and the overdue escalations.
     */
    private void deskView(String when) {
        DeskQuery open = DeskQuery.open().customers(ACME).sortBy(DeskQuery.Sort.NEXT_DEADLINE_ASC);
        Map<DeskQuery.Facet, Map<String, Long>> counts = engine.operations()
                .inboxCounts(
                        sam,
                        DeskQuery.all().customers(ACME),
                        EnumSet.of(DeskQuery.Facet.STATE, DeskQuery.Facet.CRITICALITY));
        out.println();
        out.println("== Desk view " + when + ": ACME's open escalations, earliest next deadline first ==");
        out.println("  all of ACME by state " + new TreeMap<>(counts.get(DeskQuery.Facet.STATE)) + ", by criticality "
                + new TreeMap<>(counts.get(DeskQuery.Facet.CRITICALITY)));
        List<EscalationSummary> rows =
                engine.operations().inbox(sam, open, PageRequest.first(20)).items();
        Instant now = clock.instant();
        for (EscalationSummary s : rows) {
            out.println("  " + s.id() + "  case " + s.caseId() + "  " + s.state() + "  " + s.criticality()
                    + "  manager " + s.manager().map(StaffId::value).orElse("-")
                    + s.nextDeadline()
                            .map(d -> "  next " + column(d.kind()) + " due " + when(d.at())
                                    + (d.breachedAt(now) ? " BREACHED" : ""))
                            .orElse("  no deadline")
                    + s.pausedSince().map(p -> "  paused").orElse(""));
        }
        if (rows.isEmpty()) {
            out.println("  (none open)");
        }
        out.println("  Eve's own (mine): "
                + engine.operations()
                        .inbox(eve, open.mine(), PageRequest.first(20))
                        .items()
                        .size());
        // overdue = a deadline breached or a meeting not held, from the stored escalations (not the worker's backlog)
        List<String> overdue = engine.operations().overdue(sam, PageRequest.first(20)).items().stream()
                .map(s -> s.id() + " since "
                        + TIME.format(s.overdueSince().orElseThrow().atZone(BERLIN)))
                .toList();
        out.println("  overdue, most overdue first: " + (overdue.isEmpty() ? "none" : String.join(", ", overdue)));
    }

    /** The whole timeline as the actor may read it, page by page. */
    private List<TimelineEntry> timeline(Actor actor, EscalationId id) {
        List<TimelineEntry> all = new java.util.ArrayList<>();
        PageRequest page = PageRequest.first(50);
        while (true) {
            Page<TimelineEntry> p = engine.timeline(actor, id, page);
            all.addAll(p.items());
            if (p.next().isEmpty()) {
                return all;
            }
            page = PageRequest.after(p.next().get(), 50);
        }
    }

    void afterHours() {
        out.println("== After hours: a critical escalation on a Saturday ==");
        out.println("Now: " + when(clock.instant()) + " Europe/Berlin");
        EscalationReceipt receipt = engine.escalate(
                ina,
                new EscalateCase(
                        CaseId.of("C-1"),
                        "Production database is down; no user can log in.",
                        Cause.DATABASE_OUTAGE,
                        Criticality.CRITICAL,
                        storage.submission("portal-submit-7")));
        say("Ina pressed Escalate Case (CRITICAL, database outage) → " + receipt.escalation() + " " + receipt.state());
        receipt.hotline()
                .ifPresentOrElse(
                        h -> out.println("Portal banner: " + engine.texts().hotline(h, locale, BERLIN)),
                        () -> out.println("No hotline advice (within business hours)"));
        deliver();
    }

    /**
     * A code in a table column: its name in English runs (as the developers' console has always shown it), its
     * label in any other language.
     */
    private String column(Enum<?> code) {
        if (locale.getLanguage().equals("en")) {
            return code == Visibility.INTERNAL ? "internal" : code.name();
        }
        return engine.texts().label(code, locale);
    }

    /** An instant for the console: short in English runs, else with the engine's texts in the reader's language. */
    private String when(Instant at) {
        return locale.getLanguage().equals("en")
                ? TIME.format(at.atZone(BERLIN))
                : engine.texts().at(at, locale, BERLIN);
    }

    private void deliver() {
        DeliveryReport report = engine.deliverPending();
        out.println("      outbox: " + report.delivered() + " delivered, " + report.pending() + " pending, "
                + report.deadLettered() + " dead-lettered");
    }

    private void say(String what) {
        out.println(when(clock.instant()) + "  " + what);
    }

    private String name(String id) {
        return switch (id) {
            case "ina" -> "Ina";
            case "sam" -> "Sam";
            case "eve" -> "Eve";
            case "system" -> "system";
            default -> id;
        };
    }

    /** A clock the story moves forward; the engine never reads the system clock. */
    static final class DemoClock extends Clock {
        private volatile Instant now;

        DemoClock(Instant start) {
            this.now = start;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return BERLIN;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("the demo clock has one zone");
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
