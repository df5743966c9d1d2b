package dev.escalation.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import dev.escalation.Actor;
import dev.escalation.CustomerQuery;
import dev.escalation.DeliveryReport;
import dev.escalation.DeskQuery;
import dev.escalation.EscalationConflictException;
import dev.escalation.EscalationEngine;
import dev.escalation.EscalationReceipt;
import dev.escalation.InvalidCommandException;
import dev.escalation.calendar.BusinessCalendar;
import dev.escalation.command.Acknowledge;
import dev.escalation.command.AddParticipant;
import dev.escalation.command.AgreePlan;
import dev.escalation.command.Close;
import dev.escalation.command.EscalateCase;
import dev.escalation.command.LogProgress;
import dev.escalation.command.RecordLessonsLearned;
import dev.escalation.command.Resolve;
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
import dev.escalation.model.Page;
import dev.escalation.model.PageRequest;
import dev.escalation.model.StaffId;
import dev.escalation.model.StaffRole;
import dev.escalation.model.Visibility;
import dev.escalation.spi.Capability;
import dev.escalation.spi.CustomerAccount;
import dev.escalation.spi.Notification;
import dev.escalation.spi.Notifier;
import dev.escalation.spi.StaffMember;
import dev.escalation.spi.StoredEntry;
import dev.escalation.spi.StoredEscalation;
import dev.escalation.spi.SupportCase;
import dev.escalation.spi.Touchpoint;
import dev.escalation.test.MutableClock;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real engine on the JDBC store: two engines (two application instances, each with its own connection pool,
 * claimant name and store) on one database, sharing the directories, the notifier and the ticketing system (the
 * "outside world") and one {@link MutableClock}. Durations are logged (surefire output files).
 */
abstract class EngineOnDatabaseTestBase extends StoreTestSupport {
    private static final Logger LOG = LoggerFactory.getLogger(EngineOnDatabaseTestBase.class);
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final long TIMEOUT_SECONDS = 120;
    static final int CLICKS = 50;
    static final int WRITERS = 8;
    static final int ENTRIES_PER_WRITER = 5;
    static final int DISPATCHED_CASES = 100;

    private static final Actor INA = Actor.contact("ina");
    private static final Actor SAM = Actor.staff("sam");
    private static final Actor EVE = Actor.staff("eve");

    private final ExecutorService threads = Executors.newCachedThreadPool();
    private MutableClock clock;
    private CountingNotifier notifier;
    private InMemoryTicketing ticketing;
    private DataSource poolA;
    private DataSource poolB;
    private EscalationEngine engineA;
    private EscalationEngine engineB;
    private InMemoryCustomerDirectory customers;
    private InMemoryStaffDirectory staff;

    /** A notifier that counts calls and failures per idempotency key in front of an {@link InMemoryNotifier}. */
    static final class CountingNotifier implements Notifier {
        final InMemoryNotifier target = new InMemoryNotifier();
        final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
        final Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();
        /** Runs before each send (a test's outage). */
        volatile Runnable onSend = () -> {};

        @Override
        public void send(Notification notification) {
            onSend.run();
            String key = notification.idempotencyKey();
            calls.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
            try {
                target.send(notification);
            } catch (RuntimeException e) {
                failures.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
                throw e;
            }
        }

        @Override
        public Set<Capability> capabilities() {
            return Set.of(); // the counts must show every call
        }

        int calls(String key) {
            AtomicInteger n = calls.get(key);
            return n == null ? 0 : n.get();
        }

        int failures(String key) {
            AtomicInteger n = failures.get(key);
            return n == null ? 0 : n.get();
        }
    }

    @BeforeEach
    void twoEngines() {
        if (!databaseAvailable()) {
            return;
        }
        clock = MutableClock.at(Instant.parse("2027-01-12T09:00:00Z")); // a Tuesday, 10:00 in Berlin
        notifier = new CountingNotifier();
        ticketing = new InMemoryTicketing();
        customers = new InMemoryCustomerDirectory();
        staff = new InMemoryStaffDirectory();
        seed(customers, staff);
        if (poolA == null) { // two pools per class: the two instances' connection pools
            poolA = database.newPool("engine-a", 6);
            poolB = database.newPool("engine-b", 6);
        }
        engineA = engine("instance-a", poolA, customers, staff);
        engineB = engine("instance-b", poolB, customers, staff);
    }

    private EscalationEngine engine(
            String name,
            DataSource pool,
            dev.escalation.spi.CustomerDirectory customers,
            InMemoryStaffDirectory staff) {
        return EscalationEngine.builder()
                .clock(clock)
                .customers(customers)
                .staff(staff)
                .notifier(notifier)
                .ticketing(ticketing)
                .store(JdbcEscalationStore.builder(pool).build())
                .coverage(BusinessCalendar.builder(BERLIN)
                        .openWeekdays(LocalTime.of(9, 0), LocalTime.of(17, 0))
                        .build())
                .hotline(new HotlineNumber("Germany", "+49 911 2399 110"))
                .instanceName(name)
                .delivery(Duration.ofMinutes(5), 50, 5)
                .backoff(Duration.ofSeconds(30), Duration.ofMinutes(10))
                .build();
    }

    /**
     * An engine builder on {@code store} with directories {@link #seed seeded}, in-memory ticketing, an always-open
     * coverage calendar, {@code clock} and {@code notifier}: the set-up of the tests that take an engine to a database
     * that fails.
     */
    static dev.escalation.EscalationEngineBuilder seededEngine(
            java.time.Clock clock, dev.escalation.spi.Notifier notifier, dev.escalation.spi.EscalationStore store) {
        InMemoryCustomerDirectory customers = new InMemoryCustomerDirectory();
        InMemoryStaffDirectory staff = new InMemoryStaffDirectory();
        seed(customers, staff);
        return EscalationEngine.builder()
                .clock(clock)
                .customers(customers)
                .staff(staff)
                .notifier(notifier)
                .ticketing(new InMemoryTicketing())
                .store(store)
                .coverage(BusinessCalendar.alwaysOpen());
    }

    /** ACME with ina (Incident Manager) and tom, cases C-0 to C-{@value #DISPATCHED_CASES}; sam, eve and dan. */
    static void seed(InMemoryCustomerDirectory customers, InMemoryStaffDirectory staff) {
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
                .add(new Touchpoint(
                        ContactId.of("tom"),
                        acme,
                        "Tom Technical",
                        "tom@acme.example",
                        Optional.empty(),
                        Set.of(CustomerRole.TECHNICAL_CONTACT),
                        true));
        for (int i = 0; i <= DISPATCHED_CASES; i++) {
            customers.add(new SupportCase(CaseId.of("C-" + i), acme, "Case " + i));
        }
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

    @AfterAll
    void stopThreads() {
        threads.shutdownNow();
        if (engineA != null) {
            engineA.close();
            engineB.close();
        }
    }

    private EscalationEngine engine(int i) {
        return i % 2 == 0 ? engineA : engineB;
    }

    private static EscalateCase escalate(String caseId, String submission) {
        return new EscalateCase(
                CaseId.of(caseId), "The nightly load fails", Cause.SOFTWARE_ERROR, Criticality.HIGH, submission);
    }

    private <T> List<T> runTogether(List<Callable<T>> tasks) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<T>> futures = new ArrayList<>();
        for (Callable<T> task : tasks) {
            futures.add(threads.submit(() -> {
                start.await();
                return task.call();
            }));
        }
        start.countDown();
        List<T> results = new ArrayList<>();
        for (Future<T> f : futures) {
            results.add(f.get(TIMEOUT_SECONDS, TimeUnit.SECONDS));
        }
        return results;
    }

    private long millisSince(long began) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began);
    }

    // ----------------------------------------------------------------------------------------------------------

    @Test
    void fiftyConcurrentClicksOnTwoInstancesOpenOneEscalationAndEveryReceiptNamesIt() throws Exception {
        List<Callable<EscalationReceipt>> clicks = new ArrayList<>();
        for (int i = 0; i < CLICKS; i++) {
            int n = i; // every click is its own portal submission, so only the open-case key can stop a second one
            clicks.add(() -> engine(n).escalate(INA, escalate("C-0", "click-" + n)));
        }
        long began = System.nanoTime();
        List<EscalationReceipt> receipts = runTogether(clicks);
        LOG.info(
                "[{}] {} concurrent Escalate Case clicks on two engines took {} ms",
                databaseName(),
                CLICKS,
                millisSince(began));

        Set<EscalationId> named =
                receipts.stream().map(EscalationReceipt::escalation).collect(Collectors.toSet());
        assertThat(named).as("escalations named by the receipts").hasSize(1);
        assertThat(receipts.stream().filter(EscalationReceipt::created))
                .as("receipts that created it")
                .hasSize(1);
        List<EscalationSummary> stored = store.listForCustomer(CustomerId.of("acme"), PageRequest.first(100))
                .items();
        assertThat(stored).extracting(EscalationSummary::id).containsExactlyElementsOf(named);
    }

    @Test
    void oneSubmissionSentConcurrentlyToTwoInstancesIsOneEscalationWithOneSetOfSideEffects() throws Exception {
        List<Callable<EscalationReceipt>> clicks = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            EscalationEngine e = engine(i);
            clicks.add(() -> e.escalate(INA, escalate("C-2", "same-form")));
        }

        List<EscalationReceipt> receipts = runTogether(clicks);

        assertThat(receipts)
                .extracting(EscalationReceipt::escalation)
                .containsOnly(receipts.get(0).escalation());
        assertThat(receipts)
                .extracting(EscalationReceipt::raisedAt)
                .containsOnly(receipts.get(0).raisedAt());
        assertThat(receipts).filteredOn(EscalationReceipt::created).hasSize(1);
        EscalationId id = receipts.get(0).escalation();
        assertThat(store.findForVendor(id).orElseThrow().version()).isEqualTo(1);
        assertThat(store.entriesForVendor(id, 0, 50)).hasSize(1);
        runTogether(List.<Callable<DeliveryReport>>of(engineA::deliverPending, engineB::deliverPending));
        engineA.deliverPending();
        Set<String> keys = notifier.calls.keySet().stream()
                .filter(k -> k.startsWith(id.value() + "/"))
                .collect(Collectors.toSet());
        assertThat(keys).hasSize(2); // Support Management's sam and the Incident Manager, once each
        assertThat(keys)
                .allSatisfy(k -> assertThat(notifier.calls.get(k).get()).as(k).isEqualTo(1));
    }

    @Test
    void portalMessagesAreStoredOnceAcrossInstancesAndReadByTheirRecipientOnly() {
        Touchpoint ina = customers.touchpoint(ContactId.of("ina")).orElseThrow();
        customers.add(new Touchpoint(
                ina.id(),
                ina.customer(),
                ina.displayName(),
                ina.email(),
                ina.phone(),
                ina.roles(),
                ina.active(),
                new dev.escalation.model.Preferences(
                        Optional.empty(), Optional.empty(), List.of(dev.escalation.model.DeliveryChannel.PORTAL))));
        EscalationEngine a = portalEngine("portal-a", poolA);
        EscalationEngine b = portalEngine("portal-b", poolB);
        EscalationId id = a.escalate(INA, escalate("C-1", "portal-1")).escalation();

        a.deliverPending();
        b.deliverPending();

        assertThat(b.messagesFor(INA, dev.escalation.model.PageRequest.first(10))
                        .items())
                .singleElement()
                .satisfies(m -> {
                    assertThat(m.escalation()).isEqualTo(id);
                    assertThat(m.kind()).isEqualTo(dev.escalation.model.NotificationKind.ESCALATION_CONFIRMED);
                    assertThat(m.at()).isEqualTo(clock.instant());
                });
        assertThat(a.messagesFor(Actor.contact("tom"), dev.escalation.model.PageRequest.first(10))
                        .items())
                .isEmpty();
        assertThat(a.messagesFor(SAM, dev.escalation.model.PageRequest.first(10))
                        .items())
                .isEmpty();
        assertThat(notifier.target.delivered())
                .as("the staff notification went by e-mail, ina's confirmation did not")
                .extracting(n -> n.recipient().id())
                .contains("sam")
                .doesNotContain("ina");
    }

    private EscalationEngine portalEngine(String name, DataSource pool) {
        return EscalationEngine.builder()
                .clock(clock)
                .customers(customers)
                .staff(staff)
                .notifier(notifier)
                .portalMessages(new JdbcPortalMessages(pool))
                .ticketing(ticketing)
                .store(JdbcEscalationStore.builder(pool).build())
                .coverage(BusinessCalendar.alwaysOpen())
                .instanceName(name)
                .build();
    }

    @Test
    void aSubmissionIdIsBoundToItsCaseAcrossInstances() {
        EscalationReceipt first = engineA.escalate(INA, escalate("C-1", "form-1"));
        EscalationReceipt second = engineA.escalate(INA, escalate("C-2", "form-2"));
        long pending = store.outbox().counts().pending();

        // the same case again, on the other instance: the same escalation, nothing new
        EscalationReceipt repeat = engineB.escalate(INA, escalate("C-1", "form-1"));
        assertThat(repeat.escalation()).isEqualTo(first.escalation());
        assertThat(repeat.created()).isFalse();

        // another case: refused with the stable code, whether that case is free (C-3) or has its own open escalation
        // (C-2, where the store reports the open case before the submission key)
        for (String otherCase : List.of("C-3", "C-2")) {
            assertThatThrownBy(() -> engineB.escalate(INA, escalate(otherCase, "form-1")))
                    .as(otherCase)
                    .isInstanceOfSatisfying(
                            InvalidCommandException.class,
                            e -> assertThat(e.violations())
                                    .extracting(InvalidCommandException.Violation::code)
                                    .containsExactly("submissionId.SameCase"));
        }

        assertThat(store.listForCustomer(CustomerId.of("acme"), PageRequest.first(100))
                        .items())
                .extracting(EscalationSummary::id)
                .containsExactlyInAnyOrder(first.escalation(), second.escalation());
        assertThat(store.findForVendor(first.escalation()).orElseThrow().version())
                .isEqualTo(1);
        assertThat(store.outbox().counts().pending()).isEqualTo(pending);

        // the case escalated anew: a repeat of the first submission still returns the escalation it created
        engineA.withdraw(INA, new Withdraw(first.escalation(), "fixed itself"));
        EscalationReceipt newer = engineA.escalate(INA, escalate("C-1", "form-3"));
        EscalationReceipt late = engineB.escalate(INA, escalate("C-1", "form-1"));
        assertThat(newer.created()).isTrue();
        assertThat(late.escalation()).isEqualTo(first.escalation());
        assertThat(late.created()).isFalse();
        assertThat(late.state()).isEqualTo(EscalationState.WITHDRAWN);
    }

    @Test
    void theReadModelAnswersOnBothInstancesWithFiltersCountsAndStablePages() {
        EscalationId active = engineA.escalate(INA, escalate("C-1", null)).escalation();
        engineB.acknowledge(SAM, new Acknowledge(active, StaffId.of("eve"), "Called Ina"));
        Instant meeting = clock.instant().plus(Duration.ofHours(2));
        engineA.agreePlan(EVE, new AgreePlan(active, Duration.ofDays(1), Channel.VIDEO_CALL, meeting));
        clock.advance(Duration.ofMinutes(1));
        EscalationId critical = engineB.escalate(
                        INA,
                        new EscalateCase(
                                CaseId.of("C-2"), "Reports time out", Cause.SOFTWARE_ERROR, Criticality.CRITICAL, null))
                .escalation();

        List<EscalationSummary> desk = engineA.operations()
                .inbox(SAM, DeskQuery.open().sortBy(DeskQuery.Sort.NEXT_DEADLINE_ASC), PageRequest.first(10))
                .items();
        assertThat(desk).extracting(EscalationSummary::id).containsExactly(active, critical);
        assertThat(desk.get(0).nextDeadline()).contains(new DeadlineMark(DueKind.NEXT_MEETING, meeting));
        assertThat(desk.get(0).nextMeetingAt()).contains(meeting);
        assertThat(desk.get(0).manager()).contains(StaffId.of("eve"));
        assertThat(desk.get(1).nextDeadline())
                .as("no policy, no plan: no deadline, sorted last")
                .isEmpty();
        assertThat(ids(engineB.operations().inbox(EVE, DeskQuery.open().mine(), PageRequest.first(10))))
                .containsExactly(active);
        assertThat(ids(engineB.operations()
                        .inbox(SAM, DeskQuery.open().criticality(Criticality.CRITICAL), PageRequest.first(10))))
                .containsExactly(critical);
        assertThat(engineA.operations()
                        .inboxCounts(
                                SAM, DeskQuery.open(), EnumSet.of(DeskQuery.Facet.STATE, DeskQuery.Facet.CRITICALITY)))
                .isEqualTo(Map.of(
                        DeskQuery.Facet.STATE, Map.of("ACTIVE", 1L, "REQUESTED", 1L),
                        DeskQuery.Facet.CRITICALITY, Map.of("HIGH", 1L, "CRITICAL", 1L)));

        // a cursor from one instance continues on the other
        DeskQuery oldestFirst = DeskQuery.all().sortBy(DeskQuery.Sort.RAISED_ASC);
        Page<EscalationSummary> first = engineA.operations().inbox(SAM, oldestFirst, PageRequest.first(1));
        Page<EscalationSummary> second = engineB.operations()
                .inbox(SAM, oldestFirst, PageRequest.after(first.next().orElseThrow(), 1));
        assertThat(ids(first)).containsExactly(active);
        assertThat(ids(second)).containsExactly(critical);

        clock.set(meeting);
        assertThat(ids(engineB.operations().inbox(SAM, DeskQuery.open().breached(true), PageRequest.first(10))))
                .as("the meeting is due now: breached at the engine clock")
                .containsExactly(active);

        assertThat(ids(engineA.escalationsOfCustomer(INA, CustomerQuery.open(), PageRequest.first(10))))
                .containsExactly(critical, active);
        assertThat(engineB.openEscalationOfCase(INA, CaseId.of("C-2")))
                .map(EscalationSummary::id)
                .contains(critical);
        engineA.withdraw(INA, new Withdraw(critical, "Fixed by a restart"));
        assertThat(engineB.openEscalationOfCase(INA, CaseId.of("C-2"))).isEmpty();
        assertThat(ids(engineB.escalationsOfCustomer(
                        INA, CustomerQuery.all().caseId(CaseId.of("C-2")), PageRequest.first(10))))
                .containsExactly(critical);
        assertThat(ids(engineB.escalationsOfCustomer(INA, CustomerQuery.open(), PageRequest.first(10))))
                .containsExactly(active);
    }

    /**
     * Every instance name the builder takes can be claimed under: the engine's claims carry it to the database. A
     * name the database cannot store (PostgreSQL keeps no NUL) would make every claim fail and nothing would be
     * delivered, so the builder must refuse it; a long one is cut to the claim column by the store.
     */
    @Test
    void everyInstanceNameTheBuilderTakesCanBeClaimedUnder() {
        List<String> candidates = List.of(
                "node-1",
                "a\u0000b",
                "line\nbreak",
                "tab\tbed",
                "esc\u001b[0m",
                "del\u007f",
                "lone\ud800surrogate",
                "pair\ud83d\ude00emoji",
                "zero\u200bwidth",
                "é".repeat(100) + "漢".repeat(100),
                "x".repeat(1_000));
        Instant at = clock.instant();
        for (String name : candidates) {
            try {
                EscalationEngine.builder().instanceName(name);
            } catch (IllegalArgumentException refused) {
                continue;
            }
            assertThatCode(() -> {
                        store.outbox().claim(name, at, Duration.ofMinutes(1), 10);
                        store.dueWork().claim(name, at, Duration.ofMinutes(1), 10);
                    })
                    .as("claims under %s", name.length() > 40 ? name.substring(0, 40) + "…" : name)
                    .doesNotThrowAnyException();
        }
    }

    /** Issue #14 point 4 on the database: overdue survives the worker, follows the meeting, works across instances. */
    @Test
    void overdueListsTheMissedMeetingAfterTheWorkerRanUntilTheMeetingIsHeld() {
        EscalationId active = engineA.escalate(INA, escalate("C-1", null)).escalation();
        engineB.acknowledge(SAM, new Acknowledge(active, StaffId.of("eve"), "Called Ina"));
        Instant meeting = clock.instant().plus(Duration.ofHours(2));
        engineA.agreePlan(EVE, new AgreePlan(active, Duration.ofDays(1), Channel.VIDEO_CALL, meeting));
        assertThat(engineB.operations().overdue(SAM, PageRequest.first(10)).items())
                .isEmpty();

        clock.set(meeting.plus(Duration.ofMinutes(30)));
        engineA.processDueWork();
        engineA.deliverPending();
        assertThat(engineA.operations().dueWorkBacklog(SAM, 10))
                .as("the worker ran")
                .isEmpty();
        Page<EscalationSummary> overdue = engineB.operations().overdue(SAM, PageRequest.first(10));
        assertThat(ids(overdue)).containsExactly(active);
        assertThat(overdue.items().get(0).overdueSince()).contains(meeting);
        assertThatThrownBy(() -> engineA.operations().overdue(INA, PageRequest.first(10)))
                .isInstanceOf(dev.escalation.NotAuthorizedException.class);

        engineA.logProgress(EVE, new LogProgress(active, LogProgress.Kind.MEETING_HELD, "Met", Visibility.CUSTOMER));
        assertThat(ids(engineB.operations().overdue(SAM, PageRequest.first(10))))
                .isEmpty();
    }

    private static List<EscalationId> ids(Page<EscalationSummary> page) {
        return page.items().stream().map(EscalationSummary::id).toList();
    }

    @Test
    void anInstanceWhoseDirectoryReadOutlastsTheLeaseSendsEachKeyOnceAndLeavesNothingPending() {
        AtomicReference<Runnable> meanwhile = new AtomicReference<>();
        dev.escalation.spi.CustomerDirectory slow = (dev.escalation.spi.CustomerDirectory) Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {dev.escalation.spi.CustomerDirectory.class},
                (proxy, method, args) -> {
                    Runnable r = method.getName().equals("touchpoint") ? meanwhile.getAndSet(null) : null;
                    if (r != null) {
                        r.run();
                    }
                    try {
                        return method.invoke(customers, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        EscalationEngine engineC = engine("instance-c", poolA, slow, staff);
        EscalationId id = engineA.escalate(INA, escalate("C-1", "s-lease")).escalation();
        Map<String, Integer> sentWhenTakenOver = new HashMap<>();
        meanwhile.set(() -> {
            clock.advance(Duration.ofMinutes(10)); // the lease is 5 min
            engineB.deliverPending();
            notifier.calls.forEach((key, n) -> sentWhenTakenOver.put(key, n.get()));
        });

        engineC.deliverPending();
        engineB.deliverPending();
        clock.advance(Duration.ofMinutes(1)); // past the backoff of what instance C counted as a failed attempt
        engineB.deliverPending();

        assertThat(meanwhile.get()).as("the directory was read").isNull();
        assertThat(notifier.calls.keySet()).anyMatch(k -> k.startsWith(id.value() + "/"));
        // what was sent when B took over is not sent again (C's lease had run out), the rest exactly once
        assertThat(notifier.calls)
                .allSatisfy((key, n) -> assertThat(n.get()).as(key).isEqualTo(sentWhenTakenOver.getOrDefault(key, 1)));
        assertThat(store.outbox().counts().pending()).isZero();
        assertThat(store.outbox().counts().dead()).isZero();
    }

    @Test
    void aCallerInterruptedBeforeTheStoreIsReachedKeepsItsFlagAndGetsAWholeResult() {
        EscalationId id = engineA.escalate(INA, escalate("C-0", "s-interrupt")).escalation();
        long version = store.findForVendor(id).orElseThrow().version();
        String outcome;
        Thread.currentThread().interrupt();
        try {
            engineB.acknowledge(SAM, new Acknowledge(id, StaffId.of("eve"), "Called Ina"));
            outcome = "applied";
        } catch (dev.escalation.EscalationException e) {
            outcome = e.code().toString();
        } finally {
            assertThat(Thread.interrupted()).as("the interrupt flag is kept").isTrue();
        }
        StoredEscalation after = store.findForVendor(id).orElseThrow();
        if (outcome.equals("applied")) {
            assertThat(after.version()).isEqualTo(version + 1);
            assertThat(after.state()).isEqualTo(EscalationState.ACKNOWLEDGED);
        } else {
            assertThat(outcome).isEqualTo("UNAVAILABLE");
            assertThat(after.version()).isEqualTo(version);
        }
        // the instance goes on working once the flag is cleared
        engineB.changeCriticality(
                SAM,
                new dev.escalation.command.ChangeCriticality(id, Criticality.CRITICAL, null)
                        .expectingVersion(after.version()));
        assertThat(store.findForVendor(id).orElseThrow().version()).isEqualTo(after.version() + 1);
    }

    @Test
    void concurrentProgressFromTwoInstancesLosesNoUpdate() throws Exception {
        EscalationId id = engineA.escalate(INA, escalate("C-0", "s-1")).escalation();
        engineB.acknowledge(SAM, new Acknowledge(id, StaffId.of("eve"), "Called Ina"));
        engineA.agreePlan(
                EVE,
                new AgreePlan(
                        id,
                        Duration.ofDays(1),
                        Channel.VIDEO_CALL,
                        clock.instant().plus(Duration.ofHours(2))));
        long versionBefore = store.findForVendor(id).orElseThrow().version();
        long entriesBefore = store.findForVendor(id).orElseThrow().facts().entryCount();

        Set<String> succeeded = ConcurrentHashMap.newKeySet();
        Set<String> conflicted = ConcurrentHashMap.newKeySet();
        AtomicInteger conflicts = new AtomicInteger();
        List<Callable<Void>> writers = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            int writer = w;
            writers.add(() -> {
                for (int e = 0; e < ENTRIES_PER_WRITER; e++) {
                    // a conflict is reported, and the user tries again with a new entry (the refused one must be
                    // absent from the log)
                    for (int attempt = 0; ; attempt++) {
                        String text = "writer " + writer + " entry " + e + " attempt " + attempt;
                        try {
                            engine(writer)
                                    .logProgress(
                                            EVE,
                                            new LogProgress(
                                                    id, LogProgress.Kind.STATUS_UPDATE, text, Visibility.CUSTOMER));
                            succeeded.add(text);
                            break;
                        } catch (EscalationConflictException conflict) {
                            assertThat(conflict.escalation()).isEqualTo(id);
                            conflicted.add(text);
                            conflicts.incrementAndGet();
                            if (attempt > 500) {
                                fail("writer " + writer + " never got through");
                            }
                        }
                    }
                }
                return null;
            });
        }
        long began = System.nanoTime();
        runTogether(writers);
        LOG.info(
                "[{}] {} writers x {} progress entries on two engines took {} ms ({} conflicts reported)",
                databaseName(),
                WRITERS,
                ENTRIES_PER_WRITER,
                millisSince(began),
                conflicts.get());

        StoredEscalation after = store.findForVendor(id).orElseThrow();
        List<StoredEntry> log = store.entriesForVendor(id, 0, 500);
        List<String> logged = log.stream()
                .skip(entriesBefore)
                .map(e -> e.text().orElseThrow())
                .toList();
        assertThat(succeeded).hasSize(WRITERS * ENTRIES_PER_WRITER);
        assertThat(logged)
                .as("every reported success is logged once, no refused entry is")
                .containsExactlyInAnyOrderElementsOf(succeeded);
        // the store serialises the changes of one escalation (SPI v2): no change is refused as a conflict
        assertThat(conflicted).as("changes reported as conflicts").isEmpty();
        assertThat(after.version()).isEqualTo(versionBefore + WRITERS * ENTRIES_PER_WRITER);
        assertThat(log)
                .extracting(StoredEntry::sequence)
                .as("sequence numbers without gaps")
                .isSorted()
                .doesNotHaveDuplicates();
    }

    @Test
    void anAdapterOutageKeepsTheEscalationAndRetriesEachFailedKeyAfterRecovery() throws Exception {
        notifier.target.setAvailable(false);
        EscalationId id = engineA.escalate(INA, escalate("C-0", "s-outage")).escalation();
        assertThat(store.findForVendor(id))
                .as("the escalation is stored despite the outage")
                .isPresent();

        DeliveryReport duringOutage = engineA.deliverPending();
        assertThat(duringOutage.retried())
                .as("failed notifications are retried later")
                .isPositive();
        assertThat(duringOutage.deadLettered()).isZero();
        assertThat(notifier.target.delivered()).isEmpty();
        assertThat(engineB.deliverPending().delivered())
                .as("nothing is due before the next attempt")
                .isZero();

        notifier.target.setAvailable(true);
        clock.advance(Duration.ofMinutes(1)); // past the first backoff (30 s)
        long began = System.nanoTime();
        DeliveryReport byB = engineB.deliverPending();
        DeliveryReport byA = engineA.deliverPending();
        LOG.info(
                "[{}] delivery after the outage took {} ms: instance b {}, instance a {}",
                databaseName(),
                millisSince(began),
                byB,
                byA);
        assertThat(byB.delivered())
                .as("the other instance delivered the retried messages")
                .isPositive();

        assertThat(store.outbox().counts().pending())
                .as("nothing left in the outbox")
                .isZero();
        assertThat(notifier.failures).as("the outage made calls fail").isNotEmpty();
        for (String key : notifier.calls.keySet()) {
            assertThat(notifier.calls(key))
                    .as("calls of %s: one success, repeated only after a failure", key)
                    .isEqualTo(notifier.failures(key) + 1);
        }
        assertThat(notifier.target.delivered())
                .extracting(Notification::idempotencyKey)
                .containsExactlyInAnyOrderElementsOf(notifier.calls.keySet());
        assertThat(ticketing.ticketOf(id)).as("the ticket was opened").isPresent();
        assertThat(store.findForVendor(id).orElseThrow().ticketReference())
                .as("the store holds the ticket's reference")
                .contains(ticketing.ticketOf(id).orElseThrow().reference());
    }

    @Test
    void dispatchersOnBothInstancesDeliverEachKeyOnce() throws Exception {
        for (int i = 1; i <= DISPATCHED_CASES; i++) {
            engine(i).escalate(INA, escalate("C-" + i, "s-" + i));
        }
        long queued = store.outbox().counts().pending();
        assertThat(queued).isGreaterThanOrEqualTo(3L * DISPATCHED_CASES);

        long began = System.nanoTime();
        List<Callable<Integer>> dispatchers = new ArrayList<>();
        for (int d = 0; d < 4; d++) {
            int n = d; // two dispatcher threads per instance
            dispatchers.add(() -> {
                int delivered = 0;
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
                while (store.outbox().counts().pending() > 0) {
                    delivered += engine(n).deliverPending().delivered();
                    if (System.nanoTime() > deadline) {
                        fail("outbox not drained within " + TIMEOUT_SECONDS + " s");
                    }
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5)); // poll interval
                }
                return delivered;
            });
        }
        List<Integer> perDispatcher = runTogether(dispatchers);
        LOG.info(
                "[{}] 4 dispatchers on two engines delivered {} messages of {} escalations in {} ms ({})",
                databaseName(),
                queued,
                DISPATCHED_CASES,
                millisSince(began),
                perDispatcher);

        assertThat(perDispatcher.stream().mapToInt(Integer::intValue).sum()).isEqualTo((int) queued);
        Map<String, Integer> ticketCalls = ticketing.callsPerKey();
        assertThat(notifier.calls.size() + ticketCalls.size())
                .as("keys delivered")
                .isEqualTo((int) queued);
        Set<String> twice = new HashSet<>();
        notifier.calls.forEach((k, v) -> {
            if (v.get() != 1) {
                twice.add(k + "=" + v.get());
            }
        });
        ticketCalls.forEach((k, v) -> {
            if (v != 1) {
                twice.add(k + "=" + v);
            }
        });
        assertThat(twice).as("keys not called exactly once").isEmpty();
        assertThat(ticketCalls).hasSize(DISPATCHED_CASES);
    }

    // ---------------------------------------------------------------------------------------------- transactions

    /**
     * The transactions of a whole lifecycle, counted at the pool: 14 user commands (escalate, acknowledge, plan, two
     * participants, five progress entries, resolve, schedule and record lessons learned, close), then one
     * {@code deliverPending()} at the default batch size that delivers everything they queued: at most four
     * transactions of claims and finishes (the engine reads the counts for its report once more).
     */
    @Test
    void theMetricsReportOnTheDatabaseEqualsTheOneInMemory() {
        EscalationEngine memory = EscalationEngine.builder()
                .clock(clock)
                .customers(customers)
                .staff(staff)
                .notifier(notifier)
                .ticketing(ticketing)
                .store(new dev.escalation.inmemory.InMemoryEscalationStore())
                .coverage(BusinessCalendar.builder(BERLIN)
                        .openWeekdays(LocalTime.of(9, 0), LocalTime.of(17, 0))
                        .build())
                .hotline(new HotlineNumber("Germany", "+49 911 2399 110"))
                .slaPolicy(dev.escalation.sla.SlaPolicy.builder("metrics", 1)
                        .firstContact(Criticality.HIGH, Duration.ofHours(1))
                        .resolution(Criticality.HIGH, Duration.ofHours(6))
                        .build())
                .build();
        EscalationEngine database = EscalationEngine.builder()
                .clock(clock)
                .customers(customers)
                .staff(staff)
                .notifier(notifier)
                .ticketing(ticketing)
                .store(JdbcEscalationStore.builder(poolA).build())
                .coverage(BusinessCalendar.builder(BERLIN)
                        .openWeekdays(LocalTime.of(9, 0), LocalTime.of(17, 0))
                        .build())
                .hotline(new HotlineNumber("Germany", "+49 911 2399 110"))
                .slaPolicy(dev.escalation.sla.SlaPolicy.builder("metrics", 1)
                        .firstContact(Criticality.HIGH, Duration.ofHours(1))
                        .resolution(Criticality.HIGH, Duration.ofHours(6))
                        .build())
                .build();
        Instant day = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.DAYS);
        for (int i = 1; i <= 4; i++) { // the same four lifecycles on both engines, at the same instants
            Instant start = clock.instant();
            Instant end = start;
            for (EscalationEngine engine : List.of(memory, database)) {
                clock.set(start);
                EscalationId id = engine.escalate(INA, escalate("C-" + i, null)).escalation();
                clock.advance(Duration.ofMinutes(40L * i));
                engine.acknowledge(SAM, new Acknowledge(id, StaffId.of("eve"), "Called Ina"));
                engine.agreePlan(
                        EVE,
                        new AgreePlan(
                                id,
                                Duration.ofDays(1),
                                Channel.VIDEO_CALL,
                                clock.instant().plusSeconds(600)));
                clock.advance(Duration.ofMinutes(90L * i));
                engine.resolve(EVE, new Resolve(id, "Fixed"));
                if (i % 2 == 0) {
                    engine.reopen(INA, new dev.escalation.command.Reopen(id, "Failed again"));
                    clock.advance(Duration.ofMinutes(30));
                    engine.resolve(EVE, new Resolve(id, "Fixed again"));
                }
                engine.declineLessonsLearned(INA, new dev.escalation.command.DeclineLessonsLearned(id, null));
                engine.close(EVE, new Close(id, null));
                end = clock.instant();
            }
            clock.set(end);
        }
        dev.escalation.MetricsQuery query = dev.escalation.MetricsQuery.between(day, day.plus(Duration.ofDays(2)))
                .per(Duration.ofHours(6))
                .groupedByCustomer()
                .groupedByCriticality();
        dev.escalation.MetricsReport fromDatabase = database.operations().metrics(SAM, query);
        assertThat(fromDatabase).isEqualTo(memory.operations().metrics(SAM, query));
        long escalated = fromDatabase.groups().stream()
                .mapToLong(dev.escalation.MetricsReport.Group::escalated)
                .sum();
        long reopened = fromDatabase.groups().stream()
                .mapToLong(dev.escalation.MetricsReport.Group::reopened)
                .sum();
        long breaches = fromDatabase.groups().stream()
                .mapToLong(dev.escalation.MetricsReport.Group::breaches)
                .sum();
        assertThat(escalated).isEqualTo(4);
        assertThat(reopened).isEqualTo(2);
        // business time, Berlin 09:00-17:00: the second is acknowledged 80 min after 12:10, late; the third and fourth
        // are raised after 17:00 and acknowledged before the next opening, in time
        assertThat(breaches).as("first contact late for the second only").isEqualTo(1);
    }

    @Test
    void aFourteenCommandLifecycleCostsOneTransactionPerCommandAndAtMostFourClaimsAndFinishesToDeliver() {
        CountingDataSource counting = new CountingDataSource(poolA);
        EscalationEngine engine = EscalationEngine.builder()
                .clock(clock)
                .customers(customers)
                .staff(staff)
                .notifier(notifier)
                .ticketing(ticketing)
                .store(JdbcEscalationStore.builder(counting).build())
                .coverage(BusinessCalendar.builder(BERLIN)
                        .openWeekdays(LocalTime.of(9, 0), LocalTime.of(17, 0))
                        .build())
                .hotline(new HotlineNumber("Germany", "+49 911 2399 110"))
                .instanceName("counted")
                .build();
        List<String> perCommand = new ArrayList<>();
        EscalationId[] id = new EscalationId[1];
        List<Runnable> commands = List.of(
                () -> id[0] =
                        engine.escalate(INA, escalate("C-0", "s-lifecycle")).escalation(),
                () -> engine.acknowledge(SAM, new Acknowledge(id[0], StaffId.of("eve"), "Called Ina")),
                () -> engine.agreePlan(
                        EVE,
                        new AgreePlan(
                                id[0],
                                Duration.ofDays(1),
                                Channel.VIDEO_CALL,
                                clock.instant().plus(Duration.ofDays(7)))),
                () -> engine.addParticipant(EVE, AddParticipant.staff(id[0], "dan")),
                () -> engine.addParticipant(EVE, AddParticipant.contact(id[0], "tom")),
                () -> engine.logProgress(
                        EVE,
                        new LogProgress(id[0], LogProgress.Kind.STATUS_UPDATE, "Heap dump taken", Visibility.CUSTOMER)),
                () -> engine.logProgress(
                        EVE,
                        new LogProgress(id[0], LogProgress.Kind.NOTE, "Loader reads all rows", Visibility.INTERNAL)),
                () -> engine.logProgress(
                        EVE, new LogProgress(id[0], LogProgress.Kind.MEETING_HELD, "Daily call", Visibility.CUSTOMER)),
                () -> engine.logProgress(
                        EVE, new LogProgress(id[0], LogProgress.Kind.DECISION, "Stream the rows", Visibility.CUSTOMER)),
                () -> engine.logProgress(
                        EVE,
                        new LogProgress(id[0], LogProgress.Kind.STATUS_UPDATE, "Patch built", Visibility.CUSTOMER)),
                () -> engine.resolve(EVE, new Resolve(id[0], "Patch 7.1.3 streams the rows.")),
                () -> engine.scheduleLessonsLearned(
                        EVE,
                        new ScheduleLessonsLearned(
                                id[0], clock.instant().plus(Duration.ofDays(7)), Duration.ofHours(1))),
                () -> engine.recordLessonsLearned(
                        EVE,
                        new RecordLessonsLearned(
                                id[0],
                                "Load tests did not use production volumes.",
                                List.of(new RecordLessonsLearned.Action(
                                        "Production-size load test", "Dan Developer")))),
                () -> engine.close(EVE, new Close(id[0], "Thank you, ACME.")));
        assertThat(commands).hasSize(14);
        CountingDataSource.Counts start = counting.counts();
        for (Runnable command : commands) {
            CountingDataSource.Counts before = counting.counts();
            command.run();
            clock.advance(Duration.ofMinutes(1));
            CountingDataSource.Counts cost = counting.counts().minus(before);
            perCommand.add(cost.transactions() + "/" + cost.writeTransactions());
            assertThat(cost.writeTransactions())
                    .as("write transactions of command %d", perCommand.size())
                    .isEqualTo(1);
            assertThat(cost.transactions())
                    .as("transactions of command %d", perCommand.size())
                    .isEqualTo(1);
        }
        CountingDataSource.Counts commandsCost = counting.counts().minus(start);
        long queued = store.outbox().countsOf(id[0]).pending();

        CountingDataSource.Counts before = counting.counts();
        DeliveryReport report = engine.deliverPending();
        CountingDataSource.Counts dispatcher = counting.counts().minus(before);
        LOG.info(
                "[{}] 14-command lifecycle: {} transactions ({} writing; per command transactions/writing: {}); "
                        + "deliverPending of {} messages: {} transactions ({} writing), {}",
                databaseName(),
                commandsCost.transactions(),
                commandsCost.writeTransactions(),
                perCommand,
                queued,
                dispatcher.transactions(),
                dispatcher.writeTransactions(),
                report);

        assertThat(report.delivered()).isEqualTo((int) queued);
        assertThat(report.pending()).isZero();
        assertThat(store.outbox().countsOf(id[0]).pending()).isZero();
        // claim, finish storing the ticket reference, claim of the ticket calls it unblocked, and the last finish,
        // which also counts what is left for the report (finishAndCount): nothing else
        assertThat(dispatcher.transactions())
                .as("transactions of the dispatcher")
                .isLessThanOrEqualTo(4);
        assertThat(store.findForVendor(id[0]).orElseThrow().ticketReference()).isPresent();
        engine.close();
    }
}
