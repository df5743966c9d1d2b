package dev.escalation;

import static dev.escalation.Draft.params;
import static dev.escalation.Draft.text;
import static dev.escalation.InvalidCommandException.Violation;

import dev.escalation.ActionRow.Steps;
import dev.escalation.command.AddParticipant;
import dev.escalation.command.AgreePlan;
import dev.escalation.command.AmendPlan;
import dev.escalation.command.ChangeCriticality;
import dev.escalation.command.LogProgress;
import dev.escalation.command.PauseClock;
import dev.escalation.command.RemoveParticipant;
import dev.escalation.command.ResumeClock;
import dev.escalation.internal.validation.TextRules;
import dev.escalation.model.CommunicationPlan;
import dev.escalation.model.ContactId;
import dev.escalation.model.EntryParam;
import dev.escalation.model.NotificationKind;
import dev.escalation.model.Party;
import dev.escalation.model.ProgressKind;
import dev.escalation.model.StaffId;
import dev.escalation.model.Visibility;
import dev.escalation.spi.StaffMember;
import dev.escalation.spi.StoredEscalation;
import dev.escalation.spi.Touchpoint;
import dev.escalation.text.Texts;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The steps of the rows of a running escalation ({@link Lifecycle}): the communication plan, progress, participants,
 * criticality and the SLA clock.
 */
final class ManagerRows {
    private static final Duration MIN_FREQUENCY = Duration.ofMinutes(15);
    private static final Duration MAX_FREQUENCY = Duration.ofDays(14);

    private ManagerRows() {}

    /** AGREE_PLAN: records the agreed plan (RECORDED, naming nobody; a pending proposal is superseded). */
    static final Steps<AgreePlan> AGREE_PLAN = Steps.of(
                    AgreePlan.class,
                    AgreePlan::escalation,
                    (cmd, p, r, d, l) -> planned(
                            d,
                            p,
                            l,
                            ProgressKind.PLAN_AGREED,
                            new CommunicationPlan(cmd.frequency(), cmd.channel(), cmd.firstMeetingAt(), d.now),
                            Optional.empty()))
            .validate((cmd, clock, v) -> v.check(
                    cmd, planViolations(cmd.frequency(), cmd.firstMeetingAt(), "firstMeetingAt", clock.instant())));

    /** AMEND_PLAN: records the amended plan with its reason (RECORDED; a pending proposal is superseded). */
    static final Steps<AmendPlan> AMEND_PLAN = Steps.of(
                    AmendPlan.class,
                    AmendPlan::escalation,
                    (cmd, p, r, d, l) -> planned(
                            d,
                            p,
                            l,
                            ProgressKind.PLAN_AMENDED,
                            new CommunicationPlan(cmd.frequency(), cmd.channel(), cmd.nextMeetingAt(), d.now),
                            Optional.of(cmd.reason())))
            .validate((cmd, clock, v) -> v.check(
                    cmd, planViolations(cmd.frequency(), cmd.nextMeetingAt(), "nextMeetingAt", clock.instant())));

    /**
     * Records an agreed ({@code PLAN_AGREED}) or amended ({@code PLAN_AMENDED}, with its reason if given) plan: the
     * entry (with the sides the plan names), the participants' notification and the ticket update. A pending proposal
     * is settled by it. The plan is stored with the zone of its series, resolved now ({@link #inSeriesZone}).
     */
    static void planned(
            Draft d, Principal p, Lookups l, ProgressKind kind, CommunicationPlan agreed, Optional<String> reason) {
        CommunicationPlan plan = inSeriesZone(agreed, d.base, p, l);
        d.plan = Optional.of(plan);
        d.proposal = Optional.empty();
        Map<String, EntryParam> params = params(
                "frequency",
                new EntryParam.Span(plan.frequency()),
                "channel",
                EntryParam.Code.of(plan.channel()),
                "firstMeetingAt",
                new EntryParam.At(plan.firstMeetingAt()),
                "agreement",
                EntryParam.Code.of(plan.agreement()));
        plan.customerSide().ifPresent(c -> params.put("customerSide", new EntryParam.Ref(c.value())));
        plan.vendorSide().ifPresent(s -> params.put("vendorSide", new EntryParam.Ref(s.value())));
        d.log(kind, p.actor().ref(), Visibility.CUSTOMER, reason, params);
        Map<String, EntryParam> notice = new LinkedHashMap<>(params);
        notice.put("change", EntryParam.Code.of(kind));
        d.notifyAll(NotificationKind.PLAN_AGREED, People.recipients(d, p), notice, reason);
        // the ticket is the vendor's own record, written in English in the vendor's zone when queued
        String text = Texts.shipped().entry(kind, reason, params, Locale.ENGLISH, l.vendorZone());
        d.ticketUpdate(
                (reason.isEmpty() ? "Communication plan: " : "Communication plan changed: ") + text,
                Visibility.CUSTOMER);
    }

    /**
     * The plan with the zone its meeting series repeats in: the zone of its customer side (the contact it names, else
     * the escalation's Incident Manager), as {@link Lookups#seriesZone} resolves it now.
     */
    static CommunicationPlan inSeriesZone(CommunicationPlan plan, StoredEscalation r, Principal p, Lookups l) {
        ContactId side = plan.customerSide().orElse(r.raisedBy());
        return plan.withZone(l.seriesZone(r.customer(), side, p.contact()));
    }

    /** LOG_PROGRESS: a contact may log customer-visible communications only (the row's contact rule). */
    static final Steps<LogProgress> LOG_PROGRESS =
            Steps.of(LogProgress.class, LogProgress::escalation, (cmd, p, r, d, l) -> {
                // the row let in the Incident Manager; a contact's content rule (see ActionRow.Who)
                if (p.isContact()
                        && (cmd.kind() != LogProgress.Kind.COMMUNICATION || cmd.visibility() != Visibility.CUSTOMER)) {
                    throw new NotAuthorizedException(
                            p.actor(),
                            Action.LOG_PROGRESS,
                            r.id(),
                            NotAuthorizedException.Reason.CONTACT_RULE,
                            "customer contacts may only log " + "customer-visible communications");
                }
                ProgressKind kind = ProgressKind.valueOf(cmd.kind().name());
                d.log(kind, p.actor().ref(), cmd.visibility(), Optional.of(cmd.text()), Map.of());
                if (cmd.visibility() == Visibility.CUSTOMER) {
                    d.notifyAll(
                            NotificationKind.PROGRESS_UPDATE,
                            People.recipients(d, p),
                            params("entry", EntryParam.Code.of(kind)),
                            Optional.of(cmd.text()));
                }
                d.ticketUpdate(cmd.text(), cmd.visibility());
            });

    /** ADD_PARTICIPANT: reads the named contact or staff member beforehand. */
    static final Steps<AddParticipant> ADD_PARTICIPANT = Steps.of(
                    AddParticipant.class, AddParticipant::escalation, ManagerRows::addParticipant)
            .validate((cmd, clock, v) -> v.check(cmd, participantViolations(cmd)))
            .prepare((cmd, l, customers, staff) -> {
                if (cmd.kind() == Party.Kind.CONTACT) {
                    l.readContact(ContactId.of(cmd.participantId()), customers);
                } else if (cmd.kind() == Party.Kind.STAFF) {
                    l.readMember(StaffId.of(cmd.participantId()), staff);
                }
            });

    private static void addParticipant(AddParticipant cmd, Principal p, StoredEscalation r, Draft d, Lookups l) {
        Party party = switch (cmd.kind()) {
            case CONTACT ->
                l.touchpoint(ContactId.of(cmd.participantId()))
                        .filter(t -> t.active() && t.customer().equals(r.customer()))
                        .map(Touchpoint::asParty)
                        .orElseThrow(() -> Inputs.invalid(
                                "participantId",
                                "CustomerContact",
                                "must be an active contact of customer " + r.customer()));
            case STAFF ->
                l.staffMember(StaffId.of(cmd.participantId()))
                        .filter(StaffMember::active)
                        .map(StaffMember::asParty)
                        .orElseThrow(
                                () -> Inputs.invalid("participantId", "StaffMember", "must be an active staff member"));
            case EXTERNAL -> new Party(Party.Kind.EXTERNAL, cmd.email(), cmd.displayName(), cmd.email());
        };
        if (Parties.has(r.participants(), party)) {
            throw Inputs.invalid("participantId", "NotParticipant", "is already a participant");
        }
        d.addParticipant(party);
        d.log(
                ProgressKind.PARTICIPANT_ADDED,
                p.actor().ref(),
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
    }

    /**
     * REMOVE_PARTICIPANT: the participant of the kind and id named, or without a kind the one participant with that
     * id (a contact, a staff member and an external address may share it: more than one is refused, whoever they
     * are); never the manager (reassign instead).
     */
    static final Steps<RemoveParticipant> REMOVE_PARTICIPANT =
            Steps.of(RemoveParticipant.class, RemoveParticipant::escalation, (cmd, p, r, d, l) -> {
                Party party = named(r.participants(), cmd.participantKind(), cmd.participantId());
                if (manages(r, party)) {
                    throw Inputs.invalid(
                            "participantId", "NotManager", "is the Escalation Manager; reassign the manager instead");
                }
                d.removeParticipant(party);
                d.log(
                        ProgressKind.PARTICIPANT_REMOVED,
                        p.actor().ref(),
                        Visibility.CUSTOMER,
                        text(cmd.reason()),
                        participantParams(party));
                d.ticketRemove(party);
            });

    /**
     * The participant of {@code kind} and {@code id}; for no kind, the one participant with that id.
     *
     * @throws InvalidCommandException {@code participantId.Participant} if there is none,
     *     {@code participantId.Unambiguous} if no kind is given and more than one participant has the id
     */
    private static Party named(List<Party> participants, Party.@Nullable Kind kind, String id) {
        Party found = null;
        for (Party x : participants) { // a loop: a handful of participants
            if ((kind == null || x.kind() == kind) && x.id().equals(id)) {
                if (found != null) {
                    throw Inputs.invalid(
                            "participantId",
                            "Unambiguous",
                            "names more than one participant (a contact, a staff member or an external stakeholder);"
                                    + " give participantKind");
                }
                found = x;
            }
        }
        if (found == null) {
            throw Inputs.invalid("participantId", "Participant", "is not a participant");
        }
        return found;
    }

    /** Whether {@code x} is the escalation's Escalation Manager (a staff member; a contact of that id is not). */
    private static boolean manages(StoredEscalation r, Party x) {
        return x.kind() == Party.Kind.STAFF
                && r.manager().map(StaffId::value).filter(x.id()::equals).isPresent();
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

    /** CHANGE_CRITICALITY: a contact may only raise it (the row's contact rule); lowering needs a justification. */
    static final Steps<ChangeCriticality> CHANGE_CRITICALITY =
            Steps.of(ChangeCriticality.class, ChangeCriticality::escalation, (cmd, p, r, d, l) -> {
                boolean lowering = cmd.criticality().compareTo(r.criticality()) < 0;
                // the row let in the Incident Manager; a contact's content rule (see ActionRow.Who)
                if (p.isContact() && lowering) {
                    throw new NotAuthorizedException(
                            p.actor(),
                            Action.CHANGE_CRITICALITY,
                            r.id(),
                            NotAuthorizedException.Reason.CONTACT_RULE,
                            "a customer contact may raise the criticality but not lower it; ask the Escalation Manager");
                }
                if (cmd.criticality() == r.criticality()) {
                    throw Inputs.invalid(
                            "criticality", "Different", "must differ from the current criticality " + r.criticality());
                }
                String justification =
                        cmd.justification() == null ? "" : cmd.justification().strip();
                if (lowering && TextRules.isBlank(justification)) {
                    throw Inputs.invalid(
                            "justification", "RequiredWhenLowering", "must not be blank when lowering the criticality");
                }
                d.criticality = cmd.criticality();
                Map<String, EntryParam> change = params(
                        "from", EntryParam.Code.of(r.criticality()), "to", EntryParam.Code.of(cmd.criticality()));
                d.log(
                        ProgressKind.CRITICALITY_CHANGED,
                        p.actor().ref(),
                        Visibility.CUSTOMER,
                        text(justification),
                        change);
                d.notifyAll(NotificationKind.CRITICALITY_CHANGED, People.recipients(d, p), change, text(justification));
                d.ticketUpdate(
                        "Criticality " + r.criticality() + " → " + cmd.criticality()
                                + (justification.isEmpty() ? "" : ": " + justification),
                        Visibility.CUSTOMER);
            });

    /** PAUSE_CLOCK: the log entry pauses the clock (guard CLOCK_RUNNING). */
    static final Steps<PauseClock> PAUSE_CLOCK =
            Steps.of(PauseClock.class, PauseClock::escalation, (cmd, p, r, d, l) -> {
                d.log(
                        ProgressKind.CLOCK_PAUSED,
                        p.actor().ref(),
                        Visibility.CUSTOMER,
                        Optional.of(cmd.reason()),
                        Map.of());
                d.ticketUpdate("SLA clock paused: " + cmd.reason(), Visibility.CUSTOMER);
            });

    /** RESUME_CLOCK: the log entry resumes the clock (guard CLOCK_PAUSED). */
    static final Steps<ResumeClock> RESUME_CLOCK =
            Steps.of(ResumeClock.class, ResumeClock::escalation, (cmd, p, r, d, l) -> {
                String note = cmd.note() == null ? "" : cmd.note();
                d.log(ProgressKind.CLOCK_RESUMED, p.actor().ref(), Visibility.CUSTOMER, text(note), Map.of());
                d.ticketUpdate("SLA clock resumed" + (note.isEmpty() ? "" : ": " + note), Visibility.CUSTOMER);
            });

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
        // an external's address is their id (RemoveParticipant names them by it): no invisible formatting character
        String addressProblem = cmd.email() == null || TextRules.isBlank(cmd.email())
                ? null
                : TextRules.idProblem(cmd.email(), 254); // as its @SafeText
        if (addressProblem != null) {
            v.add(Violation.of("email", "Id", addressProblem));
        }
        return v;
    }

    static List<Violation> planViolations(Duration frequency, Instant first, String firstField, Instant now) {
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
