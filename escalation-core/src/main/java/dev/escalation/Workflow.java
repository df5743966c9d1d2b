package dev.escalation;

import static dev.escalation.InvalidCommandException.Violation;

import dev.escalation.calendar.BusinessCalendar;
import dev.escalation.calendar.Interval;
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
import dev.escalation.model.CommunicationPlan;
import dev.escalation.model.ContactId;
import dev.escalation.model.CustomerRole;
import dev.escalation.model.DueKind;
import dev.escalation.model.EscalationId;
import dev.escalation.model.EscalationState;
import dev.escalation.model.ImprovementAction;
import dev.escalation.model.LessonsLearned;
import dev.escalation.model.NotificationKind;
import dev.escalation.model.Party;
import dev.escalation.model.PolicyRef;
import dev.escalation.model.ProgressKind;
import dev.escalation.model.Resolution;
import dev.escalation.model.StaffId;
import dev.escalation.model.StaffRole;
import dev.escalation.model.TicketStatus;
import dev.escalation.model.Visibility;
import dev.escalation.sla.Deadline;
import dev.escalation.sla.ProjectedStep;
import dev.escalation.sla.Projection;
import dev.escalation.sla.SlaPolicy;
import dev.escalation.sla.WhatIf;
import dev.escalation.spi.CustomerDirectory;
import dev.escalation.spi.DueItem;
import dev.escalation.spi.EscalationRecord;
import dev.escalation.spi.EscalationStore;
import dev.escalation.spi.MeetingInvite;
import dev.escalation.spi.OpenEscalationExistsException;
import dev.escalation.spi.ProgressEntry;
import dev.escalation.spi.StaffDirectory;
import dev.escalation.spi.StaffMember;
import dev.escalation.spi.StaleVersionException;
import dev.escalation.spi.SupportCase;
import dev.escalation.spi.Touchpoint;
import dev.escalation.spi.UnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The commands of the lifecycle: validate, authorise, check the state, build the next version with its log
 * entries and side effects, write it in one store call, then publish events. Nothing is written before every
 * check has passed, so a refused command changes nothing.
 */
final class Workflow {
    private static final Logger LOG = LoggerFactory.getLogger(EscalationEngine.class);
    static final String MDC_KEY = "escalationId";
    private static final Duration MIN_FREQUENCY = Duration.ofMinutes(15);
    private static final Duration MAX_FREQUENCY = Duration.ofDays(14);
    private static final Duration MIN_SESSION = Duration.ofMinutes(15);
    private static final Duration MAX_SESSION = Duration.ofHours(8);

    private final Clock clock;
    private final CustomerDirectory customers;
    private final StaffDirectory staff;
    private final EscalationStore store;
    private final CommandValidator validator;
    private final Lifecycle lifecycle;
    private final BusinessCalendar coverage;
    private final List<HotlineNumber> hotline;
    private final List<EscalationListener> listeners;
    private final Supplier<EscalationId> ids;
    private final Optional<PolicyRef> policy;
    private final DuePlanner planner;

    Workflow(
            Clock clock,
            CustomerDirectory customers,
            StaffDirectory staff,
            EscalationStore store,
            CommandValidator validator,
            Lifecycle lifecycle,
            BusinessCalendar coverage,
            List<HotlineNumber> hotline,
            List<EscalationListener> listeners,
            Supplier<EscalationId> ids,
            Optional<PolicyRef> policy,
            DuePlanner planner) {
        this.clock = clock;
        this.customers = customers;
        this.staff = staff;
        this.store = store;
        this.validator = validator;
        this.lifecycle = lifecycle;
        this.coverage = coverage;
        this.hotline = List.copyOf(hotline);
        this.listeners = List.copyOf(listeners);
        this.ids = ids;
        this.policy = policy;
        this.planner = planner;
    }

    Lifecycle lifecycle() {
        return lifecycle;
    }

    // ------------------------------------------------------------------ escalate

    EscalationReceipt escalate(Actor actor, EscalateCase cmd) {
        validator.check(cmd, List.of());
        Principal p = resolve(actor);
        Touchpoint contact = p.contact()
                .orElseThrow(() -> new NotAuthorizedException(
                        actor,
                        Action.ESCALATE,
                        actor + " is not a customer contact; only a customer's Incident Manager may escalate a case"));
        SupportCase supportCase = call(() -> customers.supportCase(cmd.caseId()))
                .filter(c -> c.customer().equals(contact.customer()))
                .orElseThrow(() -> new EscalationNotFoundException("case " + cmd.caseId()));
        if (!contact.roles().contains(CustomerRole.INCIDENT_MANAGER)) {
            throw new NotAuthorizedException(
                    actor,
                    Action.ESCALATE,
                    "contact " + contact.id() + " is not an Incident Manager of customer " + contact.customer());
        }
        Instant now = clock.instant();
        Optional<String> submission = Optional.ofNullable(cmd.submissionId());
        if (submission.isPresent()) {
            Optional<EscalationRecord> earlier =
                    call(() -> store.findBySubmission(contact.customer(), submission.get()));
            if (earlier.isPresent()) {
                return receipt(earlier.get(), false, now);
            }
        }
        Optional<EscalationRecord> open = call(() -> store.findOpen(contact.customer(), cmd.caseId()));
        if (open.isPresent()) {
            return receipt(open.get(), false, now);
        }
        List<StaffMember> management = call(() -> staff.withRole(StaffRole.SUPPORT_MANAGEMENT));

        EscalationId id = ids.get();
        EscalationRecord template = new EscalationRecord(
                id,
                1,
                contact.customer(),
                cmd.caseId(),
                EscalationState.REQUESTED,
                contact.id(),
                cmd.message(),
                cmd.cause(),
                cmd.criticality(),
                submission,
                now,
                now,
                Optional.empty(),
                Optional.empty(),
                List.of(),
                Optional.empty(),
                Optional.empty(),
                policy,
                List.of());
        Draft d = new Draft(template, 0, now);
        Optional<HotlineAdvice> advice = advice(cmd.criticality(), now);
        Map<String, String> details = new LinkedHashMap<>();
        details.put("cause", cmd.cause().name());
        details.put("criticality", cmd.criticality().name());
        advice.ifPresent(a -> details.put("hotlineAdvised", a.reason()));
        d.log(ProgressKind.ESCALATED, actor.ref(), Visibility.CUSTOMER, cmd.message(), details);
        String subject = subject(template, "escalated (" + cmd.criticality() + ", " + cmd.cause() + ")");
        for (StaffMember m : management) {
            d.notify(
                    NotificationKind.ESCALATION_RECEIVED,
                    m.asParty(),
                    subject,
                    "Customer " + contact.customer() + " escalated case " + cmd.caseId() + " (" + supportCase.title()
                            + ").\n\n" + cmd.message(),
                    Map.of(
                            "criticality",
                            cmd.criticality().name(),
                            "cause",
                            cmd.cause().name()),
                    Optional.empty());
        }
        Map<String, String> confirmData = new LinkedHashMap<>();
        confirmData.put("criticality", cmd.criticality().name());
        advice.ifPresent(a -> confirmData.put("hotline", a.message()));
        d.notify(
                NotificationKind.ESCALATION_CONFIRMED,
                contact.asParty(),
                subject,
                "Your escalation of case " + cmd.caseId() + " was received; Support Management will contact you."
                        + advice.map(a -> "\n\n" + a.message()).orElse(""),
                confirmData,
                Optional.empty());
        d.ticketOpen("Escalation of case " + cmd.caseId() + ": " + supportCase.title(), cmd.message());
        EscalationRecord record = d.toRecord();
        try {
            call(() -> {
                store.insert(record, d.messages(), planner.plan(record));
                return null;
            });
        } catch (OpenEscalationExistsException raced) {
            // another request for the same case won the race: return its escalation
            EscalationRecord existing = call(() -> store.find(contact.customer(), raced.existing()))
                    .orElseThrow(() -> new EscalationConflictException(raced.existing(), raced));
            return receipt(existing, false, now);
        }
        withMdc(
                id,
                () -> LOG.info(
                        "escalation {} raised for case {} by {} ({}, {})",
                        id,
                        cmd.caseId(),
                        actor,
                        cmd.criticality(),
                        cmd.cause()));
        publish(record, d.newEntries());
        return new EscalationReceipt(id, record.state(), true, now, advice);
    }

    private EscalationReceipt receipt(EscalationRecord existing, boolean created, Instant now) {
        return new EscalationReceipt(
                existing.id(),
                existing.state(),
                created,
                existing.raisedAt(),
                existing.state().isOpen() ? advice(existing.criticality(), now) : Optional.empty());
    }

    Optional<HotlineAdvice> advice(dev.escalation.model.Criticality criticality, Instant now) {
        if (criticality != dev.escalation.model.Criticality.CRITICAL) {
            return Optional.empty();
        }
        return coverage.closedReason(now)
                .map(reason -> new HotlineAdvice(
                        hotline,
                        reason.startsWith("outside business hours") ? reason : "outside business hours: " + reason));
    }

    // ------------------------------------------------------------------ Support Management

    EscalationView acknowledge(Actor actor, Acknowledge cmd) {
        return change(actor, Action.ACKNOWLEDGE, cmd, cmd.escalation(), List.of(), (p, r, d) -> {
            requireStaffRole(p, Action.ACKNOWLEDGE, StaffRole.SUPPORT_MANAGEMENT, StaffRole.HEAD_OF_SUPPORT);
            StaffMember manager = appointable(cmd.manager());
            Party raiser = contactParty(r.raisedBy());
            d.manager = Optional.of(manager.id());
            d.addParticipant(raiser).addParticipant(manager.asParty());
            d.log(
                    ProgressKind.ACKNOWLEDGED,
                    actor.ref(),
                    Visibility.CUSTOMER,
                    cmd.note(),
                    Map.of("manager", manager.id().value()));
            String subject = subject(r, "Escalation Manager appointed: " + manager.displayName());
            d.notifyAll(
                    NotificationKind.MANAGER_APPOINTED,
                    List.of(raiser, manager.asParty()),
                    subject,
                    manager.displayName() + " is your Escalation Manager.\n\n" + cmd.note());
            d.ticketAdd(raiser)
                    .ticketAdd(manager.asParty())
                    .ticketUpdate("Escalation Manager appointed: " + manager.displayName(), Visibility.CUSTOMER);
        });
    }

    EscalationView reassign(Actor actor, ReassignManager cmd) {
        return change(actor, Action.REASSIGN_MANAGER, cmd, cmd.escalation(), List.of(), (p, r, d) -> {
            requireStaffRole(p, Action.REASSIGN_MANAGER, StaffRole.SUPPORT_MANAGEMENT, StaffRole.HEAD_OF_SUPPORT);
            StaffMember manager = appointable(cmd.manager());
            if (r.manager().equals(Optional.of(manager.id()))) {
                throw invalid("manager", "Different", "must differ from the current Escalation Manager");
            }
            Optional<Party> previous = r.manager()
                    .flatMap(id -> r.participants().stream()
                            .filter(x -> x.kind() == Party.Kind.STAFF && x.id().equals(id.value()))
                            .findFirst());
            d.manager = Optional.of(manager.id());
            previous.ifPresent(x -> d.removeParticipant(x.id()));
            d.addParticipant(manager.asParty());
            d.log(
                    ProgressKind.MANAGER_REASSIGNED,
                    actor.ref(),
                    Visibility.CUSTOMER,
                    cmd.reason(),
                    Map.of(
                            "manager",
                            manager.id().value(),
                            "previous",
                            r.manager().map(StaffId::value).orElse("")));
            d.notifyAll(
                    NotificationKind.MANAGER_APPOINTED,
                    List.of(contactParty(r.raisedBy()), manager.asParty()),
                    subject(r, "new Escalation Manager: " + manager.displayName()),
                    manager.displayName() + " is now your Escalation Manager.\n\n" + cmd.reason());
            previous.ifPresent(d::ticketRemove);
            d.ticketAdd(manager.asParty())
                    .ticketUpdate("Escalation Manager changed to " + manager.displayName(), Visibility.CUSTOMER);
        });
    }

    // ------------------------------------------------------------------ Escalation Manager

    EscalationView agreePlan(Actor actor, AgreePlan cmd) {
        Instant now = clock.instant();
        return change(
                actor,
                Action.AGREE_PLAN,
                cmd,
                cmd.escalation(),
                planViolations(cmd.frequency(), cmd.firstMeetingAt(), "firstMeetingAt", now),
                (p, r, d) -> {
                    requireManager(p, r, Action.AGREE_PLAN);
                    d.plan = Optional.of(
                            new CommunicationPlan(cmd.frequency(), cmd.channel(), cmd.firstMeetingAt(), d.now));
                    String text = "Meetings every " + human(cmd.frequency()) + " by " + cmd.channel() + ", first at "
                            + cmd.firstMeetingAt();
                    d.log(
                            ProgressKind.PLAN_AGREED,
                            actor.ref(),
                            Visibility.CUSTOMER,
                            text,
                            Map.of(
                                    "frequency",
                                    cmd.frequency().toString(),
                                    "channel",
                                    cmd.channel().name(),
                                    "firstMeetingAt",
                                    cmd.firstMeetingAt().toString()));
                    d.notifyAll(NotificationKind.PLAN_AGREED, recipients(d, p), subject(r, "communication plan"), text);
                    d.ticketUpdate("Communication plan: " + text, Visibility.CUSTOMER);
                });
    }

    EscalationView amendPlan(Actor actor, AmendPlan cmd) {
        Instant now = clock.instant();
        return change(
                actor,
                Action.AMEND_PLAN,
                cmd,
                cmd.escalation(),
                planViolations(cmd.frequency(), cmd.nextMeetingAt(), "nextMeetingAt", now),
                (p, r, d) -> {
                    requireManager(p, r, Action.AMEND_PLAN);
                    d.plan = Optional.of(
                            new CommunicationPlan(cmd.frequency(), cmd.channel(), cmd.nextMeetingAt(), d.now));
                    String text = "Meetings now every " + human(cmd.frequency()) + " by " + cmd.channel() + ", next at "
                            + cmd.nextMeetingAt() + ": " + cmd.reason();
                    d.log(
                            ProgressKind.PLAN_AMENDED,
                            actor.ref(),
                            Visibility.CUSTOMER,
                            text,
                            Map.of(
                                    "frequency",
                                    cmd.frequency().toString(),
                                    "channel",
                                    cmd.channel().name(),
                                    "nextMeetingAt",
                                    cmd.nextMeetingAt().toString()));
                    d.notifyAll(
                            NotificationKind.PLAN_AGREED,
                            recipients(d, p),
                            subject(r, "communication plan changed"),
                            text);
                    d.ticketUpdate("Communication plan changed: " + text, Visibility.CUSTOMER);
                });
    }

    EscalationView logProgress(Actor actor, LogProgress cmd) {
        return change(actor, Action.LOG_PROGRESS, cmd, cmd.escalation(), List.of(), (p, r, d) -> {
            if (p.isContact()) {
                requireIncidentManager(p, r, Action.LOG_PROGRESS);
                if (cmd.kind() != LogProgress.Kind.COMMUNICATION || cmd.visibility() != Visibility.CUSTOMER) {
                    throw new NotAuthorizedException(
                            actor,
                            Action.LOG_PROGRESS,
                            "customer contacts may only log " + "customer-visible communications");
                }
            } else {
                requireManager(p, r, Action.LOG_PROGRESS);
            }
            ProgressKind kind = ProgressKind.valueOf(cmd.kind().name());
            d.log(kind, actor.ref(), cmd.visibility(), cmd.text(), Map.of());
            if (cmd.visibility() == Visibility.CUSTOMER) {
                d.notifyAll(
                        NotificationKind.PROGRESS_UPDATE,
                        recipients(d, p),
                        subject(
                                r,
                                kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')),
                        cmd.text());
            }
            d.ticketUpdate(cmd.text(), cmd.visibility());
        });
    }

    EscalationView addParticipant(Actor actor, AddParticipant cmd) {
        return change(actor, Action.ADD_PARTICIPANT, cmd, cmd.escalation(), participantViolations(cmd), (p, r, d) -> {
            requireManager(p, r, Action.ADD_PARTICIPANT);
            Party party = participant(r, cmd);
            if (r.participants().stream().anyMatch(x -> x.id().equals(party.id()))) {
                throw invalid("participantId", "NotParticipant", "is already a participant");
            }
            d.addParticipant(party);
            d.log(
                    ProgressKind.PARTICIPANT_ADDED,
                    actor.ref(),
                    Visibility.CUSTOMER,
                    party.displayName(),
                    Map.of("participant", party.id(), "kind", party.kind().name()));
            d.notify(
                    NotificationKind.PARTICIPANT_ADDED,
                    party,
                    subject(r, "you were added as a participant"),
                    "You were added as a participant of the escalation of case " + r.caseId() + ".",
                    Map.of("state", r.state().name()),
                    Optional.empty());
            d.ticketAdd(party);
        });
    }

    EscalationView removeParticipant(Actor actor, RemoveParticipant cmd) {
        return change(actor, Action.REMOVE_PARTICIPANT, cmd, cmd.escalation(), List.of(), (p, r, d) -> {
            requireManager(p, r, Action.REMOVE_PARTICIPANT);
            Party party = r.participants().stream()
                    .filter(x -> x.id().equals(cmd.participantId()))
                    .findFirst()
                    .orElseThrow(() -> invalid("participantId", "Participant", "is not a participant"));
            if (r.manager().map(StaffId::value).filter(party.id()::equals).isPresent()) {
                throw invalid("participantId", "NotManager", "is the Escalation Manager; reassign the manager instead");
            }
            d.removeParticipant(party.id());
            d.log(
                    ProgressKind.PARTICIPANT_REMOVED,
                    actor.ref(),
                    Visibility.CUSTOMER,
                    cmd.reason(),
                    Map.of("participant", party.id()));
            d.ticketRemove(party);
        });
    }

    EscalationView changeCriticality(Actor actor, ChangeCriticality cmd) {
        return change(actor, Action.CHANGE_CRITICALITY, cmd, cmd.escalation(), List.of(), (p, r, d) -> {
            boolean lowering = cmd.criticality().compareTo(r.criticality()) < 0;
            if (p.isContact()) {
                requireIncidentManager(p, r, Action.CHANGE_CRITICALITY);
                if (lowering) {
                    throw new NotAuthorizedException(
                            actor,
                            Action.CHANGE_CRITICALITY,
                            "a customer contact may raise "
                                    + "the criticality but not lower it; ask the Escalation Manager");
                }
            } else if (!p.hasStaffRole(StaffRole.SUPPORT_MANAGEMENT, StaffRole.HEAD_OF_SUPPORT)) {
                requireManager(p, r, Action.CHANGE_CRITICALITY);
            }
            if (cmd.criticality() == r.criticality()) {
                throw invalid(
                        "criticality", "Different", "must differ from the current criticality " + r.criticality());
            }
            String justification =
                    cmd.justification() == null ? "" : cmd.justification().strip();
            if (lowering && justification.isEmpty()) {
                throw invalid(
                        "justification", "RequiredWhenLowering", "must not be blank when lowering the criticality");
            }
            d.criticality = cmd.criticality();
            String text =
                    r.criticality() + " → " + cmd.criticality() + (justification.isEmpty() ? "" : ": " + justification);
            d.log(
                    ProgressKind.CRITICALITY_CHANGED,
                    actor.ref(),
                    Visibility.CUSTOMER,
                    text,
                    Map.of(
                            "from",
                            r.criticality().name(),
                            "to",
                            cmd.criticality().name()));
            d.notifyAll(
                    NotificationKind.CRITICALITY_CHANGED, recipients(d, p), subject(r, "criticality " + text), text);
            d.ticketUpdate("Criticality " + text, Visibility.CUSTOMER);
        });
    }

    EscalationView pause(Actor actor, PauseClock cmd) {
        return change(actor, Action.PAUSE_CLOCK, cmd, cmd.escalation(), List.of(), (p, r, d) -> {
            requireManager(p, r, Action.PAUSE_CLOCK);
            if (isPaused(r)) {
                throw illegal(r, Action.PAUSE_CLOCK, "the SLA clock of escalation " + r.id() + " is already paused");
            }
            d.log(ProgressKind.CLOCK_PAUSED, actor.ref(), Visibility.CUSTOMER, cmd.reason(), Map.of());
            d.ticketUpdate("SLA clock paused: " + cmd.reason(), Visibility.CUSTOMER);
        });
    }

    EscalationView resume(Actor actor, ResumeClock cmd) {
        return change(actor, Action.RESUME_CLOCK, cmd, cmd.escalation(), List.of(), (p, r, d) -> {
            requireManager(p, r, Action.RESUME_CLOCK);
            if (!isPaused(r)) {
                throw illegal(r, Action.RESUME_CLOCK, "the SLA clock of escalation " + r.id() + " is not paused");
            }
            String note = cmd.note() == null ? "" : cmd.note();
            d.log(ProgressKind.CLOCK_RESUMED, actor.ref(), Visibility.CUSTOMER, note, Map.of());
            d.ticketUpdate("SLA clock resumed" + (note.isEmpty() ? "" : ": " + note), Visibility.CUSTOMER);
        });
    }

    static boolean isPaused(EscalationRecord r) {
        boolean paused = false;
        for (ProgressEntry e : r.progress()) {
            if (e.kind() == ProgressKind.CLOCK_PAUSED) {
                paused = true;
            } else if (e.kind() == ProgressKind.CLOCK_RESUMED || e.kind() == ProgressKind.RESOLVED) {
                paused = false;
            }
        }
        return paused;
    }

    EscalationView resolve(Actor actor, Resolve cmd) {
        return change(actor, Action.RESOLVE, cmd, cmd.escalation(), List.of(), (p, r, d) -> {
            requireManager(p, r, Action.RESOLVE);
            d.resolution =
                    Optional.of(new Resolution(cmd.summary(), d.now, r.manager().orElseThrow()));
            d.log(ProgressKind.RESOLVED, actor.ref(), Visibility.CUSTOMER, cmd.summary(), Map.of());
            d.notifyAll(NotificationKind.RESOLVED, recipients(d, p), subject(r, "resolved"), cmd.summary());
            d.ticketStatus(TicketStatus.RESOLVED, "Resolved: " + cmd.summary());
        });
    }

    EscalationView reopen(Actor actor, Reopen cmd) {
        return change(actor, Action.REOPEN, cmd, cmd.escalation(), List.of(), (p, r, d) -> {
            if (p.isContact()) {
                requireIncidentManager(p, r, Action.REOPEN);
            } else {
                requireManager(p, r, Action.REOPEN);
            }
            d.log(ProgressKind.REOPENED, actor.ref(), Visibility.CUSTOMER, cmd.reason(), Map.of());
            d.notifyAll(NotificationKind.REOPENED, recipients(d, p), subject(r, "reopened"), cmd.reason());
            d.ticketStatus(TicketStatus.OPEN, "Reopened: " + cmd.reason());
        });
    }

    EscalationView scheduleLessonsLearned(Actor actor, ScheduleLessonsLearned cmd) {
        Instant now = clock.instant();
        List<Violation> extra = new ArrayList<>();
        if (cmd.at() != null && !cmd.at().isAfter(now)) {
            extra.add(Violation.of("at", "Future", "must be in the future"));
        }
        if (cmd.duration() != null
                && (cmd.duration().compareTo(MIN_SESSION) < 0 || cmd.duration().compareTo(MAX_SESSION) > 0)) {
            extra.add(Violation.of("duration", "Range", "must be between 15 minutes and 8 hours"));
        }
        return change(actor, Action.SCHEDULE_LESSONS_LEARNED, cmd, cmd.escalation(), extra, (p, r, d) -> {
            requireManager(p, r, Action.SCHEDULE_LESSONS_LEARNED);
            if (r.lessonsLearned()
                    .map(l -> l.status() != LessonsLearned.Status.SCHEDULED)
                    .orElse(false)) {
                throw illegal(
                        r,
                        Action.SCHEDULE_LESSONS_LEARNED,
                        "the lessons-learned session of escalation "
                                + r.id() + " was already "
                                + r.lessonsLearned().get().status().name().toLowerCase(java.util.Locale.ROOT));
            }
            StaffMember manager = call(() -> staff.member(r.manager().orElseThrow()))
                    .orElseThrow(() -> new EscalationUnavailableException(
                            "the Escalation Manager is missing from the staff " + "directory", null));
            List<Party> attendees = new ArrayList<>();
            attendees.add(contactParty(r.raisedBy()));
            attendees.add(manager.asParty());
            for (Party x : r.participants()) {
                if (attendees.stream().noneMatch(a -> a.id().equals(x.id()))) {
                    attendees.add(x);
                }
            }
            d.lessonsLearned = Optional.of(new LessonsLearned(
                    LessonsLearned.Status.SCHEDULED, Optional.of(cmd.at()), attendees, "", List.of(), ""));
            d.log(
                    ProgressKind.LESSONS_LEARNED_SCHEDULED,
                    actor.ref(),
                    Visibility.CUSTOMER,
                    "Lessons-learned session at " + cmd.at(),
                    Map.of("at", cmd.at().toString(), "duration", cmd.duration().toString()));
            MeetingInvite invite = new MeetingInvite(
                    r.id().value() + "/lessons-learned",
                    "Lessons learned: escalation of case " + r.caseId(),
                    cmd.at(),
                    cmd.duration(),
                    manager.asParty(),
                    attendees,
                    (int) r.progress().stream()
                            .filter(e -> e.kind() == ProgressKind.LESSONS_LEARNED_SCHEDULED)
                            .count());
            for (Party a : attendees) {
                d.notify(
                        NotificationKind.LESSONS_LEARNED_INVITATION,
                        a,
                        subject(r, "invitation: lessons learned"),
                        "You are invited to the lessons-learned session of the escalation of case " + r.caseId()
                                + " at " + cmd.at() + ".",
                        Map.of("at", cmd.at().toString()),
                        Optional.of(invite));
            }
            d.ticketUpdate("Lessons-learned session scheduled at " + cmd.at(), Visibility.CUSTOMER);
        });
    }

    EscalationView recordLessonsLearned(Actor actor, RecordLessonsLearned cmd) {
        return change(actor, Action.RECORD_LESSONS_LEARNED, cmd, cmd.escalation(), List.of(), (p, r, d) -> {
            requireManager(p, r, Action.RECORD_LESSONS_LEARNED);
            LessonsLearned ll = r.lessonsLearned()
                    .filter(l -> l.status() == LessonsLearned.Status.SCHEDULED)
                    .orElseThrow(() -> illegal(
                            r,
                            Action.RECORD_LESSONS_LEARNED,
                            "escalation " + r.id() + " has no scheduled lessons-learned session to record"));
            List<ImprovementAction> actions = cmd.actions().stream()
                    .map(a -> new ImprovementAction(a.description(), a.owner()))
                    .toList();
            d.lessonsLearned = Optional.of(new LessonsLearned(
                    LessonsLearned.Status.HELD, ll.scheduledAt(), ll.attendees(), cmd.findings(), actions, ""));
            d.log(
                    ProgressKind.LESSONS_LEARNED_HELD,
                    actor.ref(),
                    Visibility.CUSTOMER,
                    cmd.findings(),
                    Map.of("actions", Integer.toString(actions.size())));
            d.ticketUpdate("Lessons learned: " + cmd.findings(), Visibility.CUSTOMER);
        });
    }

    EscalationView declineLessonsLearned(Actor actor, DeclineLessonsLearned cmd) {
        return change(actor, Action.DECLINE_LESSONS_LEARNED, cmd, cmd.escalation(), List.of(), (p, r, d) -> {
            requireIncidentManager(p, r, Action.DECLINE_LESSONS_LEARNED);
            if (r.lessonsLearned()
                    .map(l -> l.status() != LessonsLearned.Status.SCHEDULED)
                    .orElse(false)) {
                throw illegal(
                        r,
                        Action.DECLINE_LESSONS_LEARNED,
                        "the lessons-learned session of escalation "
                                + r.id() + " was already "
                                + r.lessonsLearned().get().status().name().toLowerCase(java.util.Locale.ROOT));
            }
            String reason = cmd.reason() == null ? "" : cmd.reason();
            d.lessonsLearned = Optional.of(new LessonsLearned(
                    LessonsLearned.Status.DECLINED,
                    r.lessonsLearned().flatMap(LessonsLearned::scheduledAt),
                    r.lessonsLearned().map(LessonsLearned::attendees).orElse(List.of()),
                    "",
                    List.of(),
                    reason));
            d.log(ProgressKind.LESSONS_LEARNED_DECLINED, actor.ref(), Visibility.CUSTOMER, reason, Map.of());
            d.notifyAll(
                    NotificationKind.PROGRESS_UPDATE,
                    recipients(d, p),
                    subject(r, "lessons learned declined"),
                    "The customer declined the lessons-learned session." + (reason.isEmpty() ? "" : " " + reason));
            d.ticketUpdate("Lessons-learned session declined by the customer", Visibility.CUSTOMER);
        });
    }

    EscalationView close(Actor actor, Close cmd) {
        return change(actor, Action.CLOSE, cmd, cmd.escalation(), List.of(), (p, r, d) -> {
            if (!p.hasStaffRole(StaffRole.SUPPORT_MANAGEMENT, StaffRole.HEAD_OF_SUPPORT)) {
                requireManager(p, r, Action.CLOSE);
            }
            if (r.lessonsLearned()
                    .map(l -> l.status() == LessonsLearned.Status.SCHEDULED)
                    .orElse(true)) {
                throw illegal(
                        r,
                        Action.CLOSE,
                        "escalation " + r.id() + " is LESSONS_LEARNED; record the "
                                + "lessons-learned session or let the customer decline it before closing");
            }
            String note = cmd.note() == null ? "" : cmd.note();
            d.log(ProgressKind.CLOSED, actor.ref(), Visibility.CUSTOMER, note, Map.of());
            d.notifyAll(
                    NotificationKind.CLOSED,
                    recipients(d, p),
                    subject(r, "closed"),
                    "The escalation is closed." + (note.isEmpty() ? "" : " " + note));
            d.ticketStatus(TicketStatus.CLOSED, note.isEmpty() ? "Closed" : "Closed: " + note);
        });
    }

    EscalationView withdraw(Actor actor, Withdraw cmd) {
        return change(actor, Action.WITHDRAW, cmd, cmd.escalation(), List.of(), (p, r, d) -> {
            requireIncidentManager(p, r, Action.WITHDRAW);
            d.log(ProgressKind.WITHDRAWN, actor.ref(), Visibility.CUSTOMER, cmd.reason(), Map.of());
            List<Party> to = new ArrayList<>();
            if (r.manager().isPresent()) {
                call(() -> staff.member(r.manager().get())).ifPresent(m -> to.add(m.asParty()));
            } else {
                call(() -> staff.withRole(StaffRole.SUPPORT_MANAGEMENT)).forEach(m -> to.add(m.asParty()));
            }
            d.notifyAll(NotificationKind.WITHDRAWN, to, subject(r, "withdrawn by the customer"), cmd.reason());
            d.ticketStatus(TicketStatus.CLOSED, "Withdrawn by the customer: " + cmd.reason());
        });
    }

    // ------------------------------------------------------------------ SLA

    /** The deadlines as the actor may see them: customer contacts only the policy's customer-facing kinds. */
    List<Deadline> deadlines(Actor actor, EscalationId id) {
        Principal p = resolve(actor);
        EscalationRecord r = readable(p, id).orElseThrow(() -> new EscalationNotFoundException("escalation " + id));
        List<Deadline> all = planner.sla().deadlines(r, clock.instant());
        if (!p.isContact()) {
            return all;
        }
        Optional<SlaPolicy> policy = planner.sla().policyOf(r);
        return all.stream()
                .filter(d -> policy.map(x -> x.isCustomerVisible(d.kind())).orElse(d.kind() == DueKind.NEXT_MEETING))
                .toList();
    }

    /** Projects a hypothetical escalation through the same derivation, on a record that is never stored. */
    Projection whatIf(Actor actor, WhatIf w) {
        Principal p = resolve(actor);
        if (p.staff().isEmpty()) {
            throw new NotAuthorizedException(actor, null, actor + " is not vendor staff; what-if is vendor-scoped");
        }
        if (w == null) {
            throw invalid("whatIf", "NotNull", "must not be null");
        }
        PolicyRef ref = w.policy()
                .or(() -> policy)
                .orElseThrow(() -> invalid(
                        "policy",
                        "Configured",
                        "no SLA policy is configured; register one with EscalationEngine.builder().slaPolicy(...)"));
        if (!planner.sla().known().contains(ref)) {
            throw new UnknownPolicyException(
                    Optional.empty(), ref, planner.sla().known());
        }
        List<Interval> pauses = new ArrayList<>(w.pauses());
        pauses.sort(java.util.Comparator.comparing(Interval::from));
        List<ProgressEntry> log = new ArrayList<>();
        log.add(new ProgressEntry(
                1, w.raisedAt(), ProgressKind.ESCALATED, actor.ref(), Visibility.INTERNAL, "what-if", Map.of()));
        for (Interval i : pauses) {
            if (i.from().isBefore(w.raisedAt())) {
                throw invalid("pauses", "AfterRaised", "must not start before the escalation is raised");
            }
            log.add(new ProgressEntry(
                    log.size() + 1L,
                    i.from(),
                    ProgressKind.CLOCK_PAUSED,
                    actor.ref(),
                    Visibility.INTERNAL,
                    i.reason(),
                    Map.of()));
            log.add(new ProgressEntry(
                    log.size() + 1L,
                    i.to(),
                    ProgressKind.CLOCK_RESUMED,
                    actor.ref(),
                    Visibility.INTERNAL,
                    "",
                    Map.of()));
        }
        EscalationRecord hypo = new EscalationRecord(
                EscalationId.of("what-if"),
                1,
                dev.escalation.model.CustomerId.of("what-if"),
                dev.escalation.model.CaseId.of("what-if"),
                EscalationState.REQUESTED,
                ContactId.of("what-if"),
                "what-if",
                dev.escalation.model.Cause.OTHER_TECHNICAL,
                w.criticality(),
                Optional.empty(),
                w.raisedAt(),
                w.raisedAt(),
                Optional.empty(),
                Optional.empty(),
                List.of(),
                Optional.empty(),
                Optional.empty(),
                Optional.of(ref),
                log);
        SlaClock sla = planner.sla().forCustomer(w.customerCalendar());
        List<Deadline> deadlines = sla.deadlines(hypo, w.raisedAt());
        List<ProjectedStep> steps = sla.plan(hypo).stream()
                .sorted(java.util.Comparator.comparing(DueItem::dueAt).thenComparing(DueItem::key))
                .map(i -> new ProjectedStep(
                        i.kind(),
                        i.step(),
                        i.dueAt(),
                        i.step().equals(SlaClock.WARNING)
                                ? "escalation manager or support management"
                                : "head of support"))
                .toList();
        return new Projection(ref, deadlines, steps, advice(w.criticality(), w.raisedAt()));
    }

    /** Support Management moves a running escalation to another known policy version, recorded in the log. */
    EscalationView migratePolicy(Actor actor, EscalationId id, PolicyRef to) {
        if (to == null) {
            throw invalid("policy", "NotNull", "must not be null");
        }
        return amend(actor, id, "migrate the SLA policy", (p, r, d) -> {
            if (!planner.sla().known().contains(to)) {
                throw new UnknownPolicyException(
                        Optional.of(id), to, planner.sla().known());
            }
            if (r.policy().equals(Optional.of(to))) {
                throw invalid("policy", "Different", "escalation " + id + " already runs under " + to);
            }
            d.policy = Optional.of(to);
            String from = r.policy().map(PolicyRef::toString).orElse("none");
            d.log(
                    ProgressKind.NOTE,
                    actor.ref(),
                    Visibility.INTERNAL,
                    "SLA policy migrated from " + from + " to " + to,
                    Map.of("sla", "policy-migrated", "from", from, "to", to.toString()));
        });
    }

    /**
     * Records that calendar data changed in every escalation whose deadlines still run (REQUESTED, ACKNOWLEDGED,
     * ACTIVE) and re-plans its due work. Returns the escalations recorded; one changed concurrently is retried
     * once, then skipped (its next change re-plans it anyway).
     */
    List<EscalationId> recordCalendarChange(Actor actor, String reason) {
        if (reason == null || reason.isBlank()) {
            throw invalid("reason", "NotBlank", "must not be blank");
        }
        requireManagement(resolve(actor), "record a calendar change");
        Set<EscalationState> running =
                EnumSet.of(EscalationState.REQUESTED, EscalationState.ACKNOWLEDGED, EscalationState.ACTIVE);
        List<EscalationId> ids = new ArrayList<>();
        dev.escalation.model.PageRequest page = dev.escalation.model.PageRequest.first(100);
        while (true) {
            dev.escalation.model.PageRequest current = page;
            dev.escalation.model.Page<dev.escalation.model.EscalationSummary> batch =
                    call(() -> store.listByState(running, current));
            batch.items().forEach(s -> ids.add(s.id()));
            if (batch.next().isEmpty()) {
                break;
            }
            page = dev.escalation.model.PageRequest.after(batch.next().get(), 100);
        }
        List<EscalationId> recorded = new ArrayList<>(ids.size());
        for (EscalationId id : ids) {
            for (int attempt = 1; attempt <= 2; attempt++) {
                try {
                    amend(
                            actor,
                            id,
                            "record a calendar change",
                            (x, r, d) -> d.log(
                                    ProgressKind.CALENDAR_CHANGED, actor.ref(), Visibility.INTERNAL, reason, Map.of()));
                    recorded.add(id);
                    break;
                } catch (EscalationConflictException e) {
                    if (attempt == 2) {
                        withMdc(
                                id,
                                () -> LOG.warn(
                                        "calendar change not recorded on escalation {}: concurrent " + "change", id));
                    }
                }
            }
        }
        return recorded;
    }

    private static void requireManagement(Principal p, String what) {
        if (!p.hasStaffRole(StaffRole.SUPPORT_MANAGEMENT, StaffRole.HEAD_OF_SUPPORT)) {
            throw new NotAuthorizedException(
                    p.actor(),
                    null,
                    p.actor() + " may not " + what
                            + ": it needs one of the staff roles [SUPPORT_MANAGEMENT, HEAD_OF_SUPPORT]");
        }
    }

    /** A change without a lifecycle transition, by Support Management, on an open escalation. */
    private EscalationView amend(Actor actor, EscalationId id, String what, Change change) {
        Principal p = resolve(actor);
        requireManagement(p, what);
        EscalationRecord current =
                call(() -> store.find(id)).orElseThrow(() -> new EscalationNotFoundException("escalation " + id));
        if (!current.state().isOpen()) {
            throw invalid(
                    "escalation",
                    "Open",
                    "is " + current.state() + "; a final escalation cannot "
                            + what.replace("record ", "record ").strip());
        }
        Draft d = new Draft(current, clock.instant());
        change.apply(p, current, d);
        EscalationRecord updated = write(d);
        withMdc(id, () -> LOG.info("escalation {}: {} by {}", id, what, actor));
        publish(updated, d.newEntries());
        return view(p, updated);
    }

    // ------------------------------------------------------------------ reads

    Optional<EscalationRecord> readable(Principal p, EscalationId id) {
        if (p.isContact()) {
            return call(() -> store.find(p.contact().get().customer(), id));
        }
        return call(() -> store.find(id));
    }

    EscalationView view(Principal p, EscalationRecord r) {
        List<ProgressEntry> timeline = p.isContact()
                ? r.progress().stream()
                        .filter(e -> e.visibility() == Visibility.CUSTOMER)
                        .toList()
                : r.progress();
        return new EscalationView(
                r.id(),
                r.version(),
                r.customer(),
                r.caseId(),
                r.state(),
                r.cause(),
                r.criticality(),
                r.message(),
                r.raisedBy(),
                r.raisedAt(),
                r.manager(),
                r.plan(),
                r.participants(),
                r.resolution(),
                r.lessonsLearned(),
                isPaused(r),
                timeline,
                available(p, r));
    }

    /** The actions the state allows and this actor's role and identity permit (sub-state checks aside). */
    Set<Action> available(Principal p, EscalationRecord r) {
        Set<Action> result = EnumSet.noneOf(Action.class);
        for (Action a : lifecycle.allowedIn(r.state())) {
            if (permitted(p, r, a)) {
                result.add(a);
            }
        }
        return result;
    }

    private boolean permitted(Principal p, EscalationRecord r, Action a) {
        boolean im = p.isContact()
                && p.contact().get().customer().equals(r.customer())
                && p.hasCustomerRole(CustomerRole.INCIDENT_MANAGER);
        boolean manager = p.staff().isPresent()
                && r.manager().equals(Optional.of(p.staff().get().id()));
        boolean management = p.hasStaffRole(StaffRole.SUPPORT_MANAGEMENT, StaffRole.HEAD_OF_SUPPORT);
        switch (a) {
            case ACKNOWLEDGE:
            case REASSIGN_MANAGER:
                return management;
            case LOG_PROGRESS:
            case REOPEN:
            case CHANGE_CRITICALITY:
                return im || manager || (a == Action.CHANGE_CRITICALITY && management);
            case DECLINE_LESSONS_LEARNED:
            case WITHDRAW:
                return im;
            case CLOSE:
                return manager || management;
            default:
                return manager;
        }
    }

    Principal resolve(Actor actor) {
        if (actor == null) {
            throw new InvalidCommandException(List.of(Violation.of("actor", "NotNull", "must not be null")));
        }
        if (actor.kind() == Actor.Kind.CONTACT) {
            Touchpoint t = call(() -> customers.touchpoint(ContactId.of(actor.id())))
                    .filter(Touchpoint::active)
                    .orElseThrow(() ->
                            new NotAuthorizedException(actor, null, actor + " is not an authorised customer contact"));
            return new Principal(actor, Optional.of(t), Optional.empty());
        }
        StaffMember m = call(() -> staff.member(StaffId.of(actor.id())))
                .filter(StaffMember::active)
                .orElseThrow(() -> new NotAuthorizedException(actor, null, actor + " is not an active staff member"));
        return new Principal(actor, Optional.empty(), Optional.of(m));
    }

    // ------------------------------------------------------------------ the common path of every change

    /** The part of a command that differs: authorise the principal for the record, then fill the draft. */
    @FunctionalInterface
    interface Change {
        void apply(Principal principal, EscalationRecord current, Draft draft);
    }

    EscalationView change(
            Actor actor, Action action, Object cmd, EscalationId id, List<Violation> extra, Change change) {
        validator.check(cmd, extra);
        Principal p = resolve(actor);
        EscalationRecord current = (p.isContact()
                        ? call(() -> store.find(p.contact().get().customer(), id))
                        : call(() -> store.find(id)))
                .orElseThrow(() -> new EscalationNotFoundException("escalation " + id));
        if (p.isContact() && !p.contact().get().customer().equals(current.customer())) {
            throw new EscalationNotFoundException("escalation " + id); // the store broke its scope; never leak
        }
        EscalationState next =
                lifecycle.next(current.state(), action).orElseThrow(() -> illegal(current, action, null));
        Draft d = new Draft(current, clock.instant());
        d.state = next;
        change.apply(p, current, d);
        EscalationRecord updated = write(d);
        withMdc(
                id,
                () -> LOG.info(
                        "escalation {} {} by {}: {} -> {}", id, action, actor, current.state(), updated.state()));
        publish(updated, d.newEntries());
        return view(p, updated);
    }

    /** Writes the draft's next version with its side effects and re-planned due work in one store call. */
    private EscalationRecord write(Draft d) {
        EscalationRecord updated = d.toRecord();
        List<DueItem> due = planner.plan(updated);
        try {
            call(() -> {
                store.update(updated, d.messages(), due);
                return null;
            });
        } catch (StaleVersionException stale) {
            throw new EscalationConflictException(updated.id(), stale);
        }
        return updated;
    }

    private IllegalTransitionException illegal(EscalationRecord r, Action action, String message) {
        Set<Action> allowed = lifecycle.allowedIn(r.state());
        String text = message != null
                ? message
                : "escalation " + r.id() + " is " + r.state() + "; " + hint(r.state(), action, allowed);
        return new IllegalTransitionException(r.id(), r.state(), action, allowed, text);
    }

    private String hint(EscalationState state, Action action, Set<Action> allowed) {
        if (state == EscalationState.REQUESTED && lifecycle.statesOf(action).contains(EscalationState.ACKNOWLEDGED)) {
            return "appoint an Escalation Manager before you " + words(action);
        }
        if (state == EscalationState.ACKNOWLEDGED && lifecycle.statesOf(action).contains(EscalationState.ACTIVE)) {
            return "agree a communication plan before you " + words(action);
        }
        if (!state.isOpen()) {
            return "it is final; nothing can be changed";
        }
        return "cannot " + words(action) + " now (allowed: " + allowed + ")";
    }

    private static String words(Action action) {
        return action.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }

    private void requireStaffRole(Principal p, Action action, StaffRole... roles) {
        if (!p.hasStaffRole(roles)) {
            throw new NotAuthorizedException(
                    p.actor(),
                    action,
                    p.actor() + " may not " + words(action) + ": it needs one of the staff roles " + List.of(roles));
        }
    }

    private void requireManager(Principal p, EscalationRecord r, Action action) {
        boolean isManager = p.staff().isPresent()
                && r.manager().equals(Optional.of(p.staff().get().id()));
        if (!isManager) {
            throw new NotAuthorizedException(
                    p.actor(),
                    action,
                    "only the appointed Escalation Manager of escalation " + r.id() + " may " + words(action) + "; "
                            + p.actor() + " is not");
        }
    }

    private void requireIncidentManager(Principal p, EscalationRecord r, Action action) {
        boolean ok = p.isContact()
                && p.contact().get().customer().equals(r.customer())
                && p.hasCustomerRole(CustomerRole.INCIDENT_MANAGER);
        if (!ok) {
            throw new NotAuthorizedException(
                    p.actor(),
                    action,
                    p.actor() + " is not an Incident Manager of customer " + r.customer() + " and may not "
                            + words(action));
        }
    }

    private StaffMember appointable(StaffId id) {
        return call(() -> staff.member(id))
                .filter(m -> m.active() && m.roles().contains(StaffRole.ESCALATION_MANAGER))
                .orElseThrow(() -> invalid(
                        "manager",
                        "EscalationManager",
                        "must be an active staff member with the Escalation Manager role"));
    }

    private Party contactParty(ContactId id) {
        return call(() -> customers.touchpoint(id))
                .map(Touchpoint::asParty)
                .orElseThrow(() -> new EscalationUnavailableException(
                        "contact " + id + " is missing from the customer directory", null));
    }

    private Party participant(EscalationRecord r, AddParticipant cmd) {
        switch (cmd.kind()) {
            case CONTACT:
                return call(() -> customers.touchpoint(ContactId.of(cmd.participantId())))
                        .filter(t -> t.active() && t.customer().equals(r.customer()))
                        .map(Touchpoint::asParty)
                        .orElseThrow(() -> invalid(
                                "participantId",
                                "CustomerContact",
                                "must be an active contact of customer " + r.customer()));
            case STAFF:
                return call(() -> staff.member(StaffId.of(cmd.participantId())))
                        .filter(StaffMember::active)
                        .map(StaffMember::asParty)
                        .orElseThrow(() -> invalid("participantId", "StaffMember", "must be an active staff member"));
            default:
                return new Party(Party.Kind.EXTERNAL, cmd.email(), cmd.displayName(), cmd.email());
        }
    }

    private static List<Violation> participantViolations(AddParticipant cmd) {
        if (cmd == null || cmd.kind() == null) {
            return List.of();
        }
        List<Violation> v = new ArrayList<>();
        if (cmd.kind() == Party.Kind.EXTERNAL) {
            if (cmd.displayName() == null || cmd.displayName().isBlank()) {
                v.add(Violation.of("displayName", "NotBlank", "must not be blank for an external participant"));
            }
            if (cmd.email() == null || cmd.email().isBlank()) {
                v.add(Violation.of("email", "NotBlank", "must not be blank for an external participant"));
            }
        } else if (cmd.participantId() == null || cmd.participantId().isBlank()) {
            v.add(Violation.of("participantId", "NotBlank", "must not be blank for a contact or staff participant"));
        }
        return v;
    }

    private static List<Violation> planViolations(Duration frequency, Instant first, String firstField, Instant now) {
        List<Violation> v = new ArrayList<>();
        if (frequency != null && (frequency.compareTo(MIN_FREQUENCY) < 0 || frequency.compareTo(MAX_FREQUENCY) > 0)) {
            v.add(Violation.of("frequency", "Range", "must be between 15 minutes and 14 days"));
        }
        if (first != null && first.isBefore(now)) {
            v.add(Violation.of(firstField, "NotInPast", "must not be in the past"));
        }
        return v;
    }

    private static InvalidCommandException invalid(String field, String rule, String message) {
        return new InvalidCommandException(List.of(Violation.of(field, rule, message)));
    }

    /** The raiser, the manager and the participants, without the actor and without repeats. */
    private List<Party> recipients(Draft d, Principal actor) {
        List<Party> result = new ArrayList<>(d.participants.size() + 1);
        for (Party x : d.participants) {
            if (!x.id().equals(actor.actor().id())) {
                result.add(x);
            }
        }
        return result;
    }

    private static String subject(EscalationRecord r, String what) {
        return "[Escalation " + r.id() + "] case " + r.caseId() + ": " + what;
    }

    private static String human(Duration d) {
        if (d.toMinutes() % (24 * 60) == 0) {
            return d.toDays() + " day(s)";
        }
        if (d.toMinutes() % 60 == 0) {
            return d.toHours() + " hour(s)";
        }
        return d.toMinutes() + " minutes";
    }

    /** Calls a store or directory; its unavailability becomes the engine's retryable error. */
    static <T> T call(Supplier<T> port) {
        try {
            return port.get();
        } catch (UnavailableException e) {
            throw new EscalationUnavailableException(
                    "a backend is unavailable; nothing was changed, try again " + "later", e);
        }
    }

    void publish(EscalationRecord record, List<ProgressEntry> entries) {
        if (listeners.isEmpty()) {
            return;
        }
        withMdc(record.id(), () -> {
            for (ProgressEntry e : entries) {
                EscalationEvent event =
                        new EscalationEvent(record.id(), record.customer(), record.state(), record.version(), e);
                for (EscalationListener l : listeners) {
                    try {
                        l.onEvent(event);
                    } catch (RuntimeException ex) {
                        LOG.warn(
                                "listener {} failed on {} of escalation {}: {}",
                                l.getClass().getName(),
                                e.kind(),
                                record.id(),
                                ex.getClass().getName());
                    }
                }
            }
        });
    }

    static void withMdc(EscalationId id, Runnable r) {
        String previous = MDC.get(MDC_KEY);
        MDC.put(MDC_KEY, id.value());
        try {
            r.run();
        } finally {
            if (previous == null) {
                MDC.remove(MDC_KEY);
            } else {
                MDC.put(MDC_KEY, previous);
            }
        }
    }
}
