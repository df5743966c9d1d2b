package dev.escalation.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.Actor;
import dev.escalation.AuditSettings;
import dev.escalation.ChangeFeed;
import dev.escalation.CustomerQuery;
import dev.escalation.DataSubject;
import dev.escalation.DeskQuery;
import dev.escalation.ErasureReport;
import dev.escalation.EscalationChange;
import dev.escalation.EscalationEngine;
import dev.escalation.EscalationException;
import dev.escalation.EscalationReceipt;
import dev.escalation.EscalationView;
import dev.escalation.InvalidCommandException;
import dev.escalation.MetricsQuery;
import dev.escalation.PersonInOpenEscalationException;
import dev.escalation.PersonalDataExport;
import dev.escalation.RetentionPolicy;
import dev.escalation.RetentionReport;
import dev.escalation.calendar.BusinessCalendar;
import dev.escalation.command.Acknowledge;
import dev.escalation.command.AddParticipant;
import dev.escalation.command.AgreePlan;
import dev.escalation.command.AmendPlan;
import dev.escalation.command.CancelLessonsLearned;
import dev.escalation.command.ChangeCriticality;
import dev.escalation.command.Close;
import dev.escalation.command.ConfirmPlan;
import dev.escalation.command.DeclineLessonsLearned;
import dev.escalation.command.EscalateCase;
import dev.escalation.command.LogProgress;
import dev.escalation.command.PauseClock;
import dev.escalation.command.ProposePlan;
import dev.escalation.command.ReassignManager;
import dev.escalation.command.RecordLessonsLearned;
import dev.escalation.command.RecordPlanAlone;
import dev.escalation.command.RemoveParticipant;
import dev.escalation.command.Reopen;
import dev.escalation.command.Resolve;
import dev.escalation.command.ResumeClock;
import dev.escalation.command.ScheduleLessonsLearned;
import dev.escalation.command.UpdateImprovementAction;
import dev.escalation.command.Withdraw;
import dev.escalation.inmemory.InMemoryAuditAnchors;
import dev.escalation.inmemory.InMemoryCustomerDirectory;
import dev.escalation.inmemory.InMemoryEscalationStore;
import dev.escalation.inmemory.InMemoryNotifier;
import dev.escalation.inmemory.InMemoryPortalMessages;
import dev.escalation.inmemory.InMemoryStaffDirectory;
import dev.escalation.inmemory.InMemoryTicketing;
import dev.escalation.model.CaseId;
import dev.escalation.model.Cause;
import dev.escalation.model.Channel;
import dev.escalation.model.Criticality;
import dev.escalation.model.CustomerId;
import dev.escalation.model.CustomerRole;
import dev.escalation.model.DeliveryChannel;
import dev.escalation.model.EscalationId;
import dev.escalation.model.EscalationState;
import dev.escalation.model.HotlineNumber;
import dev.escalation.model.ImprovementAction;
import dev.escalation.model.Page;
import dev.escalation.model.PageCursor;
import dev.escalation.model.PageRequest;
import dev.escalation.model.Preferences;
import dev.escalation.model.StaffId;
import dev.escalation.model.StaffRole;
import dev.escalation.model.Visibility;
import dev.escalation.sla.SlaPolicy;
import dev.escalation.spi.CustomerAccount;
import dev.escalation.spi.PartyRef;
import dev.escalation.spi.StaffMember;
import dev.escalation.spi.SubjectKeys;
import dev.escalation.spi.SupportCase;
import dev.escalation.spi.Touchpoint;
import dev.escalation.test.MutableClock;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.sql.DataSource;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;
import org.jspecify.annotations.Nullable;

/**
 * One engine on the in-memory store and one on the JDBC store, built alike (the same clock, directories with the same
 * content, their own notifier, portal messages, ticketing and audit anchors, ids from counters that stay in step, the
 * audit trail on with per-person keys derived alike and one signing key), fed the same generated commands. A store is a
 * port behind which the engine must behave the same: every command's outcome (the view, or the refusal's code and
 * violations), the reads of each escalation for staff and for the customer (view, timeline page by page, deadlines,
 * audit trail, its verification), the customer's list, the portal messages, the desk's inbox and overdue pages, what
 * delivery, due work and anchoring report, the change feed since the last run (but for escalations purged since: {@link
 * #feedsAgree}), and every notification and ticket that reaches the outside world must be equal. The texts are drawn
 * from every character (refused ones included) and from valid texts that are hard to store (characters outside the BMP,
 * combining marks, right-to-left letters, quotes, backslashes, SQL and JSON look-alikes, the longest a field takes).
 * Two tenants: ACME's contacts and GLOBEX's Incident Manager (a contact in another zone and language), who escalates
 * GLOBEX's cases and whom some ops name against ACME's escalations (and ACME's contacts against GLOBEX's); every read
 * is compared for both. The calendar has holidays often enough that deadlines and meetings meet them.
 */
final class StoresAgree {
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final CustomerId ACME = CustomerId.of("acme");
    static final Actor INA = Actor.contact("ina");
    static final Actor TOM = Actor.contact("tom");
    static final Actor SAM = Actor.staff("sam");
    static final Actor EVE = Actor.staff("eve");
    static final Actor MAX = Actor.staff("max");
    static final Actor DAN = Actor.staff("dan");
    /** The other tenant's Incident Manager: escalates GLOBEX's cases and probes ACME's escalations. */
    static final Actor GIL = Actor.contact("gil");

    static final CustomerId GLOBEX = CustomerId.of("globex");
    private static final List<Actor> ACTORS = List.of(INA, TOM, SAM, EVE, MAX, DAN, GIL);

    /** The kind of op that takes the lifecycle's next step from the target's current state. */
    static final int FORWARD = -1;

    /**
     * One generated step: which operation, who calls it (0: the right actor), which escalation, text and value; and the
     * JDBC side's store fault, if any: the n-th call to the database fails ({@code faultAt} 0: none) with
     * {@code fault}.
     */
    record Op(int kind, int actor, int target, String text, int value, int faultAt, FaultyDataSource.Fault fault) {
        Op(int kind, int actor, int target, String text, int value) {
            this(kind, actor, target, text, value, 0, FaultyDataSource.Fault.CONNECTION_LOST);
        }

        Op withKind(int kind, int value) {
            return new Op(kind, actor, target, text, value, faultAt, fault);
        }
    }

    /**
     * Operations, with {@code faults} a third of them with a store fault on the JDBC side at one of its first 10 calls
     * to the database (some operations make fewer, and a refused one none: then it does not fire).
     */
    static Arbitrary<List<Op>> ops(boolean faults) {
        Arbitrary<String> valid = Arbitraries.oneOf(
                Arbitraries.strings()
                        .alpha()
                        .numeric()
                        .withChars(" .,;:!?-'\"()")
                        .ofMinLength(1)
                        .ofMaxLength(80),
                Arbitraries.strings()
                        .withCharRange('\u0590', '\u06FF')
                        .ofMinLength(1)
                        .ofMaxLength(40),
                Arbitraries.strings()
                        .withCharRange('\u00A0', '\u024F')
                        .ofMinLength(1)
                        .ofMaxLength(40),
                Arbitraries.of(
                        "Die Nachtverarbeitung bricht ab – Ärger mit „Größe“ und ß",
                        "Crash 💥 after upgrade 🙈 (𝔘𝔫𝔦𝔠𝔬𝔡𝔢)",
                        "e\u0301te\u0301 with combining marks",
                        "O'Brien said \"it's \\n not a newline\"",
                        "'; DROP TABLE esc_escalation; --",
                        "{\"json\": [1, 2, {\"a\": null}], \"\\u0000\": true}",
                        "line one\nline two\r\nline three\ttabbed",
                        "  padded on both sides  ",
                        "שלום עולם and مرحبا mixed",
                        "中文内容的升级",
                        "x".repeat(2000),
                        "€".repeat(1999) + "😀",
                        "%s %d {0} ${x} #{y} <b>bold</b> &amp;"));
        Arbitrary<String> text = Arbitraries.frequencyOf(
                Tuple.of(8, valid), Tuple.of(2, Arbitraries.strings().all().ofMaxLength(60)));
        // the lifecycle's common steps more often than the rare ones, so that sequences reach the late states
        Arbitrary<Integer> kind = Arbitraries.frequencyOf(
                Tuple.of(30, Arbitraries.just(FORWARD)),
                Tuple.of(2, Arbitraries.just(0)),
                Tuple.of(4, Arbitraries.just(1)),
                Tuple.of(4, Arbitraries.just(2)),
                Tuple.of(5, Arbitraries.just(3)),
                Tuple.of(3, Arbitraries.just(4)),
                Tuple.of(1, Arbitraries.just(5)),
                Tuple.of(1, Arbitraries.just(6)),
                Tuple.of(2, Arbitraries.just(7)),
                Tuple.of(3, Arbitraries.just(8)),
                Tuple.of(1, Arbitraries.just(9)),
                Tuple.of(2, Arbitraries.just(10)),
                Tuple.of(2, Arbitraries.just(11)),
                Tuple.of(1, Arbitraries.just(12)),
                Tuple.of(2, Arbitraries.just(13)),
                Tuple.of(1, Arbitraries.just(14)),
                Tuple.of(2, Arbitraries.just(15)),
                Tuple.of(3, Arbitraries.just(16)),
                Tuple.of(1, Arbitraries.just(17)),
                Tuple.of(1, Arbitraries.just(18)),
                Tuple.of(1, Arbitraries.just(19)),
                Tuple.of(2, Arbitraries.just(20)),
                Tuple.of(2, Arbitraries.just(21)),
                Tuple.of(1, Arbitraries.just(22)),
                Tuple.of(2, Arbitraries.just(23)),
                Tuple.of(1, Arbitraries.just(24)),
                Tuple.of(1, Arbitraries.just(25)),
                Tuple.of(1, Arbitraries.just(26)),
                Tuple.of(1, Arbitraries.just(27)),
                Tuple.of(2, Arbitraries.just(28)),
                Tuple.of(1, Arbitraries.just(29)),
                Tuple.of(1, Arbitraries.just(30)),
                Tuple.of(1, Arbitraries.just(31)),
                Tuple.of(3, Arbitraries.just(32)));
        Arbitrary<Integer> faultAt = faults
                ? Arbitraries.frequencyOf(
                        Tuple.of(2, Arbitraries.just(0)),
                        Tuple.of(1, Arbitraries.integers().between(1, 10)))
                : Arbitraries.just(0);
        Arbitrary<Op> op = Combinators.combine(
                        kind,
                        Arbitraries.integers().between(0, 6),
                        Arbitraries.integers().between(0, 2),
                        text,
                        Arbitraries.integers().between(0, 10_000),
                        faultAt,
                        Arbitraries.of(FaultyDataSource.Fault.class))
                .as(Op::new);
        Arbitrary<Op> first = Combinators.combine(
                        Arbitraries.integers().between(0, 2),
                        valid,
                        Arbitraries.integers().between(0, 10_000))
                .as((target, t, v) -> new Op(0, 0, target, t, v));
        return Combinators.combine(first, op.list().ofMinSize(1).ofMaxSize(40)).as((f, rest) -> {
            List<Op> all = new ArrayList<>(rest.size() + 1);
            all.add(f);
            all.addAll(rest);
            return all;
        });
    }

    /**
     * An escalation of the run that ends (withdrawn), then the clock moves on by more than two months and a retention
     * run purges it, all before the run's change feed is read: the JDBC store deletes the purged escalation's changes
     * from its feed, the in-memory store keeps them (both as {@link dev.escalation.spi.DataRetention#purgeFinalBefore}
     * allows).
     */
    static List<Op> purgedWithinTheRun() {
        return List.of(
                new Op(0, 0, 0, "Outage", 0),
                new Op(1, 0, 0, "on it", 0),
                new Op(13, 0, 0, "not needed", 1),
                new Op(16, 0, 0, "", 10_000),
                new Op(16, 0, 0, "", 10_000),
                new Op(16, 0, 0, "", 10_000),
                new Op(27, 0, 0, "", 0));
    }

    /**
     * Dan takes part in an escalation that ends (withdrawn); his erasure then meets a lost answer to the commit of its
     * store transaction on the JDBC side (the second commit of the erasure: the first is its export's), so the erasure
     * committed although the engine refuses it with {@code UNAVAILABLE}.
     */
    static List<Op> erasureWhoseCommitAnswerIsLost() {
        return List.of(
                new Op(0, 0, 0, "Outage", 0),
                new Op(1, 0, 0, "on it", 0),
                new Op(4, 0, 0, "", 0),
                new Op(13, 0, 0, "not needed", 1),
                new Op(19, 0, 0, "", 0, 2, FaultyDataSource.Fault.LOST_AFTER_COMMIT));
    }

    /** One side: an engine and the outside world it talks to. */
    static final class Side {
        final EscalationEngine engine;
        final InMemoryNotifier notifier = new InMemoryNotifier();
        final InMemoryTicketing ticketing = new InMemoryTicketing();
        final InMemoryCustomerDirectory customers = new InMemoryCustomerDirectory();
        /** The counter escalation ids come from. */
        final AtomicLong ids = new AtomicLong();
        /** Where this side's change feed was read up to. */
        String feed = ChangeFeed.START;

        Side(Function<Side, EscalationEngine> build) {
            seed(customers);
            this.engine = build.apply(this);
        }
    }

    private final MutableClock clock = MutableClock.at(Instant.parse("2027-03-01T08:00:00Z"));
    private final Side memory;
    private final Side jdbc;
    private int run;
    private int sentBefore;

    /** The JDBC side's pool with planted faults, if this instance plants them. */
    private final @Nullable FaultyDataSource faults;

    /**
     * With {@code faults}, the JDBC side's store, portal messages and audit anchors reach the database through a
     * {@link FaultyDataSource}, and each op's fault is planted on the JDBC side.
     */
    StoresAgree(DataSource database, boolean faults) {
        this.faults = faults ? new FaultyDataSource(database) : null;
        DataSource pool = faults ? this.faults : database;
        memory = new Side(s -> base(s, "m")
                .store(new InMemoryEscalationStore())
                .portalMessages(new InMemoryPortalMessages())
                .auditTrail(new AuditSettings(new DerivedKeys(), new InMemoryAuditAnchors(), SIGNING))
                .build());
        jdbc = new Side(s -> base(s, "j")
                .store(JdbcEscalationStore.builder(pool).build())
                .portalMessages(new JdbcPortalMessages(pool))
                .auditTrail(new AuditSettings(new DerivedKeys(), new JdbcAuditAnchors(pool), SIGNING))
                .build());
    }

    /**
     * Per-person keys derived from the person (the same on both sides, so that both chains hash alike), forgotten when
     * shredded.
     */
    static final class DerivedKeys implements SubjectKeys {
        private final Set<PartyRef> shredded = ConcurrentHashMap.newKeySet();

        @Override
        public byte[] keyOf(PartyRef subject) {
            shredded.remove(subject);
            return derive(subject);
        }

        @Override
        public Optional<byte[]> existingKey(PartyRef subject) {
            return shredded.contains(subject) ? Optional.empty() : Optional.of(derive(subject));
        }

        @Override
        public boolean shred(PartyRef subject) {
            return shredded.add(subject);
        }

        private static byte[] derive(PartyRef subject) {
            try {
                return MessageDigest.getInstance("SHA-256")
                        .digest((subject.kind() + ":" + subject.id()).getBytes(StandardCharsets.UTF_8));
            } catch (NoSuchAlgorithmException e) {
                throw new AssertionError(e);
            }
        }
    }

    private static final KeyPair SIGNING = AuditTamperTestBase.ed25519();

    private dev.escalation.EscalationEngineBuilder base(Side side, String name) {
        Supplier<EscalationId> next = () -> EscalationId.of("esc-" + side.ids.incrementAndGet());
        return EscalationEngine.builder()
                .clock(clock)
                .customers(side.customers)
                .staff(staff())
                .notifier(side.notifier)
                .ticketing(side.ticketing)
                .coverage(BusinessCalendar.builder(BERLIN)
                        .openWeekdays(LocalTime.of(9, 0), LocalTime.of(17, 0))
                        .holidays(StoresAgree::holidayOn)
                        .build())
                .hotline(new HotlineNumber("Germany", "+49 911 2399 110"))
                .slaPolicies(SlaPolicy.builder("standard", 2)
                        .firstContact(Criticality.CRITICAL, Duration.ofMinutes(30))
                        .firstContact(Criticality.MEDIUM, Duration.ofHours(8))
                        .resolution(Criticality.CRITICAL, Duration.ofHours(8))
                        .resolution(Criticality.MEDIUM, Duration.ofHours(80))
                        .warnAt(50)
                        .repeatAfterBreach(Duration.ofHours(2), 2)
                        .build())
                .slaPolicy(SlaPolicy.builder("standard", 1)
                        .firstContact(Criticality.CRITICAL, Duration.ofHours(1))
                        .firstContact(Criticality.HIGH, Duration.ofHours(4))
                        .resolution(Criticality.CRITICAL, Duration.ofHours(16))
                        .resolution(Criticality.HIGH, Duration.ofHours(40))
                        .warnAt(75)
                        .repeatAfterBreach(Duration.ofHours(4), 3)
                        .build())
                .escalationIds(next)
                .instanceName("agree-" + name)
                .delivery(Duration.ofMinutes(5), 50, 3)
                .backoff(Duration.ofSeconds(30), Duration.ofMinutes(10));
    }

    /**
     * Holidays often enough that SLA deadlines and meetings meet them: the first of every month, every 13th day of the
     * year, and Christmas Eve from noon.
     */
    private static Optional<dev.escalation.calendar.Holiday> holidayOn(java.time.LocalDate date) {
        if (date.getMonthValue() == 12 && date.getDayOfMonth() == 24) {
            return Optional.of(dev.escalation.calendar.Holiday.from(date, "Christmas Eve", LocalTime.NOON));
        }
        if (date.getDayOfMonth() == 1 || date.getDayOfYear() % 13 == 0) {
            return Optional.of(dev.escalation.calendar.Holiday.allDay(date, "Day " + date.getDayOfYear()));
        }
        return Optional.empty();
    }

    private static void seed(InMemoryCustomerDirectory customers) {
        customers
                .add(new CustomerAccount(GLOBEX, "Globex", Optional.empty()))
                .add(contact(
                        "gil",
                        GLOBEX,
                        "Gil Globex",
                        CustomerRole.INCIDENT_MANAGER,
                        Locale.FRENCH,
                        "Pacific/Chatham",
                        DeliveryChannel.PORTAL,
                        DeliveryChannel.EMAIL))
                .add(new CustomerAccount(ACME, "ACME", Optional.empty()))
                .add(contact(
                        "ina",
                        ACME,
                        "Ina Incident",
                        CustomerRole.INCIDENT_MANAGER,
                        Locale.GERMAN,
                        "America/St_Johns",
                        DeliveryChannel.PORTAL,
                        DeliveryChannel.EMAIL))
                .add(contact(
                        "tom",
                        ACME,
                        "Tom Technical",
                        CustomerRole.TECHNICAL_CONTACT,
                        Locale.ENGLISH,
                        "Asia/Kathmandu",
                        DeliveryChannel.EMAIL));
    }

    /** An active contact with one role, a language, a zone and channels; the address is {@code id@customer.example}. */
    private static Touchpoint contact(
            String id,
            CustomerId customer,
            String name,
            CustomerRole role,
            Locale language,
            String zone,
            DeliveryChannel... channels) {
        return new Touchpoint(
                dev.escalation.model.ContactId.of(id),
                customer,
                name,
                id + "@" + customer.value() + ".example",
                Optional.empty(),
                Set.of(role),
                true,
                new Preferences(Optional.of(language), Optional.of(ZoneId.of(zone)), List.of(channels)));
    }

    private static InMemoryStaffDirectory staff() {
        InMemoryStaffDirectory staff = new InMemoryStaffDirectory();
        staff.add(member("sam", "Sam Support", StaffRole.SUPPORT_MANAGEMENT))
                .add(member("eve", "Eve Escalation", StaffRole.ESCALATION_MANAGER))
                .add(member("max", "Max Manager", StaffRole.ESCALATION_MANAGER))
                .add(member("dan", "Dan Developer", StaffRole.SUPPORT_ENGINEER));
        return staff;
    }

    private static StaffMember member(String id, String name, StaffRole role) {
        return new StaffMember(StaffId.of(id), name, id + "@vendor.example", Optional.empty(), Set.of(role), true);
    }

    /** Runs {@code ops} on both sides from a fresh day and three fresh cases, comparing as it goes and at the end. */
    void check(List<Op> ops) {
        run++;
        clock.advance(Duration.ofDays(20));
        List<CaseId> cases = List.of(caseOf(0), caseOf(1), caseOf(2), CaseId.of("G-" + run));
        for (CaseId c : cases) {
            CustomerId customer = c.value().startsWith("G-") ? GLOBEX : ACME;
            memory.customers.add(new SupportCase(c, customer, "Case " + c.value()));
            jdbc.customers.add(new SupportCase(c, customer, "Case " + c.value()));
        }
        for (Side side : List.of(memory, jdbc)) { // a contact of this run only, whom the run may erase
            side.customers.add(new Touchpoint(
                    dev.escalation.model.ContactId.of(runContact()),
                    ACME,
                    "Pia Person " + run,
                    runContact() + "@acme.example",
                    Optional.empty(),
                    Set.of(CustomerRole.TECHNICAL_CONTACT),
                    true));
        }
        List<EscalationId> escalations = new ArrayList<>();
        List<String> outcomes = new ArrayList<>();
        for (Op generated : ops) {
            Op op = forward(generated, escalations);
            String m = apply(memory, op, cases, escalations, () -> {});
            String j = applyWithFault(op, cases, escalations, m);
            assertThat(j).as("outcome of %s", op).isEqualTo(m);
            outcomes.add(m);
            if (op.kind() >= 28) {
                Statistics.label("desk operations")
                        .collect(
                                op.kind(),
                                m.startsWith("refused") || m.startsWith("invalid") ? m.split(" ")[0] : "done");
            }
            if ((op.kind() == 0 || op.kind() == 28) && m.startsWith("receipt ")) {
                EscalationId id =
                        EscalationId.of(m.substring("receipt ".length()).split(" ")[0]);
                if (!escalations.contains(id)) {
                    escalations.add(id);
                }
            }
        }
        long done = outcomes.stream()
                .filter(o -> !o.startsWith("invalid") && !o.startsWith("refused") && !o.startsWith("failed"))
                .count();
        Statistics.label("escalations").collect(escalations.size());
        for (EscalationId id : escalations) {
            Statistics.label("states reached")
                    .collect(memory.engine
                            .find(SAM, id)
                            .map(v -> v.state().name())
                            .orElse("-"));
        }
        Statistics.label("retention")
                .collect(
                        outcomes.stream().anyMatch(o -> o.startsWith("purged ") && !o.endsWith(": 0 escalations"))
                                ? "purged some"
                                : "none");
        Statistics.label("erasures")
                .collect(outcomes.stream().anyMatch(o -> o.startsWith("erased ")) ? "some" : "none");
        Statistics.label("steps done").collect(done < 5 ? "<5" : done < 15 ? "5-14" : "15+");
        assertThat(deliver(jdbc)).as("last delivery").isEqualTo(deliver(memory));
        for (EscalationId id : escalations) {
            for (Actor a : List.of(EVE, INA, DAN, GIL)) {
                assertThat(read(jdbc, e -> outcome(() -> e.find(a, id))))
                        .as("find %s as %s", id, a.id())
                        .isEqualTo(read(memory, e -> outcome(() -> e.find(a, id))));
                assertThat(pages(jdbc, (e, p) -> e.timeline(a, id, p)))
                        .as("timeline of %s as %s", id, a.id())
                        .isEqualTo(pages(memory, (e, p) -> e.timeline(a, id, p)));
                assertThat(read(jdbc, e -> outcome(() -> e.deadlines(a, id))))
                        .as("deadlines of %s as %s", id, a.id())
                        .isEqualTo(read(memory, e -> outcome(() -> e.deadlines(a, id))));
            }
            for (Actor a : List.of(SAM, EVE, INA, GIL)) {
                assertThat(read(jdbc, e -> outcome(() -> e.auditTrail(a, id))))
                        .as("audit trail of %s as %s", id, a.id())
                        .isEqualTo(read(memory, e -> outcome(() -> e.auditTrail(a, id))));
                assertThat(read(jdbc, e -> outcome(() -> e.operations().audit().verify(a, id))))
                        .as("verification of %s as %s", id, a.id())
                        .isEqualTo(read(
                                memory,
                                e -> outcome(() -> e.operations().audit().verify(a, id))));
            }
            assertThat(jdbc.ticketing.ticketOf(id)).as("ticket of %s", id).isEqualTo(memory.ticketing.ticketOf(id));
        }
        for (Actor a : List.of(INA, GIL)) {
            assertThat(head(jdbc, (e, p) -> e.escalationsOfCustomer(a, CustomerQuery.all(), p)))
                    .as("the customer's list for %s", a.id())
                    .isEqualTo(head(memory, (e, p) -> e.escalationsOfCustomer(a, CustomerQuery.all(), p)));
        }
        Statistics.label("portal messages of ina")
                .collect(
                        memory.engine
                                        .messagesFor(INA, PageRequest.first(1))
                                        .items()
                                        .isEmpty()
                                ? "none"
                                : "some");
        for (Actor a : List.of(INA, TOM, GIL)) {
            assertThat(head(jdbc, (e, p) -> e.messagesFor(a, p)))
                    .as("portal messages of %s", a.id())
                    .isEqualTo(head(memory, (e, p) -> e.messagesFor(a, p)));
        }
        Set<EscalationState> all = EnumSet.allOf(EscalationState.class);
        assertThat(head(jdbc, (e, p) -> e.operations().inbox(SAM, all, p)))
                .as("the desk's inbox")
                .isEqualTo(head(memory, (e, p) -> e.operations().inbox(SAM, all, p)));
        assertThat(head(jdbc, (e, p) -> e.operations().overdue(SAM, p)))
                .as("the overdue page")
                .isEqualTo(head(memory, (e, p) -> e.operations().overdue(SAM, p)));
        if (run % 25 == 0) { // what the store holds about a person grows with every run
            for (DataSubject person :
                    List.of(DataSubject.contact("tom"), DataSubject.staff("max"), DataSubject.staff("dan"))) {
                exportsAgree(person);
            }
        }
        Set<DeskQuery.Facet> facets = EnumSet.allOf(DeskQuery.Facet.class);
        assertThat(read(jdbc, e -> outcome(() -> e.operations().inboxCounts(SAM, DeskQuery.all(), facets))))
                .as("the desk's counts")
                .isEqualTo(read(memory, e -> outcome(() -> e.operations().inboxCounts(SAM, DeskQuery.all(), facets))));
        MetricsQuery figures = MetricsQuery.between(clock.instant().minus(Duration.ofDays(60)), clock.instant());
        assertThat(read(jdbc, e -> outcome(() -> e.operations().metrics(SAM, figures))))
                .as("the figures of the last 60 days")
                .isEqualTo(read(memory, e -> outcome(() -> e.operations().metrics(SAM, figures))));
        assertThat(read(jdbc, e -> outcome(() -> e.operations().dueWorkBacklog(SAM, 100))))
                .as("the due work's backlog")
                .isEqualTo(read(memory, e -> outcome(() -> e.operations().dueWorkBacklog(SAM, 100))));
        assertThat(read(jdbc, e -> outcome(() -> e.operations().outboxCounts(SAM))))
                .as("the outbox's counts")
                .isEqualTo(read(memory, e -> outcome(() -> e.operations().outboxCounts(SAM))));
        dev.escalation.sla.WhatIf whatIf = dev.escalation.sla.WhatIf.at(clock.instant(), Criticality.CRITICAL);
        assertThat(read(jdbc, e -> outcome(() -> e.operations().whatIf(SAM, whatIf))))
                .as("what if a critical escalation were raised now")
                .isEqualTo(read(memory, e -> outcome(() -> e.operations().whatIf(SAM, whatIf))));
        assertThat(head(jdbc, (e, p) -> e.operations().deadLetters(SAM, p)))
                .as("the dead letters")
                .isEqualTo(head(memory, (e, p) -> e.operations().deadLetters(SAM, p)));
        feedsAgree();
        List<?> sent = memory.notifier.delivered();
        assertThat(jdbc.notifier.delivered()).as("notifications").hasSameSizeAs(sent);
        assertThat(jdbc.notifier.delivered().subList(sentBefore, sent.size()))
                .as("this run's notifications")
                .isEqualTo(sent.subList(sentBefore, sent.size()));
        sentBefore = sent.size();
    }

    /**
     * The change feed since the last run is the same on both sides, but for the escalations purged since it was last
     * read: {@link dev.escalation.spi.DataRetention#purgeFinalBefore} lets a store keep or delete a purged escalation's
     * changes, and the in-memory store keeps them while the JDBC store deletes them with the escalation. So the JDBC
     * feed must be exactly the in-memory one without the changes of escalations that are gone, and those must be gone
     * from both stores. (Rare in a generated run: an escalation ends, the clock moves on by a month or two and a
     * retention run purges it before the run's end reads the feed. Shrinking a failed try makes it common, as the tries
     * after a failure that ended the run early purge escalations whose changes were never read.)
     */
    private void feedsAgree() {
        List<EscalationChange> j = changes(jdbc);
        List<EscalationChange> m = changes(memory);
        Set<EscalationId> purged = new java.util.LinkedHashSet<>();
        for (EscalationChange c : m) {
            if (memory.engine.find(SAM, c.escalation()).isEmpty()) {
                purged.add(c.escalation());
            }
        }
        for (EscalationId id : purged) {
            assertThat(jdbc.engine.find(SAM, id))
                    .as("%s, purged on the memory side", id)
                    .isEmpty();
        }
        assertThat(j)
                .as("the change feed since the last run, but for the escalations purged since: %s", purged)
                .isEqualTo(
                        m.stream().filter(c -> !purged.contains(c.escalation())).toList());
        Statistics.label("feed changes of escalations purged before the feed was read")
                .collect(purged.isEmpty() ? "none" : "some");
    }

    /** Operations a fault is planted in: all but delivery and due work (whose leases run on the database's time). */
    private static boolean faultable(int kind) {
        return kind != 15 && kind != 16 && kind != 17;
    }

    /**
     * The JDBC side's outcome of {@code op}. With a planted fault that fires, the engine either absorbed it (the
     * outcome is the memory side's: a conflict tried again, a commit whose answer was lost found written) or refused
     * with {@code UNAVAILABLE} having changed nothing: then the same op is given again, and its outcome is returned
     * (the ids' counter wound back, as a failed escalate used an id for nothing). Every read after it is compared.
     * Some operations may have changed something although refused: a retention run (its batches before the fault stay
     * purged), and an erasure or a replay whose commit's answer was lost (it committed whole: given again, it changes
     * nothing).
     */
    private String applyWithFault(Op op, List<CaseId> cases, List<EscalationId> escalations, String memoryOutcome) {
        if (faults == null || op.faultAt() == 0 || !faultable(op.kind())) {
            return apply(jdbc, op, cases, escalations, () -> {});
        }
        long ids = jdbc.ids.get();
        Optional<dev.escalation.model.MessageId> deadLetter = firstDeadLetter(jdbc, op);
        String first;
        boolean fired;
        try {
            first = apply(jdbc, op, cases, escalations, () -> faults.arm(op.faultAt(), op.fault()), deadLetter);
        } finally {
            fired = faults.disarm();
        }
        if (!fired || first.equals(memoryOutcome)) {
            Statistics.label("store faults").collect(fired ? "absorbed" : "not reached", op.fault());
            return first;
        }
        Statistics.label("store faults").collect("unavailable, given again", op.fault());
        assertThat(first)
                .as("outcome of %s with its store fault, against the memory side's %s", op, memoryOutcome)
                .startsWith("refused UNAVAILABLE");
        jdbc.ids.set(ids);
        String again = apply(jdbc, op, cases, escalations, () -> {}, deadLetter); // a replay: the same message
        if ((op.kind() == 26 || op.kind() == 31)
                && op.fault() == FaultyDataSource.Fault.LOST_AFTER_COMMIT
                && !again.equals(memoryOutcome)) {
            // a replay whose commit's answer was lost committed (the engine refuses with UNAVAILABLE, as it cannot
            // tell): given again, the message is pending already, so nothing is left to replay (the reads after it
            // show the messages pending as on the memory side)
            assertThat(again)
                    .as("replay given again after its commit's answer was lost")
                    .isEqualTo(op.kind() == 31 ? "false" : "0");
            Statistics.label("store faults").collect("replay committed, answer lost", op.fault());
            return memoryOutcome;
        }
        if (op.kind() == 19 && op.fault() == FaultyDataSource.Fault.LOST_AFTER_COMMIT && !again.equals(memoryOutcome)) {
            // an erasure whose commit's answer was lost may have committed (the store cannot tell, and the engine
            // refuses with UNAVAILABLE); erasure is idempotent and counts what the call changed, so the erasure given
            // again finds them erased: exactly the memory side's report with no store row changed (the portal messages
            // the engine removes after the store's transaction, and what the erasure touched, stay as on the memory
            // side; the reads after it show that everything was erased)
            assertThat(again)
                    .as("erasure given again after its commit's answer was lost")
                    .isEqualTo(erasedAlready(memoryOutcome));
            Statistics.label("store faults").collect("erasure committed, answer lost", op.fault());
            return memoryOutcome;
        }
        if (op.kind() == 27 && again.startsWith("purged ") && memoryOutcome.startsWith("purged ")) {
            // a retention run purges in batches, one transaction each: the batches before the fault stay purged, and
            // the run given again purges the rest (what stays, the reads after it show)
            int colon = memoryOutcome.lastIndexOf(':');
            assertThat(again.substring(0, again.lastIndexOf(':')))
                    .as("retention given again after its store fault")
                    .isEqualTo(memoryOutcome.substring(0, colon));
            assertThat(purged(again))
                    .as("escalations purged by the run given again")
                    .isLessThanOrEqualTo(purged(memoryOutcome));
            return memoryOutcome;
        }
        return again;
    }

    /** An {@link #erasure} outcome as a second erasure of the same person reports it: no store row changed. */
    private static String erasedAlready(String erasure) {
        return erasure.replaceFirst(
                ": \\d+ escalations, \\d+ entries, \\d+ due items, ", ": 0 escalations, 0 entries, 0 due items, ");
    }

    /** The count of escalations in a {@link #retention} outcome. */
    private static int purged(String retention) {
        String tail = retention.substring(retention.lastIndexOf(':') + 2);
        return Integer.parseInt(tail.substring(0, tail.indexOf(' ')));
    }

    /** A {@link #FORWARD} op as the step its target's current state (on the memory side) leads to. */
    private Op forward(Op op, List<EscalationId> escalations) {
        if (op.kind() != FORWARD) {
            return op;
        }
        if (escalations.isEmpty()) {
            return op.withKind(0, op.value());
        }
        EscalationId id = escalations.get(op.target() % escalations.size());
        EscalationState state = memory.engine.find(SAM, id).map(v -> v.state()).orElse(EscalationState.CLOSED);
        int v = op.value();
        int kind = switch (state) {
            case REQUESTED -> 1;
            case ACKNOWLEDGED -> new int[] {2, 2, 20, 21}[v % 4];
            case ACTIVE -> new int[] {3, 3, 4, 7, 8, 8, 16}[v % 7];
            case RESOLVED -> v % 4 == 0 ? 12 : 10;
            case LESSONS_LEARNED -> v % 3 == 0 ? 13 : 11;
            default -> 0;
        };
        int value = kind == 13 ? v & ~1 : kind == 7 ? v & ~1 : v; // close, not withdraw; pause, not resume
        return op.withKind(kind, value);
    }

    /**
     * The person's exports are equal but for the delivered messages the JDBC store keeps until retention purges them
     * (the in-memory store keeps only their keys): the in-memory export's messages are among the JDBC one's, and the
     * others are no dead letters. (That no pending message is missing on either side, the delivery reports' pending
     * counts show, compared after every delivery.)
     */
    private void exportsAgree(DataSubject person) {
        PersonalDataExport m = memory.engine.operations().exportPerson(SAM, person);
        PersonalDataExport j = jdbc.engine.operations().exportPerson(SAM, person);
        // a name or address only a delivered message JDBC keeps holds (a recipient's address, say): only with such a
        // message addressed to them
        boolean jdbcOnlyToThem =
                j.messages().stream().anyMatch(x -> x.toThem() && !m.messages().contains(x));
        assertThat(j.names()).as("names in the export of %s", person).containsAll(m.names());
        assertThat(j.addresses()).as("addresses in the export of %s", person).containsAll(m.addresses());
        if (!jdbcOnlyToThem) {
            assertThat(j.names()).as("names in the export of %s", person).isEqualTo(m.names());
            assertThat(j.addresses())
                    .as("addresses in the export of %s", person)
                    .isEqualTo(m.addresses());
        }
        assertThat(j.escalations())
                .as("escalations in the export of %s", person)
                .isEqualTo(m.escalations());
        assertThat(j.entries()).as("entries in the export of %s", person).isEqualTo(m.entries());
        assertThat(j.dueItems()).as("due items in the export of %s", person).isEqualTo(m.dueItems());
        assertThat(withoutMessages(j, m)).as("export of %s", person).isEqualTo(withoutMessages(m, m));
        assertThat(j.messages()).as("messages in the export of %s", person).containsAll(m.messages());
        for (PersonalDataExport.Message extra : j.messages()) {
            if (!m.messages().contains(extra)) {
                assertThat(extra.deadCode())
                        .as("a dead letter only JDBC lists: %s", extra)
                        .isEmpty();
            }
        }
        Statistics.label("export messages only JDBC keeps")
                .collect(j.messages().size() > m.messages().size() ? "some" : "none");
    }

    /** {@code e} without its messages, and with the names and addresses of {@code m} (compared above). */
    private static PersonalDataExport withoutMessages(PersonalDataExport e, PersonalDataExport m) {
        return new PersonalDataExport(
                e.kind(),
                e.id(),
                e.exportedAt(),
                m.names(),
                m.addresses(),
                e.escalations(),
                e.entries(),
                List.of(),
                e.dueItems());
    }

    /** The changes of the side's feed since it was last read (the cursors are each store's own). */
    private static List<EscalationChange> changes(Side side) {
        List<EscalationChange> changes = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            ChangeFeed slice = side.engine.operations().changesSince(SAM, side.feed, 50);
            changes.addAll(slice.changes());
            side.feed = slice.cursor();
            if (slice.changes().isEmpty()) {
                return changes;
            }
        }
        throw new AssertionError("more than 1,000 slices");
    }

    /**
     * A retention run's outcome without its count of messages and batches: the JDBC store purges the delivered
     * messages it keeps, the in-memory store the keys it keeps. (Every read after it is compared.)
     */
    private static String retention(Supplier<RetentionReport> call) {
        try {
            RetentionReport r = call.get();
            return "purged before " + r.closedBefore() + " / " + r.deliveredBefore() + ": " + r.escalations()
                    + " escalations";
        } catch (RuntimeException e) {
            return failure(e);
        }
    }

    private String runContact() {
        return "pia-" + run;
    }

    /**
     * An erasure's outcome without its count of messages: the JDBC store also erases the delivered messages it keeps
     * until retention purges them, the in-memory store keeps only their keys. (Every read after it is compared.)
     */
    private static String erasure(Supplier<ErasureReport> call) {
        try {
            ErasureReport r = call.get();
            return "erased " + r.kind() + " " + r.id() + " at " + r.erasedAt() + ": " + r.escalations()
                    + " escalations, "
                    + r.entries() + " entries, " + r.dueItems() + " due items, " + r.portalMessages()
                    + " portal messages, touched " + r.touched();
        } catch (RuntimeException e) {
            return e instanceof PersonInOpenEscalationException open ? failure(e) + " " + open.open() : failure(e);
        }
    }

    private CaseId caseOf(int i) {
        return CaseId.of("C-" + run + "-" + i);
    }

    private static String read(Side side, Function<EscalationEngine, String> read) {
        return read.apply(side.engine);
    }

    /** Every page of a list, followed to the end with a small page size (the cursors are compared too). */
    private static <T> List<String> pages(Side side, BiFunction<EscalationEngine, PageRequest, Page<T>> list) {
        return pages(side, list, 3, 1_000);
    }

    /**
     * The first {@code most} pages of {@code size} items of a list that grows with every run: all of it every 50th run,
     * else its first two pages of 3 (so that a long property stays linear).
     */
    private <T> List<String> head(Side side, BiFunction<EscalationEngine, PageRequest, Page<T>> list) {
        return run % 50 == 0 ? pages(side, list, 100, 1_000) : pages(side, list, 3, 2);
    }

    private static <T> List<String> pages(
            Side side, BiFunction<EscalationEngine, PageRequest, Page<T>> list, int size, int most) {
        List<String> out = new ArrayList<>();
        PageRequest request = PageRequest.first(size);
        for (int i = 0; i < most; i++) {
            PageRequest r = request;
            Page<T> page;
            try {
                page = list.apply(side.engine, r);
            } catch (RuntimeException e) {
                out.add(failure(e));
                return out;
            }
            out.add(page.items().toString() + " next "
                    + page.next().map(PageCursor::toString).orElse("-"));
            if (page.next().isEmpty()) {
                return out;
            }
            request = PageRequest.after(page.next().get(), size);
        }
        if (most < 1_000) {
            return out;
        }
        throw new AssertionError("more than 1,000 pages");
    }

    private static String deliver(Side side) {
        return outcome(side.engine::processDueWork) + " / " + outcome(side.engine::deliverPending);
    }

    /** Gives {@code op} to the side's engine; {@code arm} runs right before the engine is called. */
    private String apply(Side side, Op op, List<CaseId> cases, List<EscalationId> escalations, Runnable arm) {
        return apply(side, op, cases, escalations, arm, firstDeadLetter(side, op));
    }

    /** The side's own first dead letter, which a replay op names (message ids are the store's). */
    private static Optional<dev.escalation.model.MessageId> firstDeadLetter(Side side, Op op) {
        return op.kind() != 31
                ? Optional.empty()
                : side.engine.operations().deadLetters(SAM, PageRequest.first(1)).items().stream()
                        .findFirst()
                        .map(d -> d.id());
    }

    /** Gives {@code op} to the side's engine, a replay op naming {@code deadLetter}. */
    private String apply(
            Side side,
            Op op,
            List<CaseId> cases,
            List<EscalationId> escalations,
            Runnable arm,
            Optional<dev.escalation.model.MessageId> deadLetter) {
        EscalationEngine e = side.engine;
        EscalationId id =
                escalations.isEmpty() ? EscalationId.of("esc-none") : escalations.get(op.target() % escalations.size());
        Optional<EscalationView> view = viewOf(e, id); // read once, before a fault is armed
        Actor managerActor = view.flatMap(EscalationView::manager)
                .map(m -> Actor.staff(m.value()))
                .orElse(EVE);
        Actor contact = view.filter(w -> w.customer().equals(GLOBEX)).isPresent() ? GIL : INA;
        long version = view.map(EscalationView::version).orElse(1L);
        String text = op.text();
        int v = op.value();
        StaffId manager = v % 2 == 0 ? StaffId.of("eve") : StaffId.of("max");
        Instant now = clock.instant();
        arm.run();
        String result = switch (op.kind()) {
            case 0 ->
                outcome(() -> e.escalate(
                        who(op, v % 5 == 4 ? GIL : INA),
                        new EscalateCase(
                                cases.get(v % 5 == 4 ? 3 : op.target()),
                                text,
                                Cause.values()[v % Cause.values().length],
                                Criticality.values()[v % Criticality.values().length],
                                "sub-" + run + "-" + (v % 4))));
            case 1 -> outcome(() -> e.acknowledge(who(op, SAM), new Acknowledge(id, manager, text)));
            case 2 ->
                outcome(() -> e.agreePlan(
                        who(op, managerActor),
                        new AgreePlan(
                                id,
                                Duration.ofHours(1 + v % 200),
                                Channel.values()[v % Channel.values().length],
                                now.plus(Duration.ofMinutes(v)))));
            case 3 ->
                outcome(() -> e.logProgress(
                        who(op, managerActor),
                        new LogProgress(
                                id,
                                LogProgress.Kind.values()[v % LogProgress.Kind.values().length],
                                text,
                                v % 3 == 0 ? Visibility.INTERNAL : Visibility.CUSTOMER)));
            case 4 ->
                outcome(() -> e.addParticipant(
                        who(op, managerActor),
                        switch (v % 3) {
                            case 0 -> AddParticipant.staff(id, "dan");
                            case 1 -> AddParticipant.contact(id, (v / 3) % 2 == 0 ? "tom" : runContact());
                            default -> AddParticipant.external(id, text, "guest" + (v % 5) + "@partner.example");
                        }));
            case 5 ->
                outcome(() -> e.removeParticipant(
                        who(op, managerActor),
                        new RemoveParticipant(
                                id,
                                switch (v % 3) {
                                    case 0 -> "dan";
                                    case 1 -> (v / 3) % 2 == 0 ? "tom" : runContact();
                                    default -> "guest" + (v % 5) + "@partner.example";
                                },
                                text)));
            case 6 ->
                outcome(() -> e.changeCriticality(
                        who(op, managerActor),
                        new ChangeCriticality(id, Criticality.values()[v % Criticality.values().length], text)));
            case 7 ->
                v % 2 == 0
                        ? outcome(() -> e.pauseClock(who(op, managerActor), new PauseClock(id, text)))
                        : outcome(() -> e.resumeClock(who(op, managerActor), new ResumeClock(id, text)));
            case 8 -> outcome(() -> e.resolve(who(op, managerActor), new Resolve(id, text)));
            case 9 -> outcome(() -> e.reopen(who(op, contact), new Reopen(id, text)));
            case 10 ->
                outcome(() -> e.scheduleLessonsLearned(
                        who(op, managerActor),
                        new ScheduleLessonsLearned(
                                id, now.plus(Duration.ofHours(1 + v % 500)), Duration.ofMinutes(15 + v % 120))));
            case 11 ->
                outcome(() -> e.recordLessonsLearned(
                        who(op, managerActor),
                        new RecordLessonsLearned(
                                id,
                                text,
                                v % 2 == 0
                                        ? List.of()
                                        : List.of(new RecordLessonsLearned.Action(
                                                text,
                                                // a name, or the id of a person the exports and erasures ask for
                                                switch ((v / 2) % 4) {
                                                    case 0 -> "Dan Developer";
                                                    case 1 -> "dan";
                                                    case 2 -> "tom";
                                                    default -> runContact();
                                                })))));
            case 12 ->
                outcome(() -> e.declineLessonsLearned(who(op, managerActor), new DeclineLessonsLearned(id, text)));
            case 13 ->
                v % 2 == 0
                        ? outcome(() -> e.close(who(op, managerActor), new Close(id, text)))
                        : outcome(() -> e.withdraw(who(op, contact), new Withdraw(id, text)));
            case 14 -> outcome(() -> e.reassignManager(who(op, SAM), new ReassignManager(id, manager, text)));
            case 15 -> {
                side.notifier.setAvailable(v % 3 != 0); // an outage now and then, the same on both sides
                yield deliver(side);
            }
            case 16 -> {
                if (side == jdbc) { // the clock is shared: moved once, after the memory side's turn
                    clock.advance(Duration.ofMinutes(v * 3L));
                }
                yield "advanced";
            }
            case 17 -> deliver(side);
            case 19 ->
                erasure(() -> e.operations()
                        .erasePerson(
                                who(op, SAM),
                                switch (v % 3) {
                                    case 0 -> DataSubject.staff("dan");
                                    case 1 -> DataSubject.contact("tom");
                                    default -> DataSubject.contact(runContact());
                                }));
            case 18 -> outcome(() -> e.operations().audit().anchor(who(op, SAM), id));
            case 20 ->
                outcome(() -> e.proposePlan(
                        who(op, managerActor),
                        new ProposePlan(
                                id,
                                Duration.ofHours(1 + v % 100),
                                Channel.values()[v % Channel.values().length],
                                now.plus(Duration.ofMinutes(30 + v)),
                                text)));
            case 21 -> outcome(() -> e.confirmPlan(who(op, contact), new ConfirmPlan(id)));
            case 22 ->
                outcome(() -> e.amendPlan(
                        who(op, managerActor),
                        new AmendPlan(
                                id,
                                Duration.ofHours(1 + v % 300),
                                Channel.values()[(v / 7) % Channel.values().length],
                                now.plus(Duration.ofMinutes(v)),
                                text)));
            case 23 ->
                outcome(() -> e.operations()
                        .updateImprovementAction(
                                who(op, managerActor),
                                new UpdateImprovementAction(
                                        id,
                                        v % 3,
                                        ImprovementAction.Status.values()[v % ImprovementAction.Status.values().length],
                                        text)));
            case 24 ->
                outcome(() ->
                        e.operations().cancelLessonsLearned(who(op, managerActor), new CancelLessonsLearned(id, text)));
            case 25 -> outcome(() -> e.recordPlanAlone(who(op, managerActor), new RecordPlanAlone(id)));
            case 26 -> outcome(() -> e.operations().replayAll(who(op, SAM), id));
            case 28 ->
                outcome(() -> e.escalateOnBehalf(
                        who(op, SAM),
                        new dev.escalation.command.EscalateOnBehalf(
                                cases.get(v % 5 == 4 ? 3 : op.target()),
                                dev.escalation.model.ContactId.of(
                                        v % 5 == 4 ? "gil" : (v / 5) % 3 == 0 ? "tom" : "ina"),
                                dev.escalation.model.Intake.Channel.values()[
                                        v % dev.escalation.model.Intake.Channel.values().length],
                                text,
                                Cause.values()[v % Cause.values().length],
                                Criticality.values()[(v / 3) % Criticality.values().length],
                                "hot-" + run + "-" + (v % 3))));
            case 29 ->
                v % 3 == 0
                        ? outcome(() -> e.operations()
                                .migratePolicy(
                                        who(op, SAM),
                                        id,
                                        new dev.escalation.model.PolicyRef("standard", 1 + v % 2),
                                        version - (v / 3) % 2))
                        : outcome(() -> e.operations()
                                .migratePolicy(
                                        who(op, SAM), id, new dev.escalation.model.PolicyRef("standard", 1 + v % 2)));
            case 30 -> outcome(() -> e.operations().recordCalendarChange(who(op, SAM), text));
            case 31 ->
                outcome(() -> deadLetter
                        .map(m -> e.operations().replay(who(op, SAM), m))
                        .orElse(false));
            case 32 ->
                // a form shown at the current version, or one version behind (a stale form), sent again
                outcome(() -> e.logProgress(
                        who(op, managerActor),
                        new LogProgress(
                                        id,
                                        LogProgress.Kind.values()[v % LogProgress.Kind.values().length],
                                        text,
                                        v % 3 == 0 ? Visibility.INTERNAL : Visibility.CUSTOMER)
                                .expectingVersion(Math.max(1, version - v % 2))));
            default ->
                retention(() ->
                        e.operations().applyRetention(who(op, SAM), RetentionPolicy.closedAfterMonths(1 + v % 2)));
        };
        return result;
    }

    /** The actor the op names: the right one ({@code actor} 0–5), else any of the seven (the right one, too; gil is the other tenant). */
    private static Actor who(Op op, Actor right) {
        return op.actor() <= 5 ? right : ACTORS.get((op.actor() + op.value()) % ACTORS.size());
    }

    /**
     * The escalation as Support Management sees it, if it can be read: its manager (else eve acts), its customer's
     * Incident Manager (gil for GLOBEX's, else ina) and its version (else 1) are taken from it.
     */
    private static Optional<EscalationView> viewOf(EscalationEngine e, EscalationId id) {
        try {
            return e.find(SAM, id);
        } catch (EscalationException ex) {
            return Optional.empty();
        }
    }

    private static String outcome(Supplier<?> call) {
        try {
            Object result = call.get();
            if (result instanceof EscalationReceipt r) {
                return "receipt " + r.escalation().value() + " " + r;
            }
            return String.valueOf(result);
        } catch (RuntimeException e) {
            return failure(e);
        }
    }

    private static String failure(RuntimeException e) {
        if (e instanceof InvalidCommandException i) {
            List<String> v = new ArrayList<>();
            i.violations().forEach(x -> v.add(x.field() + ":" + x.rule() + ":" + x.code()));
            v.sort(null);
            return "invalid " + v;
        }
        if (e instanceof EscalationException x) {
            return "refused " + x.code() + " " + x.getClass().getSimpleName();
        }
        return "failed " + e.getClass().getName() + ": " + e.getMessage();
    }
}
