package dev.escalation;

import dev.escalation.model.StaffId;
import dev.escalation.spi.StoredEscalation;
import java.util.Set;

/** Turns stored escalations into what an actor may see, and says which actions the actor may take. */
final class Views {
    private Views() {}

    static EscalationView view(Principal p, StoredEscalation r, Lifecycle lifecycle, ActionRow.When when) {
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
                r.proposal(),
                r.facts().nextMeetingAt(),
                r.participants(),
                r.resolution(),
                r.lessonsLearned(),
                r.facts().pausedSince().isPresent(),
                r.ticketReference(),
                r.hotline(),
                // a vendor calendar whose holiday source fails (the plan answer window): UNAVAILABLE, typed
                new EscalationView.LazyActions(() -> Ports.compute(() -> available(p, r, lifecycle, when))));
    }

    /**
     * The actions this actor may take now: the action table's state, who and guards allow them. A contact whose id is
     * an improvement action's owner is offered {@link Action#UPDATE_IMPROVEMENT_ACTION} only if no staff member has
     * that id: the owner id names a staff member first, so the command would refuse the contact (the action table's
     * row reads no directory; the command's body does, and so does this offer).
     */
    static Set<Action> available(Principal p, StoredEscalation r, Lifecycle lifecycle, ActionRow.When when) {
        Set<Action> offered = lifecycle.available(p, r, when);
        if (p.isContact()
                && offered.contains(Action.UPDATE_IMPROVEMENT_ACTION)
                && when.staffMember().test(StaffId.of(p.actor().id()))) {
            offered.remove(Action.UPDATE_IMPROVEMENT_ACTION);
        }
        return offered;
    }
}
