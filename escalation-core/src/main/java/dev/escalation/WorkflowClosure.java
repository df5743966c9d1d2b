package dev.escalation;

import static dev.escalation.Draft.params;
import static dev.escalation.Draft.text;
import static dev.escalation.InvalidCommandException.Violation;

import dev.escalation.command.Close;
import dev.escalation.command.DeclineLessonsLearned;
import dev.escalation.command.RecordLessonsLearned;
import dev.escalation.command.Reopen;
import dev.escalation.command.Resolve;
import dev.escalation.command.ScheduleLessonsLearned;
import dev.escalation.command.Withdraw;
import dev.escalation.model.EntryParam;
import dev.escalation.model.ImprovementAction;
import dev.escalation.model.LessonsLearned;
import dev.escalation.model.NotificationKind;
import dev.escalation.model.Party;
import dev.escalation.model.ProgressKind;
import dev.escalation.model.Resolution;
import dev.escalation.model.StaffRole;
import dev.escalation.model.TicketStatus;
import dev.escalation.model.Visibility;
import dev.escalation.spi.MeetingInvite;
import dev.escalation.spi.StaffMember;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The end of an escalation: resolve, reopen, lessons learned, close, withdraw. */
final class WorkflowClosure {
    private static final Duration MIN_SESSION = Duration.ofMinutes(15);
    private static final Duration MAX_SESSION = Duration.ofHours(8);

    private final Workflow w;

    WorkflowClosure(Workflow w) {
        this.w = w;
    }

    EscalationView resolve(Actor actor, Resolve cmd) {
        return w.change(actor, Action.RESOLVE, cmd, cmd.escalation(), List.of(), principal -> (p, r, d, l) -> {
            d.resolution =
                    Optional.of(new Resolution(cmd.summary(), d.now, r.manager().orElseThrow()));
            d.log(ProgressKind.RESOLVED, actor.ref(), Visibility.CUSTOMER, Optional.of(cmd.summary()), Map.of());
            d.notifyAll(NotificationKind.RESOLVED, Workflow.recipients(d, p), Map.of(), Optional.of(cmd.summary()));
            d.ticketStatus(TicketStatus.RESOLVED, "Resolved: " + cmd.summary());
        });
    }

    EscalationView reopen(Actor actor, Reopen cmd) {
        return w.change(actor, Action.REOPEN, cmd, cmd.escalation(), List.of(), principal -> (p, r, d, l) -> {
            d.log(ProgressKind.REOPENED, actor.ref(), Visibility.CUSTOMER, Optional.of(cmd.reason()), Map.of());
            d.notifyAll(NotificationKind.REOPENED, Workflow.recipients(d, p), Map.of(), Optional.of(cmd.reason()));
            d.ticketStatus(TicketStatus.OPEN, "Reopened: " + cmd.reason());
        });
    }

    EscalationView scheduleLessonsLearned(Actor actor, ScheduleLessonsLearned cmd) {
        Instant now = w.clock.instant();
        List<Violation> extra = new ArrayList<>();
        if (cmd.at() != null && !cmd.at().isAfter(now)) {
            extra.add(Violation.of("at", "Future", "must be in the future"));
        }
        Optional.ofNullable(Inputs.beyondHorizon(cmd.at(), now, "at")).ifPresent(extra::add);
        if (cmd.duration() != null
                && (cmd.duration().compareTo(MIN_SESSION) < 0 || cmd.duration().compareTo(MAX_SESSION) > 0)) {
            extra.add(Violation.of("duration", "Range", "must be between 15 minutes and 8 hours"));
        }
        return w.change(
                actor, Action.SCHEDULE_LESSONS_LEARNED, cmd, cmd.escalation(), extra, principal -> (p, r, d, l) -> {
                    Party manager = Workflow.manager(r, l)
                            .orElseThrow(() -> new EscalationUnavailableException(
                                    "the Escalation Manager is missing from the staff " + "directory", null));
                    List<Party> attendees = new ArrayList<>();
                    attendees.add(Workflow.raiser(r, l));
                    attendees.add(manager);
                    for (Party x : r.participants()) {
                        if (attendees.stream().noneMatch(a -> a.id().equals(x.id()))) {
                            attendees.add(x);
                        }
                    }
                    d.lessonsLearned = Optional.of(new LessonsLearned(
                            LessonsLearned.Status.SCHEDULED, Optional.of(cmd.at()), attendees, "", List.of(), ""));
                    int sequence = d.invitationsSent();
                    d.log(
                            ProgressKind.LESSONS_LEARNED_SCHEDULED,
                            actor.ref(),
                            Visibility.CUSTOMER,
                            Optional.empty(),
                            params(
                                    "at",
                                    new EntryParam.At(cmd.at()),
                                    "duration",
                                    new EntryParam.Span(cmd.duration()),
                                    "sequence",
                                    new EntryParam.Count(sequence)));
                    MeetingInvite invite = new MeetingInvite(
                            r.id().value() + "/lessons-learned",
                            "Lessons learned: escalation of case " + r.caseId(),
                            cmd.at(),
                            cmd.duration(),
                            manager,
                            attendees,
                            sequence);
                    for (Party a : attendees) {
                        d.notify(
                                NotificationKind.LESSONS_LEARNED_INVITATION,
                                a,
                                params(
                                        "at",
                                        new EntryParam.At(cmd.at()),
                                        "duration",
                                        new EntryParam.Span(cmd.duration())),
                                Optional.empty(),
                                Optional.of(invite));
                    }
                    d.ticketUpdate("Lessons-learned session scheduled at " + cmd.at(), Visibility.CUSTOMER);
                });
    }

    EscalationView recordLessonsLearned(Actor actor, RecordLessonsLearned cmd) {
        return w.change(
                actor, Action.RECORD_LESSONS_LEARNED, cmd, cmd.escalation(), List.of(), principal -> (p, r, d, l) -> {
                    LessonsLearned ll = r.lessonsLearned().orElseThrow(); // guard SESSION_SCHEDULED
                    List<ImprovementAction> actions = cmd.actions().stream()
                            .map(a -> new ImprovementAction(a.description(), a.owner()))
                            .toList();
                    d.lessonsLearned = Optional.of(new LessonsLearned(
                            LessonsLearned.Status.HELD, ll.scheduledAt(), ll.attendees(), cmd.findings(), actions, ""));
                    d.openImprovementActions = (int) actions.stream()
                            .filter(a -> a.status() == ImprovementAction.Status.OPEN)
                            .count();
                    d.log(
                            ProgressKind.LESSONS_LEARNED_HELD,
                            actor.ref(),
                            Visibility.CUSTOMER,
                            Optional.of(cmd.findings()),
                            params("actions", new EntryParam.Count(actions.size())));
                    d.ticketUpdate("Lessons learned: " + cmd.findings(), Visibility.CUSTOMER);
                });
    }

    EscalationView declineLessonsLearned(Actor actor, DeclineLessonsLearned cmd) {
        return w.change(
                actor, Action.DECLINE_LESSONS_LEARNED, cmd, cmd.escalation(), List.of(), principal -> (p, r, d, l) -> {
                    String reason = cmd.reason() == null ? "" : cmd.reason();
                    d.lessonsLearned = Optional.of(new LessonsLearned(
                            LessonsLearned.Status.DECLINED,
                            r.lessonsLearned().flatMap(LessonsLearned::scheduledAt),
                            r.lessonsLearned().map(LessonsLearned::attendees).orElse(List.of()),
                            "",
                            List.of(),
                            reason));
                    d.log(
                            ProgressKind.LESSONS_LEARNED_DECLINED,
                            actor.ref(),
                            Visibility.CUSTOMER,
                            text(reason),
                            Map.of());
                    d.notifyAll(
                            NotificationKind.PROGRESS_UPDATE,
                            Workflow.recipients(d, p),
                            params("entry", EntryParam.Code.of(ProgressKind.LESSONS_LEARNED_DECLINED)),
                            text(reason));
                    d.ticketUpdate("Lessons-learned session declined by the customer", Visibility.CUSTOMER);
                });
    }

    EscalationView close(Actor actor, Close cmd) {
        return w.change(actor, Action.CLOSE, cmd, cmd.escalation(), List.of(), principal -> (p, r, d, l) -> {
            String note = cmd.note() == null ? "" : cmd.note();
            d.log(ProgressKind.CLOSED, actor.ref(), Visibility.CUSTOMER, text(note), Map.of());
            d.notifyAll(NotificationKind.CLOSED, Workflow.recipients(d, p), Map.of(), text(note));
            d.ticketStatus(TicketStatus.CLOSED, note.isEmpty() ? "Closed" : "Closed: " + note);
        });
    }

    EscalationView withdraw(Actor actor, Withdraw cmd) {
        return w.change(actor, Action.WITHDRAW, cmd, cmd.escalation(), List.of(), principal -> {
            List<StaffMember> management = Workflow.call(() -> w.staff.withRole(StaffRole.SUPPORT_MANAGEMENT));
            return (p, r, d, l) -> {
                d.log(ProgressKind.WITHDRAWN, actor.ref(), Visibility.CUSTOMER, Optional.of(cmd.reason()), Map.of());
                List<Party> to = new ArrayList<>();
                if (r.manager().isPresent()) {
                    Workflow.manager(r, l).ifPresent(to::add);
                } else {
                    management.forEach(m -> to.add(m.asParty()));
                }
                d.notifyAll(NotificationKind.WITHDRAWN, to, Map.of(), Optional.of(cmd.reason()));
                d.ticketStatus(TicketStatus.CLOSED, "Withdrawn by the customer: " + cmd.reason());
            };
        });
    }
}
