package dev.escalation;

import static dev.escalation.Draft.params;
import static dev.escalation.Draft.text;

import dev.escalation.ActionRow.Steps;
import dev.escalation.command.CancelLessonsLearned;
import dev.escalation.command.UpdateImprovementAction;
import dev.escalation.model.EntryParam;
import dev.escalation.model.ImprovementAction;
import dev.escalation.model.LessonsLearned;
import dev.escalation.model.NotificationKind;
import dev.escalation.model.ProgressKind;
import dev.escalation.model.StaffId;
import dev.escalation.model.Visibility;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The steps of the follow-through rows ({@link Lifecycle}): improvement actions after the lessons learned. */
final class FollowThroughRows {
    private FollowThroughRows() {}

    /**
     * UPDATE_IMPROVEMENT_ACTION (guard ACTIONS_RECORDED): sets the status of the action at the command's index. The
     * row lets in the appointed manager and the owners of the escalation's actions; the body lets an owner change
     * only its own action (the row's content rule). The due work is re-planned by the write: a done or
     * dropped action is no longer reminded.
     */
    static final Steps<UpdateImprovementAction> UPDATE_IMPROVEMENT_ACTION =
            Steps.of(UpdateImprovementAction.class, UpdateImprovementAction::escalation, (cmd, p, r, d, l) -> {
                LessonsLearned ll = r.lessonsLearned().orElseThrow(); // guard ACTIONS_RECORDED
                if (cmd.index() >= ll.actions().size()) {
                    throw Inputs.invalid(
                            "index", "Range", "must be below " + ll.actions().size() + ", the number of actions");
                }
                ImprovementAction old = ll.actions().get(cmd.index());
                boolean manager = p.staff().isPresent()
                        && r.manager().map(m -> m.equals(p.staff().get().id())).orElse(false);
                if (!manager && !ownedBy(old, p, l)) {
                    throw new NotAuthorizedException(
                            p.actor(),
                            Action.UPDATE_IMPROVEMENT_ACTION,
                            "only the owner of improvement action " + cmd.index() + " or the appointed Escalation"
                                    + " Manager of escalation " + r.id() + " may update it; " + p.actor() + " is not");
                }
                List<ImprovementAction> actions = new ArrayList<>(ll.actions());
                actions.set(cmd.index(), old.withStatus(cmd.status()));
                d.lessonsLearned = Optional.of(new LessonsLearned(
                        ll.status(), ll.scheduledAt(), ll.attendees(), ll.findings(), actions, ll.note()));
                d.openImprovementActions = (int) actions.stream()
                        .filter(a -> a.status() == ImprovementAction.Status.OPEN)
                        .count();
                String note = cmd.note() == null ? "" : cmd.note();
                d.log(
                        ProgressKind.IMPROVEMENT_ACTION_UPDATED,
                        p.actor().ref(),
                        Visibility.CUSTOMER,
                        text(note),
                        params(
                                "index",
                                new EntryParam.Count(cmd.index()),
                                "status",
                                EntryParam.Code.of(cmd.status()),
                                "open",
                                new EntryParam.Count(d.openImprovementActions)));
                d.notifyAll(
                        NotificationKind.PROGRESS_UPDATE,
                        People.recipients(d, p),
                        params("entry", EntryParam.Code.of(ProgressKind.IMPROVEMENT_ACTION_UPDATED)),
                        text(note));
            });

    /**
     * Whether {@code p} owns action {@code a}: the owner is the actor's id and of the actor's kind
     * ({@link ImprovementAction#ownerKind}). An owner without a kind (stored before owners had one) is read with the
     * old rule: it names a staff member when the staff directory knows one with that id (active or not), else the
     * customer's contact with that id, else nobody (a plain name: the manager acts for it). So a contact whose id
     * equals a staff member's id is not the owner of that member's kindless action — the same reading as the due
     * reminder's ({@link DueFollowUps}).
     *
     * @throws Lookups.Missing if the staff member with the owner's id was not read before (a contact claims a kindless
     *     action)
     */
    private static boolean ownedBy(ImprovementAction a, Principal p, Lookups l) {
        if (!a.mayBeOwnedBy(p.partyKind(), p.actor().id())) {
            return false;
        }
        if (p.staff().isPresent() || a.ownerKind().isPresent()) {
            return true; // the actor is the staff member of that id, or the owner is a contact of that id
        }
        return l.staffMember(StaffId.of(a.owner())).isEmpty(); // a kindless owner's id names a staff member first
    }

    /**
     * CANCEL_LESSONS_LEARNED (guard SESSION_SCHEDULED): the manager cancels the scheduled session; each attendee gets
     * the invitation's cancellation (same uid, the next sequence) and the session is no longer scheduled (the state
     * stays LESSONS_LEARNED: schedule again, or the customer declines, before closing).
     */
    static final Steps<CancelLessonsLearned> CANCEL_LESSONS_LEARNED =
            Steps.of(CancelLessonsLearned.class, CancelLessonsLearned::escalation, (cmd, p, r, d, l) -> {
                LessonsLearned scheduled = r.lessonsLearned().orElseThrow(); // guard SESSION_SCHEDULED
                String reason = cmd.reason() == null ? "" : cmd.reason();
                int sequence = d.invitationsSent();
                ClosureRows.cancel(scheduled, r, d, l, reason, true);
                d.lessonsLearned = Optional.empty();
                d.log(
                        ProgressKind.LESSONS_LEARNED_CANCELLED,
                        p.actor().ref(),
                        Visibility.CUSTOMER,
                        text(reason),
                        params(
                                "at",
                                new EntryParam.At(scheduled.scheduledAt().orElse(d.now)),
                                "sequence",
                                new EntryParam.Count(sequence)));
                d.ticketUpdate("Lessons-learned session cancelled by the Escalation Manager", Visibility.CUSTOMER);
            });
}
