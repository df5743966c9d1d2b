package dev.escalation;

import static dev.escalation.Draft.params;
import static dev.escalation.Draft.text;
import static dev.escalation.InvalidCommandException.Violation;

import dev.escalation.command.AddParticipant;
import dev.escalation.command.AgreePlan;
import dev.escalation.command.AmendPlan;
import dev.escalation.command.ChangeCriticality;
import dev.escalation.command.LogProgress;
import dev.escalation.command.PauseClock;
import dev.escalation.command.RemoveParticipant;
import dev.escalation.command.ResumeClock;
import dev.escalation.internal.validation.TextRules;
import dev.escalation.model.Channel;
import dev.escalation.model.CommunicationPlan;
import dev.escalation.model.ContactId;
import dev.escalation.model.EntryParam;
import dev.escalation.model.NotificationKind;
import dev.escalation.model.Party;
import dev.escalation.model.ProgressKind;
import dev.escalation.model.StaffId;
import dev.escalation.model.Visibility;
import dev.escalation.spi.StaffMember;
import dev.escalation.spi.Touchpoint;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The commands of a running escalation: the communication plan, progress, participants, criticality and the SLA
 * clock.
 */
final class WorkflowManager {
    private static final Duration MIN_FREQUENCY = Duration.ofMinutes(15);
    private static final Duration MAX_FREQUENCY = Duration.ofDays(14);

    private final Workflow w;
    private final ZoneId vendorZone;

    WorkflowManager(Workflow w) {
        this.w = w;
        this.vendorZone = w.planner.sla().vendor().zone();
    }

    EscalationView agreePlan(Actor actor, AgreePlan cmd) {
        Instant now = w.clock.instant();
        return w.change(
                actor,
                Action.AGREE_PLAN,
                cmd,
                cmd.escalation(),
                planViolations(cmd.frequency(), cmd.firstMeetingAt(), "firstMeetingAt", now),
                principal -> (p, r, d, lookups) -> {
                    planned(d, p, actor, cmd.frequency(), cmd.channel(), cmd.firstMeetingAt(), Optional.empty());
                });
    }

    EscalationView amendPlan(Actor actor, AmendPlan cmd) {
        Instant now = w.clock.instant();
        return w.change(
                actor,
                Action.AMEND_PLAN,
                cmd,
                cmd.escalation(),
                planViolations(cmd.frequency(), cmd.nextMeetingAt(), "nextMeetingAt", now),
                principal -> (p, r, d, lookups) -> {
                    planned(
                            d,
                            p,
                            actor,
                            cmd.frequency(),
                            cmd.channel(),
                            cmd.nextMeetingAt(),
                            Optional.of(cmd.reason()));
                });
    }

    /** Records an agreed ({@code reason} empty) or amended plan. */
    private void planned(
            Draft d,
            Principal p,
            Actor actor,
            Duration frequency,
            Channel channel,
            Instant first,
            Optional<String> reason) {
        ProgressKind kind = reason.isEmpty() ? ProgressKind.PLAN_AGREED : ProgressKind.PLAN_AMENDED;
        CommunicationPlan plan = new CommunicationPlan(frequency, channel, first, d.now);
        d.plan = Optional.of(plan);
        Map<String, EntryParam> params = params(
                "frequency",
                new EntryParam.Span(frequency),
                "channel",
                EntryParam.Code.of(channel),
                "firstMeetingAt",
                new EntryParam.At(first),
                "agreement",
                EntryParam.Code.of(plan.agreement()));
        d.log(kind, actor.ref(), Visibility.CUSTOMER, reason, params);
        Map<String, EntryParam> notice = new LinkedHashMap<>(params);
        notice.put("change", EntryParam.Code.of(kind));
        d.notifyAll(NotificationKind.PLAN_AGREED, Workflow.recipients(d, p), notice, reason);
        String text = (reason.isEmpty() ? "Meetings every " : "Meetings now every ") + EnglishTexts.human(frequency)
                + " by " + channel + (reason.isEmpty() ? ", first at " : ", next at ")
                + EnglishTexts.at(first, vendorZone) + reason.map(x -> ": " + x).orElse("");
        d.ticketUpdate(
                (reason.isEmpty() ? "Communication plan: " : "Communication plan changed: ") + text,
                Visibility.CUSTOMER);
    }

    EscalationView logProgress(Actor actor, LogProgress cmd) {
        return w.change(
                actor, Action.LOG_PROGRESS, cmd, cmd.escalation(), List.of(), principal -> (p, r, d, lookups) -> {
                    // the row let in the Incident Manager; a contact's content rule (see ActionRow.Who)
                    if (p.isContact()
                            && (cmd.kind() != LogProgress.Kind.COMMUNICATION
                                    || cmd.visibility() != Visibility.CUSTOMER)) {
                        throw new NotAuthorizedException(
                                actor,
                                Action.LOG_PROGRESS,
                                "customer contacts may only log " + "customer-visible communications");
                    }
                    ProgressKind kind = ProgressKind.valueOf(cmd.kind().name());
                    d.log(kind, actor.ref(), cmd.visibility(), Optional.of(cmd.text()), Map.of());
                    if (cmd.visibility() == Visibility.CUSTOMER) {
                        d.notifyAll(
                                NotificationKind.PROGRESS_UPDATE,
                                Workflow.recipients(d, p),
                                params("entry", EntryParam.Code.of(kind)),
                                Optional.of(cmd.text()));
                    }
                    d.ticketUpdate(cmd.text(), cmd.visibility());
                });
    }

    EscalationView addParticipant(Actor actor, AddParticipant cmd) {
        return w.change(actor, Action.ADD_PARTICIPANT, cmd, cmd.escalation(), participantViolations(cmd), principal -> {
            Optional<Touchpoint> contact = cmd.kind() == Party.Kind.CONTACT
                    ? Workflow.call(() -> w.customers.touchpoint(ContactId.of(cmd.participantId())))
                    : Optional.empty();
            Optional<StaffMember> member = cmd.kind() == Party.Kind.STAFF
                    ? Workflow.call(() -> w.staff.member(StaffId.of(cmd.participantId())))
                    : Optional.empty();
            return (p, r, d, lookups) -> {
                Party party = switch (cmd.kind()) {
                    case CONTACT ->
                        contact.filter(t -> t.active() && t.customer().equals(r.customer()))
                                .map(Touchpoint::asParty)
                                .orElseThrow(() -> Workflow.invalid(
                                        "participantId",
                                        "CustomerContact",
                                        "must be an active contact of customer " + r.customer()));
                    case STAFF ->
                        member.filter(StaffMember::active)
                                .map(StaffMember::asParty)
                                .orElseThrow(() -> Workflow.invalid(
                                        "participantId", "StaffMember", "must be an active staff member"));
                    case EXTERNAL -> new Party(Party.Kind.EXTERNAL, cmd.email(), cmd.displayName(), cmd.email());
                };
                if (r.participants().stream().anyMatch(x -> x.id().equals(party.id()))) {
                    throw Workflow.invalid("participantId", "NotParticipant", "is already a participant");
                }
                d.addParticipant(party);
                d.log(
                        ProgressKind.PARTICIPANT_ADDED,
                        actor.ref(),
                        Visibility.CUSTOMER,
                        Optional.empty(),
                        participantParams(party));
                d.notify(
                        NotificationKind.PARTICIPANT_ADDED,
                        party,
                        params("state", EntryParam.Code.of(r.state())),
                        Optional.empty(),
                        Optional.empty());
                d.ticketAdd(party);
            };
        });
    }

    EscalationView removeParticipant(Actor actor, RemoveParticipant cmd) {
        return w.change(
                actor, Action.REMOVE_PARTICIPANT, cmd, cmd.escalation(), List.of(), principal -> (p, r, d, l) -> {
                    Party party = r.participants().stream()
                            .filter(x -> x.id().equals(cmd.participantId()))
                            .findFirst()
                            .orElseThrow(
                                    () -> Workflow.invalid("participantId", "Participant", "is not a participant"));
                    if (r.manager()
                            .map(StaffId::value)
                            .filter(party.id()::equals)
                            .isPresent()) {
                        throw Workflow.invalid(
                                "participantId",
                                "NotManager",
                                "is the Escalation Manager; reassign the manager instead");
                    }
                    d.removeParticipant(party.id());
                    d.log(
                            ProgressKind.PARTICIPANT_REMOVED,
                            actor.ref(),
                            Visibility.CUSTOMER,
                            text(cmd.reason()),
                            participantParams(party));
                    d.ticketRemove(party);
                });
    }

    private static Map<String, EntryParam> participantParams(Party party) {
        return params(
                "participant",
                new EntryParam.Ref(party.id()),
                "participantKind",
                EntryParam.Code.of(party.kind()),
                "participantName",
                new EntryParam.Text(party.displayName()));
    }

    EscalationView changeCriticality(Actor actor, ChangeCriticality cmd) {
        return w.change(
                actor, Action.CHANGE_CRITICALITY, cmd, cmd.escalation(), List.of(), principal -> (p, r, d, l) -> {
                    boolean lowering = cmd.criticality().compareTo(r.criticality()) < 0;
                    // the row let in the Incident Manager; a contact's content rule (see ActionRow.Who)
                    if (p.isContact() && lowering) {
                        throw new NotAuthorizedException(
                                actor,
                                Action.CHANGE_CRITICALITY,
                                "a customer contact may raise "
                                        + "the criticality but not lower it; ask the Escalation Manager");
                    }
                    if (cmd.criticality() == r.criticality()) {
                        throw Workflow.invalid(
                                "criticality",
                                "Different",
                                "must differ from the current criticality " + r.criticality());
                    }
                    String justification = cmd.justification() == null
                            ? ""
                            : cmd.justification().strip();
                    if (lowering && TextRules.isBlank(justification)) {
                        throw Workflow.invalid(
                                "justification",
                                "RequiredWhenLowering",
                                "must not be blank when lowering the criticality");
                    }
                    d.criticality = cmd.criticality();
                    Map<String, EntryParam> change = params(
                            "from", EntryParam.Code.of(r.criticality()), "to", EntryParam.Code.of(cmd.criticality()));
                    d.log(
                            ProgressKind.CRITICALITY_CHANGED,
                            actor.ref(),
                            Visibility.CUSTOMER,
                            text(justification),
                            change);
                    d.notifyAll(
                            NotificationKind.CRITICALITY_CHANGED,
                            Workflow.recipients(d, p),
                            change,
                            text(justification));
                    d.ticketUpdate(
                            "Criticality " + r.criticality() + " → " + cmd.criticality()
                                    + (justification.isEmpty() ? "" : ": " + justification),
                            Visibility.CUSTOMER);
                });
    }

    EscalationView pause(Actor actor, PauseClock cmd) {
        return w.change(actor, Action.PAUSE_CLOCK, cmd, cmd.escalation(), List.of(), principal -> (p, r, d, l) -> {
            d.log(ProgressKind.CLOCK_PAUSED, actor.ref(), Visibility.CUSTOMER, Optional.of(cmd.reason()), Map.of());
            d.ticketUpdate("SLA clock paused: " + cmd.reason(), Visibility.CUSTOMER);
        });
    }

    EscalationView resume(Actor actor, ResumeClock cmd) {
        return w.change(actor, Action.RESUME_CLOCK, cmd, cmd.escalation(), List.of(), principal -> (p, r, d, l) -> {
            String note = cmd.note() == null ? "" : cmd.note();
            d.log(ProgressKind.CLOCK_RESUMED, actor.ref(), Visibility.CUSTOMER, text(note), Map.of());
            d.ticketUpdate("SLA clock resumed" + (note.isEmpty() ? "" : ": " + note), Visibility.CUSTOMER);
        });
    }

    private static List<Violation> participantViolations(AddParticipant cmd) {
        if (cmd == null || cmd.kind() == null) {
            return List.of();
        }
        List<Violation> v = new ArrayList<>();
        if (cmd.kind() == Party.Kind.EXTERNAL) {
            if (cmd.displayName() == null || TextRules.isBlank(cmd.displayName())) {
                v.add(Violation.of("displayName", "NotBlank", "must not be blank for an external participant"));
            }
            if (cmd.email() == null || TextRules.isBlank(cmd.email())) {
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
        Optional.ofNullable(Inputs.beyondHorizon(first, now, firstField)).ifPresent(v::add);
        return v;
    }
}
