package dev.escalation;

import dev.escalation.model.EscalationId;
import dev.escalation.model.EscalationState;
import java.util.Set;

/** The action is not allowed in the escalation's current state. */
public final class IllegalTransitionException extends EscalationException {
    private static final long serialVersionUID = 1L;

    private final transient EscalationId escalation;
    private final transient EscalationState state;
    private final transient Action action;
    private final transient Set<Action> allowedActions;

    IllegalTransitionException(
            EscalationId escalation, EscalationState state, Action action, Set<Action> allowedActions, String message) {
        super(message);
        this.escalation = escalation;
        this.state = state;
        this.action = action;
        this.allowedActions = Set.copyOf(allowedActions);
    }

    /**
     * The escalation.
     *
     * @return its id
     */
    public EscalationId escalation() {
        return escalation;
    }

    /**
     * Its current state.
     *
     * @return the state
     */
    public EscalationState state() {
        return state;
    }

    /**
     * The refused action.
     *
     * @return the action
     */
    public Action action() {
        return action;
    }

    /**
     * The actions the current state allows (to anyone authorised).
     *
     * @return the actions
     */
    public Set<Action> allowedActions() {
        return allowedActions;
    }

    @Override
    public String code() {
        return "ILLEGAL_TRANSITION";
    }
}
