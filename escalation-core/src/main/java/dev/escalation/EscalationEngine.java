package dev.escalation;

import dev.escalation.command.*;
import dev.escalation.model.*;
import dev.escalation.sla.*;
import dev.escalation.spi.EscalationStore;
import dev.escalation.text.Texts;
import java.time.Duration;
import java.util.*;

/**
 * The escalation engine: one method per user action, each authorising the {@link Actor}, validating the command,
 * checking the lifecycle and recording the change with its side effects (notifications, ticket calls) and due work in
 * one unit of work of the {@link EscalationStore}; {@link #deliverPending()} or a worker ({@link #start(Duration)})
 * delivers them later, rendered for each recipient. Configure it with {@link #builder()}; the
 * {@linkplain dev.escalation package overview} shows a first command.
 *
 * <p><b>Cost:</b> a command reads the directories, then one store transaction reads the escalation without its log
 * and writes the next version. <b>Thread-safety:</b> immutable once built; the store serialises changes of one
 * escalation (the loser gets an {@link EscalationConflictException}). <b>Errors:</b> every refusal is an
 * {@link EscalationException} subclass with a stable code and changes nothing.
 */
public final class EscalationEngine implements AutoCloseable {
    private final WorkflowIntake intake;
    private final Workflow workflow;
    private final WorkflowSla slaWork;
    private final WorkflowReads reads;
    private final EscalationOperations operations;
    private final BackgroundWorker worker;
    private final PortalInbox portal;
    private final Texts texts;

    EscalationEngine(EngineConfig config) {
        this.workflow = new Workflow(config);
        this.intake = new WorkflowIntake(workflow, config.hotline(), config.ids(), config.choice());
        this.reads = new WorkflowReads(workflow);
        this.slaWork = new WorkflowSla(workflow, reads, config.hotline(), config.policy());
        this.operations = new EscalationOperations(workflow, reads, slaWork);
        this.worker = new BackgroundWorker(config, operations::runScheduled);
        this.portal = new PortalInbox(workflow, config.portal());
        this.texts = config.texts();
    }

    /**
     * Starts configuring an engine (required parts: {@link EscalationEngineBuilder}; nothing defaults to in-memory).
     * @return a new builder
     */
    public static EscalationEngineBuilder builder() {
        return new EscalationEngineBuilder();
    }

    /**
     * The vendor's desk and administration (inbox, outbox, change feed, SLA administration).
     * @return the operations of this engine (the same object on every call)
     */
    public EscalationOperations operations() {
        return operations;
    }

    /**
     * Texts per reader language and zone, the host's {@linkplain EscalationEngineBuilder#texts texts} first.
     * @return the texts of this engine (the same object on every call)
     */
    public Texts texts() {
        return texts;
    }

    /**
     * The "Escalate Case" button; idempotent by case and submission id (rules on {@link EscalateCase}).
     * @param actor   the customer contact pressing the button (must be an Incident Manager of the case's customer)
     * @param command what to escalate
     * @return the receipt ({@code created()} false for the existing escalation), with hotline advice when given
     */
    public EscalationReceipt escalate(Actor actor, EscalateCase command) {
        return intake.escalate(actor, Inputs.command(command));
    }

    /**
     * Records an escalation for the customer's Incident Manager, such as a hotline call ({@link EscalateOnBehalf}).
     * @param actor   Support Management or Head of Support
     * @param command the case, the Incident Manager, the channel and what they said
     * @return the receipt, as for {@link #escalate}
     */
    public EscalationReceipt escalateOnBehalf(Actor actor, EscalateOnBehalf command) {
        return intake.escalateOnBehalf(actor, Inputs.command(command));
    }

    /**
     * Support Management appoints an Escalation Manager after contacting the customer: REQUESTED → ACKNOWLEDGED.
     * @param actor   a staff member with the Support Management or Head of Support role
     * @param command the manager and the contact note
     * @return the escalation as the actor sees it afterwards
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
     * Proposes a plan or an amendment for the other side to confirm (rules on {@link ProposePlan}).
     * @param actor   the customer's Incident Manager or the appointed Escalation Manager
     * @param command the proposed plan
     * @return the escalation afterwards
     */
    public EscalationView proposePlan(Actor actor, ProposePlan command) {
        return workflow.run(Action.PROPOSE_PLAN, actor, Inputs.command(command));
    }

    /**
     * Confirms the other side's pending proposal (rules on {@link ConfirmPlan}).
     * @param actor   the side that did not propose it
     * @param command the escalation
     * @return the escalation afterwards
     */
    public EscalationView confirmPlan(Actor actor, ConfirmPlan command) {
        return workflow.run(Action.CONFIRM_PLAN, actor, Inputs.command(command));
    }

    /**
     * Records the manager's unanswered proposal alone after the answer window (rules on {@link RecordPlanAlone}).
     * @param actor   the appointed Escalation Manager
     * @param command the escalation
     * @return the escalation afterwards
     */
    public EscalationView recordPlanAlone(Actor actor, RecordPlanAlone command) {
        return workflow.run(Action.RECORD_PLAN_ALONE, actor, Inputs.command(command));
    }

    /**
     * Logs progress (status update, meeting held, decision, communication, note).
     * @param actor   the appointed Escalation Manager, or the Incident Manager for customer-visible communications
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
     * Removes a participant from the escalation and its ticket (see {@link RemoveParticipant} for a shared id).
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
     * The deadlines of one escalation now, each with its state and {@link Deadline#explain() explanation}; contacts
     * see their own customer's and the kinds the policy marks customer-facing ({@link SlaPolicy#isCustomerVisible}).
     * @param actor the reader
     * @param id    the escalation
     * @return the deadlines, possibly empty (no policy and no plan, or withdrawn)
     * @throws EscalationNotFoundException if the escalation does not exist or the actor may not see it
     * @throws UnknownPolicyException if the escalation's policy version is not registered with this engine
     */
    public List<Deadline> deadlines(Actor actor, EscalationId id) {
        return slaWork.deadlines(actor, Inputs.id(id, "id"));
    }

    /**
     * One escalation as the actor may see it, without its log; contacts see their own customer's only.
     * @param actor the reader
     * @param id    the escalation
     * @return the view, or empty if it does not exist or the actor may not see it
     */
    public Optional<EscalationView> find(Actor actor, EscalationId id) {
        return reads.find(actor, Inputs.id(id, "id"));
    }

    /**
     * The escalation's audit chain as typed records ({@link AuditOperations#trail}).
     * @param actor an active staff member
     * @param id    the escalation
     * @return the trail, without records while the audit trail is off
     */
    public dev.escalation.model.AuditTrail auditTrail(Actor actor, EscalationId id) {
        return operations.audit().trail(actor, id);
    }

    /**
     * A page of one escalation's timeline, oldest first (contacts: customer-visible entries only).
     * @param actor the reader
     * @param id    the escalation
     * @param page  which page; cursors are keyset positions by entry sequence
     * @return the page
     * @throws EscalationNotFoundException if the escalation does not exist or the actor may not see it
     */
    public Page<TimelineEntry> timeline(Actor actor, EscalationId id, PageRequest page) {
        return reads.timeline(actor, Inputs.id(id, "id"), Inputs.page(page));
    }

    /**
     * The contact's own customer's escalations matching the query, newest first, keyset-paged (customer-scoped).
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
     * The actor's own portal messages (a contact's: about their customer's escalations only), newest first, paged.
     * @param actor a customer contact or a staff member
     * @param page  which page; cursors are (delivery instant, message id)
     * @return the page; empty unless {@link EscalationEngineBuilder#portalMessages} is set
     */
    public Page<PortalMessageView> messagesFor(Actor actor, PageRequest page) {
        return portal.messagesFor(actor, Inputs.portalPage(page));
    }

    /**
     * Delivers the side effects due now in batches, in order, at least once; failures back off, then dead-letter.
     * @return what was delivered, retried and dead-lettered, and what is still pending
     * @throws EscalationUnavailableException if the store is down, or the thread is interrupted (flag kept; rest later)
     */
    public DeliveryReport deliverPending() {
        return worker.deliverPending();
    }

    /**
     * Processes due work (reminders, SLA warnings and breaches) due now, queueing its notifications once per item.
     * @return how many due items were completed (as {@code delivered}) and what is pending in the outbox
     * @throws EscalationUnavailableException if the store is down or loaded another escalation, an item could not be
     *     prepared (tried again when its lease has run out; the run goes on), or the thread is interrupted (flag kept)
     */
    public DeliveryReport processDueWork() {
        return worker.processDueWork();
    }

    /**
     * Runs {@link #processDueWork()} and {@link #deliverPending()} on a thread every {@code interval}, until close.
     * @param interval the pause between runs (10 ms to 1 day)
     * @throws InvalidCommandException if the interval is null or out of that range
     * @throws IllegalStateException if it already runs ({@link #close()} first): a set-up fault, not a refusal
     */
    public void start(Duration interval) {
        worker.start(interval);
    }

    /** Stops the background worker, if started: waits up to the shutdownTimeout for a running run, then cuts it off. */
    @Override
    public void close() {
        worker.stop();
    }
}
