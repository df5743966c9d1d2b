package dev.escalation;

import static java.util.Objects.requireNonNull;

import dev.escalation.calendar.BusinessCalendar;
import dev.escalation.calendar.HolidaySource;
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
import dev.escalation.inmemory.InMemoryCustomerDirectory;
import dev.escalation.inmemory.InMemoryEscalationStore;
import dev.escalation.inmemory.InMemoryNotifier;
import dev.escalation.inmemory.InMemoryStaffDirectory;
import dev.escalation.inmemory.InMemoryTicketing;
import dev.escalation.model.EscalationId;
import dev.escalation.model.EscalationState;
import dev.escalation.model.EscalationSummary;
import dev.escalation.model.MessageId;
import dev.escalation.model.Page;
import dev.escalation.model.PageCursor;
import dev.escalation.model.PageRequest;
import dev.escalation.model.PolicyRef;
import dev.escalation.model.StaffRole;
import dev.escalation.sla.Deadline;
import dev.escalation.sla.Projection;
import dev.escalation.sla.SlaPolicy;
import dev.escalation.sla.WhatIf;
import dev.escalation.spi.CustomerDirectory;
import dev.escalation.spi.DueItem;
import dev.escalation.spi.EscalationStore;
import dev.escalation.spi.Notifier;
import dev.escalation.spi.OutboxMessage;
import dev.escalation.spi.ProgressEntry;
import dev.escalation.spi.StaffDirectory;
import dev.escalation.spi.Ticketing;
import jakarta.validation.ValidatorFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The escalation engine: one method per user action, each authorising the given {@link Actor}, validating the
 * command, checking the lifecycle, and recording the change together with its side effects (notifications and
 * ticket calls) in the {@link EscalationStore}. Side effects are delivered later, at least once, by
 * {@link #deliverPending()} or by a background worker started with {@link #start(Duration)}.
 *
 * <pre>{@code
 * EscalationEngine engine = EscalationEngine.builder()
 *         .clock(Clock.systemUTC())
 *         .customers(customerDirectory).staff(staffDirectory)
 *         .store(store).notifier(notifier).ticketing(ticketing)
 *         .coverage(GermanCoverage.calendar()).hotline(new HotlineNumber("Germany", "+49 …"))
 *         .build();
 * EscalationReceipt receipt = engine.escalate(Actor.contact("ina"),
 *         new EscalateCase(CaseId.of("C-1"), "Production database down", Cause.DATABASE_OUTAGE,
 *                 Criticality.CRITICAL, submissionId));
 * receipt.hotline().ifPresent(advice -> page.showBanner(advice.message()));
 * }</pre>
 *
 * <p><b>Thread-safety:</b> a built engine has immutable configuration and is safe for concurrent use by any number
 * of threads. Concurrent changes of one escalation are detected: the loser gets an
 * {@link EscalationConflictException} and nothing of its change is applied.
 *
 * <p><b>Errors:</b> every refusal is an {@link EscalationException} subclass with a stable code; a refused call
 * changes nothing.
 */
public final class EscalationEngine implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EscalationEngine.class);
    private static final Set<EscalationState> INBOX_DEFAULT =
            EnumSet.of(EscalationState.REQUESTED, EscalationState.ACKNOWLEDGED, EscalationState.ACTIVE);

    private final Workflow workflow;
    private final Delivery delivery;
    private final EscalationStore store;
    private final Clock clock;
    private final Object workerLock = new Object();
    private @Nullable ScheduledExecutorService worker;

    private EscalationEngine(Builder b) {
        this.clock = b.clock;
        this.store = b.store;
        this.workflow = new Workflow(
                b.clock,
                b.customers,
                b.staff,
                b.store,
                b.validator,
                b.lifecycle,
                b.coverage,
                b.hotline,
                b.listeners,
                b.ids,
                b.policy,
                b.planner());
        this.delivery = new Delivery(
                b.clock,
                b.store,
                b.staff,
                b.notifier,
                b.ticketing,
                b.instanceName,
                b.lease,
                b.batchSize,
                b.maxAttempts,
                b.baseBackoff,
                b.maxBackoff);
    }

    /**
     * Starts configuring an engine. Only the clock is required; every port defaults to an empty in-memory
     * reference adapter.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    // ------------------------------------------------------------------ commands

    /**
     * The "Escalate Case" button. Idempotent: while the case has an open escalation, or when the submission id was
     * seen before, the existing escalation is returned ({@link EscalationReceipt#created()} is {@code false}).
     *
     * @param actor   the customer contact pressing the button (must be an Incident Manager of the case's customer)
     * @param command what to escalate
     * @return the receipt, with hotline advice for a critical escalation outside coverage hours
     * @throws InvalidCommandException if the command is incomplete or wrong
     * @throws EscalationNotFoundException if the case does not exist or belongs to another customer
     * @throws NotAuthorizedException if the actor is not an active Incident Manager of the case's customer
     * @throws EscalationUnavailableException if the store or a directory is down (nothing was recorded)
     */
    public EscalationReceipt escalate(Actor actor, EscalateCase command) {
        return workflow.escalate(actor, command);
    }

    /**
     * Support Management appoints an Escalation Manager after contacting the customer: REQUESTED → ACKNOWLEDGED.
     *
     * @param actor   a staff member with the Support Management or Head of Support role
     * @param command the manager and the contact note
     * @return the escalation as the actor sees it afterwards
     * @throws EscalationException if refused (see the class documentation); nothing was changed then
     */
    public EscalationView acknowledge(Actor actor, Acknowledge command) {
        return workflow.acknowledge(actor, command);
    }

    /**
     * Support Management replaces the Escalation Manager.
     *
     * @param actor   Support Management or Head of Support
     * @param command the new manager and the reason
     * @return the escalation afterwards
     * @throws EscalationException if refused; nothing was changed then
     */
    public EscalationView reassignManager(Actor actor, ReassignManager command) {
        return workflow.reassign(actor, command);
    }

    /**
     * The appointed Escalation Manager records the agreed communication plan: ACKNOWLEDGED → ACTIVE.
     *
     * @param actor   the appointed Escalation Manager
     * @param command frequency, channel and first meeting
     * @return the escalation afterwards
     * @throws EscalationException if refused; nothing was changed then
     */
    public EscalationView agreePlan(Actor actor, AgreePlan command) {
        return workflow.agreePlan(actor, command);
    }

    /**
     * The appointed Escalation Manager changes the communication plan.
     *
     * @param actor   the appointed Escalation Manager
     * @param command the new plan and the reason
     * @return the escalation afterwards
     * @throws EscalationException if refused; nothing was changed then
     */
    public EscalationView amendPlan(Actor actor, AmendPlan command) {
        return workflow.amendPlan(actor, command);
    }

    /**
     * Logs progress (status update, meeting held, decision, communication, note).
     *
     * @param actor   the appointed Escalation Manager, or the customer's Incident Manager for customer-visible
     *                communications
     * @param command the entry
     * @return the escalation afterwards
     * @throws EscalationException if refused; nothing was changed then
     */
    public EscalationView logProgress(Actor actor, LogProgress command) {
        return workflow.logProgress(actor, command);
    }

    /**
     * Adds a participant to the escalation and its ticket.
     *
     * @param actor   the appointed Escalation Manager
     * @param command who
     * @return the escalation afterwards
     * @throws EscalationException if refused; nothing was changed then
     */
    public EscalationView addParticipant(Actor actor, AddParticipant command) {
        return workflow.addParticipant(actor, command);
    }

    /**
     * Removes a participant from the escalation and its ticket.
     *
     * @param actor   the appointed Escalation Manager
     * @param command who and why
     * @return the escalation afterwards
     * @throws EscalationException if refused; nothing was changed then
     */
    public EscalationView removeParticipant(Actor actor, RemoveParticipant command) {
        return workflow.removeParticipant(actor, command);
    }

    /**
     * Raises or lowers the criticality; lowering needs a justification and a vendor-side actor.
     *
     * @param actor   the Escalation Manager, Support Management, or the Incident Manager (raise only)
     * @param command the new criticality
     * @return the escalation afterwards
     * @throws EscalationException if refused; nothing was changed then
     */
    public EscalationView changeCriticality(Actor actor, ChangeCriticality command) {
        return workflow.changeCriticality(actor, command);
    }

    /**
     * Pauses the SLA clock (for example while waiting for the customer).
     *
     * @param actor   the appointed Escalation Manager
     * @param command the reason
     * @return the escalation afterwards
     * @throws EscalationException if refused; nothing was changed then
     */
    public EscalationView pauseClock(Actor actor, PauseClock command) {
        return workflow.pause(actor, command);
    }

    /**
     * Resumes the paused SLA clock.
     *
     * @param actor   the appointed Escalation Manager
     * @param command an optional note
     * @return the escalation afterwards
     * @throws EscalationException if refused; nothing was changed then
     */
    public EscalationView resumeClock(Actor actor, ResumeClock command) {
        return workflow.resume(actor, command);
    }

    /**
     * Records the resolution: ACTIVE → RESOLVED.
     *
     * @param actor   the appointed Escalation Manager (only they)
     * @param command the summary
     * @return the escalation afterwards
     * @throws EscalationException if refused; nothing was changed then
     */
    public EscalationView resolve(Actor actor, Resolve command) {
        return workflow.resolve(actor, command);
    }

    /**
     * Reopens a resolved escalation: RESOLVED → ACTIVE.
     *
     * @param actor   the customer's Incident Manager or the appointed Escalation Manager
     * @param command the reason
     * @return the escalation afterwards
     * @throws EscalationException if refused; nothing was changed then
     */
    public EscalationView reopen(Actor actor, Reopen command) {
        return workflow.reopen(actor, command);
    }

    /**
     * Invites to the lessons-learned session: RESOLVED → LESSONS_LEARNED (or reschedules it).
     *
     * @param actor   the appointed Escalation Manager
     * @param command when and how long
     * @return the escalation afterwards
     * @throws EscalationException if refused; nothing was changed then
     */
    public EscalationView scheduleLessonsLearned(Actor actor, ScheduleLessonsLearned command) {
        return workflow.scheduleLessonsLearned(actor, command);
    }

    /**
     * Records the findings and improvement actions of the session held.
     *
     * @param actor   the appointed Escalation Manager
     * @param command findings and actions
     * @return the escalation afterwards
     * @throws EscalationException if refused; nothing was changed then
     */
    public EscalationView recordLessonsLearned(Actor actor, RecordLessonsLearned command) {
        return workflow.recordLessonsLearned(actor, command);
    }

    /**
     * The customer declines the lessons-learned session.
     *
     * @param actor   the customer's Incident Manager
     * @param command an optional reason
     * @return the escalation afterwards
     * @throws EscalationException if refused; nothing was changed then
     */
    public EscalationView declineLessonsLearned(Actor actor, DeclineLessonsLearned command) {
        return workflow.declineLessonsLearned(actor, command);
    }

    /**
     * Closes the escalation after the session was held or declined: LESSONS_LEARNED → CLOSED (final).
     *
     * @param actor   the appointed Escalation Manager or Support Management
     * @param command an optional note
     * @return the escalation afterwards
     * @throws EscalationException if refused; nothing was changed then
     */
    public EscalationView close(Actor actor, Close command) {
        return workflow.close(actor, command);
    }

    /**
     * The customer withdraws the escalation before resolution (final).
     *
     * @param actor   the customer's Incident Manager
     * @param command the reason
     * @return the escalation afterwards
     * @throws EscalationException if refused; nothing was changed then
     */
    public EscalationView withdraw(Actor actor, Withdraw command) {
        return workflow.withdraw(actor, command);
    }

    // ------------------------------------------------------------------ SLA

    /**
     * The deadlines of one escalation as they stand now: first contact and resolution (from its SLA policy
     * version) and the next meeting (from its communication plan), each with its state and an
     * {@link Deadline#explain() explanation}. Derived from the recorded history, the policy version, calendar
     * data and the engine's clock, so the same inputs give the same deadlines. Customer contacts see their own
     * customer's escalations and only the kinds the policy marks customer-facing
     * ({@link SlaPolicy#isCustomerVisible}); staff see all.
     *
     * @param actor the reader
     * @param id    the escalation
     * @return the deadlines, possibly empty (no policy and no plan, or withdrawn)
     * @throws EscalationNotFoundException if the escalation does not exist or the actor may not see it
     * @throws UnknownPolicyException if the escalation's policy version is not registered with this engine
     * @throws NotAuthorizedException if the actor is unknown or inactive
     */
    public List<Deadline> deadlines(Actor actor, EscalationId id) {
        return workflow.deadlines(actor, id);
    }

    /**
     * Projects every deadline, reminder and escalation step and the hotline decision for a hypothetical
     * escalation, with the same derivation the engine uses for stored ones, without reading or writing stored
     * escalations or due work. <b>Vendor-scoped:</b> staff only.
     *
     * @param actor a staff member
     * @param whatIf the hypothesis
     * @return the projection (deadline states as at the hypothetical escalation instant)
     * @throws NotAuthorizedException if the actor is not active staff
     * @throws InvalidCommandException if no policy is configured or a pause starts before the escalation
     * @throws UnknownPolicyException if the requested policy version is not registered
     */
    public Projection whatIf(Actor actor, WhatIf whatIf) {
        return workflow.whatIf(actor, whatIf);
    }

    /**
     * Moves a running escalation to another registered SLA policy version (a policy change otherwise applies to
     * new escalations only). Recorded in the progress log as an internal note with {@code sla=policy-migrated};
     * deadlines and due work are re-derived under the new version.
     *
     * @param actor Support Management or Head of Support
     * @param id    the escalation
     * @param to    the version to run under
     * @return the escalation afterwards
     * @throws UnknownPolicyException if {@code to} is not registered
     * @throws EscalationException if refused (not found, not authorised, final, same version); nothing changed
     */
    public EscalationView migratePolicy(Actor actor, EscalationId id, PolicyRef to) {
        return workflow.migratePolicy(actor, id, to);
    }

    /**
     * Records that calendar data changed (a holiday added, coverage hours changed) in every escalation whose
     * deadlines still run (REQUESTED, ACKNOWLEDGED, ACTIVE): an internal {@code CALENDAR_CHANGED} progress entry
     * with the reason, and its due work re-planned with the engine's current calendars. Call it after deploying
     * new calendar data. <b>Vendor-scoped.</b>
     *
     * @param actor  Support Management or Head of Support
     * @param reason what changed, such as {@code "added company holiday 2027-05-07"}
     * @return the escalations recorded (one changed concurrently twice in a row is skipped and logged)
     * @throws NotAuthorizedException if the actor may not
     * @throws InvalidCommandException if the reason is blank
     */
    public List<EscalationId> recordCalendarChange(Actor actor, String reason) {
        return workflow.recordCalendarChange(actor, reason);
    }

    // ------------------------------------------------------------------ reads

    /**
     * One escalation as the actor may see it. Customer contacts see their own customer's escalations only, and
     * only customer-visible timeline entries; staff see everything.
     *
     * @param actor the reader
     * @param id    the escalation
     * @return the view, or empty if it does not exist or the actor may not see it
     * @throws NotAuthorizedException if the actor is unknown or inactive
     */
    public Optional<EscalationView> find(Actor actor, EscalationId id) {
        Principal p = workflow.resolve(actor);
        return workflow.readable(p, id).map(r -> workflow.view(p, r));
    }

    /**
     * A page of one escalation's timeline (progress entries the actor may read), oldest first.
     *
     * @param actor the reader
     * @param id    the escalation
     * @param page  which page; cursors order entries by (time, sequence)
     * @return the page
     * @throws EscalationNotFoundException if the escalation does not exist or the actor may not see it
     */
    public Page<ProgressEntry> timeline(Actor actor, EscalationId id, PageRequest page) {
        EscalationView view = find(actor, id).orElseThrow(() -> new EscalationNotFoundException("escalation " + id));
        List<ProgressEntry> items = new ArrayList<>(page.size());
        boolean more = false;
        for (ProgressEntry e : view.timeline()) {
            String key = sequenceKey(e);
            if (page.after().isPresent() && key.compareTo(page.after().get().id()) <= 0) {
                continue;
            }
            if (items.size() == page.size()) {
                more = true;
                break;
            }
            items.add(e);
        }
        Optional<PageCursor> next = more
                ? Optional.of(
                        new PageCursor(items.get(items.size() - 1).at(), sequenceKey(items.get(items.size() - 1))))
                : Optional.empty();
        return new Page<>(items, next);
    }

    private static String sequenceKey(ProgressEntry e) {
        return String.format("%019d", e.sequence());
    }

    /**
     * The escalations of the contact's own customer, ascending by time raised. <b>Customer-scoped.</b>
     *
     * @param actor a customer contact
     * @param page  which page
     * @return the page
     * @throws NotAuthorizedException if the actor is not an active customer contact
     */
    public Page<EscalationSummary> escalationsOfCustomer(Actor actor, PageRequest page) {
        Principal p = workflow.resolve(actor);
        if (!p.isContact()) {
            throw new NotAuthorizedException(actor, null, actor + " is not a customer contact; use inbox()");
        }
        return Workflow.call(() -> store.listByCustomer(p.contact().get().customer(), page));
    }

    /**
     * The support-desk inbox: escalations of all customers in the given states (REQUESTED, ACKNOWLEDGED and
     * ACTIVE if none are given), ascending by time raised. <b>Vendor-scoped:</b> staff only.
     *
     * @param actor  a staff member
     * @param states the states to list; empty for the open working states
     * @param page   which page
     * @return the page
     * @throws NotAuthorizedException if the actor is not active staff
     */
    public Page<EscalationSummary> inbox(Actor actor, Set<EscalationState> states, PageRequest page) {
        requireStaff(actor, null);
        Set<EscalationState> s = states.isEmpty() ? INBOX_DEFAULT : states;
        return Workflow.call(() -> store.listByState(s, page));
    }

    /**
     * Due work that is overdue now (meetings due, reminders), oldest first. <b>Vendor-scoped:</b> staff only.
     *
     * @param actor a staff member
     * @param limit at most this many (1 to 500)
     * @return the overdue items
     * @throws NotAuthorizedException if the actor is not active staff
     */
    public List<DueItem> overdue(Actor actor, int limit) {
        requireStaff(actor, null);
        if (limit < 1 || limit > PageRequest.MAX_SIZE) {
            throw new IllegalArgumentException("limit must be between 1 and " + PageRequest.MAX_SIZE + ": " + limit);
        }
        return Workflow.call(() -> store.dueWork().due(clock.instant(), limit));
    }

    /**
     * Side effects given up after the maximum attempts. <b>Vendor-scoped:</b> Support Management or Head of Support.
     *
     * @param actor the staff member
     * @param page  which page
     * @return the page
     * @throws NotAuthorizedException otherwise
     */
    public Page<OutboxMessage> deadLetters(Actor actor, PageRequest page) {
        requireStaff(actor, StaffRole.SUPPORT_MANAGEMENT);
        return Workflow.call(() -> store.outbox().deadLetters(page));
    }

    /**
     * Makes a dead-lettered side effect deliverable again. <b>Vendor-scoped:</b> Support Management or Head of
     * Support.
     *
     * @param actor the staff member
     * @param id    the message
     * @return {@code true} if it was dead-lettered and is pending again
     * @throws NotAuthorizedException otherwise
     */
    public boolean replay(Actor actor, MessageId id) {
        requireStaff(actor, StaffRole.SUPPORT_MANAGEMENT);
        boolean replayed = Workflow.call(() -> store.outbox().replay(id, clock.instant()));
        LOG.info("dead letter {} replayed by {}: {}", id, actor, replayed);
        return replayed;
    }

    private void requireStaff(Actor actor, @Nullable StaffRole role) {
        Principal p = workflow.resolve(actor);
        if (p.staff().isEmpty()) {
            throw new NotAuthorizedException(actor, null, actor + " is not vendor staff; this query is vendor-scoped");
        }
        if (role != null && !p.hasStaffRole(role, StaffRole.HEAD_OF_SUPPORT)) {
            throw new NotAuthorizedException(actor, null, actor + " needs the " + role + " role");
        }
    }

    // ------------------------------------------------------------------ delivery

    /**
     * Delivers every side effect that is due now, on the calling thread: at least once each, with retries
     * scheduled (never waited for) after a failure and dead letters after the maximum attempts.
     *
     * @return what was delivered, retried and dead-lettered
     * @throws EscalationUnavailableException if the store is down
     */
    public DeliveryReport deliverPending() {
        return delivery.deliverPending();
    }

    /**
     * Processes due work (meeting reminders) that is due now, on the calling thread; the reminders are queued as
     * side effects, once per due item, and delivered by {@link #deliverPending()}.
     *
     * @return how many due items were completed
     * @throws EscalationUnavailableException if the store is down
     */
    public DeliveryReport processDueWork() {
        return delivery.processDueWork();
    }

    /**
     * Starts one background thread that processes due work and delivers side effects every {@code interval}.
     * Optional: hosts with their own scheduler call {@link #processDueWork()} and {@link #deliverPending()}
     * instead. Stop it with {@link #close()}.
     *
     * @param interval the pause between runs (at least 10 ms)
     * @throws IllegalStateException if already started
     */
    public void start(Duration interval) {
        requireNonNull(interval, "interval");
        if (interval.toMillis() < 10) {
            throw new IllegalArgumentException("interval must be at least 10 ms: " + interval);
        }
        synchronized (workerLock) {
            if (worker != null) {
                throw new IllegalStateException("the background worker is already running");
            }
            ScheduledExecutorService s = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "escalation-worker");
                t.setDaemon(true);
                return t;
            });
            s.scheduleWithFixedDelay(this::runOnce, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
            worker = s;
        }
    }

    private void runOnce() {
        try {
            processDueWork();
            deliverPending();
        } catch (RuntimeException e) {
            LOG.warn("background delivery run failed: {}", e.getClass().getName());
        }
    }

    /**
     * Stops the background worker, if started, waiting up to 10 seconds for a running delivery to finish. Stored
     * data and pending side effects stay; a new engine on the same store delivers them.
     */
    @Override
    public void close() {
        ScheduledExecutorService s;
        synchronized (workerLock) {
            s = worker;
            worker = null;
        }
        if (s != null) {
            s.shutdown();
            try {
                if (!s.awaitTermination(10, TimeUnit.SECONDS)) {
                    s.shutdownNow();
                }
            } catch (InterruptedException e) {
                s.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
    }

    // ------------------------------------------------------------------ builder

    /**
     * Configures an {@link EscalationEngine}. Each setting is checked at once; {@link #build()} copies the
     * configuration, so a builder may be reused. Not thread-safe.
     */
    public static final class Builder {
        private @Nullable Clock clock;
        private CustomerDirectory customers = new InMemoryCustomerDirectory();
        private StaffDirectory staff = new InMemoryStaffDirectory();
        private EscalationStore store = new InMemoryEscalationStore();
        private Notifier notifier = new InMemoryNotifier();
        private Ticketing ticketing = new InMemoryTicketing();
        private BusinessCalendar coverage = BusinessCalendar.alwaysOpen();
        private boolean coverageSet;
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
        private @Nullable DuePlanner planner;
        private final Map<PolicyRef, SlaPolicy> slaPolicies = new LinkedHashMap<>();
        private Function<String, ? extends @Nullable HolidaySource> holidayRegions = code -> null;
        // resolved at build()
        private CommandValidator validator = CommandValidator.withDefaultFactory();

        private Builder() {}

        /**
         * The engine's only source of time (required). Tests pass a fixed or controllable clock.
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Who the customers, their touchpoints and cases are (default: an empty in-memory directory).
         *
         * @param customers the directory
         * @return this builder
         */
        public Builder customers(CustomerDirectory customers) {
            this.customers = requireNonNull(customers, "customers");
            return this;
        }

        /**
         * Who the vendor's staff are (default: an empty in-memory directory).
         *
         * @param staff the directory
         * @return this builder
         */
        public Builder staff(StaffDirectory staff) {
            this.staff = requireNonNull(staff, "staff");
            return this;
        }

        /**
         * Where escalations, the outbox and due work are stored (default: a new in-memory store).
         *
         * @param store the store
         * @return this builder
         */
        public Builder store(EscalationStore store) {
            this.store = requireNonNull(store, "store");
            return this;
        }

        /**
         * Who delivers notifications (default: an in-memory notifier).
         *
         * @param notifier the notifier
         * @return this builder
         */
        public Builder notifier(Notifier notifier) {
            this.notifier = requireNonNull(notifier, "notifier");
            return this;
        }

        /**
         * The ticketing system (default: an in-memory one).
         *
         * @param ticketing the adapter
         * @return this builder
         */
        public Builder ticketing(Ticketing ticketing) {
            this.ticketing = requireNonNull(ticketing, "ticketing");
            return this;
        }

        /**
         * The vendor's coverage hours: a critical escalation raised while this calendar is closed gets hotline
         * advice. Default: always open (no advice). Requires {@link #hotline(HotlineNumber...)}.
         *
         * @param coverage the calendar, such as {@code GermanCoverage.calendar()} from escalation-holidays
         * @return this builder
         */
        public Builder coverage(BusinessCalendar coverage) {
            this.coverage = requireNonNull(coverage, "coverage");
            this.coverageSet = true;
            return this;
        }

        /**
         * The hotline numbers given in hotline advice. The engine knows no number of its own.
         *
         * @param numbers one or more numbers
         * @return this builder
         * @throws IllegalArgumentException if none is given
         */
        public Builder hotline(HotlineNumber... numbers) {
            if (numbers.length == 0) {
                throw new IllegalArgumentException("hotline needs at least one number");
            }
            this.hotline = List.copyOf(Arrays.asList(numbers));
            return this;
        }

        /**
         * Adds a listener for domain events.
         *
         * @param listener the listener
         * @return this builder
         */
        public Builder listener(EscalationListener listener) {
            this.listeners.add(requireNonNull(listener, "listener"));
            return this;
        }

        /**
         * The host's own Jakarta {@link ValidatorFactory} (default: Hibernate Validator without Expression
         * Language, built once per JVM). The engine does not close it.
         *
         * @param factory the factory
         * @return this builder
         */
        public Builder validatorFactory(ValidatorFactory factory) {
            this.validatorFactory = requireNonNull(factory, "factory");
            return this;
        }

        /**
         * How new escalation ids are made (default: {@code "E-" + random UUID}). Test authors pass a sequence for
         * deterministic ids.
         *
         * @param ids the id supplier; must never repeat an id
         * @return this builder
         */
        public Builder escalationIds(Supplier<EscalationId> ids) {
            this.ids = requireNonNull(ids, "ids");
            return this;
        }

        /**
         * Registers the current SLA policy: new escalations record its {@link SlaPolicy#ref()} and run under it
         * for their whole life (unless migrated with {@link EscalationEngine#migratePolicy}).
         *
         * @param policy the current version
         * @return this builder
         * @throws IllegalArgumentException if another policy with the same id and version was registered
         */
        public Builder slaPolicy(SlaPolicy policy) {
            register(policy);
            this.policy = Optional.of(policy.ref());
            return this;
        }

        /**
         * Keeps further SLA policy versions available (typically older ones), so running escalations keep the
         * version they started with. An escalation whose version the engine does not know fails with
         * {@link UnknownPolicyException} when its deadlines are read or planned.
         *
         * @param policies the versions
         * @return this builder
         * @throws IllegalArgumentException if a policy with the same id and version was registered already
         */
        public Builder slaPolicies(SlaPolicy... policies) {
            for (SlaPolicy p : policies) {
                register(p);
            }
            return this;
        }

        private void register(SlaPolicy p) {
            requireNonNull(p, "policy");
            SlaPolicy earlier = slaPolicies.putIfAbsent(p.ref(), p);
            if (earlier != null && earlier != p) {
                throw new IllegalArgumentException("SLA policy " + p.ref() + " is registered twice");
            }
        }

        /**
         * Chooses which registered SLA policy version new escalations run under.
         *
         * @param policy the reference; must be registered with {@link #slaPolicy} or {@link #slaPolicies} by the
         *               time {@link #build()} is called
         * @return this builder
         */
        public Builder policy(PolicyRef policy) {
            this.policy = Optional.of(requireNonNull(policy, "policy"));
            return this;
        }

        /**
         * Resolves the holiday region codes of customers' contract calendars ({@code CalendarSpec.holidayRegion()}),
         * such as {@code JollydayHolidays.resolver()} from escalation-holidays. Default: no region known (a
         * customer calendar naming a region then fails with a message naming it).
         *
         * @param resolver maps a region code to its holidays; {@code null} or {@link IllegalArgumentException} for
         *                 an unknown code
         * @return this builder
         */
        public Builder holidayRegions(Function<String, ? extends @Nullable HolidaySource> resolver) {
            this.holidayRegions = requireNonNull(resolver, "resolver");
            return this;
        }

        /**
         * The name this engine instance claims outbox messages and due work under (default: random).
         *
         * @param name a short name, such as the host name
         * @return this builder
         */
        public Builder instanceName(String name) {
            requireNonNull(name, "name");
            if (name.isBlank()) {
                throw new IllegalArgumentException("instanceName must not be blank");
            }
            this.instanceName = name;
            return this;
        }

        /**
         * Delivery settings: how long a claim holds, how many messages one claim takes, and after how many failed
         * attempts a side effect is dead-lettered.
         *
         * @param lease       claim duration (at least 1 second)
         * @param batchSize   messages per claim (1 to 500)
         * @param maxAttempts attempts before dead-lettering (1 to 100)
         * @return this builder
         */
        public Builder delivery(Duration lease, int batchSize, int maxAttempts) {
            requireNonNull(lease, "lease");
            if (lease.compareTo(Duration.ofSeconds(1)) < 0) {
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
         * Retry backoff: the first retry waits {@code base}, each further one twice as long, at most {@code max}.
         *
         * @param base the first wait (positive)
         * @param max  the longest wait (at least {@code base})
         * @return this builder
         */
        public Builder backoff(Duration base, Duration max) {
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
        Builder lifecycle(Lifecycle lifecycle) {
            this.lifecycle = requireNonNull(lifecycle, "lifecycle");
            return this;
        }

        Builder planner(DuePlanner planner) {
            this.planner = requireNonNull(planner, "planner");
            return this;
        }

        DuePlanner planner() {
            return planner != null
                    ? planner
                    : new DuePlanner(new SlaClock(slaPolicies, coverage, customers, holidayRegions));
        }

        /**
         * Builds the engine.
         *
         * @return a thread-safe engine
         * @throws IllegalStateException if the clock is missing, a coverage calendar was set without hotline
         *                               numbers, or the chosen policy version is not registered
         */
        public EscalationEngine build() {
            if (clock == null) {
                throw new IllegalStateException("clock must be set: EscalationEngine.builder().clock(Clock)");
            }
            if (policy.isPresent() && !slaPolicies.containsKey(policy.get())) {
                throw new IllegalStateException("SLA policy " + policy.get() + " is not registered: "
                        + ".slaPolicy(SlaPolicy) or .slaPolicies(...)");
            }
            if (coverageSet && hotline.isEmpty()) {
                throw new IllegalStateException("a coverage calendar needs hotline numbers: .hotline(...)");
            }
            validator = validatorFactory == null
                    ? CommandValidator.withDefaultFactory()
                    : new CommandValidator(validatorFactory);
            return new EscalationEngine(this);
        }
    }
}
