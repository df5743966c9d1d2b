package dev.escalation;

import static java.util.Objects.requireNonNull;

import dev.escalation.calendar.BusinessCalendar;
import dev.escalation.calendar.HolidaySource;
import dev.escalation.model.EscalationId;
import dev.escalation.model.HotlineNumber;
import dev.escalation.model.PolicyRef;
import dev.escalation.sla.SlaPolicy;
import dev.escalation.spi.CustomerDirectory;
import dev.escalation.spi.EscalationStore;
import dev.escalation.spi.Notifier;
import dev.escalation.spi.PortalMessages;
import dev.escalation.spi.StaffDirectory;
import dev.escalation.spi.Ticketing;
import dev.escalation.text.TextSource;
import jakarta.validation.ValidatorFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Configures an {@link EscalationEngine}; obtain one with {@link EscalationEngine#builder()}. Nothing that decides
 * where data lives or where messages go has a default: {@link #build()} fails, naming each missing call, unless the
 * {@link #clock clock}, {@link #store store}, {@link #customers customers}, {@link #staff staff}, at least one
 * {@link #notifier notifier}, {@link #ticketing ticketing} and {@link #coverage coverage} are set. Tests and demos pass
 * the in-memory adapters of {@code dev.escalation.inmemory} and {@link BusinessCalendar#alwaysOpen()} explicitly.
 *
 * <pre>{@code
 * EscalationEngine engine = EscalationEngine.builder()
 *         .clock(Clock.systemUTC()).customers(customerDirectory).staff(staffDirectory)
 *         .store(store).notifier(mailNotifier).notifier(smsNotifier).ticketing(ticketing)
 *         .coverage(GermanCoverage.calendar()).hotline(new HotlineNumber("Germany", "+49 …"))
 *         .build();
 * }</pre>
 *
 * <p>Each setting is checked at once ({@link IllegalArgumentException}); {@link #build()} checks the whole
 * ({@link IllegalStateException}) and copies the configuration, so a builder may be reused. Not thread-safe.
 */
public final class EscalationEngineBuilder {
    private @Nullable Clock clock;
    private @Nullable CustomerDirectory customers;
    private @Nullable StaffDirectory staff;
    private @Nullable EscalationStore store;
    private final NotifierRegistry notifiers = new NotifierRegistry();
    private @Nullable Ticketing ticketing;
    private @Nullable BusinessCalendar coverage;
    private List<HotlineNumber> hotline = List.of();
    private final List<EscalationListener> listeners = new ArrayList<>();
    private @Nullable ValidatorFactory validatorFactory;
    private Supplier<EscalationId> ids = () -> EscalationId.of("E-" + UUID.randomUUID());
    private Optional<PolicyRef> policy = Optional.empty();
    private String instanceName = "engine-" + UUID.randomUUID().toString().substring(0, 8);
    private Duration lease = Duration.ofMinutes(1);
    private int batchSize = 100;
    private int maxAttempts = 8;
    private Duration baseBackoff = Duration.ofSeconds(5);
    private Duration maxBackoff = Duration.ofHours(1);
    private Lifecycle lifecycle = Lifecycle.standard();
    private final PolicyRegistry slaPolicies = new PolicyRegistry();
    private Function<String, ? extends @Nullable HolidaySource> holidayRegions = code -> null;
    private List<TextSource> texts = List.of();

    EscalationEngineBuilder() {}

    /**
     * The engine's only source of time (required). Tests pass a fixed or controllable clock.
     *
     * @param clock the clock
     * @return this builder
     */
    public EscalationEngineBuilder clock(Clock clock) {
        this.clock = requireNonNull(clock, "clock");
        return this;
    }

    /**
     * Who the customers, their touchpoints and cases are (required).
     *
     * @param customers the directory, such as an {@code InMemoryCustomerDirectory} in tests
     * @return this builder
     */
    public EscalationEngineBuilder customers(CustomerDirectory customers) {
        this.customers = requireNonNull(customers, "customers");
        return this;
    }

    /**
     * Who the vendor's staff are (required).
     *
     * @param staff the directory, such as an {@code InMemoryStaffDirectory} in tests
     * @return this builder
     */
    public EscalationEngineBuilder staff(StaffDirectory staff) {
        this.staff = requireNonNull(staff, "staff");
        return this;
    }

    /**
     * Where escalations, the outbox and due work are stored (required).
     *
     * @param store the store, such as an {@code InMemoryEscalationStore} in tests
     * @return this builder
     */
    public EscalationEngineBuilder store(EscalationStore store) {
        this.store = requireNonNull(store, "store");
        return this;
    }

    /**
     * Registers a notifier for each of its {@link Notifier#channels() channels}; call it once per notifier (for
     * example e-mail and SMS); at least one is required. A notification goes out on its fixed channel, else on the
     * first of the recipient's preferred channels that has a notifier.
     *
     * @param notifier the notifier
     * @return this builder
     * @throws IllegalArgumentException if the notifier declares no channel
     */
    public EscalationEngineBuilder notifier(Notifier notifier) {
        notifiers.add(requireNonNull(notifier, "notifier"));
        return this;
    }

    /**
     * Turns the portal channel on: a built-in notifier of {@code PORTAL} stores into {@code messages}, which
     * {@link EscalationEngine#messagesFor} reads.
     * @param messages where portal messages are kept, such as an {@code InMemoryPortalMessages} in tests
     * @return this builder
     */
    public EscalationEngineBuilder portalMessages(PortalMessages messages) {
        notifiers.portal(requireNonNull(messages, "messages"));
        return this;
    }

    /**
     * The ticketing system (required).
     *
     * @param ticketing the adapter, such as an {@code InMemoryTicketing} in tests
     * @return this builder
     */
    public EscalationEngineBuilder ticketing(Ticketing ticketing) {
        this.ticketing = requireNonNull(ticketing, "ticketing");
        return this;
    }

    /**
     * The vendor's coverage hours (required): a critical escalation raised while this calendar is closed gets hotline
     * advice, so a calendar that closes needs {@link #hotline(HotlineNumber...)}; without coverage hours pass
     * {@link BusinessCalendar#alwaysOpen()}.
     *
     * @param coverage the calendar, such as {@code GermanCoverage.calendar()} from escalation-holidays
     * @return this builder
     */
    public EscalationEngineBuilder coverage(BusinessCalendar coverage) {
        this.coverage = requireNonNull(coverage, "coverage");
        return this;
    }

    /**
     * The hotline numbers given in hotline advice. The engine knows no number of its own.
     *
     * @param numbers one or more numbers
     * @return this builder
     * @throws IllegalArgumentException if none is given
     */
    public EscalationEngineBuilder hotline(HotlineNumber... numbers) {
        if (numbers.length == 0) {
            throw new IllegalArgumentException("hotline needs at least one number");
        }
        this.hotline = List.copyOf(Arrays.asList(numbers));
        return this;
    }

    /**
     * Host texts (overrides, own languages) in front of the shipped ones, in this order; see {@link TextSource}.
     * @param sources the sources
     * @return this builder
     */
    public EscalationEngineBuilder texts(TextSource... sources) {
        this.texts = List.of(sources);
        return this;
    }

    /**
     * Adds a listener for domain events.
     *
     * @param listener the listener
     * @return this builder
     */
    public EscalationEngineBuilder listener(EscalationListener listener) {
        this.listeners.add(requireNonNull(listener, "listener"));
        return this;
    }

    /**
     * The host's own Jakarta {@link ValidatorFactory}, not closed by the engine (default: Hibernate Validator, no EL).
     *
     * @param factory the factory
     * @return this builder
     */
    public EscalationEngineBuilder validatorFactory(ValidatorFactory factory) {
        this.validatorFactory = requireNonNull(factory, "factory");
        return this;
    }

    /**
     * How new escalation ids are made (default: {@code "E-" + random UUID}); tests pass a sequence for fixed ids.
     *
     * @param ids the id supplier; must never repeat an id
     * @return this builder
     */
    public EscalationEngineBuilder escalationIds(Supplier<EscalationId> ids) {
        this.ids = requireNonNull(ids, "ids");
        return this;
    }

    /**
     * Registers the current SLA policy: new escalations record its {@link SlaPolicy#ref()} and run under it for their
     * whole life (unless migrated with {@link EscalationOperations#migratePolicy}).
     *
     * @param policy the current version
     * @return this builder
     * @throws IllegalArgumentException if another policy with the same id and version was registered
     */
    public EscalationEngineBuilder slaPolicy(SlaPolicy policy) {
        slaPolicies.add(policy);
        this.policy = Optional.of(policy.ref());
        return this;
    }

    /**
     * Keeps further SLA policy versions available (typically older ones), so running escalations keep the version
     * they started with. An escalation whose version the engine does not know fails with
     * {@link UnknownPolicyException} when its deadlines are read or planned.
     *
     * @param policies the versions
     * @return this builder
     * @throws IllegalArgumentException if a policy with the same id and version was registered already
     */
    public EscalationEngineBuilder slaPolicies(SlaPolicy... policies) {
        Arrays.stream(policies).forEach(slaPolicies::add);
        return this;
    }

    /**
     * Chooses which registered SLA policy version new escalations run under.
     *
     * @param policy the reference; registered with {@link #slaPolicy} or {@link #slaPolicies} by {@link #build()}
     * @return this builder
     */
    public EscalationEngineBuilder policy(PolicyRef policy) {
        this.policy = Optional.of(requireNonNull(policy, "policy"));
        return this;
    }

    /**
     * Resolves the holiday region codes of customers' contract calendars ({@code CalendarSpec.holidayRegion()}), such
     * as {@code JollydayHolidays.resolver()} from escalation-holidays. Default: no region known (a customer calendar
     * naming a region then fails with a message naming it).
     *
     * @param resolver maps a region code to its holidays; {@code null} or {@link IllegalArgumentException} if unknown
     * @return this builder
     */
    public EscalationEngineBuilder holidayRegions(Function<String, ? extends @Nullable HolidaySource> resolver) {
        this.holidayRegions = requireNonNull(resolver, "resolver");
        return this;
    }

    /**
     * The name this engine instance claims outbox messages and due work under (default: random).
     *
     * @param name a short name, such as the host name
     * @return this builder
     * @throws IllegalArgumentException if the name is blank
     */
    public EscalationEngineBuilder instanceName(String name) {
        if (requireNonNull(name, "name").isBlank()) {
            throw new IllegalArgumentException("instanceName must not be blank");
        }
        this.instanceName = name;
        return this;
    }

    /**
     * Delivery settings: how long a claim holds, how many messages one claim takes, and after how many failed
     * attempts a side effect is dead-lettered (defaults: 1 minute, 100, 8).
     *
     * @param lease       claim duration (at least 1 second)
     * @param batchSize   messages per claim (1 to 500)
     * @param maxAttempts attempts before dead-lettering (1 to 100)
     * @return this builder
     * @throws IllegalArgumentException if a value is out of range
     */
    public EscalationEngineBuilder delivery(Duration lease, int batchSize, int maxAttempts) {
        if (requireNonNull(lease, "lease").compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("lease must be at least 1 second: " + lease);
        }
        if (batchSize < 1 || batchSize > 500) {
            throw new IllegalArgumentException("batchSize must be between 1 and 500: " + batchSize);
        }
        if (maxAttempts < 1 || maxAttempts > 100) {
            throw new IllegalArgumentException("maxAttempts must be between 1 and 100: " + maxAttempts);
        }
        this.lease = lease;
        this.batchSize = batchSize;
        this.maxAttempts = maxAttempts;
        return this;
    }

    /**
     * Retry backoff: the first retry waits {@code base}, each further one twice as long, at most {@code max}
     * (defaults: 5 seconds, 1 hour).
     *
     * @param base the first wait (positive)
     * @param max  the longest wait (at least {@code base})
     * @return this builder
     * @throws IllegalArgumentException unless {@code 0 < base <= max}
     */
    public EscalationEngineBuilder backoff(Duration base, Duration max) {
        requireNonNull(base, "base");
        requireNonNull(max, "max");
        if (base.isNegative() || base.isZero() || max.compareTo(base) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < base <= max: " + base + ", " + max);
        }
        this.baseBackoff = base;
        this.maxBackoff = max;
        return this;
    }

    /** For tests: a different transition table (the model tests prove a wrong one is caught). */
    EscalationEngineBuilder lifecycle(Lifecycle lifecycle) {
        this.lifecycle = requireNonNull(lifecycle, "lifecycle");
        return this;
    }

    /**
     * Builds the engine.
     *
     * @return a thread-safe engine
     * @throws IllegalStateException naming each missing required call ({@code "missing .store(EscalationStore)"}), or
     *     if a coverage calendar that closes was set without hotline numbers or has no opening hours, the chosen
     *     policy version is not registered, or two notifiers were registered for one channel
     */
    public EscalationEngine build() {
        return new EscalationEngine(config());
    }

    /** Checks the whole and resolves it into the engine's configuration. */
    EngineConfig config() {
        BuilderChecks.requireAll(
                clock != null,
                store != null,
                customers != null,
                staff != null,
                !notifiers.isEmpty(),
                ticketing != null,
                coverage != null);
        Clock clock = requireNonNull(this.clock);
        BusinessCalendar coverage = requireNonNull(this.coverage);
        Map<PolicyRef, SlaPolicy> versions = slaPolicies.resolve(policy);
        HotlineAdvisor advisor = HotlineAdvisor.checked(coverage, hotline, clock.instant());
        CommandValidator validator = CommandValidator.of(validatorFactory);
        DuePlanner planner = new DuePlanner(new SlaClock(versions, coverage, holidayRegions));
        return new EngineConfig(
                clock,
                requireNonNull(customers),
                requireNonNull(staff),
                requireNonNull(store),
                notifiers.resolve(clock, requireNonNull(customers)),
                requireNonNull(ticketing),
                advisor,
                coverage.zone(),
                listeners,
                validator,
                ids,
                policy,
                lifecycle,
                planner,
                new EngineConfig.Worker(instanceName, lease, batchSize, maxAttempts, baseBackoff, maxBackoff),
                notifiers.portal(),
                dev.escalation.text.Texts.of(coverage.zone(), texts, InvalidCommandException::of));
    }
}
