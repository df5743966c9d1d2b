package dev.escalation;

/** The actor may not take this action, such as a contact who is not an Incident Manager escalating a case. */
public final class NotAuthorizedException extends EscalationException {
    private static final long serialVersionUID = 1L;

    private final Actor actor;
    private final Action action;

    NotAuthorizedException(Actor actor, Action action, String message) {
        super(message);
        this.actor = actor;
        this.action = action;
    }

    /**
     * Who was refused.
     *
     * @return the actor
     */
    public Actor actor() {
        return actor;
    }

    /**
     * What was refused.
     *
     * @return the action
     */
    public Action action() {
        return action;
    }

    @Override
    public String code() {
        return "NOT_AUTHORIZED";
    }
}
