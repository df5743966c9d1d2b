package dev.escalation;

import dev.escalation.model.EscalationId;
import dev.escalation.model.EscalationState;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/** The action is not allowed in the escalation's current state. */
public final class IllegalTransitionException extends EscalationException {
    private static final long serialVersionUID = 1L;

    private final transient EscalationId escalation;
    private final transient EscalationState state;
    private final transient Action action;
    private final transient Set<Action> allowedActions;

    private final Reason reason;

    /** Why the action is not allowed now: the sub-reason of the code {@code ILLEGAL_TRANSITION}. Stable names. */
    public enum Reason {
        /** The state does not allow the action (yet). */
        WRONG_STATE,
        /** The escalation is closed or withdrawn: nothing can be changed. */
        FINAL_STATE,
        /** The SLA clock is already paused. */
        CLOCK_PAUSED,
        /** The SLA clock is running (not paused), so it cannot be resumed. */
        CLOCK_RUNNING,
        /** The lessons-learned session was already held or declined. */
        SESSION_CONCLUDED,
        /** There is no scheduled lessons-learned session. */
        SESSION_NOT_SCHEDULED,
        /** The lessons-learned session was neither held nor declined yet. */
        SESSION_NOT_CONCLUDED,
        /** There is no pending plan proposal (of the side it must come from) to confirm or record. */
        NO_PROPOSAL,
        /** The customer may still answer the manager's plan proposal: the answer window has not passed. */
        ANSWER_WINDOW_OPEN
    }

    IllegalTransitionException(
            EscalationId escalation, EscalationState state, Action action, Set<Action> allowedActions, String message) {
        this(
                escalation,
                state,
                action,
                allowedActions,
                state.isOpen() ? Reason.WRONG_STATE : Reason.FINAL_STATE,
                message);
    }

    IllegalTransitionException(
            EscalationId escalation,
            EscalationState state,
            Action action,
            Set<Action> allowedActions,
            Reason reason,
            String message) {
        super(message);
        this.reason = reason;
        this.escalation = escalation;
        this.state = state;
        this.action = action;
        this.allowedActions = allowedActions.isEmpty()
                ? Set.of()
                : Collections.unmodifiableSet(EnumSet.copyOf(allowedActions)); // declaration order, every run
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
     * @return the actions, unmodifiable, in their declaration order
     */
    public Set<Action> allowedActions() {
        return allowedActions;
    }

    /**
     * Why the action is not allowed now.
     *
     * @return the sub-reason
     */
    public Reason subReason() {
        return reason;
    }

    @Override
    public java.util.Optional<String> reason() {
        return java.util.Optional.of(reason.name());
    }

    @Override
    Object[] messageArgs(dev.escalation.text.Texts texts, java.util.Locale locale) {
        return args(texts, locale, action, escalation, state, "");
    }

    @Override
    public String code() {
        return "ILLEGAL_TRANSITION";
    }
}
