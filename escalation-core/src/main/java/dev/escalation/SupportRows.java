package dev.escalation;

import static dev.escalation.Draft.params;
import static dev.escalation.Draft.text;

import dev.escalation.ActionRow.Steps;
import dev.escalation.command.Acknowledge;
import dev.escalation.command.ReassignManager;
import dev.escalation.model.EntryParam;
import dev.escalation.model.NotificationKind;
import dev.escalation.model.Party;
import dev.escalation.model.ProgressKind;
import dev.escalation.model.StaffRole;
import dev.escalation.model.Visibility;
import dev.escalation.spi.StaffMember;
import dev.escalation.spi.StoredEscalation;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The steps of Support Management's rows ({@link Lifecycle}): appoint and replace the Escalation Manager. */
final class SupportRows {
    private SupportRows() {}

    /** ACKNOWLEDGE: reads the named manager beforehand; appoints them and adds raiser and manager as participants. */
    static final Steps<Acknowledge> ACKNOWLEDGE = Steps.of(
                    Acknowledge.class, Acknowledge::escalation, SupportRows::acknowledge)
            .prepare((cmd, l, customers, staff) -> l.readMember(cmd.manager(), staff));

    /** REASSIGN_MANAGER: reads the named manager beforehand; replaces the manager among the participants. */
    static final Steps<ReassignManager> REASSIGN_MANAGER = Steps.of(
                    ReassignManager.class, ReassignManager::escalation, SupportRows::reassign)
            .prepare((cmd, l, customers, staff) -> l.readMember(cmd.manager(), staff));

    private static void acknowledge(Acknowledge cmd, Principal p, StoredEscalation r, Draft d, Lookups l) {
        StaffMember manager = appointable(l.staffMember(cmd.manager()));
        Party raiser = People.raiser(r, l);
        d.manager = Optional.of(manager.id());
        d.addParticipant(raiser).addParticipant(manager.asParty());
        d.log(
                ProgressKind.ACKNOWLEDGED,
                p.actor().ref(),
                Visibility.CUSTOMER,
                text(cmd.note()),
                params("manager", new EntryParam.Ref(manager.id().value())));
        d.notifyAll(
                NotificationKind.MANAGER_APPOINTED,
                List.of(raiser, manager.asParty()),
                appointed(manager, ProgressKind.ACKNOWLEDGED),
                text(cmd.note()));
        d.ticketAdd(raiser)
                .ticketAdd(manager.asParty())
                .ticketUpdate("Escalation Manager appointed: " + manager.displayName(), Visibility.CUSTOMER);
    }

    private static void reassign(ReassignManager cmd, Principal p, StoredEscalation r, Draft d, Lookups l) {
        StaffMember manager = appointable(l.staffMember(cmd.manager()));
        if (r.manager().equals(Optional.of(manager.id()))) {
            throw Inputs.invalid("manager", "Different", "must differ from the current Escalation Manager");
        }
        Optional<Party> previous = r.manager().flatMap(id -> People.participant(r, Party.Kind.STAFF, id.value()));
        Party raiser = People.raiser(r, l);
        d.manager = Optional.of(manager.id());
        previous.ifPresent(d::removeParticipant);
        d.addParticipant(manager.asParty());
        d.log(
                ProgressKind.MANAGER_REASSIGNED,
                p.actor().ref(),
                Visibility.CUSTOMER,
                text(cmd.reason()),
                r.manager()
                        .map(from -> params(
                                "from",
                                new EntryParam.Ref(from.value()),
                                "to",
                                new EntryParam.Ref(manager.id().value())))
                        .orElseGet(() ->
                                params("to", new EntryParam.Ref(manager.id().value()))));
        d.notifyAll(
                NotificationKind.MANAGER_APPOINTED,
                List.of(raiser, manager.asParty()),
                appointed(manager, ProgressKind.MANAGER_REASSIGNED),
                text(cmd.reason()));
        previous.ifPresent(d::ticketRemove);
        d.ticketAdd(manager.asParty())
                .ticketUpdate("Escalation Manager changed to " + manager.displayName(), Visibility.CUSTOMER);
    }

    private static Map<String, EntryParam> appointed(StaffMember manager, ProgressKind change) {
        return params(
                "manager",
                new EntryParam.Ref(manager.id().value()),
                "managerName",
                new EntryParam.Text(manager.displayName()),
                "change",
                EntryParam.Code.of(change));
    }

    private static StaffMember appointable(Optional<StaffMember> candidate) {
        return candidate
                .filter(m -> m.active() && m.roles().contains(StaffRole.ESCALATION_MANAGER))
                .orElseThrow(() -> Inputs.invalid(
                        "manager",
                        "EscalationManager",
                        "must be an active staff member with the Escalation Manager role"));
    }
}
