package dev.escalation.test;

import static java.util.Objects.requireNonNull;

import dev.escalation.Actor;
import dev.escalation.EscalationEngine;
import dev.escalation.EscalationEngineBuilder;
import dev.escalation.EscalationEvent;
import dev.escalation.EscalationException;
import dev.escalation.calendar.BusinessCalendar;
import dev.escalation.inmemory.InMemoryCustomerDirectory;
import dev.escalation.inmemory.InMemoryEscalationStore;
import dev.escalation.inmemory.InMemoryNotifier;
import dev.escalation.inmemory.InMemoryStaffDirectory;
import dev.escalation.inmemory.InMemoryTicketing;
import dev.escalation.model.CaseId;
import dev.escalation.model.ContactId;
import dev.escalation.model.CustomerId;
import dev.escalation.model.CustomerRole;
import dev.escalation.model.EscalationId;
import dev.escalation.model.HotlineNumber;
import dev.escalation.model.StaffId;
import dev.escalation.model.StaffRole;
import dev.escalation.spi.CustomerAccount;
import dev.escalation.spi.Notifier;
import dev.escalation.spi.StaffMember;
import dev.escalation.spi.SupportCase;
import dev.escalation.spi.Touchpoint;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A given/when/then fixture for escalation scenarios on the in-memory adapters, with a {@link MutableClock}: no
 * threads, no sleeps, deterministic ids ({@code E-1}, {@code E-2}, …).
 *
 * <pre>{@code
 * Scenario.create()
 *         .given(customer("acme").incidentManager("ina").contact("tom"), openCase("acme", "C-1"))
 *         .at("2027-01-16T11:00+01:00[Europe/Berlin]")                  // a Saturday
 *         .when(contact("ina").escalates("C-1").critical())
 *         .then(outcome -> outcome.hotlineAdvised(HotlineAdvice.Reason.WEEKEND)
 *                 .notified(StaffRole.SUPPORT_MANAGEMENT, NotificationKind.ESCALATION_RECEIVED));
 * }</pre>
 *
 * <p>Staff are there from the start: {@code sam} (Support Management), {@code eve} and {@code max} (Escalation
 * Managers), {@code hal} (Head of Support), {@code dan} (support engineer). The vendor's coverage is Monday–Friday
 * 09:00–17:00 Europe/Berlin (override with {@link #coverage}); the hotline numbers are {@link #HOTLINE}. Each
 * {@code when} runs at once; a refused step is kept for {@code then} instead of thrown. Not thread-safe: one scenario
 * per test.
 */
public final class Scenario {

    /** The hotline numbers the fixture configures. */
    public static final List<HotlineNumber> HOTLINE =
            List.of(new HotlineNumber("Germany", "+49 911 2399 110"), new HotlineNumber("USA", "+1 415-363-5510"));

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private final MutableClock clock = MutableClock.at(Instant.parse("2027-01-12T09:00:00Z"));
    private final InMemoryCustomerDirectory customers = new InMemoryCustomerDirectory();
    private final InMemoryStaffDirectory staff = new InMemoryStaffDirectory();
    private final InMemoryEscalationStore store = new InMemoryEscalationStore();
    private final InMemoryNotifier notifier = new InMemoryNotifier();
    private final InMemoryTicketing ticketing = new InMemoryTicketing();
    private final List<EscalationEvent> events = new ArrayList<>();
    private BusinessCalendar coverage = BusinessCalendar.builder(BERLIN)
            .openWeekdays(LocalTime.of(9, 0), LocalTime.of(17, 0))
            .build();
    private final List<Consumer<EscalationEngineBuilder>> settings = new ArrayList<>();
    private List<Notifier> notifiers = List.of(notifier);
    private EscalationEngine engine;
    private final ScenarioState state = new ScenarioState(clock);

    private Scenario() {
        for (String[] s : new String[][] {
            {"sam", "SUPPORT_MANAGEMENT"},
            {"eve", "ESCALATION_MANAGER"},
            {"max", "ESCALATION_MANAGER"},
            {"hal", "HEAD_OF_SUPPORT"},
            {"dan", "SUPPORT_ENGINEER"}
        }) {
            staff.add(new StaffMember(
                    StaffId.of(s[0]),
                    "Staff " + s[0],
                    s[0] + "@vendor.example",
                    Optional.empty(),
                    Set.of(StaffRole.valueOf(s[1])),
                    true));
        }
        engine = build();
    }

    /**
     * A new scenario: Tuesday 12 January 2027, 10:00 Europe/Berlin, no customers yet.
     *
     * @return the scenario
     */
    public static Scenario create() {
        return new Scenario();
    }

    private EscalationEngine build() {
        AtomicInteger ids = new AtomicInteger(1);
        EscalationEngineBuilder builder = EscalationEngine.builder()
                .clock(clock)
                .customers(customers)
                .staff(staff)
                .store(store)
                .ticketing(ticketing)
                .coverage(coverage)
                .hotline(HOTLINE.toArray(HotlineNumber[]::new))
                .escalationIds(() -> EscalationId.of("E-" + ids.getAndIncrement()))
                .listener(events::add);
        notifiers.forEach(builder::notifier);
        settings.forEach(s -> s.accept(builder));
        return builder.build();
    }

    /**
     * Configures the engine beyond the fixture's defaults, for example SLA policies, delivery settings or another
     * store ({@code .configure(b -> b.slaPolicy(policy).delivery(Duration.ofMinutes(1), 100, 3))}). The settings
     * run after the fixture's own, so a later call of the same builder method wins; they are kept, and the engine is
     * rebuilt at once. Call it before the first step: the new engine starts again at id {@code E-1}.
     *
     * @param setting builder calls applied on top of the fixture's
     * @return this scenario
     */
    public Scenario configure(Consumer<EscalationEngineBuilder> setting) {
        settings.add(requireNonNull(setting, "setting"));
        this.engine = build();
        return this;
    }

    /**
     * Uses these notifiers (at most one per channel) instead of the fixture's in-memory notifier, and rebuilds the
     * engine. {@link Outcome}'s notification checks read the fixture's notifier, so they see nothing afterwards
     * unless it is among {@code replacements} (see {@link #notifier()}).
     *
     * @param replacements the notifiers, at least one
     * @return this scenario
     * @throws IllegalArgumentException if none is given
     */
    public Scenario notifiers(Notifier... replacements) {
        if (replacements.length == 0) {
            throw new IllegalArgumentException("at least one notifier");
        }
        this.notifiers = List.of(replacements);
        this.engine = build();
        return this;
    }

    /**
     * Uses another coverage calendar (for example {@code GermanCoverage.calendar()} of escalation-holidays).
     *
     * @param calendar the vendor's coverage hours
     * @return this scenario
     */
    public Scenario coverage(BusinessCalendar calendar) {
        this.coverage = requireNonNull(calendar, "calendar");
        this.engine = build();
        return this;
    }

    /**
     * Adds customers, contacts and cases.
     *
     * @param facts what exists, see {@link #customer(String)} and {@link #openCase(String, String)}
     * @return this scenario
     */
    public Scenario given(Given... facts) {
        for (Given g : facts) {
            g.apply(customers);
        }
        return this;
    }

    /**
     * Sets the clock.
     *
     * @param zonedDateTime for example {@code "2027-01-16T11:00+01:00[Europe/Berlin]"}
     * @return this scenario
     */
    public Scenario at(String zonedDateTime) {
        clock.set(ZonedDateTime.parse(zonedDateTime).toInstant());
        return this;
    }

    /**
     * Moves the clock forward.
     *
     * @param duration how far
     * @return this scenario
     */
    public Scenario after(Duration duration) {
        clock.advance(duration);
        return this;
    }

    /**
     * Runs a step now. A refusal ({@link EscalationException}) is kept for {@link #then} instead of thrown.
     *
     * @param step what an actor does, see {@link #contact(String)} and {@link #staff(String)}
     * @return this scenario
     */
    public Scenario when(Step step) {
        state.lastRefusal = Optional.empty();
        try {
            step.run(engine, state);
        } catch (EscalationException refused) {
            state.lastRefusal = Optional.of(refused);
        }
        return this;
    }

    /**
     * Delivers pending side effects (as the background worker would) and checks the outcome.
     *
     * @param checks assertions on the outcome
     * @return this scenario, to go on
     */
    public Scenario then(Consumer<Outcome> checks) {
        engine.processDueWork();
        engine.deliverPending();
        checks.accept(new Outcome(this));
        return this;
    }

    /**
     * Simulates an outage (or the end of one) of the notifier: while unavailable every call fails and is counted.
     *
     * @param available whether notifications can be delivered
     * @return this scenario
     */
    public Scenario notifierAvailable(boolean available) {
        notifier.setAvailable(available);
        return this;
    }

    /**
     * Simulates an outage (or the end of one) of the ticketing system.
     *
     * @param available whether ticket calls succeed
     * @return this scenario
     */
    public Scenario ticketingAvailable(boolean available) {
        ticketing.setAvailable(available);
        return this;
    }

    // ------------------------------------------------------------------ what the fixture exposes

    /**
     * The engine under test.
     *
     * @return the engine
     */
    public EscalationEngine engine() {
        return engine;
    }

    /**
     * The clock the engine reads.
     *
     * @return the clock
     */
    public MutableClock clock() {
        return clock;
    }

    /**
     * The in-memory store behind the engine (unless {@link #configure} set another one), for checks the
     * {@link Outcome} does not offer.
     *
     * @return the store
     */
    public InMemoryEscalationStore store() {
        return store;
    }

    /**
     * The fixture's in-memory notifier (the engine's only notifier unless {@link #notifiers} replaced it).
     *
     * @return the notifier
     */
    public InMemoryNotifier notifier() {
        return notifier;
    }

    /**
     * The in-memory ticketing system behind the engine (unless {@link #configure} set another one).
     *
     * @return the ticketing system
     */
    public InMemoryTicketing ticketing() {
        return ticketing;
    }

    /**
     * The customer directory the engine reads; {@link #given} adds to it, tests may too.
     *
     * @return the directory
     */
    public InMemoryCustomerDirectory customerDirectory() {
        return customers;
    }

    /**
     * The staff directory the engine reads, with the fixture's staff.
     *
     * @return the directory
     */
    public InMemoryStaffDirectory staffDirectory() {
        return staff;
    }

    /**
     * Every event the engine has published to its listener so far, oldest first (live view).
     *
     * @return the events
     */
    public List<EscalationEvent> events() {
        return java.util.Collections.unmodifiableList(events);
    }

    ScenarioState state() {
        return state;
    }

    /**
     * The escalation the last steps worked on.
     *
     * @return its id
     * @throws IllegalStateException if nothing was escalated yet
     */
    public EscalationId current() {
        return state.current();
    }

    // ------------------------------------------------------------------ givens

    /**
     * A fact for {@link #given}.
     */
    @FunctionalInterface
    public interface Given {
        /**
         * Adds the fact to the customer directory.
         *
         * @param directory the scenario's directory
         */
        void apply(InMemoryCustomerDirectory directory);
    }

    /**
     * A customer account; add its contacts with the returned builder.
     *
     * @param id the customer id (also its name)
     * @return the customer
     */
    public static CustomerGiven customer(String id) {
        return new CustomerGiven(id);
    }

    /**
     * An open support case of a customer.
     *
     * @param customer the customer id
     * @param caseId   the case id
     * @return the fact
     */
    public static Given openCase(String customer, String caseId) {
        return d -> d.add(new SupportCase(CaseId.of(caseId), CustomerId.of(customer), "Case " + caseId));
    }

    /** A customer account with touchpoints. */
    public static final class CustomerGiven implements Given {
        private final CustomerId id;
        private final List<Touchpoint> contacts = new ArrayList<>();

        private CustomerGiven(String id) {
            this.id = CustomerId.of(id);
        }

        /**
         * Adds an active contact with the Incident Manager role.
         *
         * @param contact the contact id
         * @return this customer
         */
        public CustomerGiven incidentManager(String contact) {
            return contact(contact, CustomerRole.INCIDENT_MANAGER);
        }

        /**
         * Adds an active contact with the given roles (none: a plain technical contact).
         *
         * @param contact the contact id
         * @param roles   its customer roles
         * @return this customer
         */
        public CustomerGiven contact(String contact, CustomerRole... roles) {
            Set<CustomerRole> set = roles.length == 0 ? Set.of(CustomerRole.TECHNICAL_CONTACT) : Set.of(roles);
            contacts.add(new Touchpoint(
                    ContactId.of(contact),
                    id,
                    "Contact " + contact,
                    contact + "@" + id.value() + ".example",
                    Optional.empty(),
                    set,
                    true));
            return this;
        }

        @Override
        public void apply(InMemoryCustomerDirectory directory) {
            directory.add(new CustomerAccount(id, id.value(), Optional.empty()));
            contacts.forEach(directory::add);
        }
    }

    // ------------------------------------------------------------------ steps

    /**
     * What an actor does in {@link #when}.
     */
    @FunctionalInterface
    public interface Step {
        /**
         * Runs the step.
         *
         * @param engine the engine
         * @param state  the scenario's memory (which escalation is current)
         * @throws EscalationException if the engine refuses
         */
        void run(EscalationEngine engine, ScenarioState state);
    }

    /**
     * Steps of a customer contact.
     *
     * @param id the contact id
     * @return the contact's steps
     */
    public static Steps contact(String id) {
        return new Steps(Actor.contact(id));
    }

    /**
     * Steps of a staff member.
     *
     * @param id the staff id
     * @return the staff member's steps
     */
    public static Steps staff(String id) {
        return new Steps(Actor.staff(id));
    }

    /** Scenario memory shared by the steps: the escalation they work on and the last receipt and refusal. */
    public static final class ScenarioState {
        private Optional<EscalationId> current = Optional.empty();
        Optional<dev.escalation.EscalationReceipt> lastReceipt = Optional.empty();
        Optional<EscalationException> lastRefusal = Optional.empty();
        private final MutableClock clock;

        ScenarioState(MutableClock clock) {
            this.clock = clock;
        }

        /**
         * The scenario's current time.
         *
         * @return now, as the engine sees it
         */
        public Instant now() {
            return clock.instant();
        }

        /**
         * The escalation the steps work on.
         *
         * @return its id
         * @throws IllegalStateException if nothing was escalated yet
         */
        public EscalationId current() {
            return current.orElseThrow(() -> new IllegalStateException("nothing was escalated yet"));
        }

        void current(EscalationId id) {
            current = Optional.of(id);
        }
    }
}
