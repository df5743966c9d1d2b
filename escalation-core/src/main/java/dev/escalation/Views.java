package dev.escalation;

import dev.escalation.model.CustomerRole;
import dev.escalation.model.StaffRole;
import dev.escalation.spi.StoredEscalation;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/** Turns stored escalations into what an actor may see, and says which actions the actor may take. */
final class Views {
    private Views() {}

    static EscalationView view(Principal p, StoredEscalation r, Lifecycle lifecycle) {
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
                r.intake(),
                r.raisedAt(),
                r.updatedAt(),
                r.manager(),
                r.plan(),
                r.facts().nextMeetingAt(),
                r.participants(),
                r.resolution(),
                r.lessonsLearned(),
                r.facts().pausedSince().isPresent(),
                r.ticketReference(),
                r.hotline(),
                available(p, r, lifecycle));
    }

    /** The actions the state allows and this actor's role and identity permit (sub-state checks aside). */
    static Set<Action> available(Principal p, StoredEscalation r, Lifecycle lifecycle) {
        Set<Action> result = EnumSet.noneOf(Action.class);
        for (Action a : lifecycle.allowedIn(r.state())) {
            if (permitted(p, r, a)) {
                result.add(a);
            }
        }
        return result;
    }

    private static boolean permitted(Principal p, StoredEscalation r, Action a) {
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
}
