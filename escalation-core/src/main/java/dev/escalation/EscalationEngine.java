package dev.escalation;

import dev.escalation.command.*;
import dev.escalation.model.CaseId;
import dev.escalation.model.EscalationId;
import dev.escalation.model.EscalationSummary;
import dev.escalation.model.HotlineAdvice;
import dev.escalation.model.Page;
import dev.escalation.model.PageRequest;
import dev.escalation.sla.Deadline;
import dev.escalation.sla.SlaPolicy;
import dev.escalation.spi.EscalationStore;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * The escalation engine: one method per user action, each authorising the given {@link Actor}, validating the
 * command, checking the lifecycle, and recording the change together with its side effects (notifications and
 * ticket calls) and due work in one unit of work of the {@link EscalationStore}. Side effects are delivered later,
 * at least once and in batches, by {@link #deliverPending()} or by a background worker started with
 * {@link #start(Duration)}; notifications are rendered at delivery for their recipient. Configure it with
 * {@link #builder()}; the {@linkplain dev.escalation package overview} shows a first command.
 *
 * <p><b>Cost:</b> a command reads the directories first, then costs the store one transaction (read the escalation
 * without its log, write the next version); a refused command writes nothing. {@link #timeline} reads the log.
 *
 * <p><b>Thread-safety:</b> safe for concurrent use. Concurrent changes of one escalation are serialised by the store
 * (or, for a store that detects them instead, the loser gets an {@link EscalationConflictException}).
 *
 * <p><b>Errors:</b> every refusal is an {@link EscalationException} subclass with a stable code; it changes nothing.
 * Each command method ({@link #acknowledge} to {@link #withdraw}) throws one when refused: not found, not
 * authorised, an illegal transition, invalid input, a conflict, or the store or a directory unavailable.
 * Bad input (nulls, invalid ids and actors, limits, texts) is refused as described at {@link InvalidCommandException}.
 */
public final class EscalationEngine implements AutoCloseable {
    private final WorkflowIntake intake;
    private final Workflow workflow;
    private final WorkflowSla slaWork;
    private final WorkflowReads reads;
    private final EscalationOperations operations;
    private final BackgroundWorker worker;

    EscalationEngine(EngineConfig config) {
        Workflow workflow = new Workflow(config);
        this.workflow = workflow;
        this.intake = new WorkflowIntake(workflow, config.hotline(), config.ids(), config.policy());
        this.reads = new WorkflowReads(workflow);
        this.slaWork = new WorkflowSla(workflow, reads, config.hotline(), config.policy());
        AuditOperations audit = new AuditOperations(workflow, reads, workflow.audit);
        WorkflowMetrics metrics = new WorkflowMetrics(workflow, reads);
        this.operations = new EscalationOperations(workflow, reads, slaWork, audit, metrics);
        this.worker = new BackgroundWorker(config, operations.privacy::runScheduled);
    }

    /**
     * Starts configuring an engine. The clock, store, directories, at least one notifier, ticketing and the coverage
     * calendar are required: nothing defaults to an in-memory adapter.
     * @return a new builder
     */
    public static EscalationEngineBuilder builder() {
        return new EscalationEngineBuilder();
    }

    /**
     * The vendor's desk and administration (inbox, outbox, change feed, SLA administration), all vendor-scoped.
     * @return the operations of this engine (the same object on every call)
     */
    public EscalationOperations operations() {
        return operations;
    }

    /**
     * Hotline advice as an English sentence, such as {@code "Critical escalation raised at the weekend (Sat 16 Jan
     * 2027 11:00 CET); coverage resumes Mon 18 Jan 2027 09:00 CET. Please call the hotline: Germany +49 …"}. Portals
     * that render in other languages use the advice's reason, parameters, {@code resumesAt} and numbers instead.
     * @param advice the advice, as a receipt or view carries it
     * @param zone   the reader's time zone
     * @return the sentence
     */
    public static String renderHotline(HotlineAdvice advice, ZoneId zone) {
        return Inputs.hotline(advice, zone);
    }

    /**
     * The "Escalate Case" button: one {@code create} in the store. Idempotent: while the case has an open escalation,
     * or when the submission id was seen before, the store refuses the second one and the existing escalation is
     * returned ({@link EscalationReceipt#created()} is {@code false}); for a repeated submission id that is the
     * escalation it created (even when withdrawn or closed), otherwise the case's open one. The Incident Manager
     * becomes the escalation's first participant.
     *
     * <p>A submission id is bound to the case it was first used for: sending it again for another case of the same
     * customer is refused with an {@link InvalidCommandException} whose violation has field {@code "submissionId"},
     * rule {@code "SameCase"} and code {@code "submissionId.SameCase"}; nothing is stored or notified. Submission ids
     * are per customer: another customer's use of the same id neither refuses nor returns anything of theirs (it is a
     * new submission for this customer).
     * @param actor   the customer contact pressing the button (must be an Incident Manager of the case's customer)
     * @param command what to escalate
     * @return the receipt, with the hotline advice stored for a critical escalation raised outside coverage hours
     * @throws InvalidCommandException if the command is incomplete or wrong, or its submission id was used for
     *     another case of the customer ({@code submissionId.SameCase})
     * @throws EscalationNotFoundException if the case does not exist or belongs to another customer
     * @throws NotAuthorizedException if the actor is not an active Incident Manager of the case's customer
     * @throws EscalationUnavailableException if the store or a directory is down (nothing was recorded)
     */
    public EscalationReceipt escalate(Actor actor, EscalateCase command) {
        return intake.escalate(actor, Inputs.command(command));
    }

    /**
     * Support Management appoints an Escalation Manager after contacting the customer: REQUESTED → ACKNOWLEDGED.
     * @param actor   a staff member with the Support Management or Head of Support role
     * @param command the manager and the contact note
     * @return the escalation as the actor sees it afterwards
     * @throws EscalationException if refused (see the class documentation); nothing was changed then
     */
    public EscalationView acknowledge(Actor actor, Acknowledge command) {
        return workflow.run(Action.ACKNOWLEDGE, actor, Inputs.command(command));
    }

    /**
     * Support Management replaces the Escalation Manager.
     * @param actor   Support Management or Head of Support
     * @param command the new manager and the reason
     * @return the escalation afterwards
     */
    public EscalationView reassignManager(Actor actor, ReassignManager command) {
        return workflow.run(Action.REASSIGN_MANAGER, actor, Inputs.command(command));
    }

    /**
     * The appointed Escalation Manager records the agreed communication plan: ACKNOWLEDGED → ACTIVE.
     * @param actor   the appointed Escalation Manager
     * @param command frequency, channel and first meeting
     * @return the escalation afterwards
     */
    public EscalationView agreePlan(Actor actor, AgreePlan command) {
        return workflow.run(Action.AGREE_PLAN, actor, Inputs.command(command));
    }

    /**
     * The appointed Escalation Manager changes the communication plan.
     * @param actor   the appointed Escalation Manager
     * @param command the new plan and the reason
     * @return the escalation afterwards
     */
    public EscalationView amendPlan(Actor actor, AmendPlan command) {
        return workflow.run(Action.AMEND_PLAN, actor, Inputs.command(command));
    }

    /**
     * Logs progress (status update, meeting held, decision, communication, note).
     * @param actor   the appointed Escalation Manager, or the customer's Incident Manager for customer-visible
     *                communications
     * @param command the entry
     * @return the escalation afterwards
     */
    public EscalationView logProgress(Actor actor, LogProgress command) {
        return workflow.run(Action.LOG_PROGRESS, actor, Inputs.command(command));
    }

    /**
     * Adds a participant to the escalation and its ticket.
     * @param actor   the appointed Escalation Manager
     * @param command who
     * @return the escalation afterwards
     */
    public EscalationView addParticipant(Actor actor, AddParticipant command) {
        return workflow.run(Action.ADD_PARTICIPANT, actor, Inputs.command(command));
    }

    /**
     * Removes a participant from the escalation and its ticket.
     * @param actor   the appointed Escalation Manager
     * @param command who and why
     * @return the escalation afterwards
     */
    public EscalationView removeParticipant(Actor actor, RemoveParticipant command) {
        return workflow.run(Action.REMOVE_PARTICIPANT, actor, Inputs.command(command));
    }

    /**
     * Raises or lowers the criticality; lowering needs a justification and a vendor-side actor.
     * @param actor   the Escalation Manager, Support Management, or the Incident Manager (raise only)
     * @param command the new criticality
     * @return the escalation afterwards
     */
    public EscalationView changeCriticality(Actor actor, ChangeCriticality command) {
        return workflow.run(Action.CHANGE_CRITICALITY, actor, Inputs.command(command));
    }

    /**
     * Pauses the SLA clock (for example while waiting for the customer).
     * @param actor   the appointed Escalation Manager
     * @param command the reason
     * @return the escalation afterwards
     */
    public EscalationView pauseClock(Actor actor, PauseClock command) {
        return workflow.run(Action.PAUSE_CLOCK, actor, Inputs.command(command));
    }

    /**
     * Resumes the paused SLA clock.
     * @param actor   the appointed Escalation Manager
     * @param command an optional note
     * @return the escalation afterwards
     */
    public EscalationView resumeClock(Actor actor, ResumeClock command) {
        return workflow.run(Action.RESUME_CLOCK, actor, Inputs.command(command));
    }

    /**
     * Records the resolution: ACTIVE → RESOLVED.
     * @param actor   the appointed Escalation Manager (only they)
     * @param command the summary
     * @return the escalation afterwards
     */
    public EscalationView resolve(Actor actor, Resolve command) {
        return workflow.run(Action.RESOLVE, actor, Inputs.command(command));
    }

    /**
     * Reopens a resolved escalation: RESOLVED → ACTIVE.
     * @param actor   the customer's Incident Manager or the appointed Escalation Manager
     * @param command the reason
     * @return the escalation afterwards
     */
    public EscalationView reopen(Actor actor, Reopen command) {
        return workflow.run(Action.REOPEN, actor, Inputs.command(command));
    }

    /**
     * Invites to the lessons-learned session: RESOLVED → LESSONS_LEARNED (or reschedules it).
     * @param actor   the appointed Escalation Manager
     * @param command when and how long
     * @return the escalation afterwards
     */
    public EscalationView scheduleLessonsLearned(Actor actor, ScheduleLessonsLearned command) {
        return workflow.run(Action.SCHEDULE_LESSONS_LEARNED, actor, Inputs.command(command));
    }

    /**
     * Records the findings and improvement actions of the session held.
     * @param actor   the appointed Escalation Manager
     * @param command findings and actions
     * @return the escalation afterwards
     */
    public EscalationView recordLessonsLearned(Actor actor, RecordLessonsLearned command) {
        return workflow.run(Action.RECORD_LESSONS_LEARNED, actor, Inputs.command(command));
    }

    /**
     * The customer declines the lessons-learned session.
     * @param actor   the customer's Incident Manager
     * @param command an optional reason
     * @return the escalation afterwards
     */
    public EscalationView declineLessonsLearned(Actor actor, DeclineLessonsLearned command) {
        return workflow.run(Action.DECLINE_LESSONS_LEARNED, actor, Inputs.command(command));
    }

    /**
     * Closes the escalation after the session was held or declined: LESSONS_LEARNED → CLOSED (final).
     * @param actor   the appointed Escalation Manager or Support Management
     * @param command an optional note
     * @return the escalation afterwards
     */
    public EscalationView close(Actor actor, Close command) {
        return workflow.run(Action.CLOSE, actor, Inputs.command(command));
    }

    /**
     * The customer withdraws the escalation before resolution (final).
     * @param actor   the customer's Incident Manager
     * @param command the reason
     * @return the escalation afterwards
     */
    public EscalationView withdraw(Actor actor, Withdraw command) {
        return workflow.run(Action.WITHDRAW, actor, Inputs.command(command));
    }

    /**
     * The deadlines of one escalation as they stand now (first contact, resolution, next meeting), each with its
     * state and an {@link Deadline#explain() explanation}, derived from stored facts (never the log), policy, calendar
     * data and the clock. Contacts see their own customer's, only kinds {@link SlaPolicy#isCustomerVisible}.
     * @param actor the reader
     * @param id    the escalation
     * @return the deadlines, possibly empty (no policy and no plan, or withdrawn)
     * @throws EscalationNotFoundException if the escalation does not exist or the actor may not see it
     * @throws UnknownPolicyException if the escalation's policy version is not registered with this engine
     * @throws NotAuthorizedException if the actor is unknown or inactive
     */
    public List<Deadline> deadlines(Actor actor, EscalationId id) {
        return slaWork.deadlines(actor, Inputs.id(id, "id"));
    }

    /**
     * One escalation as the actor may see it, without its log (read it with {@link #timeline}). Customer contacts
     * see their own customer's escalations only; staff see all.
     * @param actor the reader
     * @param id    the escalation
     * @return the view, or empty if it does not exist or the actor may not see it
     * @throws NotAuthorizedException if the actor is unknown or inactive
     */
    public Optional<EscalationView> find(Actor actor, EscalationId id) {
        return reads.find(actor, Inputs.id(id, "id"));
    }

    /**
     * The escalation's audit chain as typed records (staff only): see {@link AuditOperations#trail}.
     * @param actor an active staff member
     * @param id    the escalation
     * @return the trail, without records while the audit trail is off
     */
    public dev.escalation.model.AuditTrail auditTrail(Actor actor, EscalationId id) {
        return operations.audit().trail(actor, id);
    }

    /**
     * A page of one escalation's timeline (entries the actor may read: customer contacts only customer-visible
     * ones), oldest first, read from the store page by page.
     * @param actor the reader
     * @param id    the escalation
     * @param page  which page; cursors are keyset positions by entry sequence
     * @return the page
     * @throws EscalationNotFoundException if the escalation does not exist or the actor may not see it
     * @throws InvalidCommandException if the cursor is not one this method issued
     */
    public Page<TimelineEntry> timeline(Actor actor, EscalationId id, PageRequest page) {
        return reads.timeline(actor, Inputs.id(id, "id"), Inputs.page(page));
    }

    /**
     * The contact's own customer's escalations matching the query, newest first, keyset-paged. <b>Customer-scoped</b>
     * (re-checked on what the store returns); a summary holds only what {@link #find} shows the contact too.
     * @param actor a customer contact
     * @param query {@link CustomerQuery#all()} (any store) or filtered (a store with {@code QUERIES})
     * @param page  which page
     * @return the page
     * @throws UnsupportedQueryException if the query filters and the store lacks {@code QUERIES}
     */
    public Page<EscalationSummary> escalationsOfCustomer(Actor actor, CustomerQuery query, PageRequest page) {
        return operations.queries.ofCustomer(actor, Inputs.customerQuery(query), Inputs.page(page));
    }

    /**
     * The open escalation of a case, if any: contacts see their own customer's only, staff any.
     * @param actor  a customer contact or a staff member
     * @param caseId the case
     * @return its open escalation (neither closed nor withdrawn), or empty
     * @throws UnsupportedQueryException if the store lacks {@code QUERIES}
     */
    public Optional<EscalationSummary> openEscalationOfCase(Actor actor, CaseId caseId) {
        return operations.queries.openOfCase(actor, Inputs.id(caseId, "caseId"));
    }

    /**
     * Delivers the side effects deliverable now, on the calling thread, in batches: what was due plus what that
     * unblocked, at least once each, each chain (an escalation's ticket calls; its notifications to one recipient) in
     * order. A failure holds back only its chain; retries back off exponentially, then dead-letter (no usable channel:
     * code {@code NO_CHANNEL}).
     * @return what was delivered, retried and dead-lettered, and what is still pending
     * @throws EscalationUnavailableException if the store is down
     */
    public DeliveryReport deliverPending() {
        return worker.deliverPending();
    }

    /**
     * Processes due work (meeting reminders, SLA warnings and breaches) that is due now, on the calling thread; the
     * notifications are queued as side effects, once per due item, and delivered by {@link #deliverPending()}.
     * @return how many due items were completed (as {@code delivered}) and what is pending in the outbox
     * @throws EscalationUnavailableException if the store is down
     */
    public DeliveryReport processDueWork() {
        return worker.processDueWork();
    }

    /**
     * Starts one background thread that processes due work and delivers side effects every {@code interval}.
     * Optional: hosts with their own scheduler call {@link #processDueWork()} and {@link #deliverPending()}
     * instead. Stop it with {@link #close()}.
     * @param interval the pause between runs (10 ms to 1 day)
     * @throws InvalidCommandException if the interval is null or out of that range
     * @throws IllegalStateException if already started (a programming error)
     */
    public void start(Duration interval) {
        worker.start(interval);
    }

    /**
     * Stops the background worker, if started, waiting up to 10 seconds for a running delivery to finish. Stored
     * data and pending side effects stay; a new engine on the same store delivers them.
     */
    @Override
    public void close() {
        worker.stop();
    }
}
