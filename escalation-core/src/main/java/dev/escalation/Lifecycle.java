package dev.escalation;

import static dev.escalation.model.EscalationState.ACKNOWLEDGED;
import static dev.escalation.model.EscalationState.ACTIVE;
import static dev.escalation.model.EscalationState.CLOSED;
import static dev.escalation.model.EscalationState.LESSONS_LEARNED;
import static dev.escalation.model.EscalationState.REQUESTED;
import static dev.escalation.model.EscalationState.RESOLVED;
import static dev.escalation.model.EscalationState.WITHDRAWN;

import dev.escalation.ActionRow.Guard;
import dev.escalation.ActionRow.Party;
import dev.escalation.ActionRow.When;
import dev.escalation.ActionRow.Who;
import dev.escalation.IllegalTransitionException.Reason;
import dev.escalation.model.EscalationState;
import dev.escalation.spi.StoredEscalation;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The action table: one {@link ActionRow} per {@link Action} with the states it is allowed in and the state it leads
 * to, who may take it (role <em>and</em> identity), the guards on the escalation's stored details and the action's body
 * (with its command's field rules and directory reads). One table runs and decides every command ({@link #check}),
 * {@link EscalationView#availableActions()} ({@link #available}), the README's action table (checked by
 * {@code ReadmeActionTableTest}) and the model-based tests (which also prove that a wrong table is caught).
 *
 * <p>A command is checked against its row in this order, inside the unit of work on the stored escalation:
 * <ol>
 *   <li>the state: not allowed in the current state → {@link IllegalTransitionException};
 *   <li>who: the actor is none of the row's parties → {@link NotAuthorizedException};
 *   <li>the guards, in the row's order: one does not hold → {@link IllegalTransitionException} with the guard's text.
 * </ol>
 * A customer contact never gets this far with another customer's escalation: the store's customer scope hides it
 * ({@link EscalationNotFoundException}). What is left is the command's content: field rules
 * ({@link InvalidCommandException}; checked by the row's validate step, or by the body if they need the stored
 * escalation) and what a customer contact may send ({@link ActionRow.Who#contactRule}, {@link NotAuthorizedException}).
 * An action is offered in {@link EscalationView#availableActions()} exactly when the three checks pass.
 *
 * <p>Each row also carries its steps ({@link ActionRow.Steps}): field rules, directory reads before the unit of work
 * and the body, which fills the next version's draft. {@link Workflow#run} dispatches every command through its row
 * (validate → resolve the actor → prepare → unit of work: load, check the row, apply the body, write → publish → view);
 * a body checks no state, role or identity itself. The steps live in per-area classes ({@link SupportRows},
 * {@link ManagerRows}, {@link PlanRows}, {@link ClosureRows}, {@link FollowThroughRows}, {@link SlaRows}) that do not
 * depend on the engine. A table built from this one ({@link Builder#from}) keeps the steps of the rows it changes.
 *
 * <p>Three rows are special: {@code ESCALATE} and {@code ESCALATE_ON_BEHALF} have no from-state and no steps: they
 * create the escalation ({@link WorkflowIntake} checks their row's who and writes the first version with the store's
 * {@code create}). {@code RECORD_CALENDAR_CHANGE} is asked once for all escalations ({@link #checkVendorWide}), then
 * run through its row per escalation like any row, skipping those whose state it is not allowed in.
 */
final class Lifecycle {

    /** Why an action is refused to an actor, or {@code OFFERED}. */
    private enum Verdict {
        OFFERED,
        STATE,
        WHO,
        GUARD
    }

    private final Map<Action, ActionRow<?>> rows;
    /** Precomputed: asked on every command for the returned view. */
    private final Map<EscalationState, Set<Action>> allowed = new EnumMap<>(EscalationState.class);

    private Lifecycle(Map<Action, ActionRow<?>> rows) {
        this.rows = rows;
        for (EscalationState state : EscalationState.values()) {
            EnumSet<Action> actions = EnumSet.noneOf(Action.class);
            rows.forEach((action, row) -> {
                if (row.transitions().containsKey(state)) {
                    actions.add(action);
                }
            });
            allowed.put(state, Collections.unmodifiableSet(actions));
        }
    }

    /** The engine's table. */
    static Lifecycle standard() {
        Party im = Party.INCIDENT_MANAGER;
        Party manager = Party.APPOINTED_MANAGER;
        Party management = Party.SUPPORT_MANAGEMENT;
        Builder b = new Builder();
        b.row(Action.ESCALATE, null, Who.of(im));
        b.row(Action.ACKNOWLEDGE, SupportRows.ACKNOWLEDGE, Who.of(management))
                .on(Action.ACKNOWLEDGE, REQUESTED, ACKNOWLEDGED);
        b.row(Action.REASSIGN_MANAGER, SupportRows.REASSIGN_MANAGER, Who.of(management))
                .stay(Action.REASSIGN_MANAGER, ACKNOWLEDGED, ACTIVE, RESOLVED, LESSONS_LEARNED);
        b.row(Action.AGREE_PLAN, ManagerRows.AGREE_PLAN, Who.of(manager)).on(Action.AGREE_PLAN, ACKNOWLEDGED, ACTIVE);
        b.row(Action.AMEND_PLAN, ManagerRows.AMEND_PLAN, Who.of(manager)).stay(Action.AMEND_PLAN, ACTIVE);
        b.row(
                        Action.LOG_PROGRESS,
                        ManagerRows.LOG_PROGRESS,
                        Who.of(im, manager).contactsOnly("a customer contact only customer-visible communications"))
                .stay(Action.LOG_PROGRESS, ACKNOWLEDGED, ACTIVE);
        b.row(Action.ADD_PARTICIPANT, ManagerRows.ADD_PARTICIPANT, Who.of(manager))
                .stay(Action.ADD_PARTICIPANT, ACKNOWLEDGED, ACTIVE, RESOLVED, LESSONS_LEARNED);
        b.row(Action.REMOVE_PARTICIPANT, ManagerRows.REMOVE_PARTICIPANT, Who.of(manager))
                .stay(Action.REMOVE_PARTICIPANT, ACKNOWLEDGED, ACTIVE, RESOLVED, LESSONS_LEARNED);
        b.row(
                        Action.CHANGE_CRITICALITY,
                        ManagerRows.CHANGE_CRITICALITY,
                        Who.of(im, manager, management).contactsOnly("a customer contact may only raise it"))
                .stay(Action.CHANGE_CRITICALITY, REQUESTED, ACKNOWLEDGED, ACTIVE);
        b.row(Action.PAUSE_CLOCK, ManagerRows.PAUSE_CLOCK, Who.of(manager), ActionRow.CLOCK_RUNNING)
                .stay(Action.PAUSE_CLOCK, ACKNOWLEDGED, ACTIVE);
        b.row(Action.RESUME_CLOCK, ManagerRows.RESUME_CLOCK, Who.of(manager), ActionRow.CLOCK_PAUSED)
                .stay(Action.RESUME_CLOCK, ACKNOWLEDGED, ACTIVE);
        b.row(Action.RESOLVE, ClosureRows.RESOLVE, Who.of(manager)).on(Action.RESOLVE, ACTIVE, RESOLVED);
        b.row(Action.REOPEN, ClosureRows.REOPEN, Who.of(im, manager)).on(Action.REOPEN, RESOLVED, ACTIVE);
        b.row(
                        Action.SCHEDULE_LESSONS_LEARNED,
                        ClosureRows.SCHEDULE_LESSONS_LEARNED,
                        Who.of(manager),
                        ActionRow.SESSION_NOT_CONCLUDED)
                .on(Action.SCHEDULE_LESSONS_LEARNED, RESOLVED, LESSONS_LEARNED)
                .stay(Action.SCHEDULE_LESSONS_LEARNED, LESSONS_LEARNED);
        b.row(
                        Action.RECORD_LESSONS_LEARNED,
                        ClosureRows.RECORD_LESSONS_LEARNED,
                        Who.of(manager),
                        ActionRow.SESSION_SCHEDULED)
                .stay(Action.RECORD_LESSONS_LEARNED, LESSONS_LEARNED);
        b.row(
                        Action.DECLINE_LESSONS_LEARNED,
                        ClosureRows.DECLINE_LESSONS_LEARNED,
                        Who.of(im),
                        ActionRow.SESSION_NOT_CONCLUDED)
                .on(Action.DECLINE_LESSONS_LEARNED, RESOLVED, LESSONS_LEARNED)
                .stay(Action.DECLINE_LESSONS_LEARNED, LESSONS_LEARNED);
        b.row(Action.CLOSE, ClosureRows.CLOSE, Who.of(manager, management), ActionRow.SESSION_CONCLUDED)
                .on(Action.CLOSE, LESSONS_LEARNED, CLOSED);
        b.row(Action.WITHDRAW, ClosureRows.WITHDRAW, Who.of(im));
        for (EscalationState s : EnumSet.of(REQUESTED, ACKNOWLEDGED, ACTIVE)) {
            b.on(Action.WITHDRAW, s, WITHDRAWN);
        }
        b.row(Action.MIGRATE_POLICY, SlaRows.MIGRATE_POLICY, Who.of(management))
                .stay(Action.MIGRATE_POLICY, REQUESTED, ACKNOWLEDGED, ACTIVE, RESOLVED, LESSONS_LEARNED);
        b.row(Action.RECORD_CALENDAR_CHANGE, SlaRows.RECORD_CALENDAR_CHANGE, Who.of(management))
                .stay(Action.RECORD_CALENDAR_CHANGE, REQUESTED, ACKNOWLEDGED, ACTIVE);
        b.row(Action.ESCALATE_ON_BEHALF, null, Who.of(management));
        b.row(Action.PROPOSE_PLAN, PlanRows.PROPOSE_PLAN, Who.of(im, manager))
                .stay(Action.PROPOSE_PLAN, ACKNOWLEDGED, ACTIVE);
        b.row(Action.CONFIRM_PLAN, PlanRows.CONFIRM_PLAN, Who.of(Party.PLAN_COUNTERPART), ActionRow.PLAN_PROPOSED)
                .on(Action.CONFIRM_PLAN, ACKNOWLEDGED, ACTIVE)
                .stay(Action.CONFIRM_PLAN, ACTIVE);
        b.row(
                        Action.RECORD_PLAN_ALONE,
                        PlanRows.RECORD_PLAN_ALONE,
                        Who.of(manager),
                        ActionRow.PROPOSED_BY_VENDOR,
                        ActionRow.ANSWER_OVERDUE)
                .on(Action.RECORD_PLAN_ALONE, ACKNOWLEDGED, ACTIVE)
                .stay(Action.RECORD_PLAN_ALONE, ACTIVE);
        b.row(
                        Action.UPDATE_IMPROVEMENT_ACTION,
                        FollowThroughRows.UPDATE_IMPROVEMENT_ACTION,
                        Who.of(manager, Party.ACTION_OWNER).contactsOnly("an owner only its own action"),
                        ActionRow.ACTIONS_RECORDED)
                .stay(Action.UPDATE_IMPROVEMENT_ACTION, LESSONS_LEARNED, CLOSED);
        b.row(
                        Action.CANCEL_LESSONS_LEARNED,
                        FollowThroughRows.CANCEL_LESSONS_LEARNED,
                        Who.of(manager),
                        ActionRow.SESSION_SCHEDULED)
                .stay(Action.CANCEL_LESSONS_LEARNED, LESSONS_LEARNED);
        return b.build();
    }

    // ------------------------------------------------------------------ the table's rules

    /**
     * Checks {@code action} by {@code p} on {@code r} against its row (state, who, guards, in that order) and
     * returns the state it leads to.
     *
     * @throws IllegalTransitionException if the state does not allow it or a guard does not hold
     * @throws NotAuthorizedException if the actor is none of the row's parties
     */
    EscalationState check(Principal p, StoredEscalation r, Action action, When when) {
        ActionRow<?> row = rows.get(action);
        switch (verdict(p, r, action, when)) {
            case STATE:
                throw illegal(r, action, null, when);
            case WHO:
                throw row.who().refuse(p, action, r);
            case GUARD:
                for (Guard g : row.guards()) {
                    if (!g.holds().test(r, when)) {
                        throw illegal(r, action, g.refusal().apply(r), when, guardReason(g));
                    }
                }
                throw new IllegalStateException("no guard refused " + action);
            default:
                return row.transitions().get(r.state());
        }
    }

    /**
     * Checks an action that is not taken on one escalation (such as recording a calendar change in all of them) for
     * the parties that need no escalation: Support Management.
     */
    void checkVendorWide(Principal p, Action action) {
        ActionRow<?> row = row(action);
        if (!row.who().allows(p, null, Optional.empty())) {
            throw row.who().refuse(p, action, null);
        }
    }

    /** The actions {@code p} may take on {@code r} now: the state, who and the guards allow them. */
    Set<Action> available(Principal p, StoredEscalation r, When when) {
        Set<Action> result = EnumSet.noneOf(Action.class);
        for (Action a : allowedIn(r.state())) {
            if (verdict(p, r, a, when) == Verdict.OFFERED) {
                result.add(a);
            }
        }
        return result;
    }

    private Verdict verdict(Principal p, StoredEscalation r, Action action, When when) {
        ActionRow<?> row = rows.get(action);
        if (row == null || !row.transitions().containsKey(r.state())) {
            return Verdict.STATE;
        }
        if (!row.who().allows(p, r)) {
            return Verdict.WHO;
        }
        for (Guard g : row.guards()) {
            if (!g.holds().test(r, when)) {
                return Verdict.GUARD;
            }
        }
        return Verdict.OFFERED;
    }

    /**
     * The refusal of {@code action} on {@code r} for its state or a guard; its {@code allowedActions()} are those the
     * state and the guards allow now (to anyone authorised).
     */
    IllegalTransitionException illegal(StoredEscalation r, Action action, @Nullable String message, When when) {
        return illegal(r, action, message, when, r.state().isOpen() ? Reason.WRONG_STATE : Reason.FINAL_STATE);
    }

    /** The sub-reason of a guard's refusal: the guard's name for what is wrong (unknown guards: WRONG_STATE). */
    private static Reason guardReason(Guard g) {
        return switch (g.name()) {
            case "CLOCK_RUNNING" -> Reason.CLOCK_PAUSED;
            case "CLOCK_PAUSED" -> Reason.CLOCK_RUNNING;
            case "SESSION_NOT_CONCLUDED" -> Reason.SESSION_CONCLUDED;
            case "SESSION_SCHEDULED" -> Reason.SESSION_NOT_SCHEDULED;
            case "SESSION_CONCLUDED" -> Reason.SESSION_NOT_CONCLUDED;
            case "PLAN_PROPOSED", "PROPOSED_BY_VENDOR" -> Reason.NO_PROPOSAL;
            case "ANSWER_OVERDUE" -> Reason.ANSWER_WINDOW_OPEN;
            default -> Reason.WRONG_STATE;
        };
    }

    private IllegalTransitionException illegal(
            StoredEscalation r, Action action, @Nullable String message, When when, Reason reason) {
        Set<Action> allowedNow = EnumSet.noneOf(Action.class);
        for (Action a : allowedIn(r.state())) {
            if (rows.get(a).guards().stream().allMatch(g -> g.holds().test(r, when))) {
                allowedNow.add(a);
            }
        }
        String text = message != null
                ? message
                : "escalation " + r.id() + " is " + r.state() + "; " + hint(r.state(), action, allowedNow);
        return new IllegalTransitionException(r.id(), r.state(), action, allowedNow, reason, text);
    }

    private String hint(EscalationState state, Action action, Set<Action> allowedNow) {
        if (state == REQUESTED && statesOf(action).contains(ACKNOWLEDGED)) {
            return "appoint an Escalation Manager before you " + ActionRow.words(action);
        }
        if (state == ACKNOWLEDGED && statesOf(action).contains(ACTIVE)) {
            return "agree a communication plan before you " + ActionRow.words(action);
        }
        if (!state.isOpen()) {
            return "it is final; nothing can be changed";
        }
        return "cannot " + ActionRow.words(action) + " now (allowed: " + allowedNow + ")";
    }

    // ------------------------------------------------------------------ reading the table

    /**
     * The row of {@code action} for {@code command}, typed by it.
     *
     * @throws IllegalStateException if the row has no steps (the creating row) or handles another command type
     */
    @SuppressWarnings("unchecked") // checked: the row's steps handle the command's class
    <C> ActionRow<C> rowFor(Action action, C command) {
        ActionRow<?> row = row(action);
        if (row.steps() == null || !row.steps().command().isInstance(command)) {
            throw new IllegalStateException("the row of " + action + " does not handle " + command.getClass());
        }
        return (ActionRow<C>) row;
    }

    /** The row of {@code action}. */
    ActionRow<?> row(Action action) {
        ActionRow<?> row = rows.get(action);
        if (row == null) {
            throw new IllegalStateException("the action table has no row for " + action);
        }
        return row;
    }

    /** The actions allowed in {@code state} (to anyone authorised, guards aside). */
    Set<Action> allowedIn(EscalationState state) {
        return allowed.get(state);
    }

    /** The states in which {@code action} is allowed. */
    Set<EscalationState> statesOf(Action action) {
        ActionRow<?> row = rows.get(action);
        return row == null || row.transitions().isEmpty()
                ? EnumSet.noneOf(EscalationState.class)
                : EnumSet.copyOf(row.transitions().keySet());
    }

    /**
     * Builds a table; package-private so that tests can build deliberately wrong ones from the standard table (the
     * rows keep their steps, see {@link #row(Action, Who, Guard...)} and {@link #on}).
     */
    static final class Builder {
        private final Map<Action, ActionRow<?>> rows = new EnumMap<>(Action.class);

        /** Adds (or replaces) the row of {@code action} with its steps, who and guards, keeping its transitions. */
        <C> Builder row(Action action, ActionRow.@Nullable Steps<C> steps, Who who, Guard... guards) {
            ActionRow<?> old = rows.get(action);
            rows.put(
                    action,
                    new ActionRow<>(action, old == null ? Map.of() : old.transitions(), who, List.of(guards), steps));
            return this;
        }

        /** Replaces the who and guards of the row of {@code action}, keeping its transitions and steps. */
        Builder row(Action action, Who who, Guard... guards) {
            ActionRow<?> old = rows.get(action);
            rows.put(
                    action,
                    old == null
                            ? new ActionRow<>(action, Map.of(), who, List.of(guards), null)
                            : old.with(old.transitions(), who, List.of(guards)));
            return this;
        }

        /** Allows {@code action} in {@code from}, leading to {@code to}; a new row allows it to nobody and has no steps. */
        Builder on(Action action, EscalationState from, EscalationState to) {
            ActionRow<?> old = rows.get(action);
            Map<EscalationState, EscalationState> transitions = new EnumMap<>(EscalationState.class);
            if (old != null) {
                transitions.putAll(old.transitions());
            }
            transitions.put(from, to);
            rows.put(
                    action,
                    old == null
                            ? new ActionRow<>(
                                    action, transitions, new Who(EnumSet.noneOf(Party.class), ""), List.of(), null)
                            : old.with(transitions, old.who(), old.guards()));
            return this;
        }

        Builder stay(Action action, EscalationState... states) {
            for (EscalationState s : states) {
                on(action, s, s);
            }
            return this;
        }

        /** Starts from the rows of {@code lifecycle}, with their steps. */
        Builder from(Lifecycle lifecycle) {
            rows.putAll(lifecycle.rows);
            return this;
        }

        Lifecycle build() {
            return new Lifecycle(new EnumMap<>(rows));
        }
    }
}
