package dev.escalation;

import dev.escalation.model.Party;
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
     * The actions this actor may take now: the action table's state, who and guards allow them. A contact who owns an
     * improvement action whose owner has the kind {@code CONTACT} is offered {@link Action#UPDATE_IMPROVEMENT_ACTION};
     * one whose id is only the owner of actions without a kind (stored before owners had one) only if no staff member
     * has that id: such an owner's id names a staff member first, so the command would refuse the contact (the action
     * table's row reads no directory; the command's body does, and so does this offer).
     */
    static Set<Action> available(Principal p, StoredEscalation r, Lifecycle lifecycle, ActionRow.When when) {
        Set<Action> offered = lifecycle.available(p, r, when);
        if (p.isContact()
                && offered.contains(Action.UPDATE_IMPROVEMENT_ACTION)
                && !ownsContactAction(r, p.actor().id())
                && when.staffMember().test(StaffId.of(p.actor().id()))) {
            offered.remove(Action.UPDATE_IMPROVEMENT_ACTION);
        }
        return offered;
    }

    /** Whether an action of {@code r} is owned by the contact {@code id}, by its owner's kind. */
    private static boolean ownsContactAction(StoredEscalation r, String id) {
        return r.lessonsLearned()
                .map(l -> l.actions().stream()
                        .anyMatch(a -> a.ownerKind().isPresent() && a.mayBeOwnedBy(Party.Kind.CONTACT, id)))
                .orElse(false);
    }
}
