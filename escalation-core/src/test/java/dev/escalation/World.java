package dev.escalation;

import dev.escalation.calendar.BusinessCalendar;
import dev.escalation.command.Acknowledge;
import dev.escalation.command.AgreePlan;
import dev.escalation.command.EscalateCase;
import dev.escalation.inmemory.InMemoryCustomerDirectory;
import dev.escalation.inmemory.InMemoryEscalationStore;
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
import dev.escalation.model.PageRequest;
import dev.escalation.model.StaffId;
import dev.escalation.model.StaffRole;
import dev.escalation.spi.CustomerAccount;
import dev.escalation.spi.EscalationStore;
import dev.escalation.spi.Notifier;
import dev.escalation.spi.StaffMember;
import dev.escalation.spi.StoredEntry;
import dev.escalation.spi.StoredEscalation;
import dev.escalation.spi.SupportCase;
import dev.escalation.spi.Touchpoint;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The seeded world of core's white-box tests (core cannot use escalation-test, which depends on core): customers ACME
 * (ina = Incident Manager, tom = technical contact, ivy = Incident Manager too, old = inactive Incident Manager) and
 * GLOBEX (gil = Incident Manager); staff sam (Support Management), eve and max (Escalation Managers), dan (engineer),
 * hal (Head of Support); cases C-1, C-2 (ACME) and G-1 (GLOBEX). Tuesday 12 January 2027, 10:00 Berlin.
 *
 * <p>It stays in core because the tests that use it need what the public API does not offer: the builder's
 * package-private {@code lifecycle(...)} hook (LifecycleModel/LifecycleProperties, ActionRulesTest), the
 * {@link RecordingStore} that counts and fault-injects store calls and the {@link GuardedDirectories} that fail a
 * directory call inside a unit of work (UnitOfWorkTest, OutboxCallsTest, TimelineTest, StrictErrorContractTest, and
 * every model run). Behaviour tests through the public API use the kit's {@code Scenario} instead
 * (escalation-test, {@code dev.escalation.test.engine}); the same cast is seeded there by {@code Cast}.
 */
final class World {
    static final Actor INA = Actor.contact("ina");
    static final Actor IVY = Actor.contact("ivy");
    static final Actor TOM = Actor.contact("tom");
    static final Actor OLD = Actor.contact("old");
    static final Actor GIL = Actor.contact("gil");
    static final Actor SAM = Actor.staff("sam");
    static final Actor EVE = Actor.staff("eve");
    static final Actor MAX = Actor.staff("max");
    static final Actor DAN = Actor.staff("dan");
    static final Actor HAL = Actor.staff("hal");
    static final CaseId C1 = CaseId.of("C-1");
    static final CaseId C2 = CaseId.of("C-2");
    static final CaseId G1 = CaseId.of("G-1");
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    final TestClock clock = TestClock.at("2027-01-12T10:00:00+01:00[Europe/Berlin]");
    final InMemoryCustomerDirectory customers = new InMemoryCustomerDirectory();
    final InMemoryStaffDirectory staff = new InMemoryStaffDirectory();
    final InMemoryNotifier notifier = new InMemoryNotifier();
    final InMemoryTicketing ticketing = new InMemoryTicketing();
    final InMemoryEscalationStore memoryStore = new InMemoryEscalationStore();
    /** The store the engine uses (unless a test passed its own): {@link #memoryStore}, counted. */
    final RecordingStore recording = new RecordingStore(memoryStore);

    final List<EscalationEvent> events = new ArrayList<>();
    final EscalationEngine engine;

    World() {
        this(b -> {});
    }

    World(Consumer<EscalationEngineBuilder> customise) {
        this(customise, null);
    }

    World(Consumer<EscalationEngineBuilder> customise, EscalationStore storeOverride) {
        this(customise, storeOverride, null);
    }

    /**
     * A world whose engine uses {@code notifiers} (one per channel) instead of {@link #notifier}, if given.
     *
     * @param notifiers the notifiers, or null for {@link #notifier} alone
     */
    World(Consumer<EscalationEngineBuilder> customise, EscalationStore storeOverride, List<Notifier> notifiers) {
        seed();
        AtomicInteger ids = new AtomicInteger(1);
        EscalationEngineBuilder b = EscalationEngine.builder()
                .clock(clock)
                .customers(GuardedDirectories.customers(customers))
                .staff(GuardedDirectories.staff(staff))
                .ticketing(ticketing)
                .store(storeOverride != null ? storeOverride : recording)
                .coverage(BusinessCalendar.builder(BERLIN)
                        .openWeekdays(LocalTime.of(9, 0), LocalTime.of(17, 0))
                        .build())
                .hotline(new HotlineNumber("Germany", "+49 911 2399 110"), new HotlineNumber("USA", "+1 415-363-5510"))
                .escalationIds(() -> EscalationId.of("E-" + ids.getAndIncrement()))
                .delivery(Duration.ofMinutes(1), 100, 3)
                .listener(events::add);
        (notifiers == null ? List.<Notifier>of(notifier) : notifiers).forEach(b::notifier);
        customise.accept(b);
        engine = b.build();
    }

    private void seed() {
        CustomerId acme = CustomerId.of("acme");
        CustomerId globex = CustomerId.of("globex");
        customers
                .add(new CustomerAccount(acme, "ACME", Optional.empty()))
                .add(new CustomerAccount(globex, "GLOBEX", Optional.empty()))
                .add(contact("ina", acme, true, CustomerRole.INCIDENT_MANAGER))
                .add(contact("ivy", acme, true, CustomerRole.INCIDENT_MANAGER, CustomerRole.BUSINESS_OWNER))
                .add(contact("tom", acme, true, CustomerRole.TECHNICAL_CONTACT))
                .add(contact("old", acme, false, CustomerRole.INCIDENT_MANAGER))
                .add(contact("gil", globex, true, CustomerRole.INCIDENT_MANAGER))
                .add(new SupportCase(C1, acme, "Nightly load fails"))
                .add(new SupportCase(C2, acme, "Slow queries"))
                .add(new SupportCase(G1, globex, "Login broken"));
        staff.add(member("sam", StaffRole.SUPPORT_MANAGEMENT))
                .add(member("eve", StaffRole.ESCALATION_MANAGER))
                .add(member("max", StaffRole.ESCALATION_MANAGER))
                .add(member("dan", StaffRole.SUPPORT_ENGINEER))
                .add(member("hal", StaffRole.HEAD_OF_SUPPORT));
    }

    private static Touchpoint contact(String id, CustomerId customer, boolean active, CustomerRole... roles) {
        return new Touchpoint(
                ContactId.of(id),
                customer,
                "Contact " + id,
                id + "@customer.example",
                Optional.of("+49 30 " + id.length()),
                Set.of(roles),
                active);
    }

    private static StaffMember member(String id, StaffRole role) {
        return new StaffMember(
                StaffId.of(id), "Staff " + id, id + "@vendor.example", Optional.empty(), Set.of(role), true);
    }

    static EscalateCase escalateC1() {
        return new EscalateCase(C1, "The nightly load fails", Cause.SOFTWARE_ERROR, Criticality.HIGH, null);
    }

    EscalationId escalated() {
        return engine.escalate(INA, escalateC1()).escalation();
    }

    /** Ina escalates {@code caseId}, a case of ACME's added to the directory first (high, software error). */
    EscalationId escalatedOnNewCase(String caseId) {
        CaseId c = CaseId.of(caseId);
        customers.add(new SupportCase(c, CustomerId.of("acme"), "Case " + caseId));
        return engine.escalate(INA, new EscalateCase(c, "It is down", Cause.SOFTWARE_ERROR, Criticality.HIGH, null))
                .escalation();
    }

    EscalationId acknowledged() {
        return acknowledged(escalated());
    }

    private EscalationId acknowledged(EscalationId id) {
        engine.acknowledge(SAM, new Acknowledge(id, StaffId.of("eve"), "Called Ina"));
        return id;
    }

    EscalationId active() {
        return active(escalated());
    }

    /** {@code escalated}, acknowledged with Eve as its manager and a daily video call agreed from two hours on. */
    EscalationId active(EscalationId escalated) {
        EscalationId id = acknowledged(escalated);
        engine.agreePlan(
                EVE,
                new AgreePlan(
                        id,
                        Duration.ofDays(1),
                        Channel.VIDEO_CALL,
                        clock.instant().plus(Duration.ofHours(2))));
        return id;
    }

    StoredEscalation stored(EscalationId id) {
        return memoryStore.findForVendor(id).orElseThrow();
    }

    /** The whole stored log of an escalation (tests read it; the engine's commands never do). */
    List<StoredEntry> log(EscalationId id) {
        List<StoredEntry> all = new ArrayList<>();
        while (true) {
            List<StoredEntry> page = memoryStore.entriesForVendor(id, all.size(), 500);
            all.addAll(page);
            if (page.size() < 500) {
                return all;
            }
        }
    }

    /**
     * Asserts that a refused call left nothing behind: no escalation of customer acme stored, no side effect pending,
     * no event published (the fault tests' "nothing recorded").
     *
     * @param what what was refused, for the assertion messages
     */
    void assertRecordedNothing(String what) {
        org.assertj.core.api.Assertions.assertThat(memoryStore
                        .listForCustomer(CustomerId.of("acme"), PageRequest.first(10))
                        .items())
                .as("escalations stored after %s", what)
                .isEmpty();
        org.assertj.core.api.Assertions.assertThat(pending())
                .as("side effects pending after %s", what)
                .isZero();
        org.assertj.core.api.Assertions.assertThat(events)
                .as("events published after %s", what)
                .isEmpty();
    }

    /** Side effects neither delivered nor dead-lettered. */
    long pending() {
        return memoryStore.outbox().counts().pending();
    }
}
