package dev.escalation;

import static java.util.Objects.requireNonNull;

import dev.escalation.calendar.BusinessCalendar;
import dev.escalation.calendar.HolidaySource;
import dev.escalation.internal.validation.TextRules;
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
import java.util.List;
import java.util.Optional;
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
public final class EscalationEngineBuilder extends EngineSettings {
    /** The longest {@link #instanceName}, in UTF-16 units: what the JDBC store's claim columns hold. */
    public static final int INSTANCE_NAME_MAX = 200;

    EscalationEngineBuilder() {}

    /**
     * The engine's only source of time (required). Tests pass a fixed or controllable clock.
     * @param clock the clock
     * @return this builder
     */
    public EscalationEngineBuilder clock(Clock clock) {
        this.clock = requireNonNull(clock, "clock");
        return this;
    }

    /**
     * Who the customers, their touchpoints and cases are (required).
     * @param customers the directory, such as an {@code InMemoryCustomerDirectory} in tests
     * @return this builder
     */
    public EscalationEngineBuilder customers(CustomerDirectory customers) {
        this.customers = requireNonNull(customers, "customers");
        return this;
    }

    /**
     * Who the vendor's staff are (required).
     * @param staff the directory, such as an {@code InMemoryStaffDirectory} in tests
     * @return this builder
     */
    public EscalationEngineBuilder staff(StaffDirectory staff) {
        this.staff = requireNonNull(staff, "staff");
        return this;
    }

    /**
     * Where escalations, the outbox and due work are stored (required).
     * @param store the store, such as an {@code InMemoryEscalationStore} in tests
     * @return this builder
     */
    public EscalationEngineBuilder store(EscalationStore store) {
        this.store = requireNonNull(store, "store");
        return this;
    }

    /**
     * Registers a notifier for each of its {@link Notifier#channels() channels} (at least one is required). A
     * notification goes out on its fixed channel, else on the first preferred channel of the recipient that has one.
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
     * @param ticketing the adapter, such as {@code InMemoryTicketing}
     * @return this builder
     */
    public EscalationEngineBuilder ticketing(Ticketing ticketing) {
        this.ticketing = requireNonNull(ticketing, "ticketing");
        return this;
    }

    /**
     * The vendor's coverage hours (required): a critical escalation raised while it is closed gets hotline advice, so
     * it needs {@link #hotline(HotlineNumber...)} unless it is {@link BusinessCalendar#alwaysOpen()}.
     *
     * @param coverage the calendar, such as {@code GermanCoverage.calendar()} from escalation-holidays
     * @return this builder
     */
    public EscalationEngineBuilder coverage(BusinessCalendar coverage) {
        this.coverage = requireNonNull(coverage, "coverage");
        return this;
    }

    /**
     * The hotline numbers given in hotline advice.
     *
     * @param numbers one or more numbers, each label and number one line of text (they are shown in every channel)
     * @return this builder
     * @throws IllegalArgumentException if none is given, or a label or number has a control character (a line break
     *     included), an unpaired surrogate or an unpaired bidi control; the builder keeps the numbers it had
     */
    public EscalationEngineBuilder hotline(HotlineNumber... numbers) {
        List<HotlineNumber> all = BuilderChecks.noNulls(numbers, "hotline");
        if (all.isEmpty()) {
            throw new IllegalArgumentException("hotline needs at least one number");
        }
        for (int i = 0; i < all.size(); i++) {
            HotlineNumber h = all.get(i);
            String problem = TextRules.textProblem(h.label(), Integer.MAX_VALUE, true, true);
            String which = "label";
            if (problem == null) {
                problem = TextRules.textProblem(h.number(), Integer.MAX_VALUE, true, true);
                which = "number";
            }
            if (problem != null) {
                throw new IllegalArgumentException("hotline[" + i + "]." + which + " " + problem);
            }
        }
        this.hotline = all;
        return this;
    }

    /**
     * Host texts (overrides, own languages) in front of the shipped ones, in this order; see {@link TextSource}.
     * @param sources the sources
     * @return this builder
     */
    public EscalationEngineBuilder texts(TextSource... sources) {
        this.texts = BuilderChecks.noNulls(sources, "texts");
        return this;
    }

    /**
     * Adds a listener for domain events.
     * @param listener the listener
     * @return this builder
     */
    public EscalationEngineBuilder listener(EscalationListener listener) {
        this.listeners.add(requireNonNull(listener, "listener"));
        return this;
    }

    /**
     * The host's own Jakarta {@link ValidatorFactory} (default: Hibernate Validator without EL); not closed by the
     * engine.
     *
     * @param factory the factory
     * @return this builder
     */
    public EscalationEngineBuilder validatorFactory(ValidatorFactory factory) {
        this.validatorFactory = requireNonNull(factory, "factory");
        return this;
    }

    /**
     * How new escalation ids are made (default: {@code "E-" + random UUID}); tests pass a sequence.
     *
     * @param ids the id supplier; must never repeat an id (an id in use makes {@code escalate} throw {@link
     *            IllegalStateException}, the store's refusal its cause; nothing is stored), and must give ids the
     *            commands accept (no unpaired surrogate or invisible formatting character; else, and for
     *            {@code null}, {@code escalate} throws {@link IllegalStateException} and stores nothing)
     * @return this builder
     */
    public EscalationEngineBuilder escalationIds(Supplier<EscalationId> ids) {
        this.ids = requireNonNull(ids, "ids");
        return this;
    }

    /**
     * Registers the current SLA policy: new escalations record its {@link SlaPolicy#ref()} and run under it for their
     * whole life (unless migrated with {@link EscalationOperations#migratePolicy}).
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
     * Keeps further SLA policy versions available: older ones, so running escalations keep their version (else
     * {@link UnknownPolicyException}), and the per-customer ones a {@link #policySelector} or a tier selects.
     *
     * @param policies the versions
     * @return this builder
     * @throws IllegalArgumentException if a policy with the same id and version was registered already
     */
    public EscalationEngineBuilder slaPolicies(SlaPolicy... policies) {
        BuilderChecks.noNulls(policies, "slaPolicies").forEach(slaPolicies::add);
        return this;
    }

    /**
     * Chooses which registered SLA policy version new escalations run under.
     *
     * @param policy the reference; registered with {@link #slaPolicy} or {@link #slaPolicies} before {@link #build()}
     * @return this builder
     */
    public EscalationEngineBuilder policy(PolicyRef policy) {
        this.policy = Optional.of(requireNonNull(policy, "policy"));
        return this;
    }

    /**
     * Selects the SLA policy version per customer (default: by the account's tier, see {@link PolicySelector}).
     *
     * @param selector the host's selector; the versions it returns must be registered
     * @return this builder
     */
    public EscalationEngineBuilder policySelector(PolicySelector selector) {
        this.selector = Optional.of(requireNonNull(selector, "selector"));
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
     * The name this engine instance claims outbox messages and due work under (default: random). Stores keep it
     * beside each claim, so it follows the rules of an id: at most {@value #INSTANCE_NAME_MAX} characters, no
     * control, formatting or unpaired surrogate character, not blank. PostgreSQL, for one, cannot store a NUL
     * character: under such a name every claim would fail and nothing would be delivered.
     *
     * @param name a short name (the host name)
     * @return this builder
     * @throws IllegalArgumentException if the name breaks a rule (the message names it); the builder keeps the name
     *                                  it had
     */
    public EscalationEngineBuilder instanceName(String name) {
        String problem = TextRules.idProblem(requireNonNull(name, "name"), INSTANCE_NAME_MAX);
        if (problem != null) {
            throw new IllegalArgumentException("instanceName " + problem);
        }
        this.instanceName = name;
        return this;
    }

    /**
     * Delivery settings: how long a claim holds, how many messages one claim takes, and after how many failed
     * attempts a side effect is dead-lettered (defaults: 1 minute, 100, 16). With the default {@link #backoff} the 16
     * attempts span about 6 h 25 min, so an outage of a mail server, a ticketing system or a directory that long is
     * bridged without a dead letter; fewer attempts shorten that window.
     * @param lease       claim duration (1 second to 3,650 days; the starter's {@code escalation.delivery.lease}
     *                    allows 1 day at most)
     * @param batchSize   messages per claim (1 to 500)
     * @param maxAttempts attempts before dead-lettering (1 to 100)
     * @return this builder
     * @throws IllegalArgumentException if a value is out of range
     */
    public EscalationEngineBuilder delivery(Duration lease, int batchSize, int maxAttempts) {
        if (BuilderChecks.outside(requireNonNull(lease, "lease"), Duration.ofSeconds(1), BuilderChecks.MAX_LEASE)) {
            throw new IllegalArgumentException("lease must be between 1 second and 3,650 days: " + lease);
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
     * (5 s, 1 h).
     *
     * @param base the first wait (positive, at most 1 day)
     * @param max  the longest wait (at least {@code base}, at most 7 days)
     * @return this builder
     * @throws IllegalArgumentException unless {@code 0 < base <= 1 day} and {@code base <= max <= 7 days}
     */
    public EscalationEngineBuilder backoff(Duration base, Duration max) {
        BuilderChecks.backoff(requireNonNull(base, "base"), requireNonNull(max, "max"));
        this.baseBackoff = base;
        this.maxBackoff = max;
        return this;
    }

    /**
     * How long {@link EscalationEngine#close()} waits for a running background run (due work, delivery) to finish
     * before it interrupts it (default 10 seconds). An interrupted delivery is not lost: its claim expires after the
     * {@link #delivery lease} and it is delivered again (at least once).
     *
     * @param timeout zero to 1 hour
     * @return this builder
     * @throws IllegalArgumentException if the timeout is negative or longer than 1 hour
     */
    public EscalationEngineBuilder shutdownTimeout(Duration timeout) {
        if (requireNonNull(timeout, "timeout").isNegative() || timeout.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException("shutdownTimeout must be between 0 and 1 hour: " + timeout);
        }
        this.shutdownTimeout = timeout;
        return this;
    }

    /**
     * Turns the audit trail on (it is off by default): every new entry is linked into its escalation's hash chain, with
     * personal values committed under per-person keys; see {@link AuditSettings} and {@code docs/audit.md}.
     * @param settings the per-person keys, the anchor store and the Ed25519 key pair that signs anchors
     * @return this builder
     */
    public EscalationEngineBuilder auditTrail(AuditSettings settings) {
        this.audit = Optional.of(requireNonNull(settings, "settings"));
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
     *     if a coverage calendar that closes was set without hotline numbers or has no opening hours (or, with SLA
     *     policies, is open less than 5 hours in the 5 weeks from now), the chosen policy version is not registered,
     *     two notifiers were registered for one channel, or the store declares no capabilities (null)
     * @throws InvalidCommandException if a registered policy's business-time target is longer than {@link
     *     SlaPolicy#MAX_TARGET_WEEKS} weeks of the coverage calendar's {@link BusinessCalendar#weeklyOpenTime() weekly
     *     open time} ({@code slaPolicy.firstContact.Reachable}, {@code slaPolicy.resolution.Reachable} or {@code
     *     slaPolicy.contactEvery.Reachable}): such a deadline would walk centuries of the calendar on every command;
     *     {@code calendar.HolidayData} if the coverage's holiday source has no data for a date these checks ask
     * @throws EscalationUnavailableException if the coverage's holiday source is unavailable for these checks
     */
    public EscalationEngine build() {
        return new EscalationEngine(config());
    }

    /** Checks the whole and resolves it into the engine's configuration. */
    EngineConfig config() {
        return EngineAssembly.assemble(this);
    }
}
