package dev.escalation;

import static dev.escalation.Draft.params;

import dev.escalation.command.EscalateCase;
import dev.escalation.command.EscalateOnBehalf;
import dev.escalation.internal.validation.TextRules;
import dev.escalation.model.ActorRef;
import dev.escalation.model.CaseId;
import dev.escalation.model.Cause;
import dev.escalation.model.Criticality;
import dev.escalation.model.CustomerRole;
import dev.escalation.model.EntryParam;
import dev.escalation.model.EscalationId;
import dev.escalation.model.EscalationState;
import dev.escalation.model.HotlineAdvice;
import dev.escalation.model.Intake;
import dev.escalation.model.NotificationKind;
import dev.escalation.model.ProgressKind;
import dev.escalation.model.StaffRole;
import dev.escalation.model.Visibility;
import dev.escalation.spi.EscalationFacts;
import dev.escalation.spi.EscalationWrite;
import dev.escalation.spi.OpenEscalationExistsException;
import dev.escalation.spi.StaffMember;
import dev.escalation.spi.StoredEscalation;
import dev.escalation.spi.SubmissionExistsException;
import dev.escalation.spi.SupportCase;
import dev.escalation.spi.Touchpoint;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The "Escalate Case" button and its staff twin (an escalation recorded on behalf of the Incident Manager, such as a
 * hotline call): one {@code create} in the store with the first version, its entry, side effects and
 * due work. Idempotent: a second open escalation of the case or a repeated submission key is refused by the store,
 * and the engine then returns the existing escalation — the one the submission key created if there is one, else the
 * case's open one. A submission key reused on another case of the customer is refused ({@code submissionId.SameCase}).
 */
final class WorkflowIntake {
    private final Workflow w;
    private final HotlineAdvisor hotline;
    private final Supplier<EscalationId> ids;
    private final PolicyChoice policy;

    WorkflowIntake(Workflow w, HotlineAdvisor hotline, Supplier<EscalationId> ids, PolicyChoice policy) {
        this.w = w;
        this.hotline = hotline;
        this.ids = ids;
        this.policy = policy;
    }

    /** What both intakes record: the case, the customer's words and the idempotency key. */
    private record Request(CaseId caseId, String message, Cause cause, Criticality criticality, String submissionId) {}

    EscalationReceipt escalate(Actor actor, EscalateCase cmd) {
        return w.observers.command(Action.ESCALATE, () -> escalateCase(actor, cmd));
    }

    private EscalationReceipt escalateCase(Actor actor, EscalateCase cmd) {
        w.validator.check(cmd, List.of());
        w.observers.validated(Action.ESCALATE);
        Principal p = w.resolve(actor);
        Touchpoint contact = p.contact()
                .orElseThrow(() -> new NotAuthorizedException(
                        actor,
                        Action.ESCALATE,
                        null,
                        NotAuthorizedException.Reason.NOT_CONTACT,
                        actor + " is not a customer contact; only a customer's Incident Manager may escalate a case"));
        SupportCase supportCase = Workflow.call(() -> w.customers.supportCase(cmd.caseId()))
                .filter(c -> c.customer().equals(contact.customer()))
                .orElseThrow(() -> new EscalationNotFoundException("case " + cmd.caseId()));
        if (!w.lifecycle.row(Action.ESCALATE).who().allows(p, supportCase.customer(), Optional.empty())) {
            throw new NotAuthorizedException(
                    actor,
                    Action.ESCALATE,
                    null,
                    NotAuthorizedException.Reason.WRONG_ROLE,
                    "contact " + contact.id() + " is not an Incident Manager of customer " + contact.customer());
        }
        Request request = new Request(cmd.caseId(), cmd.message(), cmd.cause(), cmd.criticality(), cmd.submissionId());
        // decided at the instant the escalation is raised (one reading of the clock, so a clock that moves between
        // readings cannot leave an escalation raised at 17:00 without advice); a failing holiday source: UNAVAILABLE
        Function<Instant, Optional<HotlineAdvice>> advice =
                now -> Ports.compute(() -> hotline.advise(cmd.criticality(), now));
        return create(actor, contact, supportCase, request, Intake.portal(contact.id()), advice);
    }

    /** Staff records an escalation for the named Incident Manager (rules: {@link EscalateOnBehalf}). */
    EscalationReceipt escalateOnBehalf(Actor actor, EscalateOnBehalf cmd) {
        w.validator.check(
                cmd,
                cmd != null && cmd.channel() == Intake.Channel.PORTAL
                        ? List.of(InvalidCommandException.Violation.of(
                                "channel", "NotPortal", "must not be PORTAL: the portal is the customer's own button"))
                        : List.of());
        w.observers.validated(Action.ESCALATE_ON_BEHALF);
        Principal p = w.resolve(actor);
        ActionRow.Who who = w.lifecycle.row(Action.ESCALATE_ON_BEHALF).who();
        if (!who.allows(p, null, Optional.empty())) {
            throw who.refuse(p, Action.ESCALATE_ON_BEHALF, null);
        }
        SupportCase supportCase = Workflow.call(() -> w.customers.supportCase(cmd.caseId()))
                .orElseThrow(() -> new EscalationNotFoundException("case " + cmd.caseId()));
        Touchpoint contact = Workflow.call(() -> w.customers.touchpoint(cmd.incidentManager()))
                .filter(t -> t.active()
                        && t.customer().equals(supportCase.customer())
                        && t.roles().contains(CustomerRole.INCIDENT_MANAGER))
                .orElseThrow(() -> Inputs.invalid(
                        "incidentManager",
                        "IncidentManager",
                        "must be an active Incident Manager of the case's customer"));
        Request request = new Request(cmd.caseId(), cmd.message(), cmd.cause(), cmd.criticality(), cmd.submissionId());
        Intake intake =
                new Intake(cmd.channel(), ActorRef.staff(p.staff().orElseThrow().id()));
        return create(actor, contact, supportCase, request, intake, now -> Optional.empty());
    }

    private EscalationReceipt create(
            Actor actor,
            Touchpoint contact,
            SupportCase supportCase,
            Request cmd,
            Intake intake,
            Function<Instant, Optional<HotlineAdvice>> adviceAt) {
        List<StaffMember> management = Workflow.call(() -> w.staff.withRole(StaffRole.SUPPORT_MANAGEMENT));
        Lookups lookups = w.lookups();
        lookups.readAccount(contact.customer(), w.customers);
        Instant now = w.clock.instant();
        Optional<HotlineAdvice> advice = adviceAt.apply(now);

        EscalationId id = newId();
        StoredEscalation template = new StoredEscalation(
                id,
                1,
                contact.customer(),
                cmd.caseId(),
                EscalationState.REQUESTED,
                contact.id(),
                intake,
                cmd.message(),
                cmd.cause(),
                cmd.criticality(),
                Optional.ofNullable(cmd.submissionId()),
                now,
                now,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                List.of(contact.asParty()), // the Incident Manager is kept informed from the start
                Optional.empty(),
                Optional.empty(),
                policy.select(id, lookups.account(contact.customer())),
                advice,
                EscalationFacts.NONE,
                Optional.empty());
        // the entry's author is the Incident Manager (also when staff recorded it): their key commits its values
        Function<AuditChain.Keys, EscalationWrite> build = keys -> {
            Draft d = Draft.first(template, now);
            d.chain = w.audit.orElse(null);
            d.keys = keys;
            return first(d, contact, supportCase, cmd, intake, advice, management, lookups);
        };
        EscalationWrite write;
        try {
            write = w.audit.filter(a -> a.keysInStore).isPresent()
                    ? inStore(id, build)
                    : store(Ports.compute( // a calendar whose holiday source fails while planning: UNAVAILABLE
                            () -> build.apply(
                                    w.auditKeys(Actor.contact(contact.id().value())))));
        } catch (OpenEscalationExistsException raced) {
            return existing(contact, cmd, raced.existing(), raced);
        } catch (SubmissionExistsException repeated) {
            return existing(contact, cmd, repeated.existing(), repeated);
        }
        w.remember(write.next());
        if (w.audit.isPresent()) {
            w.observers.hashed(write.entries().size());
        }
        if (Workflow.LOG.isInfoEnabled()) { // no MDC round trip for a line nobody logs
            Workflow.withMdc(
                    id,
                    () -> Workflow.LOG.info(
                            "escalation {} raised for case {} by {} ({}, {}, {})",
                            id,
                            cmd.caseId(),
                            actor,
                            intake.channel(),
                            cmd.criticality(),
                            cmd.cause()));
        }
        w.publish(new Draft.Written(EscalationState.REQUESTED, write.next(), write.entries()));
        return new EscalationReceipt(id, EscalationState.REQUESTED, true, now, advice);
    }

    /** Stores the first version, its keys read before. */
    private EscalationWrite store(EscalationWrite write) {
        try {
            Workflow.call(
                    () -> {
                        w.store.create(write);
                        return Boolean.TRUE; // no answer of its own: not null, which Ports.call refuses
                    },
                    Ports::refusedWrite); // the store refused the engine's write: reported below
        } catch (IllegalArgumentException refused) {
            throw idInUse(write.next().id(), refused);
        }
        return write;
    }

    /** Stores the first version, built in the store's transaction with its keys (SPI v2): one transaction. */
    private EscalationWrite inStore(EscalationId id, Function<AuditChain.Keys, EscalationWrite> build) {
        AtomicReference<EscalationWrite> written = new AtomicReference<>();
        Ports.Inside inside = new Ports.Inside(); // what the build throws is the engine's, not the store's failure
        try {
            Workflow.call(
                    () -> {
                        w.store.createWithKeys(tx -> inside.run(() -> {
                            written.set(null);
                            EscalationWrite write = build.apply(new AuditChain.Keys().bind(tx));
                            written.set(write);
                            return write;
                        }));
                        return Boolean.TRUE; // no answer of its own: not null, which Ports.call refuses
                    },
                    inside::threwOrRefused);
        } catch (IllegalArgumentException refused) {
            if (inside.threw(refused)) {
                throw refused; // the engine's own code: as it is
            }
            throw idInUse(id, refused);
        }
        return written.get();
    }

    /**
     * The next id of the host's {@code escalationIds} supplier, which must follow the id rules: an id the engine's
     * commands refuse (an unpaired surrogate, an invisible formatting character) would make an escalation no later
     * command can address. A configuration error, thrown before anything is stored.
     */
    private EscalationId newId() {
        EscalationId id = ids.get();
        if (id == null) {
            throw new IllegalStateException("the engine's escalationIds supplier returned null");
        }
        String problem = TextRules.idProblem(id.value(), TextRules.ID_MAX);
        if (problem != null) {
            throw new IllegalStateException("the engine's escalationIds supplier returned an id that " + problem
                    + "; commands would refuse it, so no escalation is stored under it");
        }
        return id;
    }

    /**
     * The store refused a new escalation at version 1: the SPI names this for an id in use, so the host's {@code
     * escalationIds} supplier repeated an id (a configuration error, not bad input, not an outage). Nothing was stored.
     */
    private static IllegalStateException idInUse(EscalationId id, IllegalArgumentException refused) {
        return new IllegalStateException(
                "the store refused the write of new escalation " + id + " (an id in use, or a value it cannot hold):"
                        + " the engine's escalationIds supplier must never repeat an id",
                refused);
    }

    /** The first entry, notifications, ticket and due work of a new escalation: its write. */
    private EscalationWrite first(
            Draft d,
            Touchpoint contact,
            SupportCase supportCase,
            Request cmd,
            Intake intake,
            Optional<HotlineAdvice> advice,
            List<StaffMember> management,
            Lookups lookups) {
        boolean portal = intake.channel() == Intake.Channel.PORTAL;
        Map<String, EntryParam> escalated = params(
                "cause",
                EntryParam.Code.of(cmd.cause()),
                "criticality",
                EntryParam.Code.of(cmd.criticality()),
                "intake",
                EntryParam.Code.of(intake.channel()));
        if (!portal) {
            escalated.put("recordedBy", new EntryParam.Ref(intake.recordedBy().id()));
        }
        // the escalation is the Incident Manager's, also when staff recorded it (recordedBy says who)
        d.log(
                ProgressKind.ESCALATED,
                ActorRef.contact(contact.id()),
                Visibility.CUSTOMER,
                Optional.of(cmd.message()),
                escalated);
        for (StaffMember m : management) {
            if (!portal && m.id().value().equals(intake.recordedBy().id())) {
                continue; // the member who recorded it knows
            }
            d.notify(
                    NotificationKind.ESCALATION_RECEIVED,
                    m.asParty(),
                    params(
                            "customer",
                            new EntryParam.Ref(contact.customer().value()),
                            "caseTitle",
                            new EntryParam.Text(supportCase.title()),
                            "cause",
                            EntryParam.Code.of(cmd.cause()),
                            "criticality",
                            EntryParam.Code.of(cmd.criticality())),
                    Optional.of(cmd.message()),
                    Optional.empty());
        }
        Map<String, EntryParam> confirm = new ParamArray(advice.isPresent() ? 10 : 2);
        confirm.put("criticality", EntryParam.Code.of(cmd.criticality()));
        if (!portal) {
            confirm.put("intake", EntryParam.Code.of(intake.channel()));
        }
        advice.ifPresent(a -> confirm.putAll(HotlineAdvisor.toParams(a)));
        d.notify(NotificationKind.ESCALATION_CONFIRMED, contact.asParty(), confirm, Optional.empty(), Optional.empty());
        d.ticketOpen("Escalation of case " + cmd.caseId() + ": " + supportCase.title(), cmd.message());
        return d.write(w.planner, lookups);
    }

    /**
     * The refusal of a create the store refused as a duplicate of an escalation this customer cannot load: another
     * customer's (a store whose keys are not per customer) or one gone since. Neither it nor the store's exception,
     * which names it, reaches the caller; the log has the ids.
     */
    private static EscalationUnavailableException unloadable(EscalationId reported, RuntimeException cause) {
        Ports.LOG.warn(
                "store fault: a create was refused as a duplicate of escalation {} ({}), which the customer cannot"
                        + " load; not used",
                reported.value(),
                cause.getClass().getSimpleName());
        return new EscalationUnavailableException(
                "the store reported the case or submission id as taken by an escalation it cannot load; nothing was"
                        + " changed, try again later",
                null);
    }

    /**
     * The escalation the submission id created, or else the case's open escalation: returned, not created again. A
     * submission id belongs to the case it was first used for: the customer's escalation created by it is looked up
     * (whichever uniqueness the store reported first), and if that escalation is of another case the request is
     * refused. Submission keys are per customer, so only this customer's escalations are consulted.
     */
    private EscalationReceipt existing(Touchpoint contact, Request cmd, EscalationId reported, RuntimeException cause) {
        Optional<StoredEscalation> bySubmission = Optional.ofNullable(cmd.submissionId())
                .flatMap(key -> Workflow.call(() -> w.store.findBySubmissionForCustomer(contact.customer(), key)))
                .filter(r -> r.customer().equals(contact.customer()));
        if (bySubmission.isPresent() && !bySubmission.get().caseId().equals(cmd.caseId())) {
            throw new InvalidCommandException(List.of(InvalidCommandException.Violation.of(
                    "submissionId",
                    "SameCase",
                    "was already used for case " + bySubmission.get().caseId()
                            + "; a submission id belongs to one case")));
        }
        StoredEscalation existing = bySubmission.isPresent()
                ? bySubmission.get()
                : Workflow.call(() -> w.store.findForCustomer(contact.customer(), reported))
                        .filter(r -> StoreRows.asked("repeated escalate's load", r, reported, contact.customer()))
                        .orElseThrow(() -> unloadable(reported, cause));
        w.remember(existing);
        return new EscalationReceipt(
                existing.id(),
                existing.state(),
                false,
                existing.raisedAt(),
                existing.state().isOpen() ? existing.hotline() : Optional.empty());
    }
}
