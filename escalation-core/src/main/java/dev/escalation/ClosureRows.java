package dev.escalation;

import static dev.escalation.Draft.params;
import static dev.escalation.Draft.text;
import static dev.escalation.InvalidCommandException.Violation;

import dev.escalation.ActionRow.Steps;
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
import dev.escalation.spi.StoredEscalation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The steps of the rows that end an escalation ({@link Lifecycle}): resolve, reopen, lessons learned, close, withdraw. */
final class ClosureRows {
    private static final Duration MIN_SESSION = Duration.ofMinutes(15);
    private static final Duration MAX_SESSION = Duration.ofHours(8);

    private ClosureRows() {}

    /** RESOLVE: records the resolution by the appointed manager. */
    static final Steps<Resolve> RESOLVE = Steps.of(Resolve.class, Resolve::escalation, (cmd, p, r, d, l) -> {
        d.resolution =
                Optional.of(new Resolution(cmd.summary(), d.now, r.manager().orElseThrow()));
        d.log(ProgressKind.RESOLVED, p.actor().ref(), Visibility.CUSTOMER, Optional.of(cmd.summary()), Map.of());
        d.notifyAll(NotificationKind.RESOLVED, People.recipients(d, p), Map.of(), Optional.of(cmd.summary()));
        d.ticketStatus(TicketStatus.RESOLVED, "Resolved: " + cmd.summary());
    });

    /** REOPEN. */
    static final Steps<Reopen> REOPEN = Steps.of(Reopen.class, Reopen::escalation, (cmd, p, r, d, l) -> {
        d.log(ProgressKind.REOPENED, p.actor().ref(), Visibility.CUSTOMER, Optional.of(cmd.reason()), Map.of());
        d.notifyAll(NotificationKind.REOPENED, People.recipients(d, p), Map.of(), Optional.of(cmd.reason()));
        d.ticketStatus(TicketStatus.OPEN, "Reopened: " + cmd.reason());
    });

    /** SCHEDULE_LESSONS_LEARNED: invites raiser, manager and participants; the session must lie in the future. */
    static final Steps<ScheduleLessonsLearned> SCHEDULE_LESSONS_LEARNED = Steps.of(
                    ScheduleLessonsLearned.class, ScheduleLessonsLearned::escalation, ClosureRows::schedule)
            .validate((cmd, clock, v) -> {
                Instant now = clock.instant();
                List<Violation> extra = new ArrayList<>();
                if (cmd.at() != null && !cmd.at().isAfter(now)) {
                    extra.add(Violation.of("at", "Future", "must be in the future"));
                }
                Optional.ofNullable(Inputs.beyondHorizon(cmd.at(), now, "at")).ifPresent(extra::add);
                if (cmd.duration() != null
                        && (cmd.duration().compareTo(MIN_SESSION) < 0
                                || cmd.duration().compareTo(MAX_SESSION) > 0)) {
                    extra.add(Violation.of("duration", "Range", "must be between 15 minutes and 8 hours"));
                }
                v.check(cmd, extra);
            });

    private static void schedule(ScheduleLessonsLearned cmd, Principal p, StoredEscalation r, Draft d, Lookups l) {
        Party manager = People.manager(r, l)
                .orElseThrow(() -> new EscalationUnavailableException(
                        "the Escalation Manager is missing from the staff directory", null));
        List<Party> attendees = new ArrayList<>();
        attendees.add(People.raiser(r, l));
        attendees.add(manager);
        for (Party x : r.participants()) {
            if (!Parties.has(attendees, x)) {
                attendees.add(x);
            }
        }
        d.lessonsLearned = Optional.of(new LessonsLearned(
                LessonsLearned.Status.SCHEDULED, Optional.of(cmd.at()), attendees, "", List.of(), ""));
        int sequence = d.invitationsSent();
        d.log(
                ProgressKind.LESSONS_LEARNED_SCHEDULED,
                p.actor().ref(),
                Visibility.CUSTOMER,
                Optional.empty(),
                params(
                        "at",
                        new EntryParam.At(cmd.at()),
                        "duration",
                        new EntryParam.Span(cmd.duration()),
                        "sequence",
                        new EntryParam.Count(sequence)));
        MeetingInvite invite =
                new MeetingInvite(uid(r), title(r), cmd.at(), cmd.duration(), manager, attendees, sequence);
        for (Party a : attendees) {
            d.notify(
                    NotificationKind.LESSONS_LEARNED_INVITATION,
                    a,
                    params("at", new EntryParam.At(cmd.at()), "duration", new EntryParam.Span(cmd.duration())),
                    Optional.empty(),
                    Optional.of(invite));
        }
        d.ticketUpdate("Lessons-learned session scheduled at " + Instants.iso(cmd.at()), Visibility.CUSTOMER);
    }

    /**
     * RECORD_LESSONS_LEARNED: the session's findings and improvement actions (guard SESSION_SCHEDULED), each owner with
     * its kind ({@link ActionOwners}, which reads the owners beforehand).
     */
    static final Steps<RecordLessonsLearned> RECORD_LESSONS_LEARNED = Steps.of(
                    RecordLessonsLearned.class, RecordLessonsLearned::escalation, (cmd, p, r, d, l) -> {
                        LessonsLearned ll = r.lessonsLearned().orElseThrow(); // guard SESSION_SCHEDULED
                        // a loop, not a stream: one array, immutable like Stream.toList()
                        ImprovementAction[] made =
                                new ImprovementAction[cmd.actions().size()];
                        int i = 0;
                        for (RecordLessonsLearned.Action a : cmd.actions()) {
                            made[i] = new ImprovementAction(
                                    a.description(),
                                    a.owner(),
                                    Optional.ofNullable(a.due()),
                                    ImprovementAction.Status.OPEN,
                                    ActionOwners.kind(a, i, r, l));
                            i++;
                        }
                        List<ImprovementAction> actions = List.of(made);
                        d.lessonsLearned = Optional.of(new LessonsLearned(
                                LessonsLearned.Status.HELD,
                                ll.scheduledAt(),
                                ll.attendees(),
                                cmd.findings(),
                                actions,
                                ""));
                        d.openImprovementActions = actions.size(); // every recorded action starts OPEN
                        d.log(
                                ProgressKind.LESSONS_LEARNED_HELD,
                                p.actor().ref(),
                                Visibility.CUSTOMER,
                                Optional.of(cmd.findings()),
                                params("actions", new EntryParam.Count(actions.size())));
                        d.ticketUpdate("Lessons learned: " + cmd.findings(), Visibility.CUSTOMER);
                    })
            .validate((cmd, clock, v) -> v.check(cmd, ActionOwners.violations(cmd)))
            .prepare(ActionOwners::prepare);

    /**
     * DECLINE_LESSONS_LEARNED: the customer declines the session; a scheduled session's invitation is cancelled for
     * each of its attendees.
     */
    static final Steps<DeclineLessonsLearned> DECLINE_LESSONS_LEARNED =
            Steps.of(DeclineLessonsLearned.class, DeclineLessonsLearned::escalation, (cmd, p, r, d, l) -> {
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
                        p.actor().ref(),
                        Visibility.CUSTOMER,
                        text(reason),
                        Map.of());
                d.notifyAll(
                        NotificationKind.PROGRESS_UPDATE,
                        People.recipients(d, p),
                        params("entry", EntryParam.Code.of(ProgressKind.LESSONS_LEARNED_DECLINED)),
                        text(reason));
                r.lessonsLearned()
                        .filter(ll -> ll.status() == LessonsLearned.Status.SCHEDULED)
                        .ifPresent(scheduled -> cancel(scheduled, r, d, l, reason, false));
                d.ticketUpdate("Lessons-learned session declined by the customer", Visibility.CUSTOMER);
            });

    /**
     * Sends each attendee of the scheduled session the cancellation of its invitation: the same uid, the next
     * sequence ({@code METHOD:CANCEL} in iCalendar), organised by the manager who scheduled it (the first staff
     * attendee: the raiser, a contact, comes first, then that manager; if none is left, for example after an erasure,
     * the current manager). A record without a start or without attendees has nothing to cancel. The engine does not
     * keep the session's length, so the cancellation names the start and the shortest session length; calendars
     * match a cancellation by uid (RFC 5546 makes its end optional).
     */
    static void cancel(
            LessonsLearned scheduled, StoredEscalation r, Draft d, Lookups l, String reason, boolean byManager) {
        if (scheduled.scheduledAt().isEmpty() || scheduled.attendees().isEmpty()) {
            return; // stored data from elsewhere may lack them; never fail a decline over a courtesy message
        }
        Instant at = scheduled.scheduledAt().get();
        Party organizer = scheduled.attendees().stream()
                .filter(a -> a.kind() == Party.Kind.STAFF)
                .findFirst()
                .or(() -> People.manager(r, l))
                .orElse(scheduled.attendees().get(0));
        MeetingInvite cancellation = new MeetingInvite(
                uid(r),
                title(r),
                at,
                MIN_SESSION,
                organizer,
                scheduled.attendees(),
                d.invitationsSent(), // one more than the last invitation's sequence
                MeetingInvite.Method.CANCEL,
                Optional.empty());
        for (Party a : scheduled.attendees()) {
            d.notify(
                    NotificationKind.LESSONS_LEARNED_CANCELLED,
                    a,
                    byManager
                            ? params("at", new EntryParam.At(at), "by", new EntryParam.Code("MANAGER"))
                            : params("at", new EntryParam.At(at)),
                    text(reason),
                    Optional.of(cancellation));
        }
    }

    private static String uid(StoredEscalation r) {
        return r.id().value() + "/lessons-learned";
    }

    private static String title(StoredEscalation r) {
        return "Lessons learned: escalation of case " + r.caseId();
    }

    /** CLOSE (guard SESSION_CONCLUDED). */
    static final Steps<Close> CLOSE = Steps.of(Close.class, Close::escalation, (cmd, p, r, d, l) -> {
        String note = cmd.note() == null ? "" : cmd.note();
        d.log(ProgressKind.CLOSED, p.actor().ref(), Visibility.CUSTOMER, text(note), Map.of());
        d.notifyAll(NotificationKind.CLOSED, People.recipients(d, p), Map.of(), text(note));
        d.ticketStatus(TicketStatus.CLOSED, note.isEmpty() ? "Closed" : "Closed: " + note);
    });

    /** WITHDRAW: reads Support Management beforehand, told when no manager was appointed yet. */
    static final Steps<Withdraw> WITHDRAW = Steps.of(Withdraw.class, Withdraw::escalation, (cmd, p, r, d, l) -> {
                d.log(
                        ProgressKind.WITHDRAWN,
                        p.actor().ref(),
                        Visibility.CUSTOMER,
                        Optional.of(cmd.reason()),
                        Map.of());
                List<Party> to = new ArrayList<>();
                if (r.manager().isPresent()) {
                    People.manager(r, l).ifPresent(to::add);
                } else {
                    l.withRole(StaffRole.SUPPORT_MANAGEMENT).forEach(m -> to.add(m.asParty()));
                }
                d.notifyAll(NotificationKind.WITHDRAWN, to, Map.of(), Optional.of(cmd.reason()));
                d.ticketStatus(TicketStatus.CLOSED, "Withdrawn by the customer: " + cmd.reason());
            })
            .prepare((cmd, l, customers, staff) -> l.readRole(StaffRole.SUPPORT_MANAGEMENT, staff));
}
