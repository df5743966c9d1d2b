package dev.escalation.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.Action;
import dev.escalation.Actor;
import dev.escalation.CustomerQuery;
import dev.escalation.DataSubject;
import dev.escalation.DeskQuery;
import dev.escalation.EscalationEngine;
import dev.escalation.EscalationException;
import dev.escalation.EscalationNotFoundException;
import dev.escalation.EscalationReceipt;
import dev.escalation.EscalationView;
import dev.escalation.IllegalTransitionException;
import dev.escalation.MetricsQuery;
import dev.escalation.MetricsReport;
import dev.escalation.NotAuthorizedException;
import dev.escalation.RetentionPolicy;
import dev.escalation.TimelineEntry;
import dev.escalation.calendar.BusinessCalendar;
import dev.escalation.command.Acknowledge;
import dev.escalation.command.AddParticipant;
import dev.escalation.command.AgreePlan;
import dev.escalation.command.AmendPlan;
import dev.escalation.command.ChangeCriticality;
import dev.escalation.command.Close;
import dev.escalation.command.ConfirmPlan;
import dev.escalation.command.DeclineLessonsLearned;
import dev.escalation.command.EscalateCase;
import dev.escalation.command.EscalateOnBehalf;
import dev.escalation.command.LogProgress;
import dev.escalation.command.PauseClock;
import dev.escalation.command.ProposePlan;
import dev.escalation.command.ReassignManager;
import dev.escalation.command.RecordLessonsLearned;
import dev.escalation.command.RemoveParticipant;
import dev.escalation.command.Reopen;
import dev.escalation.command.Resolve;
import dev.escalation.command.ResumeClock;
import dev.escalation.command.ScheduleLessonsLearned;
import dev.escalation.command.Withdraw;
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
import dev.escalation.model.DeadlineMark;
import dev.escalation.model.DueKind;
import dev.escalation.model.EscalationId;
import dev.escalation.model.EscalationState;
import dev.escalation.model.EscalationSummary;
import dev.escalation.model.HotlineNumber;
import dev.escalation.model.Intake;
import dev.escalation.model.Page;
import dev.escalation.model.PageCursor;
import dev.escalation.model.PageRequest;
import dev.escalation.model.PolicyRef;
import dev.escalation.model.StaffId;
import dev.escalation.model.StaffRole;
import dev.escalation.model.Visibility;
import dev.escalation.sla.Deadline;
import dev.escalation.sla.SlaPolicy;
import dev.escalation.spi.CustomerAccount;
import dev.escalation.spi.EscalationStore;
import dev.escalation.spi.StaffMember;
import dev.escalation.spi.SupportCase;
import dev.escalation.spi.Touchpoint;
import dev.escalation.test.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * The engine's read model against a brute-force oracle. One engine on a store is fed a random sequence of commands
 * (two customers on two policy versions, contacts and staff members of different roles, one of each deactivated and
 * restored, erasure, retention after the clock moved on by a month, the clock moved across deadlines, exactly onto
 * them and backwards, policy migrations). After every step every read the engine offers — the desk's inbox with a
 * generated filter, sort and reader, its facet counts, the plain inbox, the overdue list, each contact's list with a
 * generated filter, the open escalation of every case, a timeline, the metrics' transition counts per customer and
 * criticality — is compared with what the oracle computes from the single-escalation reads ({@code find},
 * {@code deadlines}) of every escalation the reader may see: the same members in the same order (ties by id in the
 * store's documented id order), each page of a keyset cursor exactly the oracle's rows after the cursor, the same
 * counts, nothing of another tenant, a summary's fields those of the reader's view (a contact's next deadline only of a
 * kind its {@code deadlines} show it), a deactivated reader refused. Each command's outcome is checked against the
 * available actions its actor read right before. Lists and timelines are also paged one page per step while the
 * sequence goes on, every other page read by a second engine on the same store (cursors work across engine
 * instances): each page is the oracle's rows after the cursor at that moment, and an escalation that stays
 * unchanged and in the list meanwhile comes exactly once. Escalation ids are drawn so that they sort differently by
 * code point, by UTF-16 unit and by a locale ("a" vs "B", "Z" vs "a", "é" vs "f", U+FF41 vs U+1D11E); escalations are
 * raised in the same instant and with equal deadlines.
 */
final class ReadModelOracle {
    static final Instant T0 = Instant.parse("2027-03-01T08:00:00Z");
    static final CustomerId ACME = CustomerId.of("acme");
    static final CustomerId GLOBEX = CustomerId.of("globex");
    static final Actor SAM = Actor.staff("sam");
    static final Actor EVE = Actor.staff("eve");
    static final Actor MAX = Actor.staff("max");
    static final Actor DAN = Actor.staff("dan");
    static final Actor INA = Actor.contact("ina");
    static final Actor TOM = Actor.contact("tom");
    static final Actor GIL = Actor.contact("gil");
    static final List<Actor> CONTACTS = List.of(INA, TOM, GIL);
    static final List<Actor> ALL = List.of(SAM, EVE, MAX, DAN, INA, TOM, GIL);
    static final List<CaseId> CASES =
            List.of(CaseId.of("C-1"), CaseId.of("C-2"), CaseId.of("C-3"), CaseId.of("G-1"), CaseId.of("G-2"));
    /** Id stems whose orders differ: by code point, by UTF-16 unit, by a locale's collation. */
    static final List<String> STEMS = List.of("a", "B", "Z", "\u00e9", "f", "\uFF41", "\uD834\uDD1E");

    /** One step: what ({@code kind}), three choices, a desk query and a customer query (bit fields), a page size. */
    record Step(int kind, int a, int b, int c, int desk, int customer, int size) {}

    static final int FORWARD = 0;

    /**
     * A HIGH escalation (resolution due in two hours) acknowledged, its plan's first meeting 40 minutes after the
     * resolution deadline, its clock paused, and the clock set onto the meeting: the stored next deadline is the
     * resolution deadline the pause holds, the missed meeting behind it is breached ({@code deadlines} shows it so,
     * {@code overdue()} lists it), and the desk's breached filter and facet must count it.
     */
    static final List<Step> MISSED_MEETING_BEHIND_A_HELD_DEADLINE = List.of(
            new Step(1, 0, 0, 2, 0, 0, 1),
            new Step(3, 0, 0, 0, 0, 0, 1),
            new Step(4, 0, 0, 4, 0, 0, 1),
            new Step(10, 0, 0, 0, 1 << 15, 0, 1),
            new Step(20, 1, 0, 1, 1 << 15, 0, 1));

    static final int KINDS = 26;

    static Arbitrary<List<Step>> steps(int maxSize) {
        Arbitrary<Integer> kind = Arbitraries.frequencyOf(
                Tuple.of(24, Arbitraries.just(FORWARD)),
                Tuple.of(3, Arbitraries.integers().between(1, 2)),
                Tuple.of(10, Arbitraries.integers().between(3, KINDS - 1)),
                Tuple.of(5, Arbitraries.just(20)),
                Tuple.of(3, Arbitraries.just(21)));
        Arbitrary<Integer> small = Arbitraries.integers().between(0, 11);
        return Combinators.combine(
                        kind,
                        small,
                        small,
                        small,
                        Arbitraries.integers().between(0, (1 << 24) - 1),
                        Arbitraries.integers().between(0, (1 << 10) - 1),
                        Arbitraries.integers().between(1, 8))
                .as(Step::new)
                .list()
                .ofMinSize(maxSize / 3)
                .ofMaxSize(maxSize);
    }

    private final MutableClock clock = MutableClock.at(T0);
    private final InMemoryCustomerDirectory customers;
    private final InMemoryStaffDirectory staff;
    /** Who is deactivated in the directories now (their reads and commands are refused). */
    private final Set<Actor> inactive = new LinkedHashSet<>();

    private final EscalationEngine engine;
    /** A second engine on the same store, which a paging session reads every other page with. */
    private final EscalationEngine other;

    private final Comparator<String> idOrder;
    private final List<EscalationId> known = new ArrayList<>();
    private final Map<String, Long> transitions = new TreeMap<>();
    private final List<String> log = new ArrayList<>();
    private int submissions;
    private Paging paging;
    private TimelinePaging timeline;

    /**
     * @param store   an empty store
     * @param idOrder how the store orders ids (its documented order: by UTF-16 unit, or by code point on PostgreSQL)
     */
    ReadModelOracle(EscalationStore store, Comparator<String> idOrder) {
        this.idOrder = idOrder;
        customers = new InMemoryCustomerDirectory()
                .add(new CustomerAccount(ACME, "ACME", Optional.empty()))
                .add(new CustomerAccount(
                        GLOBEX,
                        "Globex",
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.of("standard")))
                .add(contact("ina", ACME, CustomerRole.INCIDENT_MANAGER))
                .add(contact("tom", ACME, CustomerRole.TECHNICAL_CONTACT))
                .add(contact("gil", GLOBEX, CustomerRole.INCIDENT_MANAGER));
        for (CaseId c : CASES) {
            customers.add(new SupportCase(c, c.value().startsWith("G") ? GLOBEX : ACME, "Case " + c.value()));
        }
        staff = new InMemoryStaffDirectory()
                .add(member("sam", StaffRole.SUPPORT_MANAGEMENT))
                .add(member("eve", StaffRole.ESCALATION_MANAGER))
                .add(member("max", StaffRole.ESCALATION_MANAGER))
                .add(member("dan", StaffRole.SUPPORT_ENGINEER));
        int[] ids = {0};
        engine = build(store, () -> {
            int n = ids[0]++;
            return EscalationId.of(STEMS.get(n % STEMS.size()) + (n / STEMS.size()));
        });
        other = build(store, () -> {
            throw new AssertionError("the second engine only reads");
        });
    }

    /** An engine on {@code store}; the second one of a run reads only (cursors work across engine instances). */
    private EscalationEngine build(EscalationStore store, java.util.function.Supplier<EscalationId> ids) {
        return EscalationEngine.builder()
                .clock(clock)
                .customers(customers)
                .staff(staff)
                .store(store)
                .notifier(new InMemoryNotifier())
                .ticketing(new InMemoryTicketing())
                .coverage(BusinessCalendar.alwaysOpen())
                .hotline(new HotlineNumber("Germany", "+49 911 2399 110"))
                .slaPolicies(SlaPolicy.builder("standard", 2)
                        .firstContact(Criticality.CRITICAL, Duration.ofMinutes(30))
                        .firstContact(Criticality.HIGH, Duration.ofMinutes(30))
                        .resolution(Criticality.CRITICAL, Duration.ofHours(2))
                        .resolution(Criticality.HIGH, Duration.ofHours(3))
                        .customerVisible(DueKind.FIRST_CONTACT, DueKind.RESOLUTION, DueKind.NEXT_MEETING)
                        .build())
                .slaPolicy(SlaPolicy.builder("standard", 1)
                        .firstContact(Criticality.CRITICAL, Duration.ofMinutes(30))
                        .firstContact(Criticality.HIGH, Duration.ofMinutes(30))
                        .firstContact(Criticality.MEDIUM, Duration.ofHours(1))
                        .resolution(Criticality.CRITICAL, Duration.ofHours(2))
                        .resolution(Criticality.HIGH, Duration.ofHours(2))
                        .resolution(Criticality.MEDIUM, Duration.ofHours(4))
                        .build())
                .escalationIds(ids)
                .build();
    }

    private static Touchpoint contact(String id, CustomerId customer, CustomerRole role) {
        return contact(id, customer, role, true);
    }

    private static Touchpoint contact(String id, CustomerId customer, CustomerRole role, boolean active) {
        return new Touchpoint(
                ContactId.of(id),
                customer,
                "Person " + id,
                id + "@example.com",
                Optional.empty(),
                Set.of(role),
                active);
    }

    private static StaffMember member(String id, StaffRole role) {
        return member(id, role, true);
    }

    private static StaffMember member(String id, StaffRole role, boolean active) {
        return new StaffMember(
                StaffId.of(id), "Staff " + id, id + "@vendor.example", Optional.empty(), Set.of(role), active);
    }

    /** Deactivates tom or dan in the directory, or activates them again. */
    private String toggle(int c) {
        Actor who = c % 2 == 0 ? TOM : DAN;
        boolean nowActive = inactive.contains(who);
        if (nowActive) {
            inactive.remove(who);
        } else {
            inactive.add(who);
        }
        if (who == TOM) {
            customers.add(contact("tom", ACME, CustomerRole.TECHNICAL_CONTACT, nowActive));
        } else {
            staff.add(member("dan", StaffRole.SUPPORT_ENGINEER, nowActive));
        }
        return "directory " + who.id() + " active " + nowActive;
    }

    /** Runs the steps, checking every read after each. */
    void run(List<Step> steps) {
        for (Step step : steps) {
            String outcome = apply(step);
            log.add(step + " -> " + outcome);
            Statistics.label("outcomes").collect(outcome.split(" ")[0]);
            Oracle o = new Oracle();
            o.checkAll(step);
            if (paging != null && paging.next(o)) {
                paging = null;
            }
            if (timeline != null && timeline.next()) {
                timeline = null;
            }
            if (step.kind() == 21 && step.c() % 3 == 2 && timeline == null && !o.views.isEmpty()) {
                EscalationId id = new ArrayList<>(o.views.keySet()).get(step.b() % o.views.size());
                Actor reader =
                        step.a() % 2 == 0 ? SAM : o.views.get(id).customer().equals(GLOBEX) ? GIL : INA;
                TimelinePaging started = new TimelinePaging(id, reader, step.size());
                timeline = started.next() ? null : started;
            } else if (step.kind() == 21
                    && paging == null
                    && !inactive.contains(deskActor(step.desk()))
                    && !inactive.contains(TOM)) {
                Paging started = new Paging(step, o);
                paging = started.next(o) ? null : started;
            }
        }
        collectStates();
    }

    /** The states the run's escalations reached, for the statistics. */
    void collectStates() {
        for (EscalationId id : known) {
            Statistics.label("states at the end")
                    .collect(staffView(id).map(v -> v.state().name()).orElse("purged"));
        }
    }

    // ------------------------------------------------------------------ commands

    private Optional<EscalationView> staffView(EscalationId id) {
        return engine.find(SAM, id);
    }

    private String apply(Step s) {
        EscalationId id = known.isEmpty() ? EscalationId.of("none") : known.get(s.b() % known.size());
        Optional<EscalationView> view = staffView(id);
        EscalationState state = view.map(EscalationView::state).orElse(EscalationState.CLOSED);
        Actor manager = view.flatMap(EscalationView::manager)
                .map(m -> Actor.staff(m.value()))
                .orElse(EVE);
        Actor im = view.filter(v -> v.customer().equals(GLOBEX)).isPresent() ? GIL : INA;
        int kind = s.kind();
        if (kind == FORWARD) {
            kind = known.isEmpty() || s.c() % 8 == 0
                    ? 1
                    : switch (state) {
                        case REQUESTED -> s.a() % 6 == 5 ? 17 : 3;
                        case ACKNOWLEDGED -> s.a() % 3 == 0 ? 6 : s.a() % 7 == 1 ? 17 : 4;
                        case ACTIVE -> new int[] {8, 11, 11, 10, 5, 8}[s.a() % 6];
                        case RESOLVED -> s.a() % 3 == 0 ? 13 : 14;
                        case LESSONS_LEARNED -> s.a() % 2 == 0 ? 15 : 16;
                        default -> 1;
                    };
        }
        Instant now = clock.instant();
        int a = s.a();
        int c = s.c();
        try {
            switch (kind) {
                case 1, 2 -> {
                    int caseNo = (a + c) % CASES.size();
                    CaseId caseId = CASES.get(caseNo);
                    boolean globex = caseId.value().startsWith("G");
                    Criticality crit = Criticality.values()[c % Criticality.values().length];
                    String sub = "s-" + submissions++;
                    EscalationReceipt r = kind == 1
                            ? engine.escalate(
                                    globex ? GIL : (a % 4 == 3 ? TOM : INA),
                                    new EscalateCase(
                                            caseId, "help", Cause.values()[a % Cause.values().length], crit, sub))
                            : engine.escalateOnBehalf(
                                    SAM,
                                    new EscalateOnBehalf(
                                            caseId,
                                            ContactId.of(globex ? "gil" : "ina"),
                                            Intake.Channel.HOTLINE_CALL,
                                            "called",
                                            Cause.values()[a % Cause.values().length],
                                            crit,
                                            sub));
                    if (!known.contains(r.escalation())) {
                        known.add(r.escalation());
                    }
                    if (r.created()) {
                        count("escalated", r.escalation());
                    }
                    return "escalated " + r.escalation() + " created " + r.created();
                }
                case 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 24 -> {
                    Cmd cmd = command(kind, id, view, manager, im, a, c, now);
                    Actor who = a == 11 ? ALL.get((c + s.b()) % ALL.size()) : cmd.actor();
                    return attempt(kind, id, who, cmd);
                }
                case 20 -> {
                    return advance(a, c);
                }
                case 21 -> {
                    return "paging";
                }
                case 25 -> {
                    return toggle(c);
                }
                case 22 -> {
                    return "erased "
                            + engine.operations()
                                    .erasePerson(
                                            SAM, c % 2 == 0 ? DataSubject.contact("tom") : DataSubject.staff("dan"))
                                    .escalations();
                }
                default -> {
                    clock.advance(Duration.ofDays(30L + 3L * a)); // retention after the clock moved on
                    deliverAndProcess();
                    return "purged "
                            + engine.operations()
                                    .applyRetention(SAM, RetentionPolicy.closedAfterMonths(1))
                                    .escalations();
                }
            }
        } catch (RuntimeException e) {
            return "refused " + kind + " on " + id + ": " + e.getClass().getSimpleName();
        }
    }

    /** A command on an existing escalation: its right actor, its action, the call, the transition it counts. */
    private record Cmd(Actor actor, Action action, java.util.function.Consumer<Actor> call, String transition) {}

    private Cmd command(
            int kind,
            EscalationId id,
            Optional<EscalationView> view,
            Actor manager,
            Actor im,
            int a,
            int c,
            Instant now) {
        return switch (kind) {
            case 3 ->
                new Cmd(
                        a % 5 == 4 ? DAN : SAM,
                        Action.ACKNOWLEDGE,
                        x -> engine.acknowledge(x, new Acknowledge(id, staffId(a), "hi")),
                        "acknowledged");
            case 4 ->
                new Cmd(
                        manager,
                        Action.AGREE_PLAN,
                        x -> engine.agreePlan(
                                x,
                                new AgreePlan(
                                        id,
                                        Duration.ofMinutes(15L * (1 + a)),
                                        Channel.VIDEO_CALL,
                                        now.plus(Duration.ofMinutes(10L * c * c)))),
                        "");
            case 5 ->
                new Cmd(
                        manager,
                        Action.AMEND_PLAN,
                        x -> engine.amendPlan(
                                x,
                                new AmendPlan(
                                        id,
                                        Duration.ofMinutes(15L * (1 + c)),
                                        Channel.PHONE,
                                        now.plusSeconds(60L * a),
                                        "x")),
                        "");
            case 6 ->
                new Cmd(
                        manager,
                        Action.PROPOSE_PLAN,
                        x -> engine.proposePlan(
                                x,
                                new ProposePlan(
                                        id, Duration.ofHours(1 + a), Channel.PHONE, now.plusSeconds(60L * c), "p")),
                        "");
            case 7 -> new Cmd(im, Action.CONFIRM_PLAN, x -> engine.confirmPlan(x, new ConfirmPlan(id)), "");
            case 8 ->
                new Cmd(
                        a % 4 == 3 ? im : manager,
                        Action.LOG_PROGRESS,
                        x -> engine.logProgress(
                                x,
                                new LogProgress(
                                        id,
                                        LogProgress.Kind.values()[c % LogProgress.Kind.values().length],
                                        "progress " + c,
                                        a % 2 == 0 && x.kind() == Actor.Kind.STAFF
                                                ? Visibility.INTERNAL
                                                : Visibility.CUSTOMER)),
                        "");
            case 9 ->
                new Cmd(
                        manager,
                        Action.ADD_PARTICIPANT,
                        x -> engine.addParticipant(
                                x,
                                switch (c % 3) {
                                    case 0 -> AddParticipant.staff(id, "dan");
                                    case 1 -> AddParticipant.contact(id, "tom");
                                    default -> AddParticipant.external(id, "Guest", "guest@partner.example");
                                }),
                        "");
            case 10 ->
                view.map(EscalationView::clockPaused).orElse(false)
                        ? new Cmd(
                                manager,
                                Action.RESUME_CLOCK,
                                x -> engine.resumeClock(x, new ResumeClock(id, "back")),
                                "")
                        : new Cmd(
                                manager,
                                Action.PAUSE_CLOCK,
                                x -> engine.pauseClock(x, new PauseClock(id, "waiting")),
                                "");
            case 11 -> new Cmd(manager, Action.RESOLVE, x -> engine.resolve(x, new Resolve(id, "fixed")), "resolved");
            case 12 ->
                new Cmd(
                        manager,
                        Action.REMOVE_PARTICIPANT,
                        x -> engine.removeParticipant(x, new RemoveParticipant(id, c % 2 == 0 ? "dan" : "tom", "bye")),
                        "");
            case 13 ->
                new Cmd(
                        a % 2 == 0 ? im : manager,
                        Action.REOPEN,
                        x -> engine.reopen(x, new Reopen(id, "again")),
                        "reopened");
            case 14 ->
                c % 2 == 0
                        ? new Cmd(
                                manager,
                                Action.SCHEDULE_LESSONS_LEARNED,
                                x -> engine.scheduleLessonsLearned(
                                        x,
                                        new ScheduleLessonsLearned(
                                                id, now.plus(Duration.ofHours(1 + a)), Duration.ofMinutes(30))),
                                "")
                        : new Cmd(
                                im,
                                Action.DECLINE_LESSONS_LEARNED,
                                x -> engine.declineLessonsLearned(x, new DeclineLessonsLearned(id, "no")),
                                "");
            case 15 ->
                new Cmd(
                        manager,
                        Action.RECORD_LESSONS_LEARNED,
                        x -> engine.recordLessonsLearned(x, new RecordLessonsLearned(id, "learned", List.of())),
                        "");
            case 16 ->
                new Cmd(
                        a % 3 == 0 ? SAM : manager,
                        Action.CLOSE,
                        x -> engine.close(x, new Close(id, "done")),
                        "closed");
            case 17 ->
                new Cmd(im, Action.WITHDRAW, x -> engine.withdraw(x, new Withdraw(id, "not needed")), "withdrawn");
            case 18 ->
                new Cmd(
                        a % 2 == 0 ? SAM : im,
                        Action.CHANGE_CRITICALITY,
                        x -> engine.changeCriticality(
                                x,
                                new ChangeCriticality(
                                        id, Criticality.values()[c % Criticality.values().length], "because")),
                        "");
            case 19 ->
                new Cmd(
                        SAM,
                        Action.REASSIGN_MANAGER,
                        x -> engine.reassignManager(x, new ReassignManager(id, staffId(a + 1), "swap")),
                        "");
            default ->
                new Cmd(
                        SAM,
                        Action.MIGRATE_POLICY,
                        x -> engine.operations().migratePolicy(x, id, new PolicyRef("standard", 1 + c % 2)),
                        "");
        };
    }

    /**
     * Gives the command to {@code who} and checks its outcome against the escalation's available actions as
     * {@code who} read them right before: an offered action is refused, if at all, only for the command's content
     * ({@code INVALID_COMMAND}; a contact's lowering of the criticality or entry other than a communication); one
     * that is not offered is refused; another customer's escalation is {@code NOT_FOUND} for a contact; a deactivated
     * person is refused.
     */
    private String attempt(int kind, EscalationId id, Actor who, Cmd cmd) {
        if (inactive.contains(who)) {
            refusedInactive(
                    "command " + cmd.action() + " by inactive " + who.id(),
                    () -> cmd.call().accept(who));
            return "refused " + kind + " on " + id + ": inactive";
        }
        Optional<EscalationView> before = engine.find(who, id);
        boolean offered =
                before.map(v -> v.availableActions().contains(cmd.action())).orElse(false);
        String what = cmd.action() + " by " + who.id() + " on " + id + " offered " + offered + " ("
                + before.map(v -> v.state() + " " + v.availableActions()).orElse("not visible") + ")";
        try {
            cmd.call().accept(who);
        } catch (EscalationNotFoundException e) {
            assertThat(before).as("NOT_FOUND for %s", what).isEmpty();
            return "refused " + kind + " on " + id + ": " + e.code();
        } catch (IllegalTransitionException e) {
            assertThat(offered)
                    .as("ILLEGAL_TRANSITION of an offered action: %s; %s", what, e.getMessage())
                    .isFalse();
            assertThat(e.allowedActions())
                    .as("allowed actions of the refusal of %s", what)
                    .doesNotContain(cmd.action())
                    .containsAll(before.orElseThrow().availableActions());
            return "refused " + kind + " on " + id + ": " + e.code();
        } catch (NotAuthorizedException e) {
            // what a contact may send is the command's content: only raising the criticality, only communications
            if (who.kind() != Actor.Kind.CONTACT
                    || (cmd.action() != Action.CHANGE_CRITICALITY && cmd.action() != Action.LOG_PROGRESS)) {
                assertThat(offered)
                        .as("NOT_AUTHORIZED of an offered action: %s; %s", what, e.getMessage())
                        .isFalse();
            }
            return "refused " + kind + " on " + id + ": " + e.code();
        } catch (EscalationException e) {
            return "refused " + kind + " on " + id + ": " + e.code();
        }
        assertThat(offered).as("done, so offered before: %s", what).isTrue();
        if (!cmd.transition().isEmpty()) {
            count(cmd.transition(), id);
        }
        return "done " + kind + " on " + id;
    }

    /** A read or command of a deactivated person: {@code NOT_AUTHORIZED}, reason {@code INACTIVE}. */
    private void refusedInactive(String what, Runnable call) {
        try {
            call.run();
        } catch (NotAuthorizedException e) {
            assertThat(e.subReason()).as(what).isEqualTo(NotAuthorizedException.Reason.INACTIVE);
            return;
        }
        throw new AssertionError(what + " was not refused; steps " + log);
    }

    private static StaffId staffId(int a) {
        return StaffId.of(a % 2 == 0 ? "eve" : "max");
    }

    /** Counts a transition under the escalation's customer and criticality (a transition does not change it). */
    private void count(String transition, EscalationId id) {
        EscalationView v = staffView(id).orElseThrow();
        transitions.merge(v.customer().value() + " " + v.criticality() + " " + transition, 1L, Long::sum);
    }

    /** Moves the clock: a little, onto a deadline or a meeting exactly, by a month and more, or backwards. */
    private String advance(int a, int c) {
        List<Instant> marks = new ArrayList<>();
        for (EscalationSummary s : all(p -> engine.operations().inbox(SAM, DeskQuery.all(), p))) {
            s.nextDeadline().ifPresent(d -> marks.add(d.at()));
            s.nextMeetingAt().ifPresent(marks::add);
        }
        marks.sort(null);
        switch (c % 6) {
            case 0 -> clock.advance(Duration.ofMinutes(1 + a));
            case 1, 2 -> {
                if (marks.isEmpty()) {
                    clock.advance(Duration.ofMinutes(30));
                } else {
                    clock.set(marks.get(a % marks.size())); // exactly at a deadline or meeting, maybe backwards
                }
            }
            case 3 -> clock.advance(Duration.ofDays(35 + a));
            case 4 -> clock.advance(Duration.ofMinutes(-(1 + 7L * a)));
            default -> clock.advance(Duration.ofSeconds(1));
        }
        deliverAndProcess();
        return "clock " + clock.instant();
    }

    private void deliverAndProcess() {
        engine.processDueWork();
        engine.deliverPending();
    }

    // ------------------------------------------------------------------ reads

    /** Every page of a list, at most 500 a page. */
    private static <T> List<T> all(Function<PageRequest, Page<T>> list) {
        List<T> out = new ArrayList<>();
        PageRequest p = PageRequest.first(PageRequest.MAX_SIZE);
        for (int i = 0; i < 100; i++) {
            Page<T> page = list.apply(p);
            out.addAll(page.items());
            if (page.next().isEmpty()) {
                return out;
            }
            p = PageRequest.after(page.next().get(), PageRequest.MAX_SIZE);
        }
        throw new AssertionError("endless list");
    }

    /** The sort key of a row: (instant, id), and whether rows without the instant come last. */
    private record Key(Instant at, String id) {}

    /** An order of rows of a list and the cursor position of a row in it. */
    private record Order(Function<EscalationSummary, Key> key, Comparator<Key> compare) {
        Comparator<EscalationSummary> rows() {
            return (x, y) -> compare.compare(key.apply(x), key.apply(y));
        }

        boolean after(EscalationSummary s, PageCursor cursor) {
            return compare.compare(key.apply(s), new Key(cursor.at(), cursor.id())) > 0;
        }
    }

    private Order ascending(Function<EscalationSummary, Instant> at) {
        Comparator<Key> c = Comparator.comparing(Key::at).thenComparing(Key::id, idOrder);
        return new Order(s -> new Key(at.apply(s), s.id().value()), c);
    }

    private Order descending(Function<EscalationSummary, Instant> at) {
        Comparator<Key> c = Comparator.comparing(Key::at).thenComparing(Key::id, idOrder);
        return new Order(s -> new Key(at.apply(s), s.id().value()), c.reversed());
    }

    private static Instant deadlineOrMax(EscalationSummary s) {
        return s.nextDeadline().map(DeadlineMark::at).orElse(Instant.MAX);
    }

    private Order of(DeskQuery.Sort sort) {
        return switch (sort) {
            case NEXT_DEADLINE_ASC -> ascending(ReadModelOracle::deadlineOrMax);
            case RAISED_ASC -> ascending(EscalationSummary::raisedAt);
            case RAISED_DESC -> descending(EscalationSummary::raisedAt);
            case NEXT_DEADLINE_DESC -> {
                Comparator<Key> dated = Comparator.comparing((Key k) -> k.at().equals(Instant.MAX));
                Comparator<Key> c = dated.thenComparing(Comparator.comparing(Key::at)
                        .thenComparing(Key::id, idOrder)
                        .reversed());
                yield new Order(s -> new Key(deadlineOrMax(s), s.id().value()), c);
            }
        };
    }

    /** A desk query from bit fields (0: no filter, earliest deadline first); the actor who asks it. */
    static DeskQuery deskQuery(int bits) {
        DeskQuery q = (bits & 1) != 0 ? DeskQuery.open() : DeskQuery.all();
        q = q.sortBy(DeskQuery.Sort.values()[(bits >> 1) & 3]);
        int states = (bits >> 3) & 63;
        if (states != 0) {
            List<EscalationState> s = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                if ((states & (1 << i)) != 0) {
                    s.add(EscalationState.values()[(i * 2 + (states >> 5)) % EscalationState.values().length]);
                }
            }
            q = q.states(s.toArray(EscalationState[]::new));
        }
        int crit = (bits >> 9) & 3;
        if (crit != 0) {
            q = q.criticality(
                    crit == 1
                            ? new Criticality[] {Criticality.CRITICAL}
                            : crit == 2
                                    ? new Criticality[] {Criticality.HIGH, Criticality.MEDIUM}
                                    : new Criticality[] {Criticality.LOW});
        }
        int customers = (bits >> 11) & 3;
        if (customers != 0) {
            q = q.customers(
                    customers == 1
                            ? new CustomerId[] {ACME}
                            : customers == 2 ? new CustomerId[] {GLOBEX} : new CustomerId[] {ACME, GLOBEX});
        }
        int manager = (bits >> 13) & 3;
        if (manager == 1) {
            q = q.mine();
        } else if (manager > 1) {
            q = q.manager(StaffId.of(manager == 2 ? "eve" : "max"));
        }
        int breached = (bits >> 15) & 3;
        if (breached != 0) {
            q = q.breached(breached == 1);
        }
        int paused = (bits >> 17) & 3;
        if (paused != 0) {
            q = q.paused(paused == 1);
        }
        int caseNo = (bits >> 19) & 7;
        if (caseNo != 0) {
            q = q.caseId(CASES.get((caseNo - 1) % CASES.size()));
        }
        return q;
    }

    static Actor deskActor(int bits) {
        return List.of(SAM, EVE, MAX, DAN).get((bits >> 22) & 3);
    }

    static CustomerQuery customerQuery(int bits) {
        CustomerQuery q = (bits & 1) != 0 ? CustomerQuery.open() : CustomerQuery.all();
        int states = (bits >> 1) & 15;
        if (states != 0) {
            List<EscalationState> s = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                if ((states & (1 << i)) != 0) {
                    s.add(EscalationState.values()[(i * 2) % EscalationState.values().length]);
                }
            }
            q = q.states(s.toArray(EscalationState[]::new));
        }
        int caseNo = (bits >> 5) & 7;
        if (caseNo != 0) {
            q = q.caseId(CASES.get((caseNo - 1) % CASES.size()));
        }
        return q;
    }

    /** What the reads must answer at one instant, computed from the single-escalation reads. */
    final class Oracle {
        final Instant now = clock.instant();
        /** Support Management's views of every escalation it may see, by id. */
        final Map<EscalationId, EscalationView> views = new LinkedHashMap<>();
        /** The desk's summaries, each checked against its view. */
        final Map<EscalationId, EscalationSummary> summaries = new LinkedHashMap<>();
        /** Whether an open escalation has a deadline not met that is due at now, by its {@code deadlines}. */
        final Map<EscalationId, Boolean> breached = new HashMap<>();

        Oracle() {
            for (EscalationId id : known) {
                staffView(id).ifPresent(v -> views.put(id, v));
            }
            for (EscalationSummary s : all(p -> engine.operations().inbox(SAM, DeskQuery.all(), p))) {
                assertThat(summaries.put(s.id(), s))
                        .as("%s twice in the desk's list", s.id())
                        .isNull();
            }
            assertThat(summaries.keySet())
                    .as("the desk's list holds exactly the escalations staff can read")
                    .isEqualTo(views.keySet());
            for (EscalationSummary s : summaries.values()) {
                summaryMatchesView(s, views.get(s.id()));
            }
        }

        private void summaryMatchesView(EscalationSummary s, EscalationView v) {
            fieldsMatch("summary of " + s.id() + " against its view", s, v);
            deadlinesMatch(s, v);
        }

        /** What a summary shares with a view, the reader's: equal. */
        private void fieldsMatch(String what, EscalationSummary s, EscalationView v) {
            assertThat(List.of(
                            s.version(),
                            s.customer(),
                            s.caseId(),
                            s.state(),
                            s.cause(),
                            s.criticality(),
                            s.raisedBy(),
                            s.raisedAt(),
                            s.updatedAt(),
                            s.manager(),
                            s.nextMeetingAt(),
                            s.pausedSince().isPresent(),
                            s.ticketReference(),
                            s.hotline()))
                    .as(what)
                    .isEqualTo(List.of(
                            v.version(),
                            v.customer(),
                            v.caseId(),
                            v.state(),
                            v.cause(),
                            v.criticality(),
                            v.raisedBy(),
                            v.raisedAt(),
                            v.updatedAt(),
                            v.manager(),
                            v.nextMeetingAt(),
                            v.clockPaused(),
                            v.ticketReference(),
                            v.hotline()));
        }

        /** The next deadline, breached and overdue against {@code deadlines}. */
        private void deadlinesMatch(EscalationSummary s, EscalationView v) {
            if (!v.state().isOpen()) {
                assertThat(s.overdueSince()).as("%s is final", s.id()).isEmpty();
                return;
            }
            List<Deadline> deadlines = engine.deadlines(SAM, s.id());
            // due at or before now and not met (a paused SLA deadline moves on with now unless it fell due before)
            boolean due = deadlines.stream()
                    .anyMatch(d -> d.metAt().isEmpty() && !d.dueAt().isAfter(now));
            breached.put(s.id(), due);
            assertThat(s.breachedAt(now))
                    .as("%s breached at %s against its deadlines %s", s.id(), now, deadlines)
                    .isEqualTo(due);
            assertThat(s.overdueAt(now))
                    .as("%s overdue at %s against its deadlines %s and meeting", s.id(), now, deadlines)
                    .isEqualTo(
                            due || v.nextMeetingAt().map(m -> !m.isAfter(now)).orElse(false));
            if (!v.clockPaused()) {
                // the next deadline: the earliest one not met yet, as deadlines shows it
                Optional<Instant> earliest = deadlines.stream()
                        .filter(d -> d.metAt().isEmpty())
                        .map(Deadline::dueAt)
                        .min(Comparator.naturalOrder());
                assertThat(s.nextDeadline().map(DeadlineMark::at))
                        .as("next deadline of %s against its deadlines %s", s.id(), deadlines)
                        .isEqualTo(earliest);
            }
        }

        /** The desk's rows matching {@code q} but for the filter of {@code unset}, in no order. */
        List<EscalationSummary> matching(DeskQuery q, Actor actor, DeskQuery.Facet unset) {
            Optional<StaffId> manager = q.isMine() ? Optional.of(StaffId.of(actor.id())) : q.manager();
            Predicate<EscalationSummary> p = s -> true;
            if (!q.states().isEmpty() && unset != DeskQuery.Facet.STATE) {
                p = p.and(s -> q.states().contains(s.state()));
            }
            if (!q.criticality().isEmpty() && unset != DeskQuery.Facet.CRITICALITY) {
                p = p.and(s -> q.criticality().contains(s.criticality()));
            }
            if (!q.customers().isEmpty() && unset != DeskQuery.Facet.CUSTOMER) {
                p = p.and(s -> q.customers().contains(s.customer()));
            }
            if (manager.isPresent() && unset != DeskQuery.Facet.MANAGER) {
                p = p.and(s -> s.manager().equals(manager));
            }
            if (q.breached().isPresent() && unset != DeskQuery.Facet.BREACHED) {
                p = p.and(s -> breached(s) == q.breached().get());
            }
            if (q.paused().isPresent() && unset != DeskQuery.Facet.PAUSED) {
                p = p.and(s -> s.pausedSince().isPresent() == q.paused().get());
            }
            if (q.caseId().isPresent()) {
                p = p.and(s -> s.caseId().equals(q.caseId().get()));
            }
            if (q.openOnly()) {
                p = p.and(s -> s.state().isOpen());
            }
            return summaries.values().stream().filter(p).toList();
        }

        /** Breached at now, as {@code deadlines} shows it: a deadline not met is due (a final escalation: none). */
        boolean breached(EscalationSummary s) {
            return breached.getOrDefault(s.id(), false);
        }

        List<EscalationSummary> desk(DeskQuery q, Actor actor) {
            List<EscalationSummary> rows = new ArrayList<>(matching(q, actor, null));
            rows.sort(of(q.sort()).rows());
            return rows;
        }

        Map<DeskQuery.Facet, Map<String, Long>> counts(DeskQuery q, Actor actor) {
            Map<DeskQuery.Facet, Map<String, Long>> out = new EnumMap<>(DeskQuery.Facet.class);
            for (DeskQuery.Facet f : DeskQuery.Facet.values()) {
                Map<String, Long> values = new TreeMap<>();
                for (EscalationSummary s : matching(q, actor, f)) {
                    Optional<String> v = switch (f) {
                        case STATE -> Optional.of(s.state().name());
                        case CRITICALITY -> Optional.of(s.criticality().name());
                        case CUSTOMER -> Optional.of(s.customer().value());
                        case MANAGER -> s.manager().map(StaffId::value);
                        case BREACHED -> Optional.of(Boolean.toString(breached(s)));
                        case PAUSED ->
                            Optional.of(Boolean.toString(s.pausedSince().isPresent()));
                    };
                    v.ifPresent(x -> values.merge(x, 1L, Long::sum));
                }
                out.put(f, values);
            }
            return out;
        }

        List<EscalationSummary> overdue() {
            List<EscalationSummary> rows = new ArrayList<>(
                    summaries.values().stream().filter(s -> s.overdueAt(now)).toList());
            rows.sort(ascending(s -> s.overdueSince().orElseThrow()).rows());
            return rows;
        }

        /** The contact's escalations: those {@code find} shows it, as summaries a contact may see. */
        List<EscalationSummary> ofCustomer(Actor contact, CustomerQuery q) {
            List<EscalationSummary> rows = new ArrayList<>();
            for (EscalationId id : views.keySet()) {
                Optional<EscalationView> v = engine.find(contact, id);
                EscalationSummary s = summaries.get(id);
                assertThat(v.isPresent())
                        .as("%s reads %s of %s", contact.id(), id, s.customer())
                        .isEqualTo(s.customer().equals(customerOf(contact)));
                if (v.isEmpty()
                        || (!q.states().isEmpty() && !q.states().contains(s.state()))
                        || (q.caseId().isPresent() && !q.caseId().get().equals(s.caseId()))
                        || (q.openOnly() && !s.state().isOpen())) {
                    continue;
                }
                EscalationSummary shown = forContact(contact, s);
                fieldsMatch("summary of " + id + " for " + contact.id() + " against its view", shown, v.get());
                rows.add(shown);
            }
            rows.sort(descending(EscalationSummary::raisedAt).rows());
            return rows;
        }

        /** A summary as {@code contact} may see it: its next deadline only of a kind its deadlines show it. */
        EscalationSummary forContact(Actor contact, EscalationSummary s) {
            if (s.nextDeadline().isEmpty()
                    || engine.deadlines(contact, s.id()).stream()
                            .anyMatch(d -> d.kind() == s.nextDeadline().get().kind())) {
                return s;
            }
            return new EscalationSummary(
                    s.id(),
                    s.version(),
                    s.customer(),
                    s.caseId(),
                    s.state(),
                    s.cause(),
                    s.criticality(),
                    s.raisedBy(),
                    s.raisedAt(),
                    s.updatedAt(),
                    s.manager(),
                    Optional.empty(),
                    s.nextMeetingAt(),
                    s.pausedSince(),
                    s.ticketReference(),
                    s.hotline());
        }

        /** The plain inbox: the states asked, none for the open working states; oldest first. */
        List<EscalationSummary> plainInbox(Set<EscalationState> states) {
            Set<EscalationState> working = !states.isEmpty()
                    ? states
                    : EnumSet.of(EscalationState.REQUESTED, EscalationState.ACKNOWLEDGED, EscalationState.ACTIVE);
            List<EscalationSummary> rows = new ArrayList<>(summaries.values().stream()
                    .filter(s -> working.contains(s.state()))
                    .toList());
            rows.sort(ascending(EscalationSummary::raisedAt).rows());
            return rows;
        }

        /** Every read against the oracle, pages of the step's size. */
        void checkAll(Step step) {
            int size = step.size();
            DeskQuery q = deskQuery(step.desk());
            Actor actor = deskActor(step.desk());
            String context = "after " + log.get(log.size() - 1) + " at " + now + "; steps " + log;
            if (inactive.contains(actor)) {
                refusedInactive(
                        "desk of inactive " + actor.id(),
                        () -> engine.operations().inbox(actor, q, PageRequest.first(size)));
                refusedInactive(
                        "counts of inactive " + actor.id(),
                        () -> engine.operations().inboxCounts(actor, q, EnumSet.allOf(DeskQuery.Facet.class)));
                refusedInactive(
                        "overdue of inactive " + actor.id(),
                        () -> engine.operations().overdue(actor, PageRequest.first(size)));
            } else {
                desk(step, q, actor, size, context);
            }
            Set<EscalationState> states = q.states();
            followed(
                    "plain inbox " + states + " " + context,
                    size,
                    plainInbox(states),
                    ascending(EscalationSummary::raisedAt),
                    p -> engine.operations().inbox(SAM, states, p));
            customers(step, size, context);
            if (!views.isEmpty()) {
                EscalationId id = new ArrayList<>(views.keySet()).get(step.b() % views.size());
                timelines(id, size, context);
            }
            metrics(context);
        }

        private void desk(Step step, DeskQuery q, Actor actor, int size, String context) {
            followed(
                    "desk " + q + " as " + actor.id() + " " + context,
                    size,
                    desk(q, actor),
                    of(q.sort()),
                    p -> engine.operations().inbox(actor, q, p));
            assertThat(engine.operations()
                            .inboxCounts(actor, q, EnumSet.allOf(DeskQuery.Facet.class))
                            .toString())
                    .as("counts of %s as %s %s", q, actor.id(), context)
                    .isEqualTo(counts(q, actor).toString());
            followed(
                    "overdue " + context,
                    size,
                    overdue(),
                    ascending(s -> s.overdueSince().orElseThrow()),
                    p -> engine.operations().overdue(SAM, p));
        }

        private void customers(Step step, int size, String context) {
            CustomerQuery cq = customerQuery(step.customer());
            for (Actor contact : CONTACTS) {
                if (inactive.contains(contact)) {
                    refusedInactive(
                            "list of inactive " + contact.id(),
                            () -> engine.escalationsOfCustomer(contact, cq, PageRequest.first(size)));
                    for (EscalationId id : views.keySet()) {
                        refusedInactive("find by inactive " + contact.id(), () -> engine.find(contact, id));
                    }
                    continue;
                }
                for (CustomerQuery query : List.of(cq, CustomerQuery.all())) {
                    followed(
                            "list of " + contact.id() + " " + query + " " + context,
                            size,
                            ofCustomer(contact, query),
                            descending(EscalationSummary::raisedAt),
                            p -> engine.escalationsOfCustomer(contact, query, p));
                }
            }
            for (CaseId c : CASES) {
                Optional<EscalationSummary> open = summaries.values().stream()
                        .filter(s -> s.caseId().equals(c) && s.state().isOpen())
                        .findFirst();
                assertThat(engine.openEscalationOfCase(SAM, c))
                        .as("open escalation of %s for staff %s", c, context)
                        .isEqualTo(open);
                for (Actor contact : CONTACTS) {
                    if (inactive.contains(contact)) {
                        refusedInactive(
                                "open escalation for inactive " + contact.id(),
                                () -> engine.openEscalationOfCase(contact, c));
                        continue;
                    }
                    assertThat(engine.openEscalationOfCase(contact, c))
                            .as("open escalation of %s for %s %s", c, contact.id(), context)
                            .isEqualTo(open.filter(s -> s.customer().equals(customerOf(contact)))
                                    .map(s -> forContact(contact, s)));
                }
            }
        }

        private void timelines(EscalationId id, int size, String context) {
            List<String> staff = entries(SAM, id, PageRequest.MAX_SIZE);
            assertThat(entries(SAM, id, size))
                    .as("timeline of %s by %d %s", id, size, context)
                    .isEqualTo(staff);
            Actor contact = views.get(id).customer().equals(GLOBEX) ? GIL : INA;
            List<String> visible = new ArrayList<>();
            for (TimelineEntry e : all(p -> engine.timeline(SAM, id, p))) {
                if (e.visibility() == Visibility.CUSTOMER) {
                    visible.add(e.toString());
                }
            }
            assertThat(entries(contact, id, size))
                    .as("timeline of %s for %s by %d %s", id, contact.id(), size, context)
                    .isEqualTo(visible);
        }

        private List<String> entries(Actor actor, EscalationId id, int size) {
            List<String> out = new ArrayList<>();
            PageRequest p = PageRequest.first(size);
            for (int i = 0; i < 1_000; i++) {
                Page<TimelineEntry> page = engine.timeline(actor, id, p);
                page.items().forEach(e -> out.add(e.toString()));
                if (page.next().isEmpty()) {
                    return out;
                }
                p = PageRequest.after(page.next().get(), size);
            }
            throw new AssertionError("endless timeline");
        }

        private void metrics(String context) {
            MetricsReport r = engine.operations()
                    .metrics(
                            SAM,
                            MetricsQuery.between(T0.minus(Duration.ofDays(400)), T0.plus(Duration.ofDays(4000)))
                                    .groupedByCustomer()
                                    .groupedByCriticality());
            Map<String, Long> seen = new TreeMap<>();
            for (MetricsReport.Group g : r.groups()) {
                String key = g.customer().orElseThrow().value() + " "
                        + g.criticality().orElseThrow() + " ";
                seen.merge(key + "escalated", g.escalated(), Long::sum);
                seen.merge(key + "acknowledged", g.acknowledged(), Long::sum);
                seen.merge(key + "resolved", g.resolved(), Long::sum);
                seen.merge(key + "reopened", g.reopened(), Long::sum);
                seen.merge(key + "closed", g.closed(), Long::sum);
                seen.merge(key + "withdrawn", g.withdrawn(), Long::sum);
            }
            seen.values().removeIf(v -> v == 0);
            assertThat(seen).as("transition counts %s", context).isEqualTo(transitions);
        }
    }

    static CustomerId customerOf(Actor contact) {
        return contact.id().equals("gil") ? GLOBEX : ACME;
    }

    /**
     * Follows every page of a list at {@code size}: each page is exactly the oracle's rows after the cursor (the first
     * {@code size} of them), with a next cursor iff more follow.
     */
    private void followed(
            String what,
            int size,
            List<EscalationSummary> expected,
            Order order,
            Function<PageRequest, Page<EscalationSummary>> list) {
        PageRequest p = PageRequest.first(size);
        List<EscalationSummary> got = new ArrayList<>();
        for (int i = 0; i <= expected.size() + 1; i++) {
            Page<EscalationSummary> page = list.apply(p);
            got.addAll(page.items());
            assertPage(what, size, expected, order, p, page);
            if (page.next().isEmpty()) {
                assertThat(got).as(what).isEqualTo(expected);
                return;
            }
            p = PageRequest.after(page.next().get(), size);
        }
        throw new AssertionError("more pages than rows: " + what);
    }

    private static void assertPage(
            String what,
            int size,
            List<EscalationSummary> expected,
            Order order,
            PageRequest request,
            Page<EscalationSummary> page) {
        List<EscalationSummary> rest = request.after().isEmpty()
                ? expected
                : expected.stream()
                        .filter(s -> order.after(s, request.after().get()))
                        .toList();
        assertThat(page.items())
                .as("page of %d after %s: %s", size, request.after(), what)
                .isEqualTo(rest.subList(0, Math.min(size, rest.size())));
        assertThat(page.next().isPresent())
                .as("a next cursor iff more rows follow: %s", what)
                .isEqualTo(rest.size() > size);
    }

    /**
     * A timeline paged one page per step while entries are added: each page is exactly the entries after the cursor's
     * sequence (for a contact: the customer-visible ones of the staff's timeline), the first {@code size} of them.
     */
    private final class TimelinePaging {
        final EscalationId id;
        final Actor reader;
        final int size;
        Optional<PageCursor> cursor = Optional.empty();

        TimelinePaging(EscalationId id, Actor reader, int size) {
            this.id = id;
            this.reader = reader;
            this.size = size;
        }

        /** Reads the next page; whether it was the last one (or the escalation is gone). */
        boolean next() {
            if (engine.find(SAM, id).isEmpty()) {
                return true; // purged
            }
            long after = cursor.map(c -> Long.parseLong(c.id())).orElse(0L);
            List<String> rest = new ArrayList<>();
            for (TimelineEntry e : all(p -> engine.timeline(SAM, id, p))) {
                if (e.sequence() > after
                        && (reader.kind() == Actor.Kind.STAFF || e.visibility() == Visibility.CUSTOMER)) {
                    rest.add(e.toString());
                }
            }
            PageRequest p = cursor.map(c -> PageRequest.after(c, size)).orElse(PageRequest.first(size));
            Page<TimelineEntry> page = (after % 2 == 0 ? engine : other).timeline(reader, id, p);
            String what =
                    "timeline of " + id + " for " + reader.id() + " by " + size + " after " + cursor + "; steps " + log;
            assertThat(page.items().stream().map(TimelineEntry::toString).toList())
                    .as(what)
                    .isEqualTo(rest.subList(0, Math.min(size, rest.size())));
            assertThat(page.next().isPresent())
                    .as("a next cursor iff more follow: %s", what)
                    .isEqualTo(rest.size() > size);
            cursor = page.next();
            return cursor.isEmpty();
        }
    }

    /** A list paged one page per step while the sequence goes on. */
    private final class Paging {
        final DeskQuery desk;
        final Actor actor;
        final Optional<Actor> contact;
        final CustomerQuery customer;
        final int size;
        final Map<EscalationId, Long> versions = new HashMap<>();
        final Set<EscalationId> stable = new LinkedHashSet<>();
        final List<EscalationId> seen = new ArrayList<>();
        final String started;
        Optional<PageCursor> cursor = Optional.empty();
        int pages;

        Paging(Step step, Oracle o) {
            size = step.size();
            desk = deskQuery(step.desk());
            actor = deskActor(step.desk());
            customer = customerQuery(step.customer());
            contact = step.a() % 3 == 0 ? Optional.empty() : Optional.of(CONTACTS.get(step.a() % 3));
            for (EscalationSummary s : rows(o)) {
                versions.put(s.id(), s.version());
                stable.add(s.id());
            }
            started = log.get(log.size() - 1);
        }

        /** A page, every other one read by the second engine (cursors work across engine instances). */
        Page<EscalationSummary> read(PageRequest p) {
            EscalationEngine e = (pages++ % 2 == 0) ? engine : other;
            return contact.isPresent()
                    ? e.escalationsOfCustomer(contact.get(), customer, p)
                    : e.operations().inbox(actor, desk, p);
        }

        List<EscalationSummary> rows(Oracle o) {
            return contact.isPresent() ? o.ofCustomer(contact.get(), customer) : o.desk(desk, actor);
        }

        Order order() {
            return contact.isPresent() ? descending(EscalationSummary::raisedAt) : of(desk.sort());
        }

        /**
         * Reads the next page: exactly the oracle's rows after the cursor now; at the end, the stable ones once.
         *
         * @return whether that was the last page
         */
        boolean next(Oracle o) {
            Actor reader = contact.orElse(actor);
            if (inactive.contains(reader)) { // refused while deactivated; the cursor goes on afterwards
                refusedInactive("paging by inactive " + reader.id(), () -> read(PageRequest.first(size)));
                stable.clear(); // the rows it could not read meanwhile promise nothing
                return false;
            }
            List<EscalationSummary> now = rows(o);
            Set<EscalationId> present = new LinkedHashSet<>();
            for (EscalationSummary s : now) {
                present.add(s.id());
            }
            stable.removeIf(id -> !present.contains(id)
                    || !versions.get(id).equals(o.summaries.get(id).version()));
            PageRequest p = cursor.map(c -> PageRequest.after(c, size)).orElse(PageRequest.first(size));
            Page<EscalationSummary> page = read(p);
            String what =
                    "paging " + (contact.isPresent() ? contact.get().id() + " " + customer : desk + " as " + actor.id())
                            + " started " + started + "; steps " + log;
            assertPage(what, size, now, order(), p, page);
            page.items().forEach(s -> seen.add(s.id()));
            cursor = page.next();
            if (cursor.isEmpty()) {
                for (EscalationId id : stable) {
                    assertThat(seen.stream().filter(id::equals).count())
                            .as("%s, unchanged in the list meanwhile, once in %s (seen %s)", id, what, seen)
                            .isEqualTo(1);
                }
                return true;
            }
            return false;
        }
    }
}
