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
import dev.escalation.model.DeliveryChannel;
import dev.escalation.model.EscalationId;
import dev.escalation.model.EscalationState;
import dev.escalation.model.EscalationSummary;
import dev.escalation.model.HotlineAdvice;
import dev.escalation.model.HotlineNumber;
import dev.escalation.model.MessageId;
import dev.escalation.model.Page;
import dev.escalation.model.PageRequest;
import dev.escalation.model.PolicyRef;
import dev.escalation.sla.Deadline;
import dev.escalation.sla.Projection;
import dev.escalation.sla.SlaPolicy;
import dev.escalation.sla.WhatIf;
import dev.escalation.spi.CustomerDirectory;
import dev.escalation.spi.EscalationStore;
import dev.escalation.spi.Notifier;
import dev.escalation.spi.StaffDirectory;
import dev.escalation.spi.Ticketing;
import jakarta.validation.ValidatorFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
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
 * ticket calls) and due work in one unit of work of the {@link EscalationStore}. Side effects are delivered later,
 * at least once and in batches, by {@link #deliverPending()} or by a background worker started with
 * {@link #start(Duration)}; notifications are rendered at delivery for their recipient.
 *
 * <pre>{@code
 * EscalationEngine engine = EscalationEngine.builder()
 *         .clock(Clock.systemUTC())
 *         .customers(customerDirectory).staff(staffDirectory)
 *         .store(store).notifier(mailNotifier).notifier(smsNotifier).ticketing(ticketing)
 *         .coverage(GermanCoverage.calendar()).hotline(new HotlineNumber("Germany", "+49 …"))
 *         .build();
 * EscalationReceipt receipt = engine.escalate(Actor.contact("ina"),
 *         new EscalateCase(CaseId.of("C-1"), "Production database down", Cause.DATABASE_OUTAGE,
 *                 Criticality.CRITICAL, submissionId));
 * receipt.hotline().ifPresent(advice -> page.showBanner(EscalationEngine.renderHotline(advice, zone)));
 * }</pre>
 *
 * <p><b>Cost:</b> a command reads the directories first (the actor, people the command names, role groups, the
 * customer's contract calendar) and then costs the store one transaction, in which it reads the escalation without
 * its log and writes the next version; a refused command writes nothing. Commands never read the progress log:
 * what they need of the history is stored with the escalation. {@link #timeline} reads the log page by page.
 *
 * <p><b>Thread-safety:</b> a built engine has immutable configuration and is safe for concurrent use by any number
 * of threads. Concurrent changes of one escalation are serialised by the store (or, for a store that detects them
 * instead, the loser gets an {@link EscalationConflictException} and nothing of its change is applied).
 *
 * <p><b>Errors:</b> every refusal is an {@link EscalationException} subclass with a stable code; a refused call
 * changes nothing. Bad input never escapes as {@link NullPointerException} or {@link IllegalArgumentException}: a
 * {@code null} command, id, page or actor, an actor with a {@code null} kind or an id that is blank (in Unicode
 * terms), longer than 128 characters or has control characters or unpaired surrogates, a limit outside 1 to 500,
 * and a text breaking the rules of {@link dev.escalation.command.SafeText} are refused with an
 * {@link InvalidCommandException} whose {@link InvalidCommandException.Violation} names the field (such as
 * {@code "actor.id"}, {@code "command"}, {@code "id"}, {@code "page"}, {@code "limit"}, {@code "message"}) and the
 * rule ({@code "NotNull"}, {@code "Id"}, {@code "Range"}, {@code "Cursor"}, {@code "Size"}, {@code "Text"},
 * {@code "NotBlank"}), before any port is called. Reads re-check the customer of what the store returns: a store that
 * hands a customer contact another customer's escalation, summary or internal entries cannot leak them. Log lines
 * carry ids only after they were validated and never a free text of a command.
 */
public final class EscalationEngine implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EscalationEngine.class);

    private final WorkflowIntake intake;
    private final WorkflowSupport support;
    private final WorkflowManager manager;
    private final WorkflowClosure closure;
    private final WorkflowSla slaWork;
    private final WorkflowReads reads;
    private final Delivery delivery;
    private final DueFollowUps due;
    private final Object workerLock = new Object();
    private @Nullable ScheduledExecutorService worker;

    private EscalationEngine(Builder b) {
        DuePlanner planner = b.planner();
        Workflow workflow =
                new Workflow(b.clock, b.customers, b.staff, b.store, b.validator, b.lifecycle, b.listeners, planner);
        HotlineAdvisor hotline = new HotlineAdvisor(b.coverage, b.hotline);
        this.intake = new WorkflowIntake(workflow, hotline, b.ids, b.policy);
        this.support = new WorkflowSupport(workflow);
        this.manager = new WorkflowManager(workflow);
        this.closure = new WorkflowClosure(workflow);
        this.reads = new WorkflowReads(workflow);
        this.slaWork = new WorkflowSla(workflow, reads, hotline, b.policy);
        this.delivery = new Delivery(
                b.clock,
                b.store,
                new NotificationDelivery(b.customers, b.staff, b.resolvedNotifiers, b.coverage.zone()),
                b.ticketing,
                b.instanceName,
                b.lease,
                b.batchSize,
                b.maxAttempts,
                b.baseBackoff,
                b.maxBackoff);
        this.due = new DueFollowUps(b.clock, b.store, b.staff, b.instanceName, b.lease, b.batchSize);
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

    /**
     * Hotline advice as an English sentence, such as {@code "Critical escalation raised at the weekend (Sat 16 Jan
     * 2027 11:00 CET); coverage resumes Mon 18 Jan 2027 09:00 CET. Please call the hotline: Germany +49 …"}. Portals
     * that render in other languages use the advice's reason, parameters, {@code resumesAt} and numbers instead.
     *
     * @param advice the advice, as a receipt or view carries it
     * @param zone   the reader's time zone
     * @return the sentence
     * @throws InvalidCommandException if {@code advice} or {@code zone} is null, or an instant of the advice cannot be
     *                                 shown in the zone
     */
    public static String renderHotline(HotlineAdvice advice, ZoneId zone) {
        return Inputs.hotline(advice, zone);
    }

    // ------------------------------------------------------------------ commands

    /**
     * The "Escalate Case" button: one {@code create} in the store. Idempotent: while the case has an open escalation,
     * or when the submission id was seen before, the store refuses the second one and the existing escalation is
     * returned ({@link EscalationReceipt#created()} is {@code false}). The Incident Manager becomes the escalation's
     * first participant.
     *
     * @param actor   the customer contact pressing the button (must be an Incident Manager of the case's customer)
     * @param command what to escalate
     * @return the receipt, with the hotline advice stored for a critical escalation raised outside coverage hours
     * @throws InvalidCommandException if the actor or command is missing, incomplete or wrong
     * @throws EscalationNotFoundException if the case does not exist or belongs to another customer
     * @throws NotAuthorizedException if the actor is not an active Incident Manager of the case's customer
     * @throws EscalationUnavailableException if the store or a directory is down (nothing was recorded)
     */
    public EscalationReceipt escalate(Actor actor, EscalateCase command) {
        return intake.escalate(actor, Inputs.command(command));
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
        return support.acknowledge(actor, Inputs.command(command));
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
        return support.reassign(actor, Inputs.command(command));
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
        return manager.agreePlan(actor, Inputs.command(command));
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
        return manager.amendPlan(actor, Inputs.command(command));
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
        return manager.logProgress(actor, Inputs.command(command));
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
        return manager.addParticipant(actor, Inputs.command(command));
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
        return manager.removeParticipant(actor, Inputs.command(command));
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
        return manager.changeCriticality(actor, Inputs.command(command));
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
        return manager.pause(actor, Inputs.command(command));
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
        return manager.resume(actor, Inputs.command(command));
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
        return closure.resolve(actor, Inputs.command(command));
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
        return closure.reopen(actor, Inputs.command(command));
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
        return closure.scheduleLessonsLearned(actor, Inputs.command(command));
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
        return closure.recordLessonsLearned(actor, Inputs.command(command));
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
        return closure.declineLessonsLearned(actor, Inputs.command(command));
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
        return closure.close(actor, Inputs.command(command));
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
        return closure.withdraw(actor, Inputs.command(command));
    }

    // ------------------------------------------------------------------ SLA

    /**
     * The deadlines of one escalation as they stand now: first contact and resolution (from its SLA policy
     * version) and the next meeting (from its communication plan), each with its state and an
     * {@link Deadline#explain() explanation}. Derived from the facts stored with the escalation (never its log), the
     * policy version, calendar data and the engine's clock, so the same inputs give the same deadlines. Customer contacts see their own
     * customer's escalations and only the kinds the policy marks customer-facing
     * ({@link SlaPolicy#isCustomerVisible}); staff see all.
     *
     * @param actor the reader
     * @param id    the escalation
     * @return the deadlines, possibly empty (no policy and no plan, or withdrawn)
     * @throws InvalidCommandException if the actor or an argument is missing or invalid (see the class documentation)
     * @throws EscalationNotFoundException if the escalation does not exist or the actor may not see it
     * @throws UnknownPolicyException if the escalation's policy version is not registered with this engine
     * @throws NotAuthorizedException if the actor is unknown or inactive
     */
    public List<Deadline> deadlines(Actor actor, EscalationId id) {
        return slaWork.deadlines(actor, Inputs.id(id, "id"));
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
     * @throws InvalidCommandException if the actor or hypothesis is missing or invalid (raised before 2000 or after
     *                                 2199, more than 100 pauses, a pause reason breaking the text rules, a calendar
     *                                 this engine cannot build), no policy is configured or a pause starts before the
     *                                 escalation
     * @throws UnknownPolicyException if the requested policy version is not registered
     */
    public Projection whatIf(Actor actor, WhatIf whatIf) {
        return slaWork.whatIf(actor, whatIf);
    }

    /**
     * Moves a running escalation to another registered SLA policy version (a policy change otherwise applies to
     * new escalations only). Recorded in the progress log as an internal {@code POLICY_MIGRATED} entry (parameters
     * {@code from} and {@code to}); deadlines and due work are re-derived under the new version.
     *
     * @param actor Support Management or Head of Support
     * @param id    the escalation
     * @param to    the version to run under
     * @return the escalation afterwards
     * @throws InvalidCommandException if the actor or an argument is missing or invalid (see the class documentation)
     * @throws UnknownPolicyException if {@code to} is not registered
     * @throws EscalationException if refused (not found, not authorised, final, same version); nothing changed
     */
    public EscalationView migratePolicy(Actor actor, EscalationId id, PolicyRef to) {
        return slaWork.migratePolicy(actor, Inputs.id(id, "id"), to);
    }

    /**
     * Records that calendar data changed (a holiday added, coverage hours changed) in every escalation whose
     * deadlines still run (REQUESTED, ACKNOWLEDGED, ACTIVE): an internal {@code CALENDAR_CHANGED} progress entry
     * with the reason, and its due work re-planned with the engine's current calendars. Call it after deploying
     * new calendar data. <b>Vendor-scoped.</b>
     *
     * @param actor  Support Management or Head of Support
     * @param reason what changed (1 to 2,000 characters, see {@link dev.escalation.command.SafeText}), such as {@code "added company holiday 2027-05-07"}
     * @return the escalations recorded (one changed concurrently twice in a row is skipped and logged)
     * @throws NotAuthorizedException if the actor may not
     * @throws InvalidCommandException if the actor is invalid or the reason breaks the text rules (blank, longer than
     *                                 2,000 characters, control characters)
     */
    public List<EscalationId> recordCalendarChange(Actor actor, String reason) {
        return slaWork.recordCalendarChange(actor, reason);
    }

    // ------------------------------------------------------------------ reads

    /**
     * One escalation as the actor may see it, without its log (read it with {@link #timeline}). Customer contacts
     * see their own customer's escalations only; staff see all.
     *
     * @param actor the reader
     * @param id    the escalation
     * @return the view, or empty if it does not exist or the actor may not see it
     * @throws InvalidCommandException if the actor or an argument is missing or invalid (see the class documentation)
     * @throws NotAuthorizedException if the actor is unknown or inactive
     */
    public Optional<EscalationView> find(Actor actor, EscalationId id) {
        return reads.find(actor, Inputs.id(id, "id"));
    }

    /**
     * A page of one escalation's timeline (entries the actor may read: customer contacts only customer-visible
     * ones), oldest first, read from the store page by page.
     *
     * @param actor the reader
     * @param id    the escalation
     * @param page  which page; cursors are keyset positions by entry sequence
     * @return the page
     * @throws EscalationNotFoundException if the escalation does not exist or the actor may not see it
     * @throws InvalidCommandException if the actor, id or page is missing or invalid, or the cursor is not one this
     *                                 method issued
     */
    public Page<TimelineEntry> timeline(Actor actor, EscalationId id, PageRequest page) {
        return reads.timeline(actor, Inputs.id(id, "id"), Inputs.page(page));
    }

    /**
     * The escalations of the contact's own customer, newest first. <b>Customer-scoped.</b>
     *
     * @param actor a customer contact
     * @param page  which page
     * @return the page
     * @throws InvalidCommandException if the actor or an argument is missing or invalid (see the class documentation)
     * @throws NotAuthorizedException if the actor is not an active customer contact
     */
    public Page<EscalationSummary> escalationsOfCustomer(Actor actor, PageRequest page) {
        return reads.escalationsOfCustomer(actor, Inputs.page(page));
    }

    /**
     * The support-desk inbox: escalations of all customers in the given states (REQUESTED, ACKNOWLEDGED and
     * ACTIVE if none are given), ascending by time raised. <b>Vendor-scoped:</b> staff only.
     *
     * @param actor  a staff member
     * @param states the states to list; empty for the open working states
     * @param page   which page
     * @return the page
     * @throws InvalidCommandException if the actor or an argument is missing or invalid (see the class documentation)
     * @throws NotAuthorizedException if the actor is not active staff
     */
    public Page<EscalationSummary> inbox(Actor actor, Set<EscalationState> states, PageRequest page) {
        return reads.inbox(actor, Inputs.set(states, "states"), Inputs.page(page));
    }

    /**
     * Due work that is due now and not processed yet (meeting reminders, SLA warnings and breaches), oldest first.
     * <b>Vendor-scoped:</b> staff only.
     *
     * @param actor a staff member
     * @param limit at most this many (1 to 500)
     * @return the overdue items
     * @throws InvalidCommandException if the actor or an argument is missing or invalid (see the class documentation)
     * @throws NotAuthorizedException if the actor is not active staff
     */
    public List<OverdueItem> overdue(Actor actor, int limit) {
        return reads.overdue(actor, Inputs.limit(limit, "limit"));
    }

    // ------------------------------------------------------------------ the outbox and the change feed

    /**
     * How many side effects are pending and dead-lettered, and when the next may be attempted.
     * <b>Vendor-scoped:</b> Support Management or Head of Support.
     *
     * @param actor the staff member
     * @return the counts
     * @throws InvalidCommandException if the actor or an argument is missing or invalid (see the class documentation)
     * @throws NotAuthorizedException otherwise
     */
    public OutboxStatus outboxCounts(Actor actor) {
        return reads.outboxCounts(actor);
    }

    /**
     * Side effects given up (after the maximum attempts, a permanent failure, or without a usable channel).
     * <b>Vendor-scoped:</b> Support Management or Head of Support.
     *
     * @param actor the staff member
     * @param page  which page
     * @return the page
     * @throws InvalidCommandException if the actor or an argument is missing or invalid (see the class documentation)
     * @throws NotAuthorizedException otherwise
     */
    public Page<DeadLetterView> deadLetters(Actor actor, PageRequest page) {
        return reads.deadLetters(actor, Inputs.page(page));
    }

    /**
     * Makes a dead-lettered side effect deliverable again. It keeps its place in its chain: later side effects of the
     * chain (for ticket calls: of the escalation) still wait until it is delivered. <b>Vendor-scoped:</b> Support
     * Management or Head of Support.
     *
     * @param actor the staff member
     * @param id    the message
     * @return {@code true} if it was dead-lettered and is pending again
     * @throws InvalidCommandException if the actor or an argument is missing or invalid (see the class documentation)
     * @throws NotAuthorizedException otherwise
     */
    public boolean replay(Actor actor, MessageId id) {
        return reads.replay(actor, Inputs.id(id, "id"));
    }

    /**
     * Makes every dead-lettered side effect of one escalation deliverable again; they go out in their original order.
     * <b>Vendor-scoped:</b> Support Management or Head of Support.
     *
     * @param actor      the staff member
     * @param escalation the escalation
     * @return how many were replayed
     * @throws InvalidCommandException if the actor or an argument is missing or invalid (see the class documentation)
     * @throws NotAuthorizedException otherwise
     */
    public int replayAll(Actor actor, EscalationId escalation) {
        return reads.replayAll(actor, Inputs.id(escalation, "escalation"));
    }

    /**
     * Reads the change feed: every committed create or change of an escalation, by any engine instance, exactly once
     * and in an order consistent with each escalation's versions. Unlike {@link EscalationListener}s (in process,
     * lost on a crash), the feed is the crash-safe way to follow changes: persist the returned cursor after
     * processing the changes and continue from it. <b>Vendor-scoped:</b> staff only.
     *
     * @param actor  a staff member (or the host's technical staff account)
     * @param cursor {@link ChangeFeed#START} or the cursor of the previous slice
     * @param limit  at most this many changes (1 to 500)
     * @return the changes and the cursor to continue from
     * @throws NotAuthorizedException if the actor is not active staff
     * @throws InvalidCommandException if the actor is invalid, the limit is outside 1 to 500 or the cursor was not
     *                                 issued by this store's feed
     */
    public ChangeFeed changesSince(Actor actor, String cursor, int limit) {
        return reads.changesSince(actor, Inputs.cursor(cursor), Inputs.limit(limit, "limit"));
    }

    // ------------------------------------------------------------------ delivery

    /**
     * Delivers the side effects that are deliverable now, on the calling thread, in batches (one claim and one
     * recorded outcome per batch): what was due when it was called plus what that unblocked (ticket calls waiting
     * for the reference of a ticket opened in the run), at least once each, each chain (an escalation's ticket calls;
     * its notifications to one recipient) in order. A failure holds back only its own chain; retries are scheduled
     * (never waited for) with exponential backoff and dead-lettered after the maximum attempts; a notification
     * without a usable channel is dead-lettered with the code {@code NO_CHANNEL}.
     *
     * @return what was delivered, retried and dead-lettered, and what is still pending
     * @throws EscalationUnavailableException if the store is down
     */
    public DeliveryReport deliverPending() {
        return delivery.deliverPending();
    }

    /**
     * Processes due work (meeting reminders, SLA warnings and breaches) that is due now, on the calling thread; the
     * notifications are queued as side effects, once per due item, and delivered by {@link #deliverPending()}.
     *
     * @return how many due items were completed (as {@code delivered}) and what is pending in the outbox
     * @throws EscalationUnavailableException if the store is down
     */
    public DeliveryReport processDueWork() {
        return due.processDueWork();
    }

    /**
     * Starts one background thread that processes due work and delivers side effects every {@code interval}.
     * Optional: hosts with their own scheduler call {@link #processDueWork()} and {@link #deliverPending()}
     * instead. Stop it with {@link #close()}.
     *
     * @param interval the pause between runs (10 ms to 1 day)
     * @throws InvalidCommandException if {@code interval} is null or out of that range
     * @throws IllegalStateException if already started
     */
    public void start(Duration interval) {
        Inputs.interval(interval);
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
        private final Map<DeliveryChannel, Notifier> notifiers = new EnumMap<>(DeliveryChannel.class);
        private final List<String> notifierConflicts = new ArrayList<>();
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
        private Map<DeliveryChannel, Notifier> resolvedNotifiers = Map.of();

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
         * Registers a notifier for each of its {@link Notifier#channels() channels}; call it once per notifier (for
         * example e-mail and SMS). A notification goes out on its fixed channel, else on the first of the recipient's
         * preferred channels that has a notifier. Default, if none is registered: an in-memory e-mail notifier.
         *
         * @param notifier the notifier
         * @return this builder
         * @throws IllegalArgumentException if the notifier declares no channel
         */
        public Builder notifier(Notifier notifier) {
            requireNonNull(notifier, "notifier");
            Set<DeliveryChannel> channels = notifier.channels();
            if (channels == null || channels.isEmpty()) {
                throw new IllegalArgumentException(
                        "notifier " + notifier.getClass().getName() + " declares no channel");
            }
            for (DeliveryChannel c : channels) {
                Notifier earlier = notifiers.putIfAbsent(c, notifier);
                if (earlier != null && earlier != notifier) {
                    notifierConflicts.add(c + " (" + earlier.getClass().getName() + " and "
                            + notifier.getClass().getName() + ")");
                }
            }
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
            return planner != null ? planner : new DuePlanner(new SlaClock(slaPolicies, coverage, holidayRegions));
        }

        /**
         * Builds the engine.
         *
         * @return a thread-safe engine
         * @throws IllegalStateException if the clock is missing, a coverage calendar was set without hotline
         *                               numbers or has no opening hours, the chosen policy version is not
         *                               registered, or two notifiers were registered for one channel
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
            if (!coverage.hasOpeningHours()) {
                throw new IllegalStateException("the coverage calendar has no opening hours, so it never opens");
            }
            if (!notifierConflicts.isEmpty()) {
                throw new IllegalStateException(
                        "one notifier per channel: two notifiers were registered for " + notifierConflicts);
            }
            resolvedNotifiers =
                    notifiers.isEmpty() ? Map.of(DeliveryChannel.EMAIL, new InMemoryNotifier()) : Map.copyOf(notifiers);
            validator = validatorFactory == null
                    ? CommandValidator.withDefaultFactory()
                    : new CommandValidator(validatorFactory);
            return new EscalationEngine(this);
        }
    }
}
